//! Retrieval evaluation: questions in everyday Korean with the passages that answer them
//! (`tests/data/retrieval_eval.jsonl`, compiled in), scored by recall@k and MRR.

use super::{Hit, KnowledgeBase};
use serde::Deserialize;

/// The evaluation set shipped with the binary.
pub const EMBEDDED_EVAL_SET: &str = include_str!("../../tests/data/retrieval_eval.jsonl");

/// MRR looks this deep for the first relevant passage.
pub const MRR_DEPTH: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvalQuestion {
    pub question: String,
    pub relevant: Vec<String>,
}

/// Why an evaluation set does not parse (the line and the reason).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EvalSetError(pub String);

/// Parses JSON lines (`{"question": …, "relevant": [ids]}`); blank lines are skipped; errors give the line.
pub fn parse_eval_set(text: &str) -> Result<Vec<EvalQuestion>, EvalSetError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let q: EvalQuestion = serde_json::from_str(line).map_err(|e| EvalSetError(format!("line {}: {e}", n + 1)))?;
        if q.relevant.is_empty() {
            return Err(EvalSetError(format!("line {}: no relevant passage", n + 1)));
        }
        out.push(q);
    }
    Ok(out)
}

/// Relevant ids that name no passage of `kb`, as `(line index, id)`.
pub fn unknown_ids(questions: &[EvalQuestion], kb: &KnowledgeBase) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        for id in &q.relevant {
            if kb.get(id).is_none() {
                out.push((i, id.clone()));
            }
        }
    }
    out
}

/// A question whose relevant passages were not all in the top k.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub question: String,
    pub relevant: Vec<String>,
    /// The top k returned.
    pub got: Vec<String>,
    /// 1-based rank of the first relevant passage within [`MRR_DEPTH`].
    pub first_relevant_rank: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvalReport {
    pub questions: usize,
    pub k: usize,
    /// Mean over questions of the share of relevant passages in the top k.
    pub recall_at_k: f64,
    /// Share of questions with at least one relevant passage in the top k.
    pub hit_at_k: f64,
    /// Mean reciprocal rank of the first relevant passage (0 beyond [`MRR_DEPTH`]).
    pub mrr: f64,
    pub misses: Vec<Miss>,
}

/// Runs every question through `search(question, depth)` and scores the rankings.
pub fn evaluate(questions: &[EvalQuestion], k: usize, mut search: impl FnMut(&str, usize) -> Vec<Hit>) -> EvalReport {
    let (mut recall, mut hits, mut mrr) = (0.0, 0.0, 0.0);
    let mut misses = Vec::new();
    for q in questions {
        let ranked = search(&q.question, k.max(MRR_DEPTH));
        let top: Vec<String> = ranked.iter().take(k).map(|h| h.id.clone()).collect();
        let found = q.relevant.iter().filter(|id| top.contains(id)).count();
        recall += found as f64 / q.relevant.len() as f64;
        if found > 0 {
            hits += 1.0;
        }
        let first = ranked.iter().take(MRR_DEPTH).position(|h| q.relevant.contains(&h.id)).map(|r| r + 1);
        if let Some(r) = first {
            mrr += 1.0 / r as f64;
        }
        if found < q.relevant.len() {
            misses.push(Miss {
                question: q.question.clone(),
                relevant: q.relevant.clone(),
                got: top,
                first_relevant_rank: first,
            });
        }
    }
    let n = questions.len().max(1) as f64;
    EvalReport { questions: questions.len(), k, recall_at_k: recall / n, hit_at_k: hits / n, mrr: mrr / n, misses }
}
