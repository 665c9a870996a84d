//! Who phrases an answer: generators turn an [`AnswerContext`] into text. A remote OpenAI-compatible
//! service ([`RemoteGenerator`]), a local candle model ([`LocalGenerator`]), and the [`GroundedComposer`]
//! (a thin adapter over `answer::compose`, which always works); a [`FallbackChain`] tries them in order and
//! ends with its last resort. Chart facts come from the engine, interpretations from passages; a generator
//! only phrases, and `answer::grounding` rejects model answers that name pillars the chart does not have or
//! that claim certainty.

pub mod chain;
pub mod composer;
pub mod error;
pub mod local;
pub mod prompt;
pub mod remote;
pub mod sse;

pub use crate::answer::{AnswerContext, PassageRef};
pub use crate::models::chat::ChatMessage;
pub use chain::{Cancel, ChainEvent, ChainOutcome, FallbackChain, LastResort};
pub use composer::GroundedComposer;
pub use error::GenError;
pub use local::LocalGenerator;
pub use remote::{RemoteGenerator, RemoteOptions};

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// The future a generator returns: the whole answer, after its pieces went through `on_token`.
pub type GenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, GenError>> + Send + 'a>>;

/// Something that phrases an answer. `answer` calls `on_token` with successive pieces of the answer as
/// they are produced (their concatenation is the returned text) and returns the whole text.
/// Implementations must be cancel-safe: dropping the future abandons the answer.
pub trait Generator: Send + Sync {
    /// A short stable name for logs, metrics and the chain's attempt list (`remote`, `local`, `composer`).
    fn name(&self) -> &str;

    fn answer<'a>(&'a self, ctx: &'a AnswerContext, on_token: &'a mut (dyn FnMut(&str) + Send)) -> GenFuture<'a>;

    /// Whether the chain must run the [`grounding`] check on this generator's text. Only generators whose
    /// text is built from engine facts alone (the composer) say `false`.
    fn needs_grounding_check(&self) -> bool {
        true
    }
}

/// How long one generator (all its retries included) may take before the chain moves on.
pub const DEFAULT_PER_GENERATOR_TIMEOUT: Duration =
    Duration::from_secs(crate::config::REMOTE_GENERATOR_TIMEOUT_SECONDS);

/// The chain the configuration asks for: the remote service when `base_url` and `model` are both set,
/// then the grounded composer, which is always last.
pub fn from_config(config: &crate::config::LlmConfig) -> FallbackChain {
    from_config_with_local(config, None)
}

/// [`from_config`] with a loaded local model between the remote service and the composer. The chain then
/// allows each generator `[llm.local] timeout_seconds` (when longer than the default), and the local
/// generator keeps to that limit itself.
pub fn from_config_with_local(
    config: &crate::config::LlmConfig,
    local: Option<Arc<crate::models::chat::LocalChatModel>>,
) -> FallbackChain {
    let mut generators: Vec<Arc<dyn Generator>> = Vec::new();
    let remote = &config.remote;
    if !remote.base_url.trim().is_empty() && !remote.model.trim().is_empty() {
        match RemoteGenerator::new(&remote.base_url, &remote.api_key, &remote.model, RemoteOptions::default()) {
            Ok(g) => generators.push(Arc::new(g)),
            Err(e) => tracing::warn!(error = %e, "remote LLM disabled: the HTTP client could not be built"),
        }
    }
    let mut timeout = DEFAULT_PER_GENERATOR_TIMEOUT;
    if let Some(model) = local {
        let limit = Duration::from_secs(config.local.timeout_seconds);
        timeout = timeout.max(limit);
        generators.push(Arc::new(LocalGenerator::new(model).with_timeout(limit)));
    }
    generators.push(Arc::new(GroundedComposer));
    FallbackChain::new(generators, Arc::new(GroundedComposer), timeout)
}
