//! Local models end to end with tiny random-weight models the tests write themselves: GGUF chat models of
//! every family, BERT / XLM-RoBERTa embedders, the dense index in the store, and `saju models`.

mod chat;
mod cli;
mod embed;
#[path = "../support/tiny_models.rs"]
mod tiny_models;

use saju::llm::{AnswerContext, PassageRef};
use saju::saju::chart::model::Chart;
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};

pub fn chart() -> Chart {
    let req = ChartRequest { datetime: "1990-05-15T14:10".into(), gender: "male".into(), ..Default::default() };
    build_chart(&req.parse().unwrap(), &ChartExtras::default()).unwrap()
}

/// A question about a real chart with `passages` passages of about 300 characters each.
pub fn context(passages: usize) -> AnswerContext {
    let mut ctx =
        AnswerContext::new("올해 재물 운 흐름 은 어떤가요 ?", saju::answer::Topic::YearFortune, Some(chart()), 2025);
    ctx.passages = (0..passages)
        .map(|i| PassageRef {
            id: format!("p{i}"),
            title: format!("문단 {i}"),
            source: "knowledge/test.md".into(),
            body: "재물 운 흐름 은 일간 과 오행 의 균형 으로 봅니다 . ".repeat(10),
            tags: Vec::new(),
        })
        .collect();
    ctx
}
