//! Operator routes, guarded by `security.admin_token`.

use super::{blocking, ApiTags};
use crate::http::auth::AdminAuth;
use crate::http::{ApiError, AppState};
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};
use std::sync::Arc;

pub struct AdminApi;

#[derive(Debug, Object)]
pub struct Stats {
    pub version: String,
    pub uptime_seconds: u64,
    pub schema_version: u64,
    pub users: u64,
    pub profiles: u64,
    pub sessions: u64,
    pub messages: u64,
    pub rate_limited_clients_tracked: u64,
}

#[derive(Debug, Object)]
pub struct BackupOut {
    /// Where the backup was written (inside the data directory's `backups/`).
    pub path: String,
    pub rows: u64,
    pub bytes: u64,
}

#[OpenApi(prefix_path = "/v1/admin", tag = "ApiTags::Admin")]
impl AdminApi {
    /// Counts and uptime.
    #[oai(path = "/stats", method = "get", operation_id = "adminStats")]
    async fn stats(&self, state: Data<&Arc<AppState>>, _admin: AdminAuth) -> Result<Json<Stats>, ApiError> {
        let store = state.store.clone();
        let (counts, schema) = blocking(move || Ok((store.counts()?, store.check()?))).await?;
        Ok(Json(Stats {
            version: env!("CARGO_PKG_VERSION").into(),
            uptime_seconds: state.started.elapsed().as_secs(),
            schema_version: schema,
            users: counts.users,
            profiles: counts.profiles,
            sessions: counts.sessions,
            messages: counts.messages,
            rate_limited_clients_tracked: state.limiter.as_ref().map_or(0, |l| l.tracked() as u64),
        }))
    }

    /// Writes a consistent backup of the database to `<data_dir>/backups/saju-<UTC time>-<id>.redb` (a unique
    /// name, so backups in the same second never overwrite each other), checks that every record of the copy
    /// reads back, then keeps the newest `server.backups_keep` of them.
    #[oai(path = "/backup", method = "post", operation_id = "adminBackup")]
    async fn backup(&self, state: Data<&Arc<AppState>>, _admin: AdminAuth) -> Result<Json<BackupOut>, ApiError> {
        let dir = crate::store::backups_dir(&state.config.server.data_dir);
        let path = crate::store::new_backup_path(&dir);
        let store = state.store.clone();
        let target = path.clone();
        let keep = state.config.server.backups_keep;
        let (rows, pruned) = blocking(move || {
            let rows = store.backup_checked(&target)?;
            Ok((rows, crate::store::prune_backups(&dir, crate::store::BACKUP_PREFIX, keep)?))
        })
        .await?;
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        tracing::info!(path = %path.display(), rows, pruned = pruned.len(), "backup written");
        Ok(Json(BackupOut { path: path.display().to_string(), rows, bytes }))
    }
}
