//! The lexical index: BM25F over five fields of every passage (title, tags, synonyms, topics, body), with the
//! Korean features of [`super::tokenize`]. Synonyms — the everyday words people ask with — and titles weigh
//! most; whole-word matches count on top of n-gram matches.

use super::tokenize::{phrase_features, text_features, Kind};
use super::{Hit, KnowledgeBase, Passage};
use std::collections::HashMap;

/// The indexed fields, in the order of [`Bm25Params::weight`] and [`Bm25Params::b`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Tags,
    Synonyms,
    Topics,
    Body,
}

pub const FIELDS: usize = 5;

/// BM25F parameters. The defaults come from a sweep on `tests/data/retrieval_eval.jsonl` (the ignored
/// `tune` test), picked from the middle of the plateau and checked on held-out halves of the set: a large
/// k1 (short passages, where a repeated term is a strong signal), synonyms weighed most, topics not at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Bm25Params {
    pub k1: f32,
    /// Field weights: title, tags, synonyms, topics, body.
    pub weight: [f32; FIELDS],
    /// Length normalization per field.
    pub b: [f32; FIELDS],
    /// Query-side weight per feature kind: whole word, syllable, bigram.
    pub kind_weight: [f32; 3],
}

impl Default for Bm25Params {
    fn default() -> Self {
        Bm25Params {
            k1: 10.0,
            weight: [2.0, 2.0, 3.0, 0.0, 1.0],
            b: [0.2, 0.2, 0.2, 0.0, 0.75],
            kind_weight: [0.5, 0.5, 1.0],
        }
    }
}

#[derive(Debug, Clone)]
struct Posting {
    doc: u32,
    tf: [u16; FIELDS],
}

/// Size figures of a built index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexicalStats {
    pub documents: usize,
    pub terms: usize,
    pub postings: usize,
    /// Approximate heap bytes held by the index.
    pub bytes: usize,
}

/// An in-memory BM25F index over a corpus.
#[derive(Debug, Clone)]
pub struct LexicalIndex {
    ids: Vec<String>,
    terms: HashMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    idf: Vec<f32>,
    /// Per document and field, 1 - b + b·len/avg_len (the BM25 length normalizer).
    norm: Vec<[f32; FIELDS]>,
    params: Bm25Params,
}

fn field_features(p: &Passage) -> [Vec<String>; FIELDS] {
    let list = |items: &[String]| items.iter().flat_map(|s| phrase_features(s)).collect::<Vec<_>>();
    [text_features(&p.title), list(&p.tags), list(&p.synonyms), list(&p.topics), text_features(&p.body)]
}

impl LexicalIndex {
    pub fn build(kb: &KnowledgeBase) -> Self {
        Self::build_with(kb, Bm25Params::default(), |_, _| {})
    }

