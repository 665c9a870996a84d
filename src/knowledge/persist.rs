//! The dense index kept in the store: reused when it matches the corpus and the embedder, rebuilt (and
//! saved) when it is missing or stale.

use super::dense::DenseError;
use super::{DenseIndex, Embedder, KnowledgeBase};
use crate::store::{Store, StoreError};
use std::sync::Arc;

/// Why a dense index could not be attached: the store failed, or the index could not be built or checked.
#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Dense(#[from] DenseError),
}

/// Where the attached dense index came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DenseOrigin {
    /// Read from the store.
    Stored,
    /// Built now (the reason the stored one could not be used), and saved.
    Built { reason: String },
}

/// Attaches a dense index for `embedder` to `kb`: the stored one when it is current, otherwise a new one
/// built with `progress(done, total)` and saved to the store. Blocking (embedding the corpus takes a while
/// on a CPU).
pub fn attach_dense_from_store(
    kb: &KnowledgeBase,
    embedder: Arc<dyn Embedder>,
    store: &Store,
    progress: impl FnMut(usize, usize),
) -> Result<DenseOrigin, PersistError> {
    let reason = match store.dense_index()? {
        None => "no dense index in the store".to_string(),
        Some(bytes) => match DenseIndex::from_bytes(&bytes, kb, embedder.as_ref()) {
            Ok(index) => {
                kb.attach_dense(index, embedder)?;
                return Ok(DenseOrigin::Stored);
            }
            Err(e) => e.to_string(),
        },
    };
    let index = DenseIndex::build(kb, embedder.as_ref(), progress)?;
    store.put_dense_index(&index.to_bytes())?;
    kb.attach_dense(index, embedder)?;
    Ok(DenseOrigin::Built { reason })
}
