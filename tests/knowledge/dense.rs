//! The dense path with a deterministic test embedder: build, persist, load, stale detection, hybrid fusion.

use super::corpus::corpus_copy;
use super::embedder::{BrokenEmbedder, HashEmbedder};
use super::kb;
use saju::knowledge::{reciprocal_rank_fusion, DenseError, DenseIndex, Hit, HybridSearch, KnowledgeBase, Mode, RRF_K};
use std::sync::atomic::Ordering;
use std::sync::Arc;

fn hit(id: &str) -> Hit {
    Hit { id: id.into(), score: 0.0 }
}

#[test]
fn build_reports_progress_and_batches() {
    let embedder = HashEmbedder::new(64);
    let mut seen = Vec::new();
    let index = DenseIndex::build(kb(), &embedder, |done, total| seen.push((done, total))).unwrap();
    let n = kb().len();
    assert_eq!(index.len(), n);
    assert_eq!(seen.first(), Some(&(0, n)));
    assert_eq!(seen.last(), Some(&(n, n)));
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(embedder.calls.load(Ordering::Relaxed), n.div_ceil(saju::knowledge::dense::BATCH));
    let h = index.header();
    assert_eq!(
        (h.corpus_hash.as_str(), h.embedder_id.as_str(), h.dim, h.count),
        (kb().corpus_hash(), "test-hash-ngram-64", 64, n)
    );
}

#[test]
fn persist_and_load_round_trip() {
    let embedder = HashEmbedder::new(128);
    let index = DenseIndex::build(kb(), &embedder, |_, _| {}).unwrap();
    let bytes = index.to_bytes();
    assert_eq!(DenseIndex::read_header(&bytes).unwrap(), *index.header());
    let loaded = DenseIndex::from_bytes(&bytes, kb(), &embedder).unwrap();
    assert_eq!(loaded, index);
    let query = "역마살이 있으면 이사를 자주 하나요";
    assert_eq!(loaded.search(&embedder, query, 5).unwrap(), index.search(&embedder, query, 5).unwrap());
    let top = index.search(&embedder, query, 5).unwrap();
    assert!(top.windows(2).all(|w| w[0].score >= w[1].score) && top[0].score <= 1.0001);
}

#[test]
fn stale_or_mismatching_indexes_are_refused() {
    let embedder = HashEmbedder::new(128);
    let bytes = DenseIndex::build(kb(), &embedder, |_, _| {}).unwrap().to_bytes();

    let edited = corpus_copy(|root| {
        let p = root.join("shinsal/shinsal.yeokma.md");
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, text.replace("이동", "움직임")).unwrap();
    });
    let changed = KnowledgeBase::load_dir(edited.path()).unwrap();
    assert!(matches!(DenseIndex::from_bytes(&bytes, &changed, &embedder), Err(DenseError::StaleCorpus { .. })));

    let other = HashEmbedder::new(64);
    assert!(matches!(DenseIndex::from_bytes(&bytes, kb(), &other), Err(DenseError::EmbedderMismatch { .. })));

    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 1;
    assert!(matches!(DenseIndex::from_bytes(&flipped, kb(), &embedder), Err(DenseError::Corrupt)));
    assert!(matches!(DenseIndex::from_bytes(&bytes[..bytes.len() - 1], kb(), &embedder), Err(DenseError::Corrupt)));
    assert!(matches!(
        DenseIndex::from_bytes(b"not an index at all, clearly not an index", kb(), &embedder),
        Err(DenseError::BadMagic)
    ));
    assert!(matches!(DenseIndex::from_bytes(&[], kb(), &embedder), Err(DenseError::BadMagic)));
    assert!(DenseIndex::read_header(&bytes[..20]).is_err());
}

#[test]
fn embedder_faults_are_errors_not_panics() {
    assert!(matches!(DenseIndex::build(kb(), &BrokenEmbedder, |_, _| {}), Err(DenseError::Embed(_))));
}