    /// Builds with explicit parameters, reporting `(passages done, total)` after each passage.
    pub fn build_with(kb: &KnowledgeBase, params: Bm25Params, mut progress: impl FnMut(usize, usize)) -> Self {
        let passages = kb.passages();
        let mut terms: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<Posting>> = Vec::new();
        let mut lens = Vec::with_capacity(passages.len());
        for (doc, p) in passages.iter().enumerate() {
            let mut tfs: HashMap<u32, [u16; FIELDS]> = HashMap::new();
            let mut len = [0f32; FIELDS];
            for (f, feats) in field_features(p).into_iter().enumerate() {
                len[f] = feats.len() as f32;
                for t in feats {
                    let next = terms.len() as u32;
                    let id = *terms.entry(t).or_insert(next);
                    if id as usize == postings.len() {
                        postings.push(Vec::new());
                    }
                    let tf = tfs.entry(id).or_default();
                    tf[f] = tf[f].saturating_add(1);
                }
            }
            let mut tfs: Vec<_> = tfs.into_iter().collect();
            tfs.sort_unstable_by_key(|(t, _)| *t);
            for (t, tf) in tfs {
                postings[t as usize].push(Posting { doc: doc as u32, tf });
            }
            lens.push(len);
            progress(doc + 1, passages.len());
        }
        let n = passages.len().max(1) as f32;
        let mut avg = [0f32; FIELDS];
        for len in &lens {
            for f in 0..FIELDS {
                avg[f] += len[f] / n;
            }
        }
        let norm = lens
            .iter()
            .map(|len| {
                std::array::from_fn(|f| {
                    let ratio = if avg[f] > 0.0 { len[f] / avg[f] } else { 1.0 };
                    1.0 - params.b[f] + params.b[f] * ratio
                })
            })
            .collect();
        let idf = postings
            .iter()
            .map(|p| {
                let df = p.len() as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        LexicalIndex { ids: passages.iter().map(|p| p.id.clone()).collect(), terms, postings, idf, norm, params }
    }

    /// The same index with other query-time parameters (field and kind weights, k1); the length
    /// normalization `b` stays the one it was built with.
    pub fn with_params(&self, params: Bm25Params) -> Self {
        LexicalIndex { params: Bm25Params { b: self.params.b, ..params }, ..self.clone() }
    }

    pub fn params(&self) -> &Bm25Params {
        &self.params
    }

    /// The `k` best passages for `query`, best first; passages sharing no feature with it are left out.
    pub fn search(&self, query: &str, k: usize) -> Vec<Hit> {
        let mut feats = phrase_features(query);
        feats.sort_unstable();
        feats.dedup();
        let mut scores = vec![0f32; self.ids.len()];
        let p = &self.params;
        for t in &feats {
            let Some(&id) = self.terms.get(t) else { continue };
            let qw = p.kind_weight[Kind::of(t) as usize] * self.idf[id as usize];
            for post in &self.postings[id as usize] {
                let norm = &self.norm[post.doc as usize];
                let tf: f32 = (0..FIELDS).map(|f| p.weight[f] * post.tf[f] as f32 / norm[f]).sum();
                scores[post.doc as usize] += qw * tf / (p.k1 + tf);
            }
        }
        top_k(&self.ids, &scores, k)
    }

    /// Each matched query feature's contribution to the score of passage `id`, largest first.
    pub fn explain(&self, query: &str, id: &str) -> Vec<(String, f32)> {
        let Some(doc) = self.ids.iter().position(|i| i == id) else { return Vec::new() };
        let mut feats = phrase_features(query);
        feats.sort_unstable();
        feats.dedup();
        let p = &self.params;
        let mut out: Vec<(String, f32)> = feats
            .into_iter()
            .filter_map(|t| {
                let &tid = self.terms.get(&t)?;
                let post = self.postings[tid as usize].iter().find(|post| post.doc as usize == doc)?;
                let norm = &self.norm[doc];
                let tf: f32 = (0..FIELDS).map(|f| p.weight[f] * post.tf[f] as f32 / norm[f]).sum();
                let s = p.kind_weight[Kind::of(&t) as usize] * self.idf[tid as usize] * tf / (p.k1 + tf);
                (s > 0.0).then_some((t, s))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    pub fn stats(&self) -> LexicalStats {
        let postings: usize = self.postings.iter().map(Vec::len).sum();
        let term_bytes: usize =
            self.terms.keys().map(|t| t.capacity() + std::mem::size_of::<(String, u32)>() + 8).sum();
        let bytes = term_bytes
            + postings * std::mem::size_of::<Posting>()
            + self.postings.len() * std::mem::size_of::<Vec<Posting>>()
            + self.idf.len() * 4
            + self.norm.len() * std::mem::size_of::<[f32; FIELDS]>()
            + self.ids.iter().map(|i| i.capacity() + std::mem::size_of::<String>()).sum::<usize>();
        LexicalStats { documents: self.ids.len(), terms: self.terms.len(), postings, bytes }
    }
}

/// The `k` highest positive scores as hits, ties broken by id.
pub(crate) fn top_k(ids: &[String], scores: &[f32], k: usize) -> Vec<Hit> {
    let mut order: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] > 0.0).collect();
    order.sort_unstable_by(|&a, &b| scores[b].total_cmp(&scores[a]).then_with(|| ids[a].cmp(&ids[b])));
    order.truncate(k);
    order.into_iter().map(|i| Hit { id: ids[i].clone(), score: scores[i] }).collect()
}
