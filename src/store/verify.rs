//! `saju verify`: reads every record of a database file, read-only, and reports what it cannot decode. A
//! damaged file gives a report, never a panic: every table is read behind its own guard.

use super::error::StoreError;
use super::records::{CachedChart, Message, Profile, Session, Usage, UserRecord};
use super::tables::*;
use redb::{ReadTransaction, ReadableDatabase, ReadableTable, TableDefinition};
use serde::de::DeserializeOwned;
use std::path::Path;

/// What `verify` found: rows read per table and the problems, each naming the table and the key.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub schema_version: u64,
    pub tables: Vec<(&'static str, u64)>,
    pub problems: Vec<String>,
}

impl VerifyReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads every row of the database at `path` (which a running server may hold open).
pub fn verify(path: &Path) -> Result<VerifyReport, StoreError> {
    if !path.is_file() {
        return Err(StoreError::Io(format!("데이터베이스 파일이 없습니다: {}", path.display())));
    }
    let db = super::guarded(path, || super::builder().open_read_only(path))?;
    let txn = db.begin_read().map_err(|e| StoreError::damaged(path, e))?;
    let mut report = VerifyReport::default();
    match guard(|| super::migrations::read_version(&txn)) {
        Ok(v) => report.schema_version = v,
        Err(e) => report.problems.push(format!("meta: {e}")),
    }
    let mut check = |name: &'static str, rows: Result<(u64, Vec<String>), String>| match rows {
        Ok((n, bad)) => {
            report.tables.push((name, n));
            report.problems.extend(bad.into_iter().map(|b| format!("{name}: {b}")));
        }
        Err(e) => {
            report.tables.push((name, 0));
            report.problems.push(format!("{name}: 표를 끝까지 읽을 수 없습니다: {e}"));
        }
    };
    check("users", rows::<&str, UserRecord>(&txn, USERS, |k| k.to_string()));
    check("tokens", plain(&txn, TOKENS));
    check("profiles", rows::<(&str, &str), Profile>(&txn, PROFILES, |(u, p)| format!("{u}/{p}")));
    check("charts", rows::<(&str, &str), CachedChart>(&txn, CHARTS, |(u, p)| format!("{u}/{p}")));
    check("sessions", rows::<(&str, &str), Session>(&txn, SESSIONS, |(u, s)| format!("{u}/{s}")));
    check("messages", rows::<(&str, u64), Message>(&txn, MESSAGES, |(s, n)| format!("{s}/{n}")));
    check("conversations", rows::<&str, serde_json::Value>(&txn, CONVERSATIONS, |k| k.to_string()));
    check("usage", rows::<&str, Usage>(&txn, USAGE, |k| k.to_string()));
    check("derived", plain(&txn, DERIVED));
    Ok(report)
}

/// Runs `f`, turning an error or a panic inside the storage engine into a message.
fn guard<T, E: std::fmt::Display>(f: impl FnOnce() -> Result<T, E>) -> Result<T, String> {
    match super::guard::catch(f) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("저장 엔진이 이 부분을 읽다 멈췄습니다".into()),
    }
}

/// Reads a table whose values are JSON records of type `R`: the rows read and the keys whose value does not
/// decode.
fn rows<K, R>(
    txn: &ReadTransaction,
    def: TableDefinition<K, &'static [u8]>,
    key: impl Fn(K::SelfType<'_>) -> String,
) -> Result<(u64, Vec<String>), String>
where
    K: redb::Key + 'static,
    R: DeserializeOwned,
{
    guard(|| -> Result<(u64, Vec<String>), StoreError> {
        let table = match txn.open_table(def) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok((0, Vec::new())),
            Err(e) => return Err(e.into()),
        };
        let (mut n, mut bad) = (0, Vec::new());
        for row in table.iter()? {
            let (k, v) = row?;
            n += 1;
            if let Err(e) = serde_json::from_slice::<R>(v.value()) {
                bad.push(format!("{}: {e}", key(k.value())));
            }
        }
        Ok((n, bad))
    })
}

/// Reads every row of a table whose values are not JSON.
fn plain<K: redb::Key + 'static, V: redb::Value + 'static>(
    txn: &ReadTransaction,
    def: TableDefinition<K, V>,
) -> Result<(u64, Vec<String>), String> {
    guard(|| -> Result<(u64, Vec<String>), StoreError> {
        let table = match txn.open_table(def) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok((0, Vec::new())),
            Err(e) => return Err(e.into()),
        };
        let mut n = 0;
        for row in table.iter()? {
            row?;
            n += 1;
        }
        Ok((n, Vec::new()))
    })
}
