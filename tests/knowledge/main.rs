//! Knowledge base tests: the corpus (embedded = folder, rules of check.py), selection by findings codes,
//! lexical search, the dense index (build, persist, load, stale detection) and hybrid fusion, and the
//! retrieval quality floor on `tests/data/retrieval_eval.jsonl`.

mod corpus;
mod dense;
mod embedder;
mod eval;
mod search;
mod select;
mod tune;

use saju::knowledge::KnowledgeBase;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The embedded corpus, parsed once for the whole binary.
pub fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(KnowledgeBase::embedded)
}

pub fn knowledge_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

pub fn ids(passages: &[&saju::knowledge::Passage]) -> Vec<String> {
    passages.iter().map(|p| p.id.clone()).collect()
}

pub fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}