#[test]
fn reciprocal_rank_fusion_prefers_agreement() {
    let lexical = [hit("a"), hit("b"), hit("c")];
    let dense = [hit("d"), hit("b"), hit("e")];
    let fused = reciprocal_rank_fusion(&[&lexical, &dense], 5);
    let order: Vec<&str> = fused.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(order, ["b", "a", "d", "c", "e"], "in both lists beats first in one; ties keep list order");
    assert!((fused[0].score - 2.0 / (RRF_K + 2.0)).abs() < 1e-6);
    assert!((fused[1].score - 1.0 / (RRF_K + 1.0)).abs() < 1e-6);
    assert_eq!(reciprocal_rank_fusion(&[&lexical, &dense], 2).len(), 2);
}

#[test]
fn hybrid_search_fuses_the_real_lists() {
    let embedder = HashEmbedder::new(256);
    let dense = DenseIndex::build(kb(), &embedder, |_, _| {}).unwrap();
    let search = HybridSearch::new(kb().lexical()).with_dense(&dense, &embedder);
    let query = "돈이 자꾸 새 나가요";
    let lexical = kb().lexical().search(query, 50);
    let dense_hits = dense.search(&embedder, query, 50).unwrap();
    let hybrid = search.search(query, 10);
    assert_eq!(hybrid, reciprocal_rank_fusion(&[&lexical, &dense_hits], 10));
    let rank = |list: &[Hit], id: &str| list.iter().position(|h| h.id == id);
    let in_both =
        hybrid.iter().find(|h| rank(&lexical, &h.id).is_some() && rank(&dense_hits, &h.id).is_some()).unwrap();
    let in_one = hybrid.iter().find(|h| rank(&lexical, &h.id).is_none() || rank(&dense_hits, &h.id).is_none());
    if let Some(one) = in_one {
        assert!(in_both.score > one.score, "{in_both:?} vs {one:?}");
    }
    assert_eq!(search.search_mode(query, 10, Mode::Lexical).unwrap(), kb().lexical().search(query, 10));
    assert_eq!(search.search_mode(query, 10, Mode::Dense).unwrap(), dense_hits[..10]);

    let broken = HybridSearch::new(kb().lexical()).with_dense(&dense, &BrokenEmbedder);
    assert_eq!(broken.search(query, 5), kb().lexical().search(query, 5), "a failing embedder degrades to lexical");
    assert!(broken.search_mode(query, 5, Mode::Hybrid).is_err());
    assert!(HybridSearch::new(kb().lexical()).search_mode(query, 5, Mode::Dense).is_err());
}

#[test]
fn knowledge_base_attaches_a_checked_index() {
    let kb = KnowledgeBase::embedded();
    let embedder: Arc<HashEmbedder> = Arc::new(HashEmbedder::new(96));
    let index = DenseIndex::build(&kb, embedder.as_ref(), |_, _| {}).unwrap();
    let query = "남편복이 있을까요";
    let lexical = kb.search(query, 5);
    assert!(!kb.has_dense());
    assert!(kb.search_mode(query, 5, Mode::Hybrid).is_err());

    let stale = KnowledgeBase::load_dir(
        corpus_copy(|root| {
            let p = root.join("terms/terms.ilgan.md");
            std::fs::write(&p, std::fs::read_to_string(&p).unwrap() + "\n덧붙인 문장입니다.\n").unwrap();
        })
        .path(),
    )
    .unwrap();
    assert!(matches!(stale.attach_dense(index.clone(), embedder.clone()), Err(DenseError::StaleCorpus { .. })));

    kb.attach_dense(index.clone(), embedder.clone()).unwrap();
    assert!(kb.has_dense());
    let expected = HybridSearch::new(kb.lexical()).with_dense(&index, embedder.as_ref()).search(query, 5);
    assert_eq!(kb.search(query, 5), expected);
    assert_eq!(kb.search_mode(query, 5, Mode::Lexical).unwrap(), lexical);
    kb.detach_dense();
    assert_eq!(kb.search(query, 5), lexical);
}

#[test]
fn shared_types_are_thread_safe() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<KnowledgeBase>();
    assert_send_sync::<DenseIndex>();
    assert_send_sync::<saju::knowledge::LexicalIndex>();
    assert_send_sync::<Arc<dyn saju::knowledge::Embedder>>();
}
