//! Knowledge-base benchmarks: lexical search latency over the evaluation questions (with p50/p99/mean printed
//! from a direct timing loop), the same for dense and hybrid search with a random encoder of
//! multilingual-e5-small's shape (12 layers, 384 dimensions; 2 small layers in test mode), lexical index
//! build, corpus parse, and selection by findings.
//! Run: `cargo bench --bench knowledge`.

use criterion::{criterion_group, criterion_main, Criterion};
use saju::knowledge::eval::{parse_eval_set, EMBEDDED_EVAL_SET};
use saju::knowledge::{DenseIndex, KnowledgeBase, LexicalIndex, Mode};
use saju::models::embed::BertEmbedder;
#[path = "../tests/support/tiny_models.rs"]
#[allow(dead_code)]
mod tiny_models;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;
use tiny_models::{write_encoder, EncoderKind};

#[path = "support/latency.rs"]
mod latency;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn questions() -> Vec<String> {
    parse_eval_set(EMBEDDED_EVAL_SET).unwrap().into_iter().map(|q| q.question).collect()
}

/// Per-query latency percentiles, measured directly (criterion reports per-iteration means).
fn print_percentiles(label: &str, questions: &[String], rounds: usize, mut search: impl FnMut(&str)) {
    let mut samples = Vec::with_capacity(questions.len() * rounds);
    for _ in 0..rounds {
        for q in questions {
            let t = Instant::now();
            search(q);
            samples.push(t.elapsed().as_nanos() as f64 / 1000.0);
        }
    }
    let (p50, p99, mean) = latency::percentiles(&mut samples);
    eprintln!("{label} search, {} queries: p50 {:.1} µs, p99 {:.1} µs, mean {:.1} µs", samples.len(), p50, p99, mean);
}

fn search(c: &mut Criterion) {
    let kb = KnowledgeBase::embedded();
    let index = LexicalIndex::build(&kb);
    let questions = questions();
    print_percentiles("lexical", &questions, if cfg!(debug_assertions) { 1 } else { 50 }, |q| {
        black_box(index.search(q, 5));
    });
    let mut i = 0;
    c.bench_function("knowledge/lexical_search_top5", |b| {
        b.iter(|| {
            i = (i + 1) % questions.len();
            black_box(index.search(&questions[i], 5))
        })
    });
}

/// Dense and hybrid search: the query is embedded each time (the cost that matters), then ranked.
fn dense(_c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let full = !cfg!(debug_assertions) || std::env::var_os("SAJU_BENCH_FULL").is_some();
    let (layers, heads) = if full { (12, 12) } else { (2, 4) };
    write_encoder(dir.path(), EncoderKind::Bert, 384, layers, heads).expect("write encoder");
    let embedder = Arc::new(BertEmbedder::load(dir.path()).expect("load encoder"));
    let kb = KnowledgeBase::embedded();
    let started = Instant::now();
    let index = DenseIndex::build(&kb, embedder.as_ref(), |_, _| {}).expect("dense index");
    eprintln!(
        "dense index build ({layers} layers, 384 dims): {} passages in {:.1} s",
        kb.len(),
        started.elapsed().as_secs_f64()
    );
    kb.attach_dense(index, embedder).expect("attach");
    let questions = questions();
    let rounds = if cfg!(debug_assertions) { 1 } else { 3 };
    for (label, mode) in [("dense", Mode::Dense), ("hybrid", Mode::Hybrid)] {
        print_percentiles(label, &questions, rounds, |q| {
            black_box(kb.search_mode(q, 5, mode).expect("search"));
        });
    }
}

fn build(c: &mut Criterion) {
    let kb = KnowledgeBase::embedded();
    let mut g = c.benchmark_group("knowledge");
    g.sample_size(10);
    g.bench_function("lexical_index_build", |b| b.iter(|| black_box(LexicalIndex::build(&kb))));
    g.bench_function("embedded_corpus_parse", |b| b.iter(|| black_box(KnowledgeBase::embedded())));
    g.finish();
}

fn select(c: &mut Criterion) {
    let kb = KnowledgeBase::embedded();
    let findings: Vec<String> = [
        "day_stem:경",
        "day_pillar:경진",
        "month_branch:사",
        "ten_god:편관@month_branch",
        "ten_god:편관",
        "ten_god:정재",
        "ten_god_group_missing:인성",
        "element_missing:water",
        "strength:weak",
        "shinsal:yeokma",
        "relation:clash@month-day",
        "seun:정관",
        "seun_relation:clash",
        "gender:female",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    c.bench_function("knowledge/select_14_findings", |b| {
        b.iter(|| black_box(kb.select(&findings, Some("love")).len()))
    });
}

criterion_group!(benches, search, dense, build, select);
criterion_main!(benches);
