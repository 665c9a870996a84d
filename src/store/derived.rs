//! Derived data kept in the store: the dense retrieval index (bytes from `knowledge::DenseIndex::to_bytes`).

use super::error::StoreError;
use super::tables::DERIVED;
use super::Store;

const DENSE_INDEX: &str = "dense_index";

impl Store {
    /// Replaces the stored dense index.
    pub fn put_dense_index(&self, bytes: &[u8]) -> Result<(), StoreError> {
        let txn = self.write()?;
        txn.open_table(DERIVED)?.insert(DENSE_INDEX, bytes)?;
        self.commit(txn)?;
        Ok(())
    }

    /// The stored dense index, if one was saved.
    pub fn dense_index(&self) -> Result<Option<Vec<u8>>, StoreError> {
        let txn = self.read()?;
        let table = match txn.open_table(DERIVED) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(table.get(DENSE_INDEX)?.map(|v| v.value().to_vec()))
    }
}
