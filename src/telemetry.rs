//! Structured logs (tracing, JSON by default) and Prometheus metrics.

use crate::config::LogConfig;
use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder};
use std::sync::OnceLock;
use tracing_subscriber::EnvFilter;

/// Installs the global log subscriber once. Logs go to stderr; `RUST_LOG` refines the level if set.
pub fn init_logging(config: &LogConfig) {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let filter = EnvFilter::try_from_env("RUST_LOG")
            .unwrap_or_else(|_| EnvFilter::new(format!("{level},hyper=warn,poem=warn,h2=warn", level = config.level)));
        let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(true);
        if config.format == "json" {
            builder.json().flatten_event(true).with_current_span(true).with_span_list(false).init();
        } else {
            builder.init();
        }
    });
}

/// The service's metrics, registered in their own registry (plus process metrics on Linux).
pub struct Metrics {
    registry: Registry,
    pub requests: IntCounterVec,
    pub duration: HistogramVec,
    pub active_sessions: IntGauge,
    pub in_flight: IntGauge,
    pub calculations: IntCounterVec,
    pub rate_limited: IntCounterVec,
    pub store_up: IntGauge,
    pub store_free_bytes: IntGauge,
    pub store_min_free_bytes: IntGauge,
    pub store_write_failures: IntCounterVec,
    pub users_pruned: IntCounterVec,
    pub quota_refusals: prometheus::IntCounter,
    pub store_reopens: prometheus::IntCounter,
    pub backups_kept: IntGauge,
    pub backup_last_timestamp: IntGauge,
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("saju_requests_total", "HTTP requests by method, route template and status"),
            &["method", "endpoint", "status"],
        )
        .expect("valid metric");
        let duration = HistogramVec::new(
            HistogramOpts::new("saju_request_duration_seconds", "HTTP request latency by method and route template")
                .buckets(vec![0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]),
            &["method", "endpoint"],
        )
        .expect("valid metric");
        let active_sessions =
            IntGauge::new("saju_active_sessions", "Chat sessions with a message in the last 30 minutes")
                .expect("valid");
        let in_flight = IntGauge::new("saju_requests_in_flight", "HTTP requests being processed").expect("valid");
        let calculations = IntCounterVec::new(
            Opts::new("saju_calculations_total", "Charts and calendar conversions computed, by kind"),
            &["kind"],
        )
        .expect("valid metric");
        let rate_limited = IntCounterVec::new(
            Opts::new(
                "saju_rate_limited_total",
                "Requests refused with 429, by limit (per_client, user_creation, batch_budget) and route template",
            ),
            &["limit", "endpoint"],
        )
        .expect("valid metric");
        let store_up =
            IntGauge::new("saju_store_up", "1 while the database serves; 0 after a failed write until it is reopened")
                .expect("valid");
        let store_free_bytes =
            IntGauge::new("saju_store_free_bytes", "Free bytes on the file system holding the database")
                .expect("valid");
        let store_min_free_bytes = IntGauge::new(
            "saju_store_min_free_bytes",
            "Free-space watermark: writes are refused (507) below it (server.min_free_disk_mb)",
        )
        .expect("valid");
        let store_write_failures = IntCounterVec::new(
            Opts::new(
                "saju_store_write_failures_total",
                "Writes not stored: reason=low_space (refused under the watermark), reason=io (a commit failed)",
            ),
            &["reason"],
        )
        .expect("valid metric");
        let users_pruned = IntCounterVec::new(
            Opts::new(
                "saju_users_pruned_total",
                "Users deleted by retention: reason=idle (server.idle_user_days), reason=empty (saved nothing)",
            ),
            &["reason"],
        )
        .expect("valid metric");
        let quota_refusals = prometheus::IntCounter::new(
            "saju_quota_refusals_total",
            "Writes refused because the user's stored bytes would pass server.user_quota_mb",
        )
        .expect("valid metric");
        let store_reopens = prometheus::IntCounter::new(
            "saju_store_reopens_total",
            "Times the database was reopened after a failed write",
        )
        .expect("valid metric");
        let backups_kept =
            IntGauge::new("saju_backups_kept", "Backups in <data_dir>/backups/ (admin route, saju backup, timers)")
                .expect("valid");
        let backup_last_timestamp = IntGauge::new(
            "saju_backup_last_timestamp_seconds",
            "Unix time the newest kept backup was written; 0 while there is none",
        )
        .expect("valid");
        for c in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(backups_kept.clone()),
            Box::new(backup_last_timestamp.clone()),
            Box::new(store_up.clone()),
            Box::new(store_free_bytes.clone()),
            Box::new(store_min_free_bytes.clone()),
            Box::new(store_write_failures.clone()),
            Box::new(store_reopens.clone()),
            Box::new(users_pruned.clone()),
            Box::new(quota_refusals.clone()),
            Box::new(duration.clone()),
            Box::new(active_sessions.clone()),
            Box::new(in_flight.clone()),
            Box::new(calculations.clone()),
            Box::new(rate_limited.clone()),
        ] {
            registry.register(c).expect("unique metric");
        }
        #[cfg(target_os = "linux")]
        registry
            .register(Box::new(prometheus::process_collector::ProcessCollector::for_self()))
            .expect("process collector");
        Metrics {
            registry,
            requests,
            duration,
            active_sessions,
            in_flight,
            calculations,
            rate_limited,
            store_up,
            store_free_bytes,
            store_min_free_bytes,
            store_write_failures,
            users_pruned,
            quota_refusals,
            store_reopens,
            backups_kept,
            backup_last_timestamp,
        }
    }

    /// The registry, for components that keep their own metrics (plugins).
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut buf).expect("text encoding");
        String::from_utf8(buf).expect("utf-8")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}
