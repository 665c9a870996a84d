//! `saju serve`: the appliance's HTTP service.

use super::server_args::ConfigArgs;
use super::CliError;
use crate::http;
use crate::store::Store;
use clap::Args;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 수신 주소 (server.listen), 예: 0.0.0.0:8000
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn run(args: ServeArgs) -> Result<(), CliError> {
    let config = args.config.load(args.listen.as_deref())?;
    crate::telemetry::init_logging(&config.log);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("saju-worker")
        .build()
        .map_err(|e| CliError(format!("런타임을 시작할 수 없습니다: {e}")))?;
    runtime.block_on(async move {
        let db = config.database_path();
        let store = tokio::task::spawn_blocking(move || Store::open(&db))
            .await
            .map_err(|e| CliError(e.to_string()))?
            .map_err(|e| CliError(e.to_string()))?;
        let addr = config.listen_addr();
        let (acceptor, local) =
            http::bind(addr).await.map_err(|e| CliError(format!("{addr}에서 수신할 수 없습니다: {e}")))?;
        let signalled = shutdown_signal();
        let state = http::state_from(config, store);
        tracing::info!(
            addr = %local,
            data_dir = %state.config.server.data_dir.display(),
            environment = ?state.config.environment,
            version = env!("CARGO_PKG_VERSION"),
            "listening"
        );
        if let Some(limiter_state) = state.limiter.is_some().then(|| state.clone()) {
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(60));
                loop {
                    tick.tick().await;
                    if let Some(l) = &limiter_state.limiter {
                        l.prune();
                    }
                }
            });
        }
        spawn_dense_index(&state);
        state.set_ready(true);
        crate::systemd::notify("READY=1");
        let shutdown_state = state.clone();
        let shutdown = async move {
            signalled.await;
            shutdown_state.set_ready(false);
            crate::systemd::notify("STOPPING=1");
            let drain = Duration::from_secs(shutdown_state.config.server.shutdown_drain_seconds);
            tracing::info!(drain_seconds = drain.as_secs(), "shutdown signal received; draining");
            tokio::time::sleep(drain).await;
            tracing::info!("closing the listener; finishing in-flight requests");
        };
        http::serve(acceptor, state, shutdown).await.map_err(|e| CliError(format!("서버 오류: {e}")))?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// SIGTERM or SIGINT. The handlers are installed by this call, not when the future is first polled, so a
/// signal that comes right after start-up (between READY=1 and the server's first poll) still drains
/// instead of killing the process.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).ok();
        let mut int = signal(SignalKind::interrupt()).ok();
        async move {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = wait(term.take()) => {},
                _ = wait(int.take()) => {},
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// With `[knowledge] embedding_model` set, loads the stored dense index (or builds and saves it when it is
/// missing or stale) on a blocking thread and attaches it; until then retrieval is lexical only, so the
/// server is ready at once.
fn spawn_dense_index(state: &std::sync::Arc<crate::http::AppState>) {
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
