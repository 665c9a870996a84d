//! The embedded store: one redb file in the data directory, typed tables behind a small API, a schema
//! version with forward migrations, and consistent backups. Every committed write is durable
//! (`Durability::Immediate`: fsync before `commit` returns). All calls block: async callers use
//! `spawn_blocking`.

mod backup;
mod derived;
mod disk;
mod error;
mod guard;
mod migrations;
pub mod records;
mod sessions;
mod tables;
mod usage;
mod users;
mod verify;

#[cfg(test)]
mod tests;

pub use backup::{
    backup_inventory, backup_to, backups_dir, check_restorable, new_backup_path, prune_backups, BACKUP_PREFIX,
};
pub use disk::{available_bytes, DiskStatus};
pub use error::{Limit, StoreError};
pub use guard::install_panic_hook;
pub use migrations::SCHEMA_VERSION;
pub use records::*;
pub use usage::Pruned;
pub use verify::{verify, VerifyReport};

use redb::{ConcurrencyMode, Database, ReadTransaction, ReadableDatabase, WriteTransaction};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::RwLock;

pub struct Store {
    /// None only between closing a database that failed a write and a successful reopen.
    db: RwLock<Option<Database>>,
    path: PathBuf,
    disk: disk::DiskGuard,
    /// Bytes one user may store; 0 = no quota (`set_user_quota_bytes`).
    user_quota: std::sync::atomic::AtomicU64,
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
        guard::catch(|| migrations::migrate(&db))
            .map_err(|()| StoreError::damaged(path, "the storage engine stopped while reading its schema"))??;
        Ok(Store {
            db: RwLock::new(Some(db)),
            path: path.to_path_buf(),
            disk: disk::DiskGuard::default(),
            user_quota: Default::default(),
        })
    }

    /// Refuses writes (other than deletes) while the data file system has fewer than `bytes` free; 0 turns
    /// the watermark off.
    pub fn set_min_free_bytes(&self, bytes: u64) {
        self.disk.min_free_bytes.store(bytes, Ordering::Relaxed);
    }

    /// Whether the database serves (false after a failed write until it is reopened); no I/O, for probes.
    pub fn is_up(&self) -> bool {
        !self.disk.is_down()
    }

    /// Whether the database serves, its disk's free space, and the refusal counters.
    pub fn disk_status(&self) -> DiskStatus {
        self.disk.status(&self.path)
    }

    /// After a failed write, closes and reopens the database (at most once a second); true when it serves.
    /// The server calls this on its maintenance tick so readiness comes back without traffic.
    pub fn recover(&self) -> bool {
        if !self.disk.is_down() {
            return true;
        }
        if !self.disk.reopen_due() {
            return false;
        }
        let mut db = self.db.write().unwrap_or_else(|p| p.into_inner());
        // The old handle must go first: it holds the file's lock.
        *db = None;
        match guarded(&self.path, || builder().open(&self.path)) {
            Ok(fresh) => {
                *db = Some(fresh);
                self.disk.mark_up();
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "the database could not be reopened yet");
                false
            }
        }
    }

    fn begin<T>(&self, f: impl FnOnce(&Database) -> Result<T, redb::TransactionError>) -> Result<T, StoreError> {
        self.recover();
        let db = self.db.read().unwrap_or_else(|p| p.into_inner());
        let Some(db) = db.as_ref() else {
            return Err(StoreError::Unavailable("데이터베이스를 다시 여는 중입니다".into()));
        };
        f(db).map_err(|e| self.failed(e.into()))
    }

    /// A read transaction.
    fn read(&self) -> Result<ReadTransaction, StoreError> {
        self.begin(Database::begin_read)
    }

    /// A write transaction, refused under the free-space watermark.
    fn write(&self) -> Result<WriteTransaction, StoreError> {
        self.disk.check_space(&self.path)?;
        self.begin(Database::begin_write)
    }

    /// A write transaction that only removes data: allowed under the watermark, since it is how space returns.
    fn write_freeing(&self) -> Result<WriteTransaction, StoreError> {
        self.begin(Database::begin_write)
    }

    /// Commits; an I/O failure marks the database down (to be reopened) and says whether the disk is full.
    fn commit(&self, txn: WriteTransaction) -> Result<(), StoreError> {
        txn.commit().map_err(|e| self.failed(e.into()))
    }

    fn failed(&self, e: redb::Error) -> StoreError {
        let (err, down) = disk::classify(e);
        if down {
            self.disk.mark_down(&err);
        }
        err
    }

    #[cfg(test)]
    fn db(&self) -> std::sync::RwLockReadGuard<'_, Option<Database>> {
        self.db.read().unwrap()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A cheap end-to-end check: a read transaction on the metadata table.
    pub fn check(&self) -> Result<u64, StoreError> {
        let txn = self.read()?;
        migrations::read_version(&txn)
    }

    /// Counts of every table, for the admin stats route and health details.
    pub fn counts(&self) -> Result<StoreCounts, StoreError> {
        use redb::ReadableTableMetadata;
        let txn = self.read()?;
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
