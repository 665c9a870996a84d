//! What the store keeps, as JSON records. Field names are stable: they are also the export format.

use crate::saju::chart::ChartRequest;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserRecord {
    pub id: String,
    pub created_at: i64,
    /// SHA-256 (hex) of the user's bearer token.
    pub token_hash: String,
}

/// A person whose chart a user keeps: themself, family, a partner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    /// A label the user chose, e.g. `나`, `엄마`.
    pub name: String,
    /// `self`, `family`, `partner`, `friend` or `other`.
    pub relation: String,
    /// Birth data in the same form as `POST /v1/charts`.
    pub birth: ChartRequest,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The chart computed for a profile, with the engine version that computed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedChart {
    pub engine_version: String,
    pub birth: ChartRequest,
    pub chart: serde_json::Value,
}

/// What one user stores and when they were last seen (`store::usage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// The stored values' lengths: profiles, cached charts, sessions, messages, conversation states.
    pub bytes: u64,
    /// Seconds since the Unix epoch of the last write, or of the last request a day after the previous one.
    pub last_seen: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub title: String,
    /// The profile the conversation is about, if chosen.
    pub profile_id: Option<String>,
    /// Birth data given in the conversation itself, when there is no profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth: Option<ChartRequest>,
    pub created_at: i64,
    pub updated_at: i64,
    /// User messages so far (one turn = a user message and its reply).
    pub turns: u32,
    /// Sequence number of the next message.
    pub next_seq: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub seq: u64,
    /// `user` or `assistant`.
    pub role: String,
    /// Stored as text; never interpreted as markup anywhere.
    pub content: String,
    pub created_at: i64,
    /// Assistant extras: the chart facts and passages the reply rests on.
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub details: serde_json::Value,
}

/// One new message: role (`user` | `assistant`), text, display details (`Value::Null` for none).
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    pub role: String,
    pub content: String,
    pub details: serde_json::Value,
}

/// Everything one conversation turn writes, in one transaction.
#[derive(Debug, Clone)]
pub struct TurnWrite {
    pub messages: Vec<NewMessage>,
    /// User turns the messages add (1 for a question and its reply).
    pub new_turns: u32,
    pub max_turns: u32,
    /// A birth completed in this turn, kept as the session's.
    pub birth: Option<crate::saju::chart::ChartRequest>,
    /// The conversation state after the turn (`None` clears it).
    pub state: Option<Vec<u8>>,
}

/// Everything the store holds about one user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserExport {
    pub user: UserExportUser,
    pub profiles: Vec<Profile>,
    pub sessions: Vec<SessionExport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserExportUser {
    pub id: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionExport {
    #[serde(flatten)]
    pub session: Session,
    pub messages: Vec<Message>,
}
