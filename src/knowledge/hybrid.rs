//! Hybrid retrieval: lexical always, dense when an index and its embedder are present, fused by reciprocal
//! rank (score = Σ 1/(60 + rank)), which needs no calibration between BM25 scores and cosines.

use super::dense::{DenseError, DenseIndex, Embedder};
use super::lexical::LexicalIndex;
use super::Hit;
use std::collections::HashMap;

/// The usual RRF constant: damps the weight of the very first ranks.
pub const RRF_K: f32 = 60.0;

/// How deep each list is read before fusing, at least.
const FUSION_DEPTH: usize = 50;

/// Fuses ranked lists by reciprocal rank: a passage high in several lists beats one high in a single list.
/// Ties keep the order of first appearance (earlier lists first).
pub fn reciprocal_rank_fusion(lists: &[&[Hit]], k: usize) -> Vec<Hit> {
    let mut scores: HashMap<&str, (f32, usize)> = HashMap::new();
    let mut seen = 0;
    for list in lists {
        for (rank, hit) in list.iter().enumerate() {
            let entry = scores.entry(&hit.id).or_insert_with(|| {
                seen += 1;
                (0.0, seen)
            });
            entry.0 += 1.0 / (RRF_K + rank as f32 + 1.0);
        }
    }
    let mut fused: Vec<(&str, f32, usize)> = scores.into_iter().map(|(id, (s, first))| (id, s, first)).collect();
    fused.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    fused.truncate(k);
    fused.into_iter().map(|(id, score, _)| Hit { id: id.to_string(), score }).collect()
}

/// Which retrievers a search uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Lexical,
    Dense,
    Hybrid,
}

/// A lexical index, and optionally a dense index with the embedder that built it.
#[derive(Clone, Copy)]
pub struct HybridSearch<'a> {
    lexical: &'a LexicalIndex,
    dense: Option<(&'a DenseIndex, &'a dyn Embedder)>,
}

impl<'a> HybridSearch<'a> {
    pub fn new(lexical: &'a LexicalIndex) -> Self {
        HybridSearch { lexical, dense: None }
    }

    pub fn with_dense(mut self, index: &'a DenseIndex, embedder: &'a dyn Embedder) -> Self {
        self.dense = Some((index, embedder));
        self
    }

    pub fn has_dense(&self) -> bool {
        self.dense.is_some()
    }

    /// Hybrid when a dense index is present, lexical otherwise. A failing embedder degrades to lexical.
    pub fn search(&self, query: &str, k: usize) -> Vec<Hit> {
        self.search_mode(query, k, if self.dense.is_some() { Mode::Hybrid } else { Mode::Lexical })
            .unwrap_or_else(|_| self.lexical.search(query, k))
    }

    /// One mode exactly; `Dense` and `Hybrid` fail without a dense index or when the embedder fails.
    pub fn search_mode(&self, query: &str, k: usize, mode: Mode) -> Result<Vec<Hit>, DenseError> {
        let depth = k.max(FUSION_DEPTH);
        let dense = || -> Result<Vec<Hit>, DenseError> {
            let (index, embedder) = self.dense.ok_or(DenseError::NoIndex)?;
            index.search(embedder, query, depth).inspect_err(|e| {
                tracing::warn!(error = %e, "dense retrieval failed");
            })
        };
        Ok(match mode {
            Mode::Lexical => self.lexical.search(query, k),
            Mode::Dense => {
                let mut hits = dense()?;
                hits.truncate(k);
                hits
            }
            Mode::Hybrid => {
                let dense = dense()?;
                let lexical = self.lexical.search(query, depth);
                reciprocal_rank_fusion(&[&lexical, &dense], k)
            }
        })
    }
}
