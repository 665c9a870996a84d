//! The operator's choices (which plugins are switched off) in a small JSON file in the data directory,
//! so they survive restarts. Written atomically (temporary file, then rename).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct StateFile {
    disabled: BTreeSet<String>,
}

pub struct OperatorState {
    path: Option<PathBuf>,
}

impl OperatorState {
    /// `path` None: choices live in memory only (CLI runs, tests).
    pub fn new(path: Option<PathBuf>) -> OperatorState {
        OperatorState { path }
    }

    /// The ids switched off. A missing or unreadable file means none (logged when unreadable).
    pub fn disabled(&self) -> BTreeSet<String> {
        let Some(path) = &self.path else { return BTreeSet::new() };
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice::<StateFile>(&bytes).map(|s| s.disabled).unwrap_or_else(|e| {
                tracing::warn!(path = %path.display(), error = %e, "plugin state file unreadable; all plugins enabled");
                BTreeSet::new()
            }),
            Err(_) => BTreeSet::new(),
        }
    }

    pub fn save(&self, disabled: &BTreeSet<String>) -> std::io::Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        write_atomically(path, &serde_json::to_vec_pretty(&StateFile { disabled: disabled.clone() })?)
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
