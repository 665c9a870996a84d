//! State shared by every request.

use super::rate_limit::ClientLimiter;
use crate::config::Config;
use crate::store::Store;
use crate::telemetry::Metrics;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub struct AppState {
    pub config: Config,
    pub store: Arc<Store>,
    /// The interpretation corpus compiled into the binary, with its lexical index.
    pub knowledge: Arc<crate::knowledge::KnowledgeBase>,
    /// Answer generators in the configured order; the grounded composer is always last.
    pub chain: Arc<crate::llm::FallbackChain>,
    pub metrics: Metrics,
    /// Interpretation-rule plugins (WebAssembly), loaded from the configured directories.
    pub plugins: Arc<crate::plugins::Registry>,
    pub limiter: Option<ClientLimiter>,
    /// The stricter per-IP limit on `POST /v1/users`.
    pub user_creations: Option<ClientLimiter>,
    /// The per-IP budget of charts computed in batches.
    pub batch_budget: Option<ClientLimiter>,
    /// Batches computed at once (`server.max_concurrent_batches`).
    pub batch_slots: Arc<tokio::sync::Semaphore>,
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub started: Instant,
    /// Where "now" comes from ("today" and "this year" are read in Korea time).
    pub clock: Arc<dyn crate::clock::Clock>,
    /// Fired when the server stops: running turns (and a local model's generation) stop with it.
    pub shutdown: crate::llm::Cancel,
    ready: AtomicBool,
    /// session id → last activity, for `saju_active_sessions` (pruned, so bounded by recent activity).
    activity: Mutex<HashMap<String, Instant>>,
}

/// A session counts as active this long after its last message.
const ACTIVE_WINDOW: std::time::Duration = std::time::Duration::from_secs(30 * 60);
/// At most this many sessions are tracked for the gauge; the oldest are dropped first.
const MAX_TRACKED_SESSIONS: usize = 100_000;

impl AppState {
    /// The state for `config` and an open `store`. Never panics: a plugin engine or a local model that fails
    /// to load is logged and left out, and the server still serves.
    pub fn new(config: Config, store: Store) -> AppState {
        let limiter = config.rate_limit.enabled.then(|| ClientLimiter::new(&config.rate_limit));
        let user_creations = config.rate_limit.enabled.then(|| ClientLimiter::user_creations(&config.rate_limit));
        let batch_budget = config.rate_limit.enabled.then(|| ClientLimiter::batch_charts(&config.rate_limit));
        let batch_slots = match config.server.max_concurrent_batches {
            0 => std::thread::available_parallelism().map_or(2, usize::from),
            n => n,
        };
        let metrics = Metrics::new();
        let plugins = crate::plugins::Registry::from_config(&config);
        if let Err(e) = plugins.metrics().register(metrics.registry()) {
            tracing::warn!(error = %e, "plugin metrics not registered");
        }
        let local = crate::models::load_local_chat(&config).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "local LLM disabled");
            None
        });
        AppState {
            plugins: Arc::new(plugins),
            knowledge: Arc::new(crate::knowledge::KnowledgeBase::embedded()),
            chain: Arc::new(crate::llm::from_config_with_local(&config.llm, local)),
            trusted_proxies: config.trusted_proxies(),
            limiter,
            user_creations,
            batch_budget,
            batch_slots: Arc::new(tokio::sync::Semaphore::new(batch_slots)),
            metrics,
            store: Arc::new(store),
            started: Instant::now(),
            clock: Arc::new(crate::clock::SystemClock),
            shutdown: crate::llm::Cancel::new(),
            ready: AtomicBool::new(false),
            activity: Mutex::new(HashMap::new()),
            config,
        }
    }

    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::SeqCst);
    }

    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::SeqCst)
    }

    /// Records chat activity and refreshes the active-sessions gauge.
    pub fn touch_session(&self, session_id: &str) {
        let now = Instant::now();
        let mut map = self.activity.lock().expect("activity lock");
        map.insert(session_id.to_string(), now);
        if map.len() > MAX_TRACKED_SESSIONS {
            let mut times: Vec<Instant> = map.values().copied().collect();
            times.sort_unstable();
            let cutoff = times[times.len() - MAX_TRACKED_SESSIONS];
            map.retain(|_, t| *t >= cutoff);
        }
        self.refresh_active(&mut map, now);
    }

    pub fn forget_session(&self, session_id: &str) {
        let mut map = self.activity.lock().expect("activity lock");
        map.remove(session_id);
        self.refresh_active(&mut map, Instant::now());
    }

    /// Prunes idle sessions and updates the gauge (also called on each scrape).
    pub fn refresh_active_sessions(&self) {
        let mut map = self.activity.lock().expect("activity lock");
        self.refresh_active(&mut map, Instant::now());
    }

    fn refresh_active(&self, map: &mut HashMap<String, Instant>, now: Instant) {
        map.retain(|_, t| now.duration_since(*t) < ACTIVE_WINDOW);
        self.metrics.active_sessions.set(map.len() as i64);
    }
}
