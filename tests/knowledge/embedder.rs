//! A deterministic stand-in for a sentence-embedding model: hashed character n-grams (1–3) of each word,
//! signed, in a fixed number of dimensions. Crude, but it ranks texts sharing Korean substrings close, which
//! is all the dense path needs to be exercised for real.

use saju::knowledge::Embedder;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct HashEmbedder {
    id: String,
    dim: usize,
    pub calls: AtomicUsize,
}

impl HashEmbedder {
    pub fn new(dim: usize) -> Self {
        HashEmbedder { id: format!("test-hash-ngram-{dim}"), dim, calls: AtomicUsize::new(0) }
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

impl Embedder for HashEmbedder {
    fn id(&self) -> &str {
        &self.id
    }

    fn dim(&self) -> usize {
        self.dim
    }

    fn embed(&self, texts: &[&str], _is_query: bool) -> Result<Vec<Vec<f32>>, saju::knowledge::dense::EmbedError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        Ok(texts
            .iter()
            .map(|text| {
                let mut v = vec![0f32; self.dim];
                for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                    let chars: Vec<char> = word.chars().collect();
                    for n in 1..=3 {
                        for gram in chars.windows(n) {
                            let h = fnv(gram.iter().collect::<String>().as_bytes());
                            let sign = if h >> 63 == 0 { 1.0 } else { -1.0 };
                            v[(h % self.dim as u64) as usize] += sign * n as f32;
                        }
                    }
                }
                v
            })
            .collect())
    }
}

/// An embedder that always fails, for the degradation path.
pub struct BrokenEmbedder;

impl Embedder for BrokenEmbedder {
    fn id(&self) -> &str {
        "test-hash-ngram-256"
    }

    fn dim(&self) -> usize {
        256
    }

    fn embed(&self, _texts: &[&str], _is_query: bool) -> Result<Vec<Vec<f32>>, saju::knowledge::dense::EmbedError> {
        Err(saju::knowledge::dense::EmbedError("model file missing".into()))
    }
}
