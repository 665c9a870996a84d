//! The `local` generator: the prompt for an answer fitted to a shared [`LocalChatModel`]'s context, the
//! model run on a blocking thread, its pieces sent over a bounded channel to `on_token`, so the async
//! runtime never waits on the model. Dropping the future (the chain's timeout, a disconnected client,
//! shutdown) stops the generation at the next token.

use super::prompt;
use crate::answer::AnswerContext;
use crate::llm::{GenError, GenFuture, Generator};
use crate::models::chat::{GenerateError, LocalChatModel};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Text pieces buffered between the model's thread and the listener.
const PIECES_IN_FLIGHT: usize = 64;

impl From<GenerateError> for GenError {
    fn from(e: GenerateError) -> GenError {
        match e {
            GenerateError::Unavailable(m) => GenError::Unavailable(m),
            GenerateError::Interrupted(m) => GenError::Interrupted(m),
            GenerateError::Malformed(m) => GenError::Malformed(m),
            GenerateError::Cancelled => GenError::Cancelled,
        }
    }
}

/// The prompt for `ctx` cut to leave room for an answer within the model's `max_context_tokens`: passages
/// (then earlier turns) are dropped by [`prompt::build_within`] under a shrinking character budget.
pub fn fit_prompt(model: &LocalChatModel, ctx: &AnswerContext) -> Result<Vec<u32>, GenError> {
    let max = model.options().max_context_tokens;
    let room_for_answer = model.options().max_new_tokens.min(max / 4).max(1);
    let target = max - room_for_answer;
    let mut budget = prompt::DEFAULT_MAX_CHARS;
    for _ in 0..8 {
        let ids = model.encode_chat(&prompt::build_within(ctx, budget).messages)?;
        if ids.len() <= target {
            return Ok(ids);
        }
        let shrunk = (budget as f64 * target as f64 / ids.len() as f64 * 0.9) as usize;
        budget = shrunk.min(budget.saturating_sub(1));
    }
    Err(GenError::Unavailable(format!("the prompt does not fit in max_context_tokens = {max}")))
}

pub struct LocalGenerator {
    model: Arc<LocalChatModel>,
    timeout: Option<Duration>,
}

impl LocalGenerator {
    pub const NAME: &'static str = "local";

    pub fn new(model: Arc<LocalChatModel>) -> LocalGenerator {
        LocalGenerator { model, timeout: None }
    }

    /// Gives up with [`GenError::Timeout`] after `limit` (the chain may allow others less time).
    pub fn with_timeout(mut self, limit: Duration) -> LocalGenerator {
        self.timeout = Some(limit);
        self
    }

    pub fn model(&self) -> &Arc<LocalChatModel> {
        &self.model
    }
}

/// Sets the flag when dropped, i.e. when the caller abandons the answer.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl Generator for LocalGenerator {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn answer<'a>(&'a self, ctx: &'a AnswerContext, on_token: &'a mut (dyn FnMut(&str) + Send)) -> GenFuture<'a> {
        let run = self.run(ctx, on_token);
        match self.timeout {
            Some(limit) => {
                Box::pin(async move { tokio::time::timeout(limit, run).await.unwrap_or(Err(GenError::Timeout(limit))) })
            }
            None => run,
        }
    }
}

impl LocalGenerator {
    fn run<'a>(&'a self, ctx: &'a AnswerContext, on_token: &'a mut (dyn FnMut(&str) + Send)) -> GenFuture<'a> {
        Box::pin(async move {
            let stop = Arc::new(AtomicBool::new(false));
            let _guard = StopOnDrop(stop.clone());
            let (tx, mut rx) = tokio::sync::mpsc::channel::<String>(PIECES_IN_FLIGHT);
            let model = self.model.clone();
            let ctx = ctx.clone();
            let task = tokio::task::spawn_blocking(move || {
                let ids = fit_prompt(&model, &ctx)?;
                let max_new = model.options().max_new_tokens;
                Ok::<_, GenError>(model.generate(&ids, max_new, &stop, &mut |piece| {
                    // A full channel waits for the listener; a closed one means the answer was abandoned.
                    let _ = tx.blocking_send(piece.to_string());
                })?)
            });
            while let Some(piece) = rx.recv().await {
                on_token(&piece);
            }
            let generation = task.await.map_err(|e| GenError::Unavailable(format!("local model thread: {e}")))??;
            Ok(generation.text)
        })
    }
}
