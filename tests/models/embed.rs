use crate::tiny_models::{write_embedding_model, EncoderKind};
use saju::knowledge::persist::{attach_dense_from_store, DenseOrigin};
use saju::knowledge::{DenseIndex, Embedder, KnowledgeBase, Mode};
use saju::models::embed::BertEmbedder;
use saju::store::Store;
use std::sync::Arc;

fn embedder(kind: EncoderKind) -> (tempfile::TempDir, BertEmbedder) {
    let dir = tempfile::tempdir().unwrap();
    let model_dir = dir.path().join("tiny-e5");
    write_embedding_model(&model_dir, kind, 32).unwrap();
    let e = BertEmbedder::load(&model_dir).unwrap_or_else(|e| panic!("{kind:?}: {e:#}"));
    (dir, e)
}

#[test]
fn embeddings_are_unit_length_deterministic_and_distinguish_texts() {
    for kind in [EncoderKind::Bert, EncoderKind::XlmRoberta] {
        let (_dir, e) = embedder(kind);
        assert_eq!(e.dim(), 32);
        let texts = ["올해 재물 운", "남편 복 이 있을까 ?", "일간 오행 목 화 토 금 수 사주 성격 흐름"];
        let a = e.embed(&texts, false).unwrap();
        let b = e.embed(&texts, false).unwrap();
        assert_eq!(a, b, "{kind:?}");
        assert_eq!(a.len(), 3);
        for v in &a {
            assert_eq!(v.len(), 32);
            let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4, "{kind:?}: norm {norm}");
        }
        assert_ne!(a[0], a[1]);
        // Batched and alone give the same vector (padding is masked out of the mean).
        let alone = e.embed(&texts[..1], false).unwrap();
        let diff: f32 = alone[0].iter().zip(&a[0]).map(|(x, y)| (x - y).abs()).sum();
        assert!(diff < 1e-3, "{kind:?}: padding changed the vector by {diff}");
    }
}

#[test]
fn e5_models_embed_queries_and_passages_with_their_prefixes() {
    let (_dir, e) = embedder(EncoderKind::Bert);
    assert!(e.id().starts_with("tiny-e5/bert/mean/"), "{}", e.id());
    let q = e.embed(&["사주"], true).unwrap();
    let p = e.embed(&["사주"], false).unwrap();
    assert_ne!(q, p, "query: and passage: prefixes change the input");
}

#[test]
fn the_dense_index_is_built_once_then_read_back_from_the_store() {
    let (_dir, e) = embedder(EncoderKind::Bert);
    let e: Arc<dyn Embedder> = Arc::new(e);
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("saju.redb")).unwrap();
    let kb = KnowledgeBase::embedded();
    let mut calls = 0;
    let origin = attach_dense_from_store(&kb, e.clone(), &store, |_, _| calls += 1).unwrap();
    assert!(matches!(origin, DenseOrigin::Built { .. }), "{origin:?}");
    assert!(calls > 1 && kb.has_dense());
    let bytes = store.dense_index().unwrap().expect("saved");
    assert_eq!(DenseIndex::read_header(&bytes).unwrap().count, kb.len());

    let again = KnowledgeBase::embedded();
    let origin = attach_dense_from_store(&again, e.clone(), &store, |_, _| panic!("must not rebuild")).unwrap();
    assert_eq!(origin, DenseOrigin::Stored);
    for mode in [Mode::Dense, Mode::Hybrid] {
        let hits = again.search_mode("올해 재물 운 은 ?", 5, mode).unwrap();
        assert_eq!(hits.len(), 5, "{mode:?}");
        assert!(hits.iter().all(|h| again.get(&h.id).is_some()));
    }
}

#[test]
fn another_embedder_makes_the_stored_index_stale() {
    let (_d1, bert) = embedder(EncoderKind::Bert);
    let (_d2, xlmr) = embedder(EncoderKind::XlmRoberta);
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("saju.redb")).unwrap();
    let kb = KnowledgeBase::embedded();
    attach_dense_from_store(&kb, Arc::new(bert), &store, |_, _| {}).unwrap();
    let kb2 = KnowledgeBase::embedded();
    match attach_dense_from_store(&kb2, Arc::new(xlmr), &store, |_, _| {}).unwrap() {
        DenseOrigin::Built { reason } => assert!(reason.contains("embedder"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_folder_without_weights_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.json"), r#"{"model_type":"bert"}"#).unwrap();
    let err = BertEmbedder::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("model.safetensors"), "{err}");
}
