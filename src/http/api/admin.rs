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

    /// Writes a consistent backup of the database to `<data_dir>/backups/saju-<UTC time>.redb`.
    #[oai(path = "/backup", method = "post", operation_id = "adminBackup")]
    async fn backup(&self, state: Data<&Arc<AppState>>, _admin: AdminAuth) -> Result<Json<BackupOut>, ApiError> {
        let dir = state.config.server.data_dir.join("backups");
        let name = format!("saju-{}.redb", crate::saju::time::civil::format_utc(crate::store::now()).replace(':', ""));
        let path = dir.join(name);
        let store = state.store.clone();
        let target = path.clone();
        let rows = blocking(move || {
            std::fs::create_dir_all(&dir).map_err(|e| crate::store::StoreError::Io(e.to_string()))?;
            store.backup(&target)
        })
        .await?;
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        tracing::info!(path = %path.display(), rows, "backup written");
        Ok(Json(BackupOut { path: path.display().to_string(), rows, bytes }))
    }
}
