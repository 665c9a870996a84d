//! `saju models pull`: fetches a manifest model's files from the Hugging Face hub into
//! `<data_dir>/models/<name>/`, with a progress bar, checking SHA-256 where the manifest gives it. Honours
//! `HF_ENDPOINT` (a mirror) and `HF_TOKEN`.

use super::manifest::ModelEntry;
use super::paths::install_dir;
use hf_hub::api::tokio::{ApiBuilder, Progress};
use hf_hub::{Repo, RepoType};
use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Clone)]
struct Bar(ProgressBar);

impl Progress for Bar {
    async fn init(&mut self, size: usize, filename: &str) {
        self.0.set_length(size as u64);
        self.0.set_position(0);
        self.0.set_message(filename.to_string());
    }

    async fn update(&mut self, size: usize) {
        self.0.inc(size as u64);
    }

    async fn finish(&mut self) {
        self.0.finish_and_clear();
    }
}

fn bar(show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn endpoint() -> String {
    std::env::var("HF_ENDPOINT").unwrap_or_else(|_| "https://huggingface.co".to_string())
}

fn offline_message(entry: &ModelEntry, target: &Path, cause: &str) -> String {
    let files: Vec<&str> = entry.files.iter().map(|f| f.file_name()).collect();
    format!(
        "모델 저장소({})에 연결할 수 없습니다: {cause}. 인터넷이 없으면 다른 컴퓨터에서 {} 저장소의 파일({})을 받아 {} 폴더에 복사하세요",
        endpoint(),
        entry.repo,
        files.join(", "),
        target.display()
    )
}

fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher)?;
    Ok(crate::knowledge::dense::hex(&hasher.finalize()))
}

/// Downloads every file of `entry` at `revision` (the manifest's when `None`) into the data dir; returns
/// the model folder. Errors are one Korean sentence saying what to do.
pub async fn pull(
    entry: &ModelEntry,
    revision: Option<&str>,
    data_dir: &Path,
    show_progress: bool,
) -> Result<PathBuf, String> {
    let target = install_dir(&entry.name, data_dir);
    std::fs::create_dir_all(&target).map_err(|e| format!("{}을(를) 만들 수 없습니다: {e}", target.display()))?;
    let cache = data_dir.join("models").join(".hf-cache");
    let api = ApiBuilder::from_env()
        .with_endpoint(endpoint())
        .with_cache_dir(cache)
        .with_progress(false)
        .build()
        .map_err(|e| format!("hf-hub 클라이언트를 만들 수 없습니다: {e}"))?;
    let revision = revision.unwrap_or(&entry.revision).to_string();
    for file in &entry.files {
        let repo_id = file.repo.clone().unwrap_or_else(|| entry.repo.clone());
        let repo = api.repo(Repo::with_revision(repo_id.clone(), RepoType::Model, revision.clone()));
        let downloaded =
            repo.download_with_progress(&file.path, Bar(bar(show_progress))).await.map_err(|e| match e {
                hf_hub::api::tokio::ApiError::RequestError(e) if e.is_connect() || e.is_timeout() => {
                    offline_message(entry, &target, &e.to_string())
                }
                other => format!("{repo_id}/{} 받기 실패: {other}", file.path),
            })?;
        if let Some(expected) = &file.sha256 {
            let got = sha256_file(&downloaded).map_err(|e| format!("{} 읽기 실패: {e}", downloaded.display()))?;
            if !got.eq_ignore_ascii_case(expected) {
                return Err(format!("{}의 SHA-256이 다릅니다 (기대 {expected}, 실제 {got})", file.path));
            }
        }
        let dest = target.join(file.file_name());
        std::fs::copy(&downloaded, &dest).map_err(|e| format!("{} 복사 실패: {e}", dest.display()))?;
    }
    Ok(target)
}
