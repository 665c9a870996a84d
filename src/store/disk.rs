//! Staying up on a full disk. Two guards:
//!
//! - **A free-space watermark**: a write is refused (`StoreError::Full`, HTTP 507) while the file system that
//!   holds the database has less than `min_free_bytes` free, so the disk never fills under the store and reads
//!   keep working. Deletes are let through: they are how space comes back.
//! - **Recovery after a failed write**: when a commit fails anyway (ENOSPC from another process filling the
//!   disk, an I/O error), redb refuses every later transaction ("Previous I/O error"), reads too. The store then
//!   counts as down (`/health/ready` 503, `saju_store_up` 0), and it is closed and reopened — at most once a
//!   second, on the next request or the server's maintenance tick — until the reopen succeeds, which it does
//!   once space is back (the reopen repairs the file, and that needs a little space).

use super::error::StoreError;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Free bytes for an unprivileged process on the file system holding `path`.
pub fn available_bytes(path: &Path) -> std::io::Result<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "path contains a NUL byte"))?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid C string and `stat` a writable statvfs the call fills in.
    if unsafe { libc::statvfs(c.as_ptr(), &mut stat) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // The field types differ between platforms (u32 on some 32-bit ones).
    #[allow(clippy::useless_conversion)]
    Ok(u64::from(stat.f_bavail).saturating_mul(u64::from(stat.f_frsize)))
}

/// Whether an I/O error means the disk (or the quota) is full.
pub fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || matches!(e.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT))
}

/// The store's view of its disk, shared by every call: the watermark, whether the database is down after a
/// failed write, and counters for the metrics.
#[derive(Debug, Default)]
pub(super) struct DiskGuard {
    pub(super) min_free_bytes: AtomicU64,
    down: AtomicBool,
    last_reopen: Mutex<Option<Instant>>,
    refused_low_space: AtomicU64,
    failed_writes: AtomicU64,
    reopens: AtomicU64,
    pub(super) refused_quota: AtomicU64,
}

/// What the metrics and `/health` show about the store's disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStatus {
    /// The database answers transactions.
    pub up: bool,
    /// Free bytes on the data file system (None when it cannot be read).
    pub free_bytes: Option<u64>,
    /// The configured watermark, bytes.
    pub min_free_bytes: u64,
    /// Writes refused because free space was under the watermark.
    pub refused_low_space: u64,
    /// Commits that failed with an I/O error (the disk filled under the store, or worse).
    pub failed_writes: u64,
    /// Successful reopens after such a failure.
    pub reopens: u64,
    /// Writes refused because they would take a user over the per-user quota.
    pub refused_quota: u64,
}

const REOPEN_EVERY: Duration = Duration::from_secs(1);

/// The directory whose file system holds the database (`.` for a bare file name).
fn data_dir(db_path: &Path) -> &Path {
    db_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

impl DiskGuard {
    /// Refuses a write while the data file system is under the watermark.
    pub(super) fn check_space(&self, db_path: &Path) -> Result<(), StoreError> {
        let min = self.min_free_bytes.load(Ordering::Relaxed);
        if min == 0 {
            return Ok(());
        }
        match available_bytes(data_dir(db_path)) {
            Ok(free) if free < min => {
                self.refused_low_space.fetch_add(1, Ordering::Relaxed);
                Err(StoreError::Full(format!(
                    "저장 공간이 부족해 저장하지 않았습니다(여유 {} MB, 최소 {} MB 필요). 관리자에게 알려 주세요",
                    free / 1_000_000,
                    min.div_ceil(1_000_000)
                )))
            }
            // A file system that cannot be asked is not a reason to refuse: the commit will say.
            _ => Ok(()),
        }
    }

    pub(super) fn is_down(&self) -> bool {
        self.down.load(Ordering::SeqCst)
    }

    /// Marks the database down after an I/O failure; it is reopened on a later call.
    pub(super) fn mark_down(&self, why: &dyn std::fmt::Display) {
        if !self.down.swap(true, Ordering::SeqCst) {
            self.failed_writes.fetch_add(1, Ordering::Relaxed);
            tracing::error!(error = %why, "the database failed a write; refusing requests until it can be reopened");
        }
    }

    /// Whether a reopen is due now (at most one a second); records the attempt.
    pub(super) fn reopen_due(&self) -> bool {
        let mut last = self.last_reopen.lock().unwrap_or_else(|p| p.into_inner());
        let due = last.is_none_or(|t| t.elapsed() >= REOPEN_EVERY);
        if due {
            *last = Some(Instant::now());
        }
        due
    }

    pub(super) fn mark_up(&self) {
        if self.down.swap(false, Ordering::SeqCst) {
            self.reopens.fetch_add(1, Ordering::Relaxed);
            tracing::info!("the database was reopened and serves again");
        }
    }

    pub(super) fn status(&self, db_path: &Path) -> DiskStatus {
        DiskStatus {
            up: !self.is_down(),
            free_bytes: available_bytes(data_dir(db_path)).ok(),
            min_free_bytes: self.min_free_bytes.load(Ordering::Relaxed),
            refused_low_space: self.refused_low_space.load(Ordering::Relaxed),
            failed_writes: self.failed_writes.load(Ordering::Relaxed),
            reopens: self.reopens.load(Ordering::Relaxed),
            refused_quota: self.refused_quota.load(Ordering::Relaxed),
        }
    }
}

/// The store error for a redb error met by a transaction, and whether it means the database is now down.
pub(super) fn classify(e: redb::Error) -> (StoreError, bool) {
    match e {
        redb::Error::Io(io) if is_disk_full(&io) => {
            (StoreError::Full("저장 공간이 가득 차 저장하지 못했습니다. 관리자에게 알려 주세요".into()), true)
        }
        redb::Error::Io(io) => (StoreError::Unavailable(format!("디스크 입출력 오류: {io}")), true),
        redb::Error::PreviousIo => {
            (StoreError::Unavailable("앞선 디스크 오류로 데이터베이스를 다시 여는 중입니다".into()), true)
        }
        other => (StoreError::Db(other.to_string()), false),
    }
}
