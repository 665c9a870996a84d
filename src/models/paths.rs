//! Where model folders live: `<data_dir>/models/<name>/` (what `saju models pull` writes), then the
//! checkout's `models/<name>/` (relative to the working directory); a configured value that is a path (a
//! folder, or a `.gguf` file) is used as is.

use std::path::{Path, PathBuf};

/// A model found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelLocation {
    /// The configured name (or the folder's name when configured by path).
    pub name: String,
    pub dir: PathBuf,
    /// The GGUF weights when the model is configured as a single file.
    pub file: Option<PathBuf>,
}

/// The folders searched for a model called `name`, in order.
pub fn candidates(name: &str, data_dir: &Path) -> Vec<PathBuf> {
    vec![data_dir.join("models").join(name), PathBuf::from("models").join(name)]
}

/// The folder `pull` writes a model into.
pub fn install_dir(name: &str, data_dir: &Path) -> PathBuf {
    data_dir.join("models").join(name)
}

fn looks_like_path(spec: &str) -> bool {
    spec.contains('/') || spec.contains(std::path::MAIN_SEPARATOR) || spec.ends_with(".gguf")
}

/// Finds the model `spec` (a name or a path); the error says where it looked, in Korean.
pub fn resolve(spec: &str, data_dir: &Path) -> Result<ModelLocation, super::error::ModelError> {
    let spec = spec.trim();
    if looks_like_path(spec) {
        let path = PathBuf::from(spec);
        let name = path.file_stem().map_or_else(|| spec.to_string(), |s| s.to_string_lossy().into_owned());
        return if path.is_file() {
            let dir = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            Ok(ModelLocation { name, dir, file: Some(path) })
        } else if path.is_dir() {
            Ok(ModelLocation { name, dir: path, file: None })
        } else {
            Err(super::error::load_error(format!("모델 경로가 없습니다: {spec}")))
        };
    }
    let tried = candidates(spec, data_dir);
    match tried.iter().find(|d| d.is_dir()) {
        Some(dir) => Ok(ModelLocation { name: spec.to_string(), dir: dir.clone(), file: None }),
        None => {
            let list: Vec<String> = tried.iter().map(|d| d.display().to_string()).collect();
            Err(super::error::load_error(format!(
                "모델 '{spec}'을(를) 찾지 못했습니다 (찾아본 곳: {}). `saju models pull {spec}`로 받거나 모델 폴더를 그곳에 복사하세요",
                list.join(", ")
            )))
        }
    }
}

/// The first file in `dir` whose name ends with `ext` (sorted by name, so the choice is stable).
pub fn find_with_extension(dir: &Path, ext: &str) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(ext))
        .collect();
    found.sort();
    found.into_iter().next()
}

/// Total size in bytes of the regular files directly in `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()?.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum())
        .unwrap_or(0)
}
