//! Dense retrieval: an [`Embedder`] turns passages and queries into vectors; [`DenseIndex`] keeps one
//! unit vector per passage and ranks by cosine. The index serializes to bytes with a header (corpus hash,
//! embedder id, dimension, count) so the caller can keep it in the store and refuse a stale one.

use super::{Hit, KnowledgeBase};
use sha2::{Digest, Sha256};

/// A sentence-embedding model. Implementations add any prefixes their model expects
/// (e5: `query: ` / `passage: `).
pub trait Embedder: Send + Sync {
    /// Names the model and everything that changes its vectors (weights, pooling, prefixes).
    fn id(&self) -> &str;
    fn dim(&self) -> usize;
    /// One vector of `dim()` floats per text.
    fn embed(&self, texts: &[&str], is_query: bool) -> Result<Vec<Vec<f32>>, EmbedError>;
}

/// An embedder's failure, as its message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EmbedError(pub String);

#[derive(Debug, thiserror::Error)]
pub enum DenseError {
    #[error("embedder failed: {0}")]
    Embed(EmbedError),
    #[error("no dense index is attached")]
    NoIndex,
    #[error("embedder {embedder} returned {got} (expected {expected})")]
    BadEmbedding { embedder: String, expected: String, got: String },
    #[error("not a saju dense index (bad magic or version)")]
    BadMagic,
    #[error("dense index is truncated or corrupt")]
    Corrupt,
    #[error("dense index is stale: built for corpus {stored}, the corpus is now {current}")]
    StaleCorpus { stored: String, current: String },
    #[error("dense index was built by embedder {stored:?}, not {current:?}")]
    EmbedderMismatch { stored: String, current: String },
    #[error("dense index has dimension {stored}, the embedder gives {current}")]
    DimMismatch { stored: usize, current: usize },
}

const MAGIC: &[u8; 8] = b"SAJUDNS1";
const VERSION: u32 = 1;
/// Passages per call to [`Embedder::embed`] while building.
pub const BATCH: usize = 16;

/// The header of a serialized index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenseHeader {
    /// Hex SHA-256 of the corpus the vectors were computed from ([`KnowledgeBase::corpus_hash`]).
    pub corpus_hash: String,
    pub embedder_id: String,
    pub dim: usize,
    pub count: usize,
}

/// One unit vector per passage, in corpus order.
#[derive(Debug, Clone, PartialEq)]
pub struct DenseIndex {
    header: DenseHeader,
    ids: Vec<String>,
    vectors: Vec<f32>,
}

fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

fn embed_checked(embedder: &dyn Embedder, texts: &[&str], is_query: bool) -> Result<Vec<Vec<f32>>, DenseError> {
    let out = embedder.embed(texts, is_query).map_err(DenseError::Embed)?;
    let bad =
        |expected: String, got: String| DenseError::BadEmbedding { embedder: embedder.id().into(), expected, got };
    if out.len() != texts.len() {
        return Err(bad(format!("{} vectors", texts.len()), format!("{} vectors", out.len())));
    }
    if let Some(v) = out.iter().find(|v| v.len() != embedder.dim()) {
        return Err(bad(format!("dimension {}", embedder.dim()), format!("dimension {}", v.len())));
    }
    if out.iter().flatten().any(|x| !x.is_finite()) {
        return Err(bad("finite values".into(), "NaN or infinity".into()));
    }
    Ok(out)
}

