//! Chat sessions and their messages.

use super::error::StoreError;
use super::records::*;
use super::tables::*;
use super::users::{decode, encode};
use super::{now, Store};
use redb::{ReadableDatabase, ReadableTable};

impl Store {
    pub fn create_session(&self, user_id: &str, session: &Session) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        txn.open_table(SESSIONS)?.insert((user_id, session.id.as_str()), encode(session).as_slice())?;
        txn.commit()?;
        Ok(())
    }

    pub fn get_session(&self, user_id: &str, session_id: &str) -> Result<Session, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(SESSIONS)?;
        let row = table.get((user_id, session_id))?.ok_or(StoreError::NotFound)?;
        decode(row.value())
    }

    /// The user's sessions, newest first.
    pub fn list_sessions(&self, user_id: &str) -> Result<Vec<Session>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(SESSIONS)?;
        let rows = table.range((user_id, "")..=(user_id, "\u{10FFFF}"))?;
        let mut out: Vec<Session> = rows.map(|r| decode(r?.1.value())).collect::<Result<_, _>>()?;
        out.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
        Ok(out)
    }

    pub fn delete_session(&self, user_id: &str, session_id: &str) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        {
            if txn.open_table(SESSIONS)?.remove((user_id, session_id))?.is_none() {
                return Err(StoreError::NotFound);
            }
            txn.open_table(MESSAGES)?.retain_in((session_id, 0)..=(session_id, u64::MAX), |_, _| false)?;
        }
        txn.commit()?;
        Ok(())
    }

    /// Appends messages to a session in one transaction, checking ownership and the turn limit.
    /// `new_turns` is how many user turns the messages add; `birth`, when given, is remembered as the
    /// birth data the conversation is about. Returns the updated session and the stored messages.
    pub fn append_messages(
        &self,
        user_id: &str,
        session_id: &str,
        contents: Vec<(String, String, serde_json::Value)>,
        new_turns: u32,
        max_turns: u32,
        birth: Option<crate::saju::chart::ChartRequest>,
    ) -> Result<(Session, Vec<Message>), StoreError> {
        let txn = self.db.begin_write()?;
        let result = {
            let mut sessions = txn.open_table(SESSIONS)?;
            let mut session: Session = {
                let row = sessions.get((user_id, session_id))?.ok_or(StoreError::NotFound)?;
                decode(row.value())?
            };
            if session.turns + new_turns > max_turns {
                return Err(StoreError::Conflict(format!(
                    "이 대화는 최대 {max_turns}턴에 도달했습니다. 새 대화를 시작해 주세요"
                )));
            }
            let mut messages = txn.open_table(MESSAGES)?;
            let created_at = now();
            let mut written = Vec::with_capacity(contents.len());
            for (role, content, details) in contents {
                let message = Message { seq: session.next_seq, role, content, created_at, details };
                messages.insert((session_id, message.seq), encode(&message).as_slice())?;
                session.next_seq += 1;
                written.push(message);
            }
            session.turns += new_turns;
            session.updated_at = created_at;
            if birth.is_some() {
                session.birth = birth;
            }
            sessions.insert((user_id, session_id), encode(&session).as_slice())?;
            (session, written)
        };
        txn.commit()?;
        Ok(result)
    }

    /// Messages of a session from sequence `from`, at most `limit`. Callers check ownership first.
    pub fn messages(&self, session_id: &str, from: u64, limit: usize) -> Result<Vec<Message>, StoreError> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(MESSAGES)?;
        let rows = table.range((session_id, from)..=(session_id, u64::MAX))?;
        rows.take(limit).map(|r| decode(r?.1.value())).collect()
    }
}
