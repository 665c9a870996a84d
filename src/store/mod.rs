//! The embedded store: one redb file in the data directory, typed tables behind a small API, a schema
//! version with forward migrations, and consistent backups. Every committed write is durable
//! (`Durability::Immediate`: fsync before `commit` returns). All calls block: async callers use
//! `spawn_blocking`.

mod backup;
mod derived;
mod error;
mod guard;
mod migrations;
pub mod records;
mod sessions;
mod tables;
mod users;
mod verify;

#[cfg(test)]
mod tests;

pub use backup::{backup_to, prune_backups};
pub use error::{Limit, StoreError};
pub use guard::install_panic_hook;
pub use migrations::SCHEMA_VERSION;
pub use records::*;
pub use verify::{verify, VerifyReport};

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

/// Opens a database file, turning every failure — and a panic inside the storage engine on a damaged file —
/// into an error that names the file and the next step.
pub(crate) fn guarded<D>(path: &Path, open: impl FnOnce() -> Result<D, redb::DatabaseError>) -> Result<D, StoreError> {
    match guard::catch(open) {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(e)) => Err(StoreError::from_open(e, path)),
        Err(_) => Err(StoreError::damaged(path, "the storage engine stopped on it")),
    }
}

impl Store {
    /// Opens the database and brings its schema to the current version. Only a missing file is created (and
    /// the log says so); an existing file that is not a database — empty, truncated, another format — is an
    /// error naming it, never a new empty store in its place.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(format!("{}: {e}", dir.display())))?;
        }
        let db = match std::fs::metadata(path) {
            Ok(_) => guarded(path, || builder().open(path))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                tracing::info!(path = %path.display(), "no database file: creating a new, empty store");
                guarded(path, || builder().create(path))?
            }
            Err(e) => return Err(StoreError::Io(format!("{}: {e}", path.display()))),
        };
        let store = Store { db, path: path.to_path_buf() };
        guard::catch(|| migrations::migrate(&store.db))
            .map_err(|()| StoreError::damaged(path, "the storage engine stopped while reading its schema"))??;
        Ok(store)
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
