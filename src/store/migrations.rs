//! Schema versions and forward migrations. Version 1 is the first layout; each later version adds a
//! function here that transforms the previous layout inside one write transaction.

use super::error::StoreError;
use super::tables::*;
use redb::{Database, ReadableDatabase};

/// The schema this binary reads and writes.
pub const SCHEMA_VERSION: u64 = 3;

type Migration = fn(&redb::WriteTransaction) -> Result<(), StoreError>;

/// `MIGRATIONS[i]` brings a database from version `i` to `i + 1`.
const MIGRATIONS: [Migration; 3] = [create_v1, conversation_state_v2, usage_v3];

fn create_v1(txn: &redb::WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(USERS)?;
    txn.open_table(TOKENS)?;
    txn.open_table(PROFILES)?;
    txn.open_table(CHARTS)?;
    txn.open_table(SESSIONS)?;
    txn.open_table(MESSAGES)?;
    Ok(())
}

/// Version 2: the conversation state moves out of the last reply's display JSON (`details.pending`) into
/// its own table, as a version-1 state record.
fn conversation_state_v2(txn: &redb::WriteTransaction) -> Result<(), StoreError> {
    use redb::ReadableTable;
    let mut states = txn.open_table(CONVERSATIONS)?;
    let mut messages = txn.open_table(MESSAGES)?;
    // The last assistant message of each session: messages are keyed (session, seq), so the last one seen
    // for a session while scanning in order is its latest.
    let mut last: std::collections::BTreeMap<String, (u64, serde_json::Value)> = Default::default();
    for row in messages.iter()? {
        let (key, value) = row?;
        let (session, seq) = key.value();
        let message: serde_json::Value = serde_json::from_slice(value.value())
            .map_err(|e| StoreError::Corrupt(format!("message {session}/{seq}: {e}")))?;
        if message["role"] == "assistant" {
            last.insert(session.to_string(), (seq, message));
        }
    }
    for (session, (seq, mut message)) in last {
        let Some(pending) = message["details"].as_object_mut().and_then(|d| d.remove("pending")) else { continue };
        let record = serde_json::json!({"version": 1, "pending": pending});
        states.insert(session.as_str(), serde_json::to_vec(&record).expect("json").as_slice())?;
        messages.insert((session.as_str(), seq), serde_json::to_vec(&message).expect("json").as_slice())?;
    }
    Ok(())
}

/// Version 3: every user gets a usage row — the bytes their records take, counted the way writes charge them,
/// and last seen now: the idle-user retention counts from the upgrade, so the upgrade itself deletes no one.
fn usage_v3(txn: &redb::WriteTransaction) -> Result<(), StoreError> {
    use super::records::{Profile, Session, Usage, UserRecord};
    use redb::ReadableTable;
    use std::collections::HashMap;
    let corrupt = |what: String, e: serde_json::Error| StoreError::Corrupt(format!("{what}: {e}"));
    let mut usage: HashMap<String, Usage> = HashMap::new();
    for row in txn.open_table(USERS)?.iter()? {
        let (k, v) = row?;
        let user: UserRecord =
            serde_json::from_slice(v.value()).map_err(|e| corrupt(format!("user {}", k.value()), e))?;
        usage.insert(user.id, Usage { bytes: 0, last_seen: super::now() });
    }
    let mut add = |user: &str, bytes: usize| {
        if let Some(u) = usage.get_mut(user) {
            u.bytes += bytes as u64;
        }
    };
    for row in txn.open_table(PROFILES)?.iter()? {
        let (k, v) = row?;
        let (user, id) = k.value();
        serde_json::from_slice::<Profile>(v.value()).map_err(|e| corrupt(format!("profile {user}/{id}"), e))?;
        add(user, v.value().len());
    }
    for row in txn.open_table(CHARTS)?.iter()? {
        let (k, v) = row?;
        add(k.value().0, v.value().len());
    }
    let mut owner: HashMap<String, String> = HashMap::new();
    for row in txn.open_table(SESSIONS)?.iter()? {
        let (k, v) = row?;
        let (user, id) = k.value();
        serde_json::from_slice::<Session>(v.value()).map_err(|e| corrupt(format!("session {user}/{id}"), e))?;
        add(user, v.value().len());
        owner.insert(id.to_string(), user.to_string());
    }
    for row in txn.open_table(MESSAGES)?.iter()? {
        let (k, v) = row?;
        if let Some(user) = owner.get(k.value().0) {
            add(user, v.value().len());
        }
    }
    for row in txn.open_table(CONVERSATIONS)?.iter()? {
        let (k, v) = row?;
        if let Some(user) = owner.get(k.value()) {
            add(user, v.value().len());
        }
    }
    let mut table = txn.open_table(USAGE)?;
    for (user, u) in usage {
        table.insert(user.as_str(), serde_json::to_vec(&u).expect("json").as_slice())?;
    }
    Ok(())
}

pub fn read_version(txn: &redb::ReadTransaction) -> Result<u64, StoreError> {
    match txn.open_table(META) {
        Ok(t) => Ok(t.get("schema_version")?.map(|v| v.value()).unwrap_or(0)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(0),
        Err(e) => Err(e.into()),
    }
}

/// Applies every pending migration, each in its own durable transaction. Refuses a newer schema.
pub fn migrate(db: &Database) -> Result<u64, StoreError> {
    let current = read_version(&db.begin_read()?)?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found: current, supported: SCHEMA_VERSION });
    }
    for version in current..SCHEMA_VERSION {
        let txn = db.begin_write()?;
        MIGRATIONS[version as usize](&txn)?;
        txn.open_table(META)?.insert("schema_version", version + 1)?;
        txn.commit()?;
        tracing::info!(from = version, to = version + 1, "store schema migrated");
    }
    Ok(SCHEMA_VERSION)
}

#[cfg(test)]
pub(crate) fn set_version_for_test(db: &Database, v: u64) {
    let txn = db.begin_write().unwrap();
    txn.open_table(META).unwrap().insert("schema_version", v).unwrap();
    txn.commit().unwrap();
}
