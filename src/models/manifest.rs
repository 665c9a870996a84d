//! The manifest of supported models (`models/manifest.toml`, compiled into the binary): what `saju models
//! pull NAME` fetches and what `saju models list` describes.

use serde::{Deserialize, Serialize};

/// The committed manifest.
pub const EMBEDDED: &str = include_str!("../../models/manifest.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    Chat,
    Embedding,
}

/// One file of a model: its path in the repository (the folder keeps only the file name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    pub path: String,
    /// Another repository to fetch this file from (tokenizer.json of a GGUF model).
    #[serde(default)]
    pub repo: Option<String>,
    /// Hex SHA-256, checked after download when given.
    #[serde(default)]
    pub sha256: Option<String>,
}

impl ModelFile {
    /// The file's name inside the model folder.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    pub name: String,
    /// `qwen2`, `qwen3`, `gemma3`, `llama` (chat) or `bert`, `xlm_roberta` (embedding).
    pub family: String,
    pub kind: ModelKind,
    pub repo: String,
    pub revision: String,
    pub size_mb: u64,
    pub files: Vec<ModelFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub models: Vec<ModelEntry>,
}

const CHAT_FAMILIES: &[&str] = &["qwen2", "qwen3", "gemma3", "llama"];
const EMBEDDING_FAMILIES: &[&str] = &["bert", "xlm_roberta"];

impl Manifest {
    pub fn embedded() -> Manifest {
        Manifest::parse(EMBEDDED).unwrap_or_else(|e| panic!("models/manifest.toml is invalid: {e}"))
    }

    /// Parses and checks a manifest: known families matching the kind, unique names, at least one file.
    pub fn parse(text: &str) -> Result<Manifest, super::error::ModelError> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| super::error::ModelError::Manifest(e.to_string()))?;
        let mut names = std::collections::BTreeSet::new();
        for m in &manifest.models {
            let families = match m.kind {
                ModelKind::Chat => CHAT_FAMILIES,
                ModelKind::Embedding => EMBEDDING_FAMILIES,
            };
            if !families.contains(&m.family.as_str()) {
                return Err(super::error::ModelError::Manifest(format!(
                    "{}: family {:?} is not one of {families:?}",
                    m.name, m.family
                )));
            }
            if m.files.is_empty() {
                return Err(super::error::ModelError::Manifest(format!("{}: no files", m.name)));
            }
            if !names.insert(m.name.as_str()) {
                return Err(super::error::ModelError::Manifest(format!("{}: listed twice", m.name)));
            }
            if let Some(bad) = m.files.iter().filter_map(|f| f.sha256.as_deref()).find(|h| !is_sha256(h)) {
                return Err(super::error::ModelError::Manifest(format!("{}: {bad:?} is not a hex SHA-256", m.name)));
            }
        }
        Ok(manifest)
    }

    pub fn get(&self, name: &str) -> Option<&ModelEntry> {
        self.models.iter().find(|m| m.name == name)
    }

    pub fn names(&self) -> Vec<&str> {
        self.models.iter().map(|m| m.name.as_str()).collect()
    }
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_manifest_parses_and_covers_every_family() {
        let m = Manifest::embedded();
        for family in CHAT_FAMILIES.iter().chain(&["bert"]) {
            assert!(m.models.iter().any(|e| e.family == *family), "no {family} model");
        }
        assert_eq!(m.get("multilingual-e5-small").map(|e| e.kind), Some(ModelKind::Embedding));
    }

    #[test]
    fn bad_manifests_are_refused() {
        let entry = |family: &str, kind: &str| {
            format!("[[models]]\nname='a'\nfamily='{family}'\nkind='{kind}'\nrepo='r'\nrevision='main'\nsize_mb=1\nfiles=[{{path='x.gguf'}}]\n")
        };
        assert!(Manifest::parse(&entry("qwen2", "chat")).is_ok());
        assert!(Manifest::parse(&entry("bert", "chat")).is_err());
        assert!(Manifest::parse(&entry("qwen2", "embedding")).is_err());
        assert!(Manifest::parse(&format!("{}{}", entry("qwen2", "chat"), entry("llama", "chat"))).is_err());
    }
}
