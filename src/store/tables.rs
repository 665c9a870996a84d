//! Table definitions. Keys that start with the owner's id keep every user's rows together and make
//! "this user's X" a range scan; values are JSON records (`records.rs`).

use redb::TableDefinition;

/// `schema_version` → version.
pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// user id → UserRecord.
pub const USERS: TableDefinition<&str, &[u8]> = TableDefinition::new("users");
/// SHA-256 of a bearer token (hex) → user id. Tokens themselves are never stored.
pub const TOKENS: TableDefinition<&str, &str> = TableDefinition::new("tokens");
/// (user id, profile id) → Profile.
pub const PROFILES: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("profiles");
/// (user id, profile id) → the chart computed for it (CachedChart).
pub const CHARTS: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("charts");
/// (user id, session id) → Session.
pub const SESSIONS: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("sessions");
/// (session id, sequence number) → Message.
pub const MESSAGES: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("messages");
/// name → bytes of data derived from the corpus and the models (`dense_index`), rebuilt when missing. Created
/// on first write, so older databases need no migration.
pub const DERIVED: TableDefinition<&str, &[u8]> = TableDefinition::new("derived");
/// session id → the conversation's state between turns (a versioned JSON record owned by `chat::state`:
/// the pending follow-up question and what it has gathered). Written in the same transaction as the turn.
pub const CONVERSATIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("conversations");

/// user id → Usage: the bytes the user's records take and when they were last seen (schema version 3).
pub const USAGE: TableDefinition<&str, &[u8]> = TableDefinition::new("usage");

/// Every key of one owner in a `(owner, id)` table: the range scan behind "this user's X".
pub fn owned(owner: &str) -> std::ops::RangeInclusive<(&str, &str)> {
    (owner, "")..=(owner, "\u{10FFFF}")
}
