//! Why a generator gave no answer. Messages are English: they go to logs and the attempt list, never to
//! the user (the chain always ends with an answer).

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GenError {
    /// The generator (or one request of it) took longer than allowed.
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    /// The service answered with a non-success status (after any retries).
    #[error("HTTP status {status}: {message}")]
    Http { status: u16, message: String },
    /// The service answered something that is not a chat completion.
    #[error("malformed response: {0}")]
    Malformed(String),
    /// The generator could not be reached or is not ready (connection refused, DNS, model not loaded).
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// The answer broke off after it had started (connection lost mid-stream, error event in the stream).
    #[error("interrupted mid-answer: {0}")]
    Interrupted(String),
    /// The answer names pillars the chart does not have, or claims certainty (see `llm::grounding`).
    #[error("ungrounded answer: {0}")]
    Ungrounded(String),
    /// The caller gave up (client disconnected, shutdown).
    #[error("cancelled")]
    Cancelled,
}

impl GenError {
    /// A stable snake_case code for metrics labels and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            GenError::Timeout(_) => "timeout",
            GenError::Http { .. } => "http_status",
            GenError::Malformed(_) => "malformed_response",
            GenError::Unavailable(_) => "unavailable",
            GenError::Interrupted(_) => "interrupted",
            GenError::Ungrounded(_) => "ungrounded",
            GenError::Cancelled => "cancelled",
        }
    }
}
