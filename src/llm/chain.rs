//! The fallback chain: generators tried in order, each with a timeout, until one gives an answer that
//! passes the grounding check. The grounded composer runs last in any case, so the chain always answers.
//!
//! **Streaming contract.** Tokens are forwarded as soon as a generator produces them (optimistic
//! streaming). When an attempt that already forwarded tokens fails — error, timeout, connection lost
//! mid-stream, or an ungrounded answer — the chain sends [`ChainEvent::Reset`] before the next attempt
//! starts: the listener must discard everything received since the previous reset (or since the start).
//! Hence the final answer is exactly the concatenation of the `Token`s after the last `Reset`. A token that
//! makes the text ungrounded is withheld (the check runs on every token, on the words completed so far),
//! and the generator is stopped at once.

use super::error::GenError;
use super::Generator;
use crate::answer::grounding;
use crate::answer::AnswerContext;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// What the chain tells its listener while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainEvent<'a> {
    /// The next piece of the answer.
    Token(&'a str),
    /// Discard every token received since the previous reset: `generator`'s attempt was abandoned
    /// (its error is in [`ChainOutcome::attempts`]) or its final text differs from what it streamed.
    Reset { generator: &'a str },
}

/// The answer and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainOutcome {
    pub text: String,
    /// Name of the generator whose answer this is.
    pub generator: String,
    /// The generators that failed before it, in order, with their errors.
    pub attempts: Vec<(String, GenError)>,
}

/// A cancellation signal shared between the chain and whoever may give up on it (a disconnected client,
/// shutdown). Clones share the signal; a [`Cancel::child`] also fires when its parent does.
///
/// It has a softer second stage, [`Cancel::hurry`]: stop waiting for model generators and answer with the
/// last resort now (a server that begins to shut down wants every answer in progress finished and stored
/// within its grace period, not cut off at its end).
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    stop: tokio_util::sync::CancellationToken,
    hurry: tokio_util::sync::CancellationToken,
}

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// A signal of its own that also fires when this one does (a request under the server's shutdown).
    pub fn child(&self) -> Cancel {
        Cancel { stop: self.stop.child_token(), hurry: self.hurry.child_token() }
    }

    pub fn cancel(&self) {
        self.stop.cancel();
    }

    pub fn is_cancelled(&self) -> bool {
        self.stop.is_cancelled()
    }

    /// Completes once [`Cancel::cancel`] has been called (on this signal or a parent).
    pub async fn cancelled(&self) {
        self.stop.cancelled().await
    }

    /// Asks the chain to give up on model generators and answer with the last resort at once.
    pub fn hurry(&self) {
        self.hurry.cancel();
    }

    pub fn is_hurried(&self) -> bool {
        self.hurry.is_cancelled()
    }

    async fn hurried(&self) {
        self.hurry.cancelled().await
    }
}

/// What answers when every generator failed: it cannot fail and needs no time (the grounded composer).
pub trait LastResort: Send + Sync {
    fn name(&self) -> &str;
    fn answer_now(&self, ctx: &AnswerContext) -> String;
}

pub struct FallbackChain {
    pub generators: Vec<Arc<dyn Generator>>,
    /// Answers when no generator did.
    pub last_resort: Arc<dyn LastResort>,
    /// Time allowed to each generator, its retries included.
    pub per_generator_timeout: Duration,
}

type Listener<'l> = dyn FnMut(ChainEvent<'_>) + Send + 'l;

impl FallbackChain {
    pub fn new(
        generators: Vec<Arc<dyn Generator>>,
        last_resort: Arc<dyn LastResort>,
        per_generator_timeout: Duration,
    ) -> FallbackChain {
        FallbackChain { generators, last_resort, per_generator_timeout }
    }

    /// The generators' names, in the order they are tried.
    pub fn names(&self) -> Vec<&str> {
        self.generators.iter().map(|g| g.name()).collect()
    }

    /// Answers `ctx`, streaming through `on_event` (see the module doc for the reset contract).
    pub async fn run(&self, ctx: &AnswerContext, on_event: &mut Listener<'_>) -> ChainOutcome {
        match self.run_inner(ctx, on_event, None).await {
            Ok(outcome) => outcome,
            Err(_) => unreachable!("only a cancel signal makes the chain give up"),
        }
    }

    /// [`FallbackChain::run`] that gives up with [`GenError::Cancelled`] as soon as `cancel` fires.
    pub async fn run_with_cancel(
        &self,
        ctx: &AnswerContext,
        on_event: &mut Listener<'_>,
        cancel: &Cancel,
    ) -> Result<ChainOutcome, GenError> {
        self.run_inner(ctx, on_event, Some(cancel)).await
    }

