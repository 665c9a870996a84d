//! The grounded composer as a [`Generator`]: the deterministic reply of `chat::compose`, built from engine
//! facts only, so it needs no grounding check and never fails. It is the last generator of every chain.

use super::context::AnswerContext;
use super::{GenFuture, Generator};
use crate::chat::{compose, Topic};

/// What the composer says while the birth data is missing.
pub const ASK_FOR_BIRTH: &str = "사주를 보려면 생년월일과 태어난 시각, 성별을 알려 주세요.\n예: \"1990년 5월 15일 오후 3시 30분, 남자\" 또는 \"음력 1988년 3월 2일 새벽 2시, 여자\". 시각을 모르시면 \"시간 모름\"이라고 적어 주세요.";

/// Passages named at the end of a composed answer, at most.
const CITED_PASSAGES: usize = 3;

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
        let Some(chart) = &ctx.chart else { return ASK_FOR_BIRTH.to_string() };
        let mut text = compose(ctx.intent, chart, ctx.year).text;
        let cited: Vec<String> =
            ctx.passages.iter().take(CITED_PASSAGES).map(|p| format!("{} [{}]", p.title, p.id)).collect();
        if !cited.is_empty() {
            let line = format!("\n\n참고한 풀이: {}", cited.join(", "));
            // Before the closing caution `compose` may have written, so the caution stays last.
            let at = match text.rfind("\n\n") {
                Some(i) if text[i..].contains("조언을 대신하지 않습니다") => i,
                _ => text.len(),
            };
            text.insert_str(at, &line);
        }
        // `compose` already ends health and money answers with their caution.
        if let Some(c) = ctx.caution.as_deref().filter(|_| !matches!(ctx.intent, Topic::Health | Topic::Wealth)) {
            if !text.contains(c) {
                text.push_str("\n\n");
                text.push_str(c);
            }
        }
        text
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
