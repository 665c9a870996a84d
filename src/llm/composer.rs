//! The grounded composer as a [`Generator`] (and the chain's [`LastResort`]): a thin adapter over
//! `answer::compose`, whose text is built from engine facts only, so it needs no grounding check and never
//! fails.

use super::{GenFuture, Generator, LastResort};
use crate::answer::{compose, AnswerContext};

#[derive(Debug, Clone, Copy, Default)]
pub struct GroundedComposer;

impl GroundedComposer {
    pub const NAME: &'static str = "composer";
}

impl Generator for GroundedComposer {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn answer<'a>(&'a self, ctx: &'a AnswerContext, on_token: &'a mut (dyn FnMut(&str) + Send)) -> GenFuture<'a> {
        Box::pin(async move {
            let text = compose::text(ctx);
            // Word by word (each with its trailing whitespace), like a model's stream.
            for piece in text.split_inclusive(char::is_whitespace) {
                on_token(piece);
            }
            Ok(text)
        })
    }

    fn needs_grounding_check(&self) -> bool {
        false
    }
}

impl LastResort for GroundedComposer {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn answer_now(&self, ctx: &AnswerContext) -> String {
        compose::text(ctx)
    }
}
