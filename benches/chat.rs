//! Grounded-composer answer latency: for every topic, the whole deterministic answer — the turn's decision
//! from the message, the chart, the topic's findings, passage selection and the composed text — with
//! p50/p99 printed from a direct timing loop, and the composing step alone under criterion.
//! Also the understanding of one message — `understand` and the turn's `decide` — over every message of
//! the NLU sets (`tests/data/nlu_*.jsonl`, each after its context), with p50/p99 printed.
//! Run: `cargo bench --bench chat`.

use criterion::{criterion_group, criterion_main, Criterion};
use saju::answer::{compose, context_for, Question, Topic};
use saju::chat::dialogue::{decide, decide_turn, Known, Step};
use saju::chat::understand::understand;
use saju::knowledge::KnowledgeBase;
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};
use std::hint::black_box;
use std::time::Instant;

#[path = "support/latency.rs"]
mod latency;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MESSAGES: &[&str] = &[
    "1990년 5월 15일 오후 3시 30분 서울 여자, 성격이 궁금해요",
    "1985년 3월 2일 새벽 1시 남자 직업 적성은요?",
    "1978-09-09 시간 모름 여 재물운",
    "1996년 11월 11일 밤 11시 여자 연애운",
    "1966년 11월 27일 아침 8시 남성 건강운 좀",
    "91년 8월 30일 오전 7시 여자 올해 운세 봐줘",
    "1990-05-15 15:30 여 오늘 운세",
    "1972년 6월 1일 오후 2시 남자 대운 흐름이 궁금합니다",
    "1990년 5월 15일 오후 3시 남자예요 편관이 뭐예요?",
    "1990년 5월 15일 오후 3시 30분 여자, 언제쯤 결혼할 수 있을까요?",
    "1985년 3월 2일 새벽 1시 남자 내년 직업운은?",
    "1994년 3월 12일 오후 2시 여자 뭐가 부족해요?",
];

/// One whole composed answer for a message that carries its birth data.
fn answer(kb: &KnowledgeBase, message: &str, partner: Option<&ChartRequest>) -> String {
    let Step::Answer { topic, year_offset, own, .. } = decide(message, 2026, Known::default()) else {
        panic!("{message} should be answerable");
    };
    let chart = own.map(|b| build_chart(&b.parse().unwrap(), &ChartExtras::default()).unwrap());
    let partner = partner.map(|b| build_chart(&b.parse().unwrap(), &ChartExtras::default()).unwrap());
    let topic = if partner.is_some() { Topic::Compatibility } else { topic };
    let q = Question {
        text: message.into(),
        topic,
        chart,
        partner,
        plugin_findings: Vec::new(),
        year: 2026,
        year_offset,
        today: (2026, 11, 26),
        history: Vec::new(),
        emotion: false,
        about: None,
        partner_about: None,
    };
    compose::text(&context_for(kb, q))
}

fn print_percentiles(kb: &KnowledgeBase, partner: &ChartRequest, rounds: usize) {
    let mut samples = Vec::new();
    for _ in 0..rounds {
        for (i, m) in MESSAGES.iter().enumerate() {
            let with_partner = (i % 3 == 0).then_some(partner);
            let t = Instant::now();
            black_box(answer(kb, m, with_partner));
            samples.push(t.elapsed().as_nanos() as f64 / 1000.0);
        }
    }
    let (p50, p99, mean) = latency::percentiles(&mut samples);
    eprintln!(
        "grounded composer answer (decide + chart + findings + passages + text), {} answers: p50 {:.0} µs, p99 {:.0} µs, mean {:.0} µs",
        samples.len(),
        p50,
        p99,
        mean
    );
}

fn compose(c: &mut Criterion) {
    let kb = KnowledgeBase::embedded();
    let partner = ChartRequest { datetime: "1992-03-04T10:00".into(), gender: "male".into(), ..Default::default() };
    print_percentiles(&kb, &partner, if cfg!(debug_assertions) { 1 } else { 40 });
    let mut i = 0;
    c.bench_function("chat/composer_answer", |b| {
        b.iter(|| {
            i = (i + 1) % MESSAGES.len();
            black_box(answer(&kb, MESSAGES[i], None))
        })
    });
}

/// Every message of the NLU sets with the conversation state its context leaves.
fn nlu_messages() -> Vec<(String, Known)> {
    let sets = [include_str!("../tests/data/nlu_messages.jsonl"), include_str!("../tests/data/nlu_blind.jsonl")];
    let mut out = Vec::new();
    for line in sets.iter().flat_map(|s| s.lines()).filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).expect("a JSON row");
        let mut known = Known::default();
        for m in row["context"].as_array().into_iter().flatten().filter_map(|m| m.as_str()) {
            match decide(m, 2026, known.clone()) {
                Step::Ask { pending, .. } => known.pending = Some(*pending),
                Step::SmallTalk { keep, .. } => known.pending = keep.map(|p| *p),
                Step::Answer { remember, keep, .. } => {
                    known.own = remember.or(known.own);
                    known.pending = keep.map(|p| *p);
                }
            }
        }
        out.push((row["message"].as_str().expect("message").to_string(), known));
    }
    out
}

/// `understand` + `decide` for one message.
fn understand_and_decide(message: &str, known: &Known) {
    black_box(understand(message, 2026));
    black_box(decide_turn(message, 2026, known.clone()));
}

fn understanding(c: &mut Criterion) {
    let messages = nlu_messages();
    let rounds = if cfg!(debug_assertions) { 3 } else { 20 };
    let mut samples = Vec::new();
    for _ in 0..rounds {
        for (m, known) in &messages {
            let t = Instant::now();
            understand_and_decide(m, known);
            samples.push(t.elapsed().as_nanos() as f64 / 1000.0);
        }
    }
    let (p50, p99, mean) = latency::percentiles(&mut samples);
    eprintln!(
        "understanding (understand + decide) over {} messages × {rounds}: p50 {p50:.0} µs, p99 {p99:.0} µs, mean {mean:.0} µs",
        messages.len()
    );
    let mut i = 0;
    c.bench_function("chat/understand_decide", |b| {
        b.iter(|| {
            i = (i + 1) % messages.len();
            understand_and_decide(&messages[i].0, &messages[i].1)
        })
    });
}

criterion_group!(benches, compose, understanding);
criterion_main!(benches);
