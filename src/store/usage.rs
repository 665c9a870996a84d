//! What each user stores, and for how long: a per-user byte quota and the retention of idle users.
//!
//! Every user has a `Usage` row (`usage` table, schema version 3): the bytes their records take (profiles,
//! cached charts, sessions, messages, conversation states — the stored values' lengths) and when they were last
//! seen. Each write that adds or removes a user's records charges the difference in the same transaction, so
//! the count is exact and the quota cannot be passed by concurrent requests. A write that would take a user
//! over the quota is refused (`Limit::UserBytes`); deletes always go through. `prune_idle_users` deletes users
//! idle longer than the retention, and users who never saved anything sooner.

use super::error::{Limit, StoreError};
use super::records::Usage;
use super::tables::*;
use super::users::{decode, encode};
use super::{now, Store};
use redb::{ReadableTable, WriteTransaction};
use std::sync::atomic::Ordering;

/// `last_seen` is written at most this often by reads alone (a write already updates it).
const SEEN_EVERY_SECONDS: i64 = 24 * 3600;

/// A change to one user's stored bytes, made inside a write transaction: refused when it adds bytes past
/// `quota` (0 = none).
fn charge_within(txn: &WriteTransaction, user_id: &str, delta: i64, quota: u64) -> Result<(), StoreError> {
    let mut table = txn.open_table(USAGE)?;
    let mut usage: Usage = match table.get(user_id)? {
        Some(v) => decode(v.value())?,
        None => Usage { bytes: 0, last_seen: now() },
    };
    let bytes = usage.bytes.saturating_add_signed(delta);
    if delta > 0 && quota > 0 && bytes > quota {
        return Err(StoreError::LimitReached(Limit::UserBytes { max: quota }));
    }
    usage.bytes = bytes;
    usage.last_seen = usage.last_seen.max(now());
    table.insert(user_id, encode(&usage).as_slice())?;
    Ok(())
}

/// A value's stored length, as charged.
pub(super) fn len(bytes: &[u8]) -> i64 {
    bytes.len() as i64
}

/// What the users who were pruned had: how many and the bytes freed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    pub idle: u64,
    pub empty: u64,
    pub bytes: u64,
}

impl Store {
    /// Refuses writes that would take one user's stored bytes over `bytes`; 0 turns the quota off.
    pub fn set_user_quota_bytes(&self, bytes: u64) {
        self.user_quota.store(bytes, Ordering::Relaxed);
    }

    /// Charges a change of `delta` bytes to the user inside `txn`, refused past the quota (and counted).
    pub(super) fn charge(&self, txn: &WriteTransaction, user_id: &str, delta: i64) -> Result<(), StoreError> {
        let refused = charge_within(txn, user_id, delta, self.user_quota.load(Ordering::Relaxed));
        if let Err(StoreError::LimitReached(_)) = &refused {
            self.disk.refused_quota.fetch_add(1, Ordering::Relaxed);
        }
        refused
    }

    /// The user's stored bytes and last activity (`None` for an unknown user).
    pub fn usage(&self, user_id: &str) -> Result<Option<Usage>, StoreError> {
        let txn = self.read()?;
        let table = match txn.open_table(USAGE) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        table.get(user_id)?.map(|v| decode(v.value())).transpose()
    }

    /// Marks the user as seen now, writing only when the stored time is a day old or more (so reads stay
    /// reads). Under the free-space watermark nothing is written and that is not an error.
    pub fn touch_user(&self, user_id: &str) -> Result<(), StoreError> {
        let at = now();
        match self.usage(user_id)? {
            Some(u) if at - u.last_seen < SEEN_EVERY_SECONDS => return Ok(()),
            None if !self.user_exists(user_id)? => return Ok(()),
            _ => {}
        }
        let txn = match self.write() {
            Ok(t) => t,
            Err(StoreError::Full(_)) => return Ok(()),
            Err(e) => return Err(e),
        };
        charge_within(&txn, user_id, 0, 0)?;
        self.commit(txn)
    }

    fn user_exists(&self, user_id: &str) -> Result<bool, StoreError> {
        Ok(self.read()?.open_table(USERS)?.get(user_id)?.is_some())
    }

    /// Deletes every user last seen before `now - idle_seconds` (`None`: idle users are kept), and every user
    /// who stores nothing (no profile, no session) last seen before `now - empty_seconds`, with all they own.
    /// At most `limit` users per call, each in its own transaction; the rest wait for the next call.
    pub fn prune_idle_users(
        &self,
        now: i64,
        idle_seconds: Option<i64>,
        empty_seconds: i64,
        limit: usize,
    ) -> Result<Pruned, StoreError> {
        let due: Vec<(String, Usage)> = {
            let txn = self.read()?;
            let table = match txn.open_table(USAGE) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Pruned::default()),
                Err(e) => return Err(e.into()),
            };
            let mut due = Vec::new();
            for row in table.iter()? {
                let (k, v) = row?;
                let usage: Usage = decode(v.value())?;
                let idle = idle_seconds.is_some_and(|s| usage.last_seen < now.saturating_sub(s));
                let empty = usage.bytes == 0 && usage.last_seen < now.saturating_sub(empty_seconds);
                if idle || empty {
                    due.push((k.value().to_string(), usage));
                    if due.len() >= limit {
                        break;
                    }
                }
            }
            due
        };
        let mut pruned = Pruned::default();
        for (user, usage) in due {
            match self.delete_user(&user) {
                Ok(()) => {}
                // A usage row whose user is gone: only the row is left to remove.
                Err(StoreError::NotFound) => {
                    let txn = self.write_freeing()?;
                    txn.open_table(USAGE)?.remove(user.as_str())?;
                    self.commit(txn)?;
                }
                Err(e) => return Err(e),
            }
            if usage.bytes == 0 {
                pruned.empty += 1;
            } else {
                pruned.idle += 1;
            }
            pruned.bytes += usage.bytes;
        }
        Ok(pruned)
    }
}
