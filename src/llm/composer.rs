//! The grounded composer as a [`Generator`]: the deterministic reply of `chat::narrate`, built from engine
//! facts only, so it needs no grounding check and never fails. It is the last generator of every chain.

use super::context::AnswerContext;
use super::{GenFuture, Generator};
use crate::chat::Topic;

/// What the composer says while the birth data is missing.
pub const ASK_FOR_BIRTH: &str = "사주를 보려면 생년월일과 태어난 시각, 성별을 알려 주세요.\n예: \"1990년 5월 15일 오후 3시 30분, 남자\" 또는 \"음력 1988년 3월 2일 새벽 2시, 여자\". 시각을 모르시면 \"시간 모름\"이라고 적어 주세요.";

#[derive(Debug, Clone, Copy, Default)]
pub struct GroundedComposer;

impl GroundedComposer {
    pub const NAME: &'static str = "composer";

    /// The composed answer for `ctx`.
    pub fn text(ctx: &AnswerContext) -> String {
        if ctx.intent == Topic::Term {
            if let Some(p) = ctx.passages.first() {
                return Self::explain(ctx, p);
            }
        }
        if matches!(ctx.intent, Topic::SmallTalk | Topic::OutOfScope) {
            return crate::chat::narrate::small_talk(ctx.intent, &ctx.question, ctx.chart.is_some());
        }
        let Some(chart) = &ctx.chart else { return ASK_FOR_BIRTH.to_string() };
        crate::chat::narrate::narrate(ctx, chart)
    }
}

impl GroundedComposer {
    /// A term explained from the best passage, with the chart's own fact when there is a chart.
    fn explain(ctx: &AnswerContext, passage: &super::context::PassageRef) -> String {
        let mut text = format!("{}\n\n{}\n\n출처: [{}]", passage.title, passage.body.trim(), passage.id);
        if let Some(chart) = &ctx.chart {
            text.push_str(&format!(
                "\n\n참고로 이 사주는 일간 {}이고, 월지는 {}입니다. 사주에 맞춘 풀이가 궁금하시면 주제(성격, 직업, 재물 등)를 물어 주세요.",
                chart.day_master.name, chart.pillars.month.branch.ten_god.hangul
            ));
        }
        text
    }
}

impl Generator for GroundedComposer {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn answer<'a>(&'a self, ctx: &'a AnswerContext, on_token: &'a mut (dyn FnMut(&str) + Send)) -> GenFuture<'a> {
        Box::pin(async move {
            let text = GroundedComposer::text(ctx);
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
