//! The generators and the fallback chain, against a fake OpenAI-compatible service on 127.0.0.1.

mod chain;
mod fake;
mod grounding;
mod prompt;
mod remote;

use saju::llm::{AnswerContext, ChainEvent, PassageRef, RemoteGenerator, RemoteOptions};
use saju::saju::chart::model::Chart;
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};
use std::time::Duration;

/// The year the tests pretend it is.
pub const YEAR: i32 = 2025;

pub fn chart(datetime: &str, gender: &str) -> Chart {
    let req = ChartRequest { datetime: datetime.into(), gender: gender.into(), ..Default::default() };
    build_chart(&req.parse().unwrap(), &ChartExtras::default()).unwrap()
}

/// A chart with a known hour and no boundary warning.
pub fn plain_chart() -> Chart {
    let c = chart("1990-05-15T14:10", "male");
    assert!(c.pillars.hour.is_some() && !c.warnings.iter().any(|w| w.code.starts_with("near_")));
    c
}

pub fn ctx(question: &str, chart: Option<Chart>) -> AnswerContext {
    AnswerContext::new(question, saju::chat::Topic::detect(question), chart, YEAR)
}

pub fn passage(id: &str, body: &str) -> PassageRef {
    PassageRef {
        id: id.into(),
        title: format!("{id} 제목"),
        source: "knowledge/test.md".into(),
        body: body.into(),
        tags: Vec::new(),
    }
}

/// Fast retries and short timeouts, so every test finishes in seconds.
pub fn test_options() -> RemoteOptions {
    RemoteOptions {
        connect_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(5),
        idle_timeout: Duration::from_secs(3),
        max_retries: 2,
        backoff_base: Duration::from_millis(20),
        backoff_max: Duration::from_millis(100),
        max_retry_after: Duration::from_secs(3),
        ..RemoteOptions::default()
    }
}

pub fn remote(base_url: &str) -> RemoteGenerator {
    RemoteGenerator::new(base_url, "sk-test", "test-model", test_options()).unwrap()
}

/// What a chain listener saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    Token(String),
    Reset(String),
}

impl Seen {
    pub fn record(log: &mut Vec<Seen>, e: ChainEvent<'_>) {
        log.push(match e {
            ChainEvent::Token(t) => Seen::Token(t.to_string()),
            ChainEvent::Reset { generator } => Seen::Reset(generator.to_string()),
        });
    }
}

/// The text a client shows: the tokens after the last reset.
pub fn visible(log: &[Seen]) -> String {
    let start = log.iter().rposition(|s| matches!(s, Seen::Reset(_))).map_or(0, |i| i + 1);
    log[start..]
        .iter()
        .map(|s| match s {
            Seen::Token(t) => t.as_str(),
            Seen::Reset(_) => unreachable!(),
        })
        .collect()
}

/// Tokens before the first reset.
pub fn before_first_reset(log: &[Seen]) -> Vec<String> {
    log.iter()
        .take_while(|s| matches!(s, Seen::Token(_)))
        .map(|s| match s {
            Seen::Token(t) => t.clone(),
            Seen::Reset(_) => unreachable!(),
        })
        .collect()
}

pub fn resets(log: &[Seen]) -> usize {
    log.iter().filter(|s| matches!(s, Seen::Reset(_))).count()
}
