//! The conversation's state between turns, stored with each turn as a versioned record (the store keeps
//! the bytes; this module owns their shape). Today it holds the follow-up question still waiting for an
//! answer and the facts gathered for it. A record that cannot be read is an error the turn runner logs and
//! answers — it is never silently dropped.

use super::dialogue::Pending;
use serde::{Deserialize, Serialize};

/// The record version this binary writes and reads.
pub const STATE_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationState {
    /// The follow-up question waiting for an answer, with what has been gathered for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Pending>,
}

#[derive(Serialize, Deserialize)]
struct Record {
    version: u32,
    #[serde(flatten)]
    state: ConversationState,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateError {
    #[error("conversation state version {0} is newer than this program's ({STATE_VERSION})")]
    NewerVersion(u32),
    #[error("conversation state cannot be read: {0}")]
    Unreadable(String),
}

impl ConversationState {
    pub fn is_empty(&self) -> bool {
        self.pending.is_none()
    }

    /// The stored form; `None` for an empty state (nothing to keep).
    pub fn encode(&self) -> Option<Vec<u8>> {
        if self.is_empty() {
            return None;
        }
        let record = Record { version: STATE_VERSION, state: self.clone() };
        Some(serde_json::to_vec(&record).expect("the state serializes"))
    }

    /// The state of a stored record.
    pub fn decode(bytes: &[u8]) -> Result<ConversationState, StateError> {
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let v: Version = serde_json::from_slice(bytes).map_err(|e| StateError::Unreadable(e.to_string()))?;
        if v.version > STATE_VERSION {
            return Err(StateError::NewerVersion(v.version));
        }
        let record: Record = serde_json::from_slice(bytes).map_err(|e| StateError::Unreadable(e.to_string()))?;
        Ok(record.state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::understand::BirthFacts;

    #[test]
    fn a_state_round_trips_and_an_empty_one_is_not_stored() {
        assert_eq!(ConversationState::default().encode(), None);
        let state = ConversationState {
            pending: Some(Pending {
                partner: false,
                facts: BirthFacts { year: Some(1990), ..Default::default() },
                topic: "career".into(),
                asked_hour: true,
                year_offset: 1,
                day_offset: 0,
                partner_facts: None,
                own_facts: Some(BirthFacts { month: Some(3), ..Default::default() }),
                answered: true,
                gender_asked: true,
                about: Some("아드님".into()),
                people: vec![super::super::dialogue::OtherPerson {
                    relation: "mother".into(),
                    word: "엄마".into(),
                    facts: BirthFacts { year: Some(1960), ..Default::default() },
                }],
                pair: vec!["mother".into(), "stepfather".into()],
                couple: true,
                am_pm_let_go: true,
                speaker_gender: Some("female".into()),
            }),
        };
        let bytes = state.encode().unwrap();
        assert_eq!(ConversationState::decode(&bytes).unwrap(), state);
    }

    #[test]
    fn a_record_written_before_the_answered_and_own_facts_fields_still_reads() {
        let old = br#"{"version": 1, "pending": {"partner": true, "facts": {"year": 1991}, "topic": "compatibility", "asked_hour": false, "year_offset": 0}}"#;
        let pending = ConversationState::decode(old).unwrap().pending.unwrap();
        assert!(pending.partner && !pending.answered && pending.own_facts.is_none());
        assert_eq!(pending.facts.year, Some(1991));
    }

    #[test]
    fn unreadable_and_newer_records_are_errors() {
        assert!(matches!(ConversationState::decode(b"{"), Err(StateError::Unreadable(_))));
        assert!(matches!(ConversationState::decode(br#"{"version": 9}"#), Err(StateError::NewerVersion(9))));
        let bad = br#"{"version": 1, "pending": {"topic": 3}}"#;
        assert!(matches!(ConversationState::decode(bad), Err(StateError::Unreadable(_))));
    }
}
