//! Users, their token hashes, and their profiles with cached charts.

use super::error::StoreError;
use super::records::*;
use super::tables::*;
use super::usage::len;
use super::{now, Store};
use redb::ReadableTable;

pub(super) fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    Ok(serde_json::from_slice(bytes)?)
}

pub(super) fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("records serialize")
}

impl Store {
    /// Creates a user whose bearer token hashes to `token_hash`.
    pub fn create_user(&self, id: &str, token_hash: &str) -> Result<UserRecord, StoreError> {
        let user = UserRecord { id: id.to_string(), created_at: now(), token_hash: token_hash.to_string() };
        let txn = self.write()?;
        {
            let mut users = txn.open_table(USERS)?;
            if users.get(id)?.is_some() {
                return Err(StoreError::Conflict("user exists".into()));
            }
            users.insert(id, encode(&user).as_slice())?;
            txn.open_table(TOKENS)?.insert(token_hash, id)?;
        }
        self.charge(&txn, id, 0)?;
        self.commit(txn)?;
        Ok(user)
    }

    pub fn user_by_token_hash(&self, token_hash: &str) -> Result<Option<UserRecord>, StoreError> {
        let txn = self.read()?;
        let Some(id) = txn.open_table(TOKENS)?.get(token_hash)?.map(|v| v.value().to_string()) else {
            return Ok(None);
        };
        let users = txn.open_table(USERS)?;
        let user = users.get(id.as_str())?;
        user.map(|v| decode(v.value())).transpose()
    }

    /// Deletes a user and everything they own, in one transaction.
    pub fn delete_user(&self, user_id: &str) -> Result<(), StoreError> {
        let txn = self.write_freeing()?;
        {
            let mut users = txn.open_table(USERS)?;
            let user: UserRecord = match users.remove(user_id)? {
                Some(v) => decode(v.value())?,
                None => return Err(StoreError::NotFound),
            };
            txn.open_table(TOKENS)?.remove(user.token_hash.as_str())?;
            let mine = owned(user_id);
            txn.open_table(PROFILES)?.retain_in(mine.clone(), |_, _| false)?;
            txn.open_table(CHARTS)?.retain_in(mine.clone(), |_, _| false)?;
            let mut sessions = txn.open_table(SESSIONS)?;
            let ids: Vec<String> = sessions
                .range(mine.clone())?
                .map(|r| r.map(|(k, _)| k.value().1.to_string()))
                .collect::<Result<_, _>>()?;
            sessions.retain_in(mine, |_, _| false)?;
            let mut messages = txn.open_table(MESSAGES)?;
            let mut states = txn.open_table(CONVERSATIONS)?;
            for id in &ids {
                messages.retain_in((id.as_str(), 0)..=(id.as_str(), u64::MAX), |_, _| false)?;
                states.remove(id.as_str())?;
            }
            txn.open_table(USAGE)?.remove(user_id)?;
        }
        self.commit(txn)?;
        Ok(())
    }

    /// Everything about one user, for the personal-data export.
    pub fn export_user(&self, user: &UserRecord) -> Result<UserExport, StoreError> {
        let profiles = self.list_profiles(&user.id)?;
        let mut sessions = Vec::new();
        for session in self.list_sessions(&user.id)? {
            let messages = self.messages(&session.id, 0, usize::MAX)?;
            sessions.push(SessionExport { session, messages });
        }
        Ok(UserExport { user: UserExportUser { id: user.id.clone(), created_at: user.created_at }, profiles, sessions })
    }

    /// Adds a profile unless the user already has `max`: the count and the insert are one write transaction,
    /// so concurrent requests cannot together pass the limit.
    pub fn create_profile(
        &self,
        user_id: &str,
        profile: &Profile,
        chart: &CachedChart,
        max: usize,
    ) -> Result<(), StoreError> {
        let txn = self.write()?;
        {
            let mut profiles = txn.open_table(PROFILES)?;
            if profiles.range(owned(user_id))?.count() >= max {
                return Err(StoreError::LimitReached(super::Limit::Profiles { max }));
            }
            let (row, cached) = (encode(profile), encode(chart));
            self.charge(&txn, user_id, len(&row) + len(&cached))?;
            profiles.insert((user_id, profile.id.as_str()), row.as_slice())?;
            txn.open_table(CHARTS)?.insert((user_id, profile.id.as_str()), cached.as_slice())?;
        }
        self.commit(txn)?;
        Ok(())
    }

    /// Replaces an existing profile (or writes one without a limit check).
    pub fn put_profile(&self, user_id: &str, profile: &Profile, chart: &CachedChart) -> Result<(), StoreError> {
        let txn = self.write()?;
        {
            let (row, cached) = (encode(profile), encode(chart));
            let key = (user_id, profile.id.as_str());
            let old_row = txn.open_table(PROFILES)?.insert(key, row.as_slice())?.map_or(0, |v| len(v.value()));
            let old_cached = txn.open_table(CHARTS)?.insert(key, cached.as_slice())?.map_or(0, |v| len(v.value()));
            self.charge(&txn, user_id, len(&row) + len(&cached) - old_row - old_cached)?;
        }
        self.commit(txn)?;
        Ok(())
    }

    pub fn get_profile(&self, user_id: &str, profile_id: &str) -> Result<Profile, StoreError> {
        let txn = self.read()?;
        let table = txn.open_table(PROFILES)?;
        let row = table.get((user_id, profile_id))?.ok_or(StoreError::NotFound)?;
        decode(row.value())
    }

    pub fn list_profiles(&self, user_id: &str) -> Result<Vec<Profile>, StoreError> {
        let txn = self.read()?;
        let table = txn.open_table(PROFILES)?;
        let rows = table.range(owned(user_id))?;
        rows.map(|r| decode(r?.1.value())).collect()
    }

    pub fn delete_profile(&self, user_id: &str, profile_id: &str) -> Result<(), StoreError> {
        let txn = self.write_freeing()?;
        {
            let Some(row) = txn.open_table(PROFILES)?.remove((user_id, profile_id))?.map(|v| len(v.value())) else {
                return Err(StoreError::NotFound);
            };
            let cached = txn.open_table(CHARTS)?.remove((user_id, profile_id))?.map_or(0, |v| len(v.value()));
            self.charge(&txn, user_id, -(row + cached))?;
        }
        self.commit(txn)?;
        Ok(())
    }

    pub fn cached_chart(&self, user_id: &str, profile_id: &str) -> Result<Option<CachedChart>, StoreError> {
        let txn = self.read()?;
        let table = txn.open_table(CHARTS)?;
        let row = table.get((user_id, profile_id))?;
        row.map(|v| decode(v.value())).transpose()
    }
}
