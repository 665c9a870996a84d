//! A consistent copy of the database, taken while the server runs: one read transaction (a snapshot)
//! copied table by table into a new file, fsynced, then renamed into place. The target's folder is created
//! when missing (a fresh volume has no `backups/` yet), and every file error names the path it is about.

use super::error::StoreError;
use super::tables::*;
use super::Store;
use redb::{Database, ReadTransaction, ReadableDatabase, ReadableTable, TableDefinition};
use std::path::Path;

/// The two files of a copy, so that every error names the one it is about: reading `source` failed (a
/// damaged database) or writing `target` failed (a full disk, permissions).
struct Ends<'a> {
    source: &'a Path,
    target: &'a Path,
}

impl Ends<'_> {
    fn read(&self, e: impl std::fmt::Display) -> StoreError {
        StoreError::damaged(self.source, e)
    }
    fn write(&self, e: impl std::fmt::Display) -> StoreError {
        StoreError::Io(format!("{}: {e}", self.target.display()))
    }
}

fn copy_table<K: redb::Key + 'static, V: redb::Value + 'static>(
    src: &ReadTransaction,
    dst: &redb::WriteTransaction,
    def: TableDefinition<K, V>,
    ends: &Ends<'_>,
) -> Result<u64, StoreError> {
    let from = match src.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
        Err(e) => return Err(ends.read(e)),
    };
    let mut to = dst.open_table(def).map_err(|e| ends.write(e))?;
    let mut n = 0;
    for row in from.iter().map_err(|e| ends.read(e))? {
        let (k, v) = row.map_err(|e| ends.read(e))?;
        to.insert(k.value(), v.value()).map_err(|e| ends.write(e))?;
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

/// With `check`, the copy is read back in full ([`check_restorable`]) before it takes its name, so a
/// concurrent backup's pruning can never remove it between the copy and the check.
fn copy_snapshot(src: &ReadTransaction, source: &Path, target: &Path, check: bool) -> Result<u64, StoreError> {
    create_parent(target)?;
    let tmp = target.with_extension("redb.partial");
    let _ = std::fs::remove_file(&tmp);
    let ends = Ends { source, target: &tmp };
    let rows = {
        let dst = Database::create(&tmp).map_err(|e| match e {
            redb::DatabaseError::Storage(redb::StorageError::Io(io)) => ends.write(io),
            other => ends.write(other),
        })?;
        let txn = dst.begin_write().map_err(|e| ends.write(e))?;
        let mut rows = copy_table(src, &txn, META, &ends)?;
        rows += copy_table(src, &txn, USERS, &ends)?;
        rows += copy_table(src, &txn, TOKENS, &ends)?;
        rows += copy_table(src, &txn, PROFILES, &ends)?;
        rows += copy_table(src, &txn, CHARTS, &ends)?;
        rows += copy_table(src, &txn, SESSIONS, &ends)?;
        rows += copy_table(src, &txn, MESSAGES, &ends)?;
        rows += copy_table(src, &txn, DERIVED, &ends)?;
        rows += copy_table(src, &txn, CONVERSATIONS, &ends)?;
        rows += copy_table(src, &txn, USAGE, &ends)?;
        txn.commit().map_err(|e| ends.write(e))?;
        rows
    };
    if let Err(e) = if check { check_restorable(&tmp) } else { Ok(()) } {
        let _ = std::fs::remove_file(&tmp);
        return Err(StoreError::damaged(target, e));
    }
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
        copy_snapshot(&self.read()?, &self.path, target, false)
    }

    /// As [`Store::backup`], and every record of the copy is read back before it takes its name.
    pub fn backup_checked(&self, target: &Path) -> Result<u64, StoreError> {
        copy_snapshot(&self.read()?, &self.path, target, true)
    }
}

/// Copies the database at `source` (which a running server may hold open) to `target`, reading every record
/// of the copy back before it takes its name.
pub fn backup_to(source: &Path, target: &Path) -> Result<u64, StoreError> {
    if !source.is_file() {
        return Err(StoreError::Io(format!("데이터베이스 파일이 없습니다: {}", source.display())));
    }
    let db = super::guarded(source, || super::builder().open_read_only(source))?;
    let txn = db.begin_read().map_err(|e| StoreError::damaged(source, e))?;
    // A damaged page can stop the storage engine in the middle of the copy: that is an error about the
    // source, and the partial copy is removed.
    match super::guard::catch(|| copy_snapshot(&txn, source, target, true)) {
        Ok(result) => result,
        Err(_) => {
            let _ = std::fs::remove_file(target.with_extension("redb.partial"));
            Err(StoreError::damaged(source, "the storage engine stopped while copying it"))
        }
    }
}

/// The file name prefix of the backups kept in `<data_dir>/backups/` — written by `POST /v1/admin/backup`,
/// by `saju backup` without a path and by the shipped schedules — and pruned to `server.backups_keep`.
pub const BACKUP_PREFIX: &str = "saju-";

/// The folder of the kept backups.
pub fn backups_dir(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("backups")
}

/// A new backup's path in `dir`: `saju-<UTC time>-<id>.redb`, unique also for backups in the same second,
/// and sorting by time.
pub fn new_backup_path(dir: &Path) -> std::path::PathBuf {
    let stamp = crate::saju::time::civil::format_utc(super::now()).replace(':', "");
    dir.join(format!("{BACKUP_PREFIX}{stamp}-{}.redb", super::new_id()))
}

/// How many kept backups `dir` holds and when the newest was written (its modification time); a missing
/// folder holds none.
pub fn backup_inventory(dir: &Path) -> (usize, Option<std::time::SystemTime>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return (0, None) };
    entries
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(BACKUP_PREFIX) && n.ends_with(".redb")))
        .fold((0, None), |(n, newest), e| {
            let written = e.metadata().and_then(|m| m.modified()).ok();
            (n + 1, newest.max(written))
        })
}

/// The restore check of a new backup: the copy opens as a database and every record in it decodes (what
/// `saju verify` reads). A copy that fails it is an error naming the copy.
pub fn check_restorable(path: &Path) -> Result<(), StoreError> {
    let report = super::verify(path)?;
    match report.problems.first() {
        None => Ok(()),
        Some(first) => Err(StoreError::damaged(path, format!("the new backup does not read back: {first}"))),
    }
}

/// Deletes all but the `keep` newest files in `dir` whose names start with `prefix` and end in `.redb`
/// (names that sort by time, as the admin route writes them); `keep = 0` deletes nothing. Returns the
/// paths deleted.
pub fn prune_backups(dir: &Path, prefix: &str, keep: usize) -> Result<Vec<std::path::PathBuf>, StoreError> {
    if keep == 0 {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| StoreError::Io(format!("{}: {e}", dir.display())))?;
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".redb"))
        .collect();
    names.sort();
    let excess = names.len().saturating_sub(keep);
    let mut deleted = Vec::new();
    for name in names.into_iter().take(excess) {
        let path = dir.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => deleted.push(path),
            // Another backup's pruning got there first.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::Io(format!("{}: {e}", path.display()))),
        }
    }
    Ok(deleted)
}