    async fn run_inner(
        &self,
        ctx: &AnswerContext,
        on_event: &mut Listener<'_>,
        cancel: Option<&Cancel>,
    ) -> Result<ChainOutcome, GenError> {
        let allowed = grounding::allowed_pillars(ctx);
        let mut attempts: Vec<(String, GenError)> = Vec::new();
        for g in &self.generators {
            if cancel.is_some_and(Cancel::is_cancelled) {
                return Err(GenError::Cancelled);
            }
            if cancel.is_some_and(Cancel::is_hurried) {
                tracing::info!(generator = g.name(), "shutting down: answering with the last resort");
                break;
            }
            let started = Instant::now();
            let (result, streamed) = self.attempt(g.as_ref(), ctx, on_event, &allowed, cancel).await;
            match result {
                Ok(text) => {
                    tracing::debug!(generator = g.name(), ms = started.elapsed().as_millis() as u64, "answered");
                    return Ok(ChainOutcome { text, generator: g.name().to_string(), attempts });
                }
                // A generator's own `Cancelled` is just a failure unless our signal fired.
                Err(GenError::Cancelled) if cancel.is_some_and(Cancel::is_cancelled) => {
                    return Err(GenError::Cancelled);
                }
                Err(e) => {
                    tracing::warn!(
                        generator = g.name(),
                        code = e.code(),
                        error = %e,
                        ms = started.elapsed().as_millis() as u64,
                        "generator failed; falling back"
                    );
                    if streamed {
                        on_event(ChainEvent::Reset { generator: g.name() });
                    }
                    attempts.push((g.name().to_string(), e));
                }
            }
        }
        // No generator answered: the last resort does.
        let text = self.last_resort.answer_now(ctx);
        on_event(ChainEvent::Token(&text));
        Ok(ChainOutcome { text, generator: self.last_resort.name().to_string(), attempts })
    }

    /// One generator's attempt: its checked answer, and whether any token of it was forwarded.
    async fn attempt(
        &self,
        g: &dyn Generator,
        ctx: &AnswerContext,
        on_event: &mut Listener<'_>,
        allowed: &BTreeSet<usize>,
        cancel: Option<&Cancel>,
    ) -> (Result<String, GenError>, bool) {
        let check = g.needs_grounding_check();
        let mut streamed = String::new();
        let mut checked_up_to = 0usize;
        let mut violation: Option<String> = None;
        let tripped = Notify::new();
        let result = {
            let mut forward = |token: &str| {
                if violation.is_some() || token.is_empty() {
                    return;
                }
                let before = streamed.len();
                streamed.push_str(token);
                if check {
                    // Only whole words are judged: the last word may still grow (임신 → 임신시기).
                    let settled = settled_end(&streamed);
                    if settled > checked_up_to {
                        checked_up_to = settled;
                        if let Err(reason) = grounding::check_against(allowed, &streamed[..settled]) {
                            streamed.truncate(before);
                            violation = Some(reason.to_string());
                            tripped.notify_one();
                            return;
                        }
                    }
                }
                on_event(ChainEvent::Token(token));
            };
            let answer = tokio::time::timeout(self.per_generator_timeout, g.answer(ctx, &mut forward));
            let cancelled = async {
                match cancel {
                    Some(c) => c.cancelled().await,
                    None => std::future::pending().await,
                }
            };
            let hurried = async {
                match cancel {
                    Some(c) => c.hurried().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                r = answer => r.unwrap_or(Err(GenError::Timeout(self.per_generator_timeout))),
                _ = tripped.notified() => Err(GenError::Ungrounded(String::new())),
                _ = cancelled => Err(GenError::Cancelled),
                _ = hurried => Err(GenError::Unavailable("the server is shutting down".into())),
            }
        };
        let any_streamed = !streamed.is_empty();
        if let Some(reason) = violation {
            return (Err(GenError::Ungrounded(reason)), any_streamed);
        }
        let text = match result {
            Ok(text) => text,
            Err(e) => return (Err(e), any_streamed),
        };
        if text.trim().is_empty() {
            return (Err(GenError::Malformed("empty answer".into())), any_streamed);
        }
        if check {
            if let Err(reason) = grounding::check_against(allowed, &text) {
                return (Err(GenError::Ungrounded(reason.to_string())), any_streamed);
            }
        }
        // The listener must end up with exactly `text`.
        if text != streamed {
            match text.strip_prefix(streamed.as_str()) {
                Some(rest) => on_event(ChainEvent::Token(rest)),
                None => {
                    on_event(ChainEvent::Reset { generator: g.name() });
                    on_event(ChainEvent::Token(&text));
                }
            }
        }
        (Ok(text), any_streamed)
    }
}

/// Byte length of the part of `s` made of finished words: up to and including its last character that is
/// not a hangul syllable (a space, punctuation, a digit or a Latin letter ends a word).
fn settled_end(s: &str) -> usize {
    s.char_indices().rev().find(|(_, c)| !('\u{AC00}'..='\u{D7A3}').contains(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::settled_end;

    #[test]
    fn settled_part_ends_at_the_last_non_hangul_character() {
        assert_eq!(settled_end("임신시"), 0);
        assert_eq!(&"좋은 임신시"[..settled_end("좋은 임신시")], "좋은 ");
        assert_eq!(settled_end("100%"), 4);
    }
}
