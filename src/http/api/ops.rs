//! Health checks and metrics.

use super::ApiTags;
use crate::http::AppState;
use poem::web::Data;
use poem::{handler, IntoResponse, Response};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use std::sync::Arc;

pub struct OpsApi;

#[derive(Debug, Object)]
pub struct Check {
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Object)]
pub struct Health {
    /// `ok` or `unhealthy`.
    pub status: String,
    pub version: String,
    pub uptime_seconds: u64,
    pub store: Check,
    pub knowledge: Check,
    /// Answer generators in fallback order (the grounded composer is always last).
    pub generators: Vec<String>,
}

#[derive(Debug, Object)]
pub struct Status {
    pub status: String,
}

#[derive(ApiResponse)]
enum HealthResponse {
    /// Every check passed.
    #[oai(status = 200)]
    Ok(Json<Health>),
    /// A check failed; see its detail.
    #[oai(status = 503)]
    Unhealthy(Json<Health>),
}

#[derive(ApiResponse)]
enum ReadyResponse {
    #[oai(status = 200)]
    Ready(Json<Status>),
    /// Start-up work is not done yet (`starting`, also while shutting down), or the store cannot serve
    /// (`store_unavailable`).
    #[oai(status = 503)]
    NotReady(Json<Status>),
}

#[OpenApi(tag = "ApiTags::Operations")]
impl OpsApi {
    /// Deep check: the store answers a read transaction.
    #[oai(path = "/health", method = "get", operation_id = "health")]
    async fn health(&self, state: Data<&Arc<AppState>>) -> HealthResponse {
        let store = state.store.clone();
        let disk = state.store.disk_status();
        let space = match disk.free_bytes {
            Some(free) => format!(", 여유 공간 {} MB(최소 {} MB)", free / 1_000_000, disk.min_free_bytes / 1_000_000),
            None => String::new(),
        };
        let store_check = match tokio::task::spawn_blocking(move || store.check()).await {
            Ok(Ok(v)) => Check { ok: true, detail: format!("schema {v}{space}") },
            Ok(Err(e)) => {
                Check { ok: false, detail: format!("데이터베이스를 읽을 수 없습니다: {e}{space}") }
            }
            Err(_) => Check { ok: false, detail: format!("데이터베이스를 읽을 수 없습니다{space}") },
        };
        let kb = &state.knowledge;
        let knowledge = Check {
            ok: !kb.is_empty(),
            detail: format!("{}개 지식 항목, 코퍼스 {}", kb.len(), &kb.corpus_hash()[..12]),
        };
        let ok = store_check.ok && knowledge.ok;
        let body = Json(Health {
            status: if ok { "ok" } else { "unhealthy" }.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            uptime_seconds: state.started.elapsed().as_secs(),
            store: store_check,
            knowledge,
            generators: state.chain.names().into_iter().map(str::to_string).collect(),
        });
        if ok {
            HealthResponse::Ok(body)
        } else {
            HealthResponse::Unhealthy(body)
        }
    }

    /// The process is up.
    #[oai(path = "/health/live", method = "get", operation_id = "healthLive")]
    async fn live(&self) -> Json<Status> {
        Json(Status { status: "ok".into() })
    }

    /// Ready for traffic: start-up work is done, the server is not shutting down, and the store serves
    /// (after a failed write it is `store_unavailable` until the database is reopened).
    #[oai(path = "/health/ready", method = "get", operation_id = "healthReady")]
    async fn ready(&self, state: Data<&Arc<AppState>>) -> ReadyResponse {
        if !state.is_ready() {
            ReadyResponse::NotReady(Json(Status { status: "starting".into() }))
        } else if !state.store.is_up() {
            ReadyResponse::NotReady(Json(Status { status: "store_unavailable".into() }))
        } else {
            ReadyResponse::Ready(Json(Status { status: "ready".into() }))
        }
    }
}

/// `GET /metrics`: Prometheus text format (404 when disabled by config).
#[handler]
pub fn metrics(state: Data<&Arc<AppState>>) -> Response {
    if !state.config.metrics.enabled {
        return crate::http::errors::json_error(crate::http::errors::ErrorCode::NotFound, "metrics가 꺼져 있습니다");
    }
    state.refresh_active_sessions();
    record_store(&state.metrics, &state.store.disk_status());
    record_backups(&state.metrics, &crate::store::backups_dir(&state.config.server.data_dir));
    state.metrics.render().with_content_type("text/plain; version=0.0.4; charset=utf-8").into_response()
}

/// The kept backups' count and the newest one's time (0 when there is none), read from the folder on each
/// scrape, so backups made by `saju backup` in another process count too.
fn record_backups(m: &crate::telemetry::Metrics, dir: &std::path::Path) {
    let (kept, newest) = crate::store::backup_inventory(dir);
    m.backups_kept.set(i64::try_from(kept).unwrap_or(i64::MAX));
    let unix = newest.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_secs());
    m.backup_last_timestamp.set(i64::try_from(unix).unwrap_or(i64::MAX));
}

/// Brings the store gauges and counters up to `status` (on each scrape).
fn record_store(m: &crate::telemetry::Metrics, status: &crate::store::DiskStatus) {
    m.store_up.set(i64::from(status.up));
    m.store_free_bytes.set(status.free_bytes.map_or(-1, |b| i64::try_from(b).unwrap_or(i64::MAX)));
    m.store_min_free_bytes.set(i64::try_from(status.min_free_bytes).unwrap_or(i64::MAX));
    for (c, total) in [
        (m.store_write_failures.with_label_values(&["low_space"]), status.refused_low_space),
        (m.store_write_failures.with_label_values(&["io"]), status.failed_writes),
        (m.store_reopens.clone(), status.reopens),
        (m.quota_refusals.clone(), status.refused_quota),
    ] {
        c.inc_by(total.saturating_sub(c.get()));
    }
}
