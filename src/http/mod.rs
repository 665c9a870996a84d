//! The HTTP service: poem-openapi API under `/v1`, operations routes, middleware, and the server loop.

pub mod api;
pub(crate) mod auth;
mod client_ip;
mod conformance;
mod connections;
pub(crate) mod errors;
mod middleware;
mod rate_limit;
mod startup;
mod state;
pub mod web;

pub use errors::{ApiError, ErrorBody, ErrorCode};
pub use startup::{Application, StartupError};
pub use state::AppState;

use poem::listener::{Acceptor, Listener, TcpListener};
use poem::{Endpoint, Route, Server};
use poem_openapi::OpenApiService;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub const API_TITLE: &str = "saju API";

/// The OpenAPI service with every operation (used for routing and for the committed spec).
pub fn openapi_service() -> OpenApiService<api::Apis, ()> {
    OpenApiService::new(api::apis(), API_TITLE, env!("CARGO_PKG_VERSION"))
        .description("사주 차트 계산, 음력 변환, 사용자·프로필·대화 세션 API. 모든 오류는 {code, message} JSON입니다.")
}

/// The committed spec, `openapi/openapi.json`, as the code produces it.
pub fn openapi_json() -> String {
    let spec: serde_json::Value = serde_json::from_str(&openapi_service().spec()).expect("valid spec JSON");
    serde_json::to_string_pretty(&spec).expect("spec serializes") + "\n"
}

/// The whole application: routes plus middleware, with the shared state attached.
pub fn app(state: Arc<AppState>) -> impl Endpoint {
    let service = openapi_service();
    let docs = middleware::docs_endpoint(&service);
    let spec = service.spec_endpoint();
    let route = Route::new()
        .nest("/", service)
        .at("/openapi.json", spec)
        .nest("/docs", docs)
        .at("/metrics", poem::get(api::ops::metrics));
    middleware::wrap(web::with_page(route), state)
}

/// Binds the listener; port 0 picks a free port. Returns the acceptor and its address.
pub async fn bind(addr: SocketAddr) -> std::io::Result<(impl Acceptor, SocketAddr)> {
    let acceptor = TcpListener::bind(addr.to_string()).into_acceptor().await?;
    let local = acceptor
        .local_addr()
        .into_iter()
        .find_map(|a| a.as_socket_addr().copied())
        .ok_or_else(|| std::io::Error::other("listener has no socket address"))?;
    Ok((acceptor, local))
}

/// Serves until `shutdown` resolves, then stops accepting and gives in-flight requests the configured grace.
pub async fn serve(
    acceptor: impl Acceptor + 'static,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let server = &state.config.server;
    let grace = Duration::from_secs(server.shutdown_grace_seconds);
    let acceptor = connections::Guarded::new(
        acceptor,
        connections::effective_limit(server.max_connections),
        Duration::from_secs(server.header_read_timeout_seconds),
        connections::ConnectionMetrics::register(state.metrics.registry()),
    );
    Server::new_with_acceptor(acceptor)
        // Never shorter than a request may run: a slow answer sends nothing until it is ready.
        .idle_timeout(Duration::from_secs(server.idle_timeout_seconds.max(server.request_timeout_seconds + 10)))
        .run_with_graceful_shutdown(app(state), shutdown, Some(grace))
        .await
}