impl DenseIndex {
    /// Embeds every passage ([`super::Passage::embedding_text`]) in batches of [`BATCH`], reporting
    /// `(passages done, total)` after each batch.
    pub fn build(
        kb: &KnowledgeBase,
        embedder: &dyn Embedder,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Self, DenseError> {
        let passages = kb.passages();
        let dim = embedder.dim();
        let mut vectors = Vec::with_capacity(passages.len() * dim);
        progress(0, passages.len());
        for (i, chunk) in passages.chunks(BATCH).enumerate() {
            let texts: Vec<String> = chunk.iter().map(|p| p.embedding_text()).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            for mut v in embed_checked(embedder, &refs, false)? {
                normalize(&mut v);
                vectors.extend_from_slice(&v);
            }
            progress((i * BATCH + chunk.len()).min(passages.len()), passages.len());
        }
        Ok(DenseIndex {
            header: DenseHeader {
                corpus_hash: kb.corpus_hash().to_string(),
                embedder_id: embedder.id().to_string(),
                dim,
                count: passages.len(),
            },
            ids: passages.iter().map(|p| p.id.clone()).collect(),
            vectors,
        })
    }

    pub fn header(&self) -> &DenseHeader {
        &self.header
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The `k` passages most similar to an already computed query vector, best first.
    pub fn search_vector(&self, query: &[f32], k: usize) -> Vec<Hit> {
        let mut q = query.to_vec();
        normalize(&mut q);
        let scores: Vec<f32> = self.vectors.chunks_exact(self.header.dim.max(1)).map(|v| dot(v, &q)).collect();
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_unstable_by(|&a, &b| scores[b].total_cmp(&scores[a]).then_with(|| self.ids[a].cmp(&self.ids[b])));
        order.truncate(k);
        order.into_iter().map(|i| Hit { id: self.ids[i].clone(), score: scores[i] }).collect()
    }

    /// Embeds `query` (as a query) and returns the `k` nearest passages.
    pub fn search(&self, embedder: &dyn Embedder, query: &str, k: usize) -> Result<Vec<Hit>, DenseError> {
        self.check_embedder(embedder)?;
        let v = embed_checked(embedder, &[query], true)?.pop().expect("one vector");
        Ok(self.search_vector(&v, k))
    }

    fn check_embedder(&self, embedder: &dyn Embedder) -> Result<(), DenseError> {
        if embedder.id() != self.header.embedder_id {
            return Err(DenseError::EmbedderMismatch {
                stored: self.header.embedder_id.clone(),
                current: embedder.id().into(),
            });
        }
        if embedder.dim() != self.header.dim {
            return Err(DenseError::DimMismatch { stored: self.header.dim, current: embedder.dim() });
        }
        Ok(())
    }

    /// Whether this index was built from `kb`'s current corpus by `embedder`.
    pub fn check(&self, kb: &KnowledgeBase, embedder: &dyn Embedder) -> Result<(), DenseError> {
        if self.header.corpus_hash != kb.corpus_hash() {
            return Err(DenseError::StaleCorpus {
                stored: self.header.corpus_hash.clone(),
                current: kb.corpus_hash().into(),
            });
        }
        self.check_embedder(embedder)
    }

    /// `SAJUDNS1`, version, corpus hash (32 bytes), embedder id, dim, count, the ids, the vectors
    /// (f32 little-endian), then a SHA-256 of everything before it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let h = &self.header;
        let mut out = Vec::with_capacity(96 + h.embedder_id.len() + self.ids.len() * 40 + self.vectors.len() * 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&hex_decode(&h.corpus_hash).unwrap_or([0; 32]));
        put_str(&mut out, &h.embedder_id);
        out.extend_from_slice(&(h.dim as u32).to_le_bytes());
        out.extend_from_slice(&(h.count as u32).to_le_bytes());
        for id in &self.ids {
            put_str(&mut out, id);
        }
        for x in &self.vectors {
            out.extend_from_slice(&x.to_le_bytes());
        }
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        out
    }

    /// Reads only the header (for deciding whether a stored index can be used).
    pub fn read_header(bytes: &[u8]) -> Result<DenseHeader, DenseError> {
        let mut r = Reader { bytes, pos: 0 };
        read_header(&mut r)
    }

    /// Restores an index and checks it against the current corpus and embedder: a stale corpus, another
    /// embedder or dimension, a truncated or altered byte string are refused.
    pub fn from_bytes(bytes: &[u8], kb: &KnowledgeBase, embedder: &dyn Embedder) -> Result<Self, DenseError> {
        if bytes.len() < 32 + MAGIC.len() {
            return Err(DenseError::BadMagic);
        }
        let (payload, digest) = bytes.split_at(bytes.len() - 32);
        let mut r = Reader { bytes: payload, pos: 0 };
        let header = read_header(&mut r)?;
        if Sha256::digest(payload).as_slice() != digest {
            return Err(DenseError::Corrupt);
        }
        let ids = (0..header.count).map(|_| r.string()).collect::<Result<Vec<_>, _>>()?;
        let n = header.count.checked_mul(header.dim).ok_or(DenseError::Corrupt)?;
        let raw = r.take(n.checked_mul(4).ok_or(DenseError::Corrupt)?)?;
        if r.pos != payload.len() {
            return Err(DenseError::Corrupt);
        }
        let vectors = raw.chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().unwrap())).collect();
        let index = DenseIndex { header, ids, vectors };
        index.check(kb, embedder)?;
        if index.ids.len() != kb.len() || index.ids.iter().zip(kb.passages()).any(|(a, p)| *a != p.id) {
            return Err(DenseError::StaleCorpus {
                stored: index.header.corpus_hash.clone(),
                current: kb.corpus_hash().into(),
            });
        }
        Ok(index)
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn hex_decode(s: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if s.len() != 64 {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DenseError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(DenseError::Corrupt)?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, DenseError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }

    fn string(&mut self) -> Result<String, DenseError> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| DenseError::Corrupt)
    }
}

fn read_header(r: &mut Reader<'_>) -> Result<DenseHeader, DenseError> {
    if r.take(MAGIC.len()).ok() != Some(MAGIC.as_slice()) || r.u32().ok() != Some(VERSION) {
        return Err(DenseError::BadMagic);
    }
    let corpus_hash = hex(r.take(32)?);
    let embedder_id = r.string()?;
    let dim = r.u32()? as usize;
    let count = r.u32()? as usize;
    Ok(DenseHeader { corpus_hash, embedder_id, dim, count })
}
