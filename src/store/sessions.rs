//! Chat sessions and their messages.

use super::error::StoreError;
use super::records::*;
use super::tables::*;
use super::usage::len;
use super::users::{decode, encode};
use super::{now, Store};
use redb::ReadableTable;

impl Store {
    /// Adds a session unless the user already has `max`, counting and inserting in one write transaction.
    pub fn create_session(&self, user_id: &str, session: &Session, max: usize) -> Result<(), StoreError> {
        let txn = self.write()?;
        {
            let mut sessions = txn.open_table(SESSIONS)?;
            if sessions.range(owned(user_id))?.count() >= max {
                return Err(StoreError::LimitReached(super::Limit::Sessions { max }));
            }
            let row = encode(session);
            self.charge(&txn, user_id, len(&row))?;
            sessions.insert((user_id, session.id.as_str()), row.as_slice())?;
        }
        self.commit(txn)?;
        Ok(())
    }

    pub fn get_session(&self, user_id: &str, session_id: &str) -> Result<Session, StoreError> {
        let txn = self.read()?;
        let table = txn.open_table(SESSIONS)?;
        let row = table.get((user_id, session_id))?.ok_or(StoreError::NotFound)?;
        decode(row.value())
    }

    /// The user's sessions, newest first.
    pub fn list_sessions(&self, user_id: &str) -> Result<Vec<Session>, StoreError> {
        let txn = self.read()?;
        let table = txn.open_table(SESSIONS)?;
        let rows = table.range(owned(user_id))?;
        let mut out: Vec<Session> = rows.map(|r| decode(r?.1.value())).collect::<Result<_, _>>()?;
        out.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
        Ok(out)
    }

    pub fn delete_session(&self, user_id: &str, session_id: &str) -> Result<(), StoreError> {
        let txn = self.write_freeing()?;
        {
            let Some(mut freed) = txn.open_table(SESSIONS)?.remove((user_id, session_id))?.map(|v| len(v.value()))
            else {
                return Err(StoreError::NotFound);
            };
            txn.open_table(MESSAGES)?.retain_in((session_id, 0)..=(session_id, u64::MAX), |_, v| {
                freed += len(v);
                false
            })?;
            freed += txn.open_table(CONVERSATIONS)?.remove(session_id)?.map_or(0, |v| len(v.value()));
            self.charge(&txn, user_id, -freed)?;
        }
        self.commit(txn)?;
        Ok(())
    }

    /// Appends a turn's messages to a session in one transaction, checking ownership and the turn limit.
    /// The turn's `birth`, when given, is remembered as the birth data the conversation is about, and its
    /// `state` (the conversation state record, `None` for none) replaces the session's. Returns the updated
    /// session and the stored messages.
    pub fn append_turn(
        &self,
        user_id: &str,
        session_id: &str,
        turn: TurnWrite,
    ) -> Result<(Session, Vec<Message>), StoreError> {
        let TurnWrite { messages: contents, new_turns, max_turns, birth, state } = turn;
        let txn = self.write()?;
        let result = {
            let mut sessions = txn.open_table(SESSIONS)?;
            let (mut session, old_len): (Session, i64) = {
                let row = sessions.get((user_id, session_id))?.ok_or(StoreError::NotFound)?;
                (decode(row.value())?, len(row.value()))
            };
            let mut added = -old_len;
            if session.turns + new_turns > max_turns {
                return Err(StoreError::LimitReached(super::Limit::SessionTurns { max: max_turns }));
            }
            let mut messages = txn.open_table(MESSAGES)?;
            let created_at = now();
            let mut written = Vec::with_capacity(contents.len());
            for NewMessage { role, content, details } in contents {
                let message = Message { seq: session.next_seq, role, content, created_at, details };
                let row = encode(&message);
                added += len(&row);
                messages.insert((session_id, message.seq), row.as_slice())?;
                session.next_seq += 1;
                written.push(message);
            }
            session.turns += new_turns;
            session.updated_at = created_at;
            if birth.is_some() {
                session.birth = birth;
            }
            let row = encode(&session);
            added += len(&row);
            sessions.insert((user_id, session_id), row.as_slice())?;
            let mut states = txn.open_table(CONVERSATIONS)?;
            let old_state = match state {
                Some(bytes) => {
                    added += len(&bytes);
                    states.insert(session_id, bytes.as_slice())?
                }
                None => states.remove(session_id)?,
            };
            added -= old_state.map_or(0, |v| len(v.value()));
            drop(states);
            self.charge(&txn, user_id, added)?;
            (session, written)
        };
        self.commit(txn)?;
        Ok(result)
    }

    /// The session's conversation state record, as `append_turn` stored it. Callers check ownership first.
    pub fn conversation_state(&self, session_id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let txn = self.read()?;
        let table = match txn.open_table(CONVERSATIONS) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(table.get(session_id)?.map(|v| v.value().to_vec()))
    }

    /// Messages of a session from sequence `from`, at most `limit`. Callers check ownership first.
    pub fn messages(&self, session_id: &str, from: u64, limit: usize) -> Result<Vec<Message>, StoreError> {
        let txn = self.read()?;
        let table = txn.open_table(MESSAGES)?;
        let rows = table.range((session_id, from)..=(session_id, u64::MAX))?;
        rows.take(limit).map(|r| decode(r?.1.value())).collect()
    }
}
