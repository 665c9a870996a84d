//! Start-up as a library function (the shape zero-to-production and atuin use): [`Application::build`]
//! opens the store, builds the shared state and binds the listener; [`Application::run_until`] serves until
//! a shutdown signal, then drains. `saju serve` and the tests both start the service this way.

use super::{bind, serve, AppState};
use crate::config::Config;
use crate::store::{Store, StoreError};
use poem::listener::AcceptorExt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("데이터베이스를 열 수 없습니다: {0}")]
    Store(#[from] StoreError),
    #[error("{addr}에서 수신할 수 없습니다: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("시작 작업이 중단되었습니다: {0}")]
    Join(#[from] tokio::task::JoinError),
}

pub struct Application {
    pub state: Arc<AppState>,
    addr: SocketAddr,
    acceptor: poem::listener::BoxAcceptor,
}

impl Application {
    /// Opens the configured store and binds `server.listen` (port 0 picks a free port).
    pub async fn build(config: Config) -> Result<Application, StartupError> {
        let db = config.database_path();
        let store = tokio::task::spawn_blocking(move || Store::open(&db)).await??;
        Application::build_with_store(config, store).await
    }

    /// [`Application::build`] with a store already open.
    pub async fn build_with_store(config: Config, store: Store) -> Result<Application, StartupError> {
        let addr = config.listen_addr();
        let (acceptor, addr) = bind(addr).await.map_err(|source| StartupError::Bind { addr, source })?;
        store.set_min_free_bytes(config.server.min_free_disk_mb.saturating_mul(1_000_000));
        store.set_user_quota_bytes(config.server.user_quota_mb.saturating_mul(1_000_000));
        let state = Arc::new(AppState::new(config, store));
        Ok(Application { state, addr, acceptor: acceptor.boxed() })
    }

    /// The address the listener is bound to.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves: ready at once; on `signal`, not ready, keeps serving for `shutdown_drain_seconds`, stops
    /// accepting, gives in-flight requests `shutdown_grace_seconds`, then stops every turn still running.
    pub async fn run_until(self, signal: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let Application { state, acceptor, .. } = self;
        spawn_maintenance(&state);
        state.set_ready(true);
        crate::systemd::notify("READY=1");
        let draining = state.clone();
        let shutdown = async move {
            signal.await;
            draining.set_ready(false);
            crate::systemd::notify("STOPPING=1");
            // Answers in progress stop waiting for models and are finished by the grounded composer now, so
            // they are stored and sent well inside the grace period. Whatever still runs a second before the
            // grace ends is cancelled then, so a streamed reply ends with an `error` event rather than a cut.
            draining.shutdown.hurry();
            let server = &draining.config.server;
            let last_call = Duration::from_secs(server.shutdown_drain_seconds + server.shutdown_grace_seconds)
                .saturating_sub(Duration::from_secs(1));
            let hard = draining.shutdown.clone();
            tokio::spawn(async move {
                tokio::time::sleep(last_call).await;
                hard.cancel();
            });
            let drain = Duration::from_secs(draining.config.server.shutdown_drain_seconds);
            tracing::info!(drain_seconds = drain.as_secs(), "shutdown signal received; draining");
            tokio::time::sleep(drain).await;
            tracing::info!("closing the listener; finishing in-flight requests");
        };
        let result = serve(acceptor, state.clone(), shutdown).await;
        state.shutdown.cancel();
        result
    }
}

/// The background work a running server does: reopening the store after a failed write (so readiness comes
/// back without traffic), the rate limiter's pruning, and the dense index.
fn spawn_maintenance(state: &Arc<AppState>) {
    let store = state.store.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            if !store.is_up() {
                let store = store.clone();
                let _ = tokio::task::spawn_blocking(move || store.recover()).await;
            }
        }
    });
    spawn_retention(state);
    if state.limiter.is_some() {
        let state = state.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                for l in [&state.limiter, &state.user_creations, &state.batch_budget].into_iter().flatten() {
                    l.prune();
                }
            }
        });
    }
    spawn_dense_index(state);
}

/// Every hour (and once at start): deletes the users idle past `server.idle_user_days`, and those who saved
/// nothing past `server.empty_user_days`, at most 1,000 a round.
fn spawn_retention(state: &Arc<AppState>) {
    const DAY: i64 = 24 * 3600;
    let days = |d: u64| (d > 0).then(|| i64::try_from(d).unwrap_or(i64::MAX / DAY).saturating_mul(DAY));
    let (idle, empty) = (days(state.config.server.idle_user_days), days(state.config.server.empty_user_days));
    if idle.is_none() && empty.is_none() {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            let store = state.store.clone();
            let now = crate::store::now();
            let pruned =
                tokio::task::spawn_blocking(move || store.prune_idle_users(now, idle, empty.unwrap_or(i64::MAX), 1000))
                    .await;
            match pruned {
                Ok(Ok(p)) if p.idle + p.empty > 0 => {
                    state.metrics.users_pruned.with_label_values(&["idle"]).inc_by(p.idle);
                    state.metrics.users_pruned.with_label_values(&["empty"]).inc_by(p.empty);
                    tracing::info!(idle = p.idle, empty = p.empty, bytes = p.bytes, "idle users deleted");
                }
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "idle users could not be pruned"),
                Err(e) => tracing::warn!(error = %e, "idle users could not be pruned"),
            }
        }
    });
}

/// With `[knowledge] embedding_model` set, loads the stored dense index (or builds and saves it when it is
/// missing or stale) on a blocking thread and attaches it; until then retrieval is lexical only, so the
/// server is ready at once.
fn spawn_dense_index(state: &Arc<AppState>) {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let embedder = match crate::models::load_embedder(&state.config) {
            Ok(Some(e)) => e,
            Ok(None) => return,
            Err(e) => return tracing::warn!(error = %e, "dense retrieval disabled"),
        };
        let started = std::time::Instant::now();
        match crate::knowledge::persist::attach_dense_from_store(&state.knowledge, embedder, &state.store, |_, _| {}) {
            Ok(origin) => tracing::info!(?origin, ms = started.elapsed().as_millis() as u64, "dense index attached"),
            Err(e) => tracing::warn!(error = %e, "dense retrieval disabled"),
        }
    });
}
