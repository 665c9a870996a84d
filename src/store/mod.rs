//! The embedded store: one redb file in the data directory, typed tables behind a small API, a schema
//! version with forward migrations, and consistent backups. Every committed write is durable
//! (`Durability::Immediate`: fsync before `commit` returns). All calls block: async callers use
//! `spawn_blocking`.

mod backup;
mod derived;
mod error;
mod migrations;
pub mod records;
mod sessions;
mod tables;
mod users;

#[cfg(test)]
mod tests;

pub use backup::backup_to;
pub use error::{Limit, StoreError};
pub use migrations::SCHEMA_VERSION;
pub use records::*;

use redb::{ConcurrencyMode, Database, ReadableDatabase};
use std::path::{Path, PathBuf};

pub struct Store {
    db: Database,
    path: PathBuf,
}

/// A new random identifier: a ULID (26 characters, sortable by creation time, matches `^[A-Za-z0-9_-]{1,64}$`).
pub fn new_id() -> String {
    ulid::Ulid::new().to_string()
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn builder() -> redb::Builder {
    let mut b = Database::builder();
    // One writer process (the server); `saju backup` may read the file concurrently.
    b.set_concurrency_mode(ConcurrencyMode::SingleWriter);
    b
}

impl Store {
    /// Opens (creating if needed) the database and brings its schema to the current version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(format!("{}: {e}", dir.display())))?;
        }
        let db = builder().create(path).map_err(|e| StoreError::from_open(e, path))?;
        let store = Store { db, path: path.to_path_buf() };
        migrations::migrate(&store.db)?;
        Ok(store)
    }

    /// Opens without migrating, to report the schema version (`saju migrate --status`).
    pub fn schema_version_of(path: &Path) -> Result<u64, StoreError> {
        let db = builder().open_read_only(path).map_err(|e| StoreError::from_open(e, path))?;
        let txn = db.begin_read()?;
        migrations::read_version(&txn)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A cheap end-to-end check: a read transaction on the metadata table.
    pub fn check(&self) -> Result<u64, StoreError> {
        let txn = self.db.begin_read()?;
        migrations::read_version(&txn)
    }

    /// Counts of every table, for the admin stats route and health details.
    pub fn counts(&self) -> Result<StoreCounts, StoreError> {
        use redb::ReadableTableMetadata;
        let txn = self.db.begin_read()?;
        Ok(StoreCounts {
            users: txn.open_table(tables::USERS)?.len()?,
            profiles: txn.open_table(tables::PROFILES)?.len()?,
            sessions: txn.open_table(tables::SESSIONS)?.len()?,
            messages: txn.open_table(tables::MESSAGES)?.len()?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StoreCounts {
    pub users: u64,
    pub profiles: u64,
    pub sessions: u64,
    pub messages: u64,
}
