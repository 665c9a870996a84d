//! Schema versions and forward migrations. Version 1 is the first layout; each later version adds a
//! function here that transforms the previous layout inside one write transaction.

use super::error::StoreError;
use super::tables::*;
use redb::{Database, ReadableDatabase};

/// The schema this binary reads and writes.
pub const SCHEMA_VERSION: u64 = 2;

type Migration = fn(&redb::WriteTransaction) -> Result<(), StoreError>;

/// `MIGRATIONS[i]` brings a database from version `i` to `i + 1`.
const MIGRATIONS: [Migration; 2] = [create_v1, conversation_state_v2];

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
