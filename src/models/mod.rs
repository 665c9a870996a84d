//! Local models run with candle: GGUF chat models ([`chat`]) for the `local` generator, BERT-family
//! sentence embedders ([`embed`]) for dense retrieval, the manifest of supported models ([`manifest`]),
//! where model folders live ([`paths`]) and how they are fetched ([`pull`]). Models are loaded once and
//! shared behind an `Arc`; nothing here downloads at request time.

pub mod chat;
pub mod embed;
pub mod error;
pub mod manifest;
pub mod paths;
pub mod pull;

pub use error::ModelError;
pub use manifest::{Manifest, ModelEntry, ModelKind};
pub use paths::{resolve, ModelLocation};

/// Threads candle's CPU kernels use; `0` keeps candle's default (all cores). Applies process-wide and only
/// before the first model runs.
pub fn set_threads(threads: usize) {
    if threads > 0 && std::env::var_os("RAYON_NUM_THREADS").is_none() {
        // candle and its rayon pool read this when they first start a thread pool.
        std::env::set_var("RAYON_NUM_THREADS", threads.to_string());
    }
}

use crate::config::Config;
use std::sync::Arc;

/// The generation options `[llm.local]` asks for.
pub fn local_options(config: &crate::config::LocalLlmConfig) -> chat::LocalOptions {
    chat::LocalOptions {
        max_context_tokens: config.max_context_tokens,
        max_new_tokens: config.max_new_tokens,
        temperature: config.temperature,
        ..chat::LocalOptions::default()
    }
}

/// Loads `[llm.local] model` when set. A model that cannot be found or loaded is an error the caller
/// reports; the chain then runs without it.
pub fn load_local_chat(config: &Config) -> Result<Option<Arc<chat::LocalChatModel>>, ModelError> {
    let local = &config.llm.local;
    if local.model.trim().is_empty() {
        return Ok(None);
    }
    set_threads(local.threads);
    let location = resolve(&local.model, &config.server.data_dir)?;
    let path = location.file.unwrap_or(location.dir);
    let model = chat::LocalChatModel::load(&path, local_options(local))
        .map_err(|e| ModelError::Load(format!("로컬 모델을 읽지 못했습니다 ({}): {e}", path.display())))?;
    Ok(Some(Arc::new(model)))
}

/// Loads `[knowledge] embedding_model` when set.
pub fn load_embedder(config: &Config) -> Result<Option<Arc<embed::BertEmbedder>>, ModelError> {
    let name = config.knowledge.embedding_model.trim();
    if name.is_empty() {
        return Ok(None);
    }
    set_threads(config.llm.local.threads);
    let location = resolve(name, &config.server.data_dir)?;
    let embedder = embed::BertEmbedder::load(&location.dir)
        .map_err(|e| ModelError::Load(format!("임베딩 모델을 읽지 못했습니다 ({}): {e}", location.dir.display())))?;
    Ok(Some(Arc::new(embedder)))
}
