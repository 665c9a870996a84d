//! Grounded-composer answer latency: for every topic, the whole deterministic answer — the turn's decision
//! from the message, the chart, the topic's findings, passage selection and the composed text — with
//! p50/p99 printed from a direct timing loop, and the composing step alone under criterion.
//! Run: `cargo bench --bench chat`.

use criterion::{criterion_group, criterion_main, Criterion};
use saju::answer::{compose, context_for, Question, Topic};
use saju::chat::dialogue::{decide, Known, Step};
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

criterion_group!(benches, compose);
criterion_main!(benches);
