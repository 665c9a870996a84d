//! `saju serve`: the appliance's HTTP service.

use super::server_args::ConfigArgs;
use super::CliError;
use crate::http;
use clap::Args;

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
        let app = http::Application::build(config).await.map_err(|e| CliError(e.to_string()))?;
        let signalled = shutdown_signal();
        let state = &app.state;
        tracing::info!(
            addr = %app.addr(),
            data_dir = %state.config.server.data_dir.display(),
            environment = ?state.config.environment,
            version = env!("CARGO_PKG_VERSION"),
            "listening"
        );
        app.run_until(signalled).await.map_err(|e| CliError(format!("서버 오류: {e}")))?;
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
