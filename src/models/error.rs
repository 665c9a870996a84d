//! The error of loading a local model: one type for every public entry of `models`, its message naming the
//! file and the reason (in place of `anyhow` and bare strings).

use std::fmt::Display;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// A model's files cannot be found, read or understood.
    #[error("{0}")]
    Load(String),
    /// `models/manifest.toml` or a model name does not parse.
    #[error("{0}")]
    Manifest(String),
}

impl From<candle_core::Error> for ModelError {
    fn from(e: candle_core::Error) -> Self {
        ModelError::Load(e.to_string())
    }
}

impl From<std::io::Error> for ModelError {
    fn from(e: std::io::Error) -> Self {
        ModelError::Load(e.to_string())
    }
}

impl From<serde_json::Error> for ModelError {
    fn from(e: serde_json::Error) -> Self {
        ModelError::Load(e.to_string())
    }
}

/// `.context(|| "what was being done")` on an `Option` or a `Result`: a [`ModelError::Load`] that says what
/// was being done and, for a `Result`, why it failed.
pub trait Context<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T, ModelError>;
}

impl<T> Context<T> for Option<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T, ModelError> {
        self.ok_or_else(|| ModelError::Load(what()))
    }
}

impl<T, E: Display> Context<T> for Result<T, E> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T, ModelError> {
        self.map_err(|e| ModelError::Load(format!("{}: {e}", what())))
    }
}

/// A load error with this message.
pub fn load_error(message: impl Into<String>) -> ModelError {
    ModelError::Load(message.into())
}
