//! A consistent copy of the database, taken while the server runs: one read transaction (a snapshot)
//! copied table by table into a new file, fsynced, then renamed into place. The target's folder is created
//! when missing (a fresh volume has no `backups/` yet), and every file error names the path it is about.

use super::error::StoreError;
use super::tables::*;
use super::Store;
use redb::{Database, ReadTransaction, ReadableDatabase, ReadableTable, TableDefinition};
use std::path::Path;

fn copy_table<K: redb::Key + 'static, V: redb::Value + 'static>(
    src: &ReadTransaction,
    dst: &redb::WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<u64, StoreError> {
    let from = match src.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut to = dst.open_table(def)?;
    let mut n = 0;
    for row in from.iter()? {
        let (k, v) = row?;
        to.insert(k.value(), v.value())?;
        n += 1;
    }
    Ok(n)
}

/// Creates the folder `target` goes into, naming it when that fails (e.g. `Permission denied`).
fn create_parent(target: &Path) -> Result<(), StoreError> {
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(format!("{}: {e}", dir.display())))
        }
        _ => Ok(()),
    }
}

fn copy_snapshot(src: &ReadTransaction, target: &Path) -> Result<u64, StoreError> {
    create_parent(target)?;
    let tmp = target.with_extension("redb.partial");
    let _ = std::fs::remove_file(&tmp);
    let rows = {
        let dst = Database::create(&tmp).map_err(|e| match e {
            redb::DatabaseError::Storage(redb::StorageError::Io(io)) => {
                StoreError::Io(format!("{}: {io}", tmp.display()))
            }
            other => StoreError::Db(format!("{}: {other}", tmp.display())),
        })?;
        let txn = dst.begin_write()?;
        let mut rows = copy_table(src, &txn, META)?;
        rows += copy_table(src, &txn, USERS)?;
        rows += copy_table(src, &txn, TOKENS)?;
        rows += copy_table(src, &txn, PROFILES)?;
        rows += copy_table(src, &txn, CHARTS)?;
        rows += copy_table(src, &txn, SESSIONS)?;
        rows += copy_table(src, &txn, MESSAGES)?;
        rows += copy_table(src, &txn, DERIVED)?;
        txn.commit()?;
        rows
    };
    std::fs::rename(&tmp, target).map_err(|e| StoreError::Io(format!("{}: {e}", target.display())))?;
    if let Some(dir) = target.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(rows)
}

impl Store {
    /// Writes a consistent copy of this open database to `target`; returns the rows copied.
    pub fn backup(&self, target: &Path) -> Result<u64, StoreError> {
        copy_snapshot(&self.db.begin_read()?, target)
    }
}

/// Copies the database at `source` (which a running server may hold open) to `target`.
pub fn backup_to(source: &Path, target: &Path) -> Result<u64, StoreError> {
    if !source.is_file() {
        return Err(StoreError::Io(format!("데이터베이스 파일이 없습니다: {}", source.display())));
    }
    let db = super::builder().open_read_only(source).map_err(|e| StoreError::from_open(e, source))?;
    copy_snapshot(&db.begin_read()?, target)
}
