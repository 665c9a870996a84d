//! The `local` generator: a shared [`LocalChatModel`] run on a blocking thread, its pieces sent over a
//! channel to `on_token`, so the async runtime never waits on the model. Dropping the future (the chain's
//! timeout, a disconnected client) stops the generation at the next token.

use super::LocalChatModel;
use crate::llm::{AnswerContext, GenError, GenFuture, Generator};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

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
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
            let model = self.model.clone();
            let ctx = ctx.clone();
            let task = tokio::task::spawn_blocking(move || {
                model.answer(&ctx, &stop, &mut |piece| {
                    let _ = tx.send(piece.to_string());
                })
            });
            while let Some(piece) = rx.recv().await {
                on_token(&piece);
            }
            let generation = task.await.map_err(|e| GenError::Unavailable(format!("local model thread: {e}")))??;
            Ok(generation.text)
        })
    }
}
