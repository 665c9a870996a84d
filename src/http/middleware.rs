//! Middleware around every route, outermost first: request id + access log, metrics, security headers,
//! CORS, host allow-list, rate limit, JSON errors, timeout, body size limit.

use super::client_ip::client_ip;
use super::errors::{json_error, to_json_error, ErrorCode};
use super::state::AppState;
use base64::Engine;
use poem::http::{HeaderValue, Method};
use poem::middleware::Cors;
use poem::web::Html;
use poem::PathPattern;
use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// CSP for API responses: nothing may load, nothing may frame it.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The bundled Swagger UI, served from the binary, with a CSP that allows exactly its inline scripts.
pub fn docs_endpoint<T: poem_openapi::OpenApi, W: poem_openapi::Webhook>(
    service: &poem_openapi::OpenApiService<T, W>,
) -> impl Endpoint {
    let html = service.swagger_ui_html();
    let hashes: Vec<String> = inline_blocks(&html, "script")
        .map(|s| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))))
        .collect();
    let csp = format!(
        "default-src 'none'; script-src {}; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        hashes.join(" ")
    );
    let csp = HeaderValue::from_str(&csp).expect("ascii CSP");
    Route::new().at(
        "/",
        poem::endpoint::make_sync(move |_| {
            let mut resp = Html(html.clone()).into_response();
            resp.headers_mut().insert("content-security-policy", csp.clone());
            resp
        }),
    )
}

/// The contents of every inline `<tag>…</tag>` block.
fn inline_blocks<'a>(html: &'a str, tag: &str) -> impl Iterator<Item = &'a str> + 'a {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut rest = html;
    std::iter::from_fn(move || {
        let start = rest.find(&open)?;
        let after_open = rest[start..].find('>')? + start + 1;
        let end = rest[after_open..].find(&close)? + after_open;
        let block = &rest[after_open..end];
        rest = &rest[end + close.len()..];
        Some(block)
    })
}

fn valid_request_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

fn host_allowed(req: &Request, allowed: &[String]) -> bool {
    if allowed.is_empty() {
        return true;
    }
    let Some(host) = req.headers().get("host").and_then(|h| h.to_str().ok()) else { return false };
    let bare =
        host.rsplit_once(':').map_or(host, |(h, port)| if port.bytes().all(|b| b.is_ascii_digit()) { h } else { host });
    allowed.iter().any(|a| a.eq_ignore_ascii_case(host) || a.eq_ignore_ascii_case(bare))
}

/// Paths that probes and scrapers hit: never rate limited.
fn is_ops_path(path: &str) -> bool {
    path == "/metrics" || path == "/health" || path.starts_with("/health/")
}

pub fn wrap(route: impl Endpoint<Output = Response> + 'static, state: Arc<AppState>) -> impl Endpoint {
    let timeout = Duration::from_secs(state.config.server.request_timeout_seconds);
    let body_limit = state.config.server.body_limit_bytes;
    let cors = cors(&state.config.security.cors_origins);

    let limited = route
        .around(move |ep, mut req| async move {
            // Body limit: by Content-Length when given, else by reading at most the limit (chunked bodies).
            let too_large =
                || json_error(ErrorCode::PayloadTooLarge, format!("요청 본문은 {body_limit}바이트까지입니다"));
            match req
                .headers()
                .get("content-length")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<usize>().ok())
            {
                Some(n) if n > body_limit => return Ok(too_large()),
                Some(_) => {}
                None if req.headers().contains_key("transfer-encoding") => {
                    match req.take_body().into_bytes_limit(body_limit).await {
                        Ok(bytes) => req.set_body(bytes),
                        Err(_) => return Ok(too_large()),
                    }
                }
                None => {}
            }
            ep.call(req).await.map(IntoResponse::into_response)
        })
        .around(move |ep, req| async move {
            match tokio::time::timeout(timeout, ep.call(req)).await {
                Ok(r) => r.map(IntoResponse::into_response),
                Err(_) => Ok(json_error(ErrorCode::Timeout, "요청 처리 시간이 초과되었습니다")),
            }
        })
        .catch_all_error(to_json_error);

    let guarded = limited.around(|ep, req| async move {
        let state = req.data::<Arc<AppState>>().cloned().expect("state attached");
        // Probes and scrapers address the instance directly (kubelet, Prometheus): exempt like the rate limit.
        if super::conformance::duplicate_host(&req) {
            return Ok(json_error(ErrorCode::InvalidRequest, "Host 헤더는 하나여야 합니다"));
        }
        if !is_ops_path(req.uri().path()) && !host_allowed(&req, &state.config.security.allowed_hosts) {
            return Ok(json_error(ErrorCode::HostNotAllowed, "허용되지 않은 Host입니다"));
        }
        let creates_user = req.method() == Method::POST && req.uri().path().trim_end_matches('/') == "/v1/users";
        let checks = [
            (
                state.user_creations.as_ref().filter(|_| creates_user),
                "user_creation",
                "이 주소에서 새 사용자를 너무 많이 만들었습니다",
            ),
            (state.limiter.as_ref().filter(|_| !is_ops_path(req.uri().path())), "per_client", "요청이 너무 많습니다"),
        ];
        for (limiter, label, why) in checks {
            if let Some(refused) = limiter.and_then(|l| refused_by(l, &req, &state, label, why)) {
                return Ok(refused);
            }
        }
        ep.call(req).await.map(IntoResponse::into_response)
    });

    let with_cors = match cors {
        Some(cors) => guarded.with(cors).map_to_response().boxed(),
        None => guarded.map_to_response().boxed(),
    };

    with_cors.around(security_and_metrics).boxed().around(request_log).data(state)
}

/// The 429 (with `Retry-After`) when `limiter` refuses this client, counted under the limit's `label` and
/// the route asked for.
fn refused_by(
    limiter: &super::rate_limit::ClientLimiter,
    req: &Request,
    state: &AppState,
    label: &str,
    why: &str,
) -> Option<Response> {
    let ip = client_ip(req, &state.trusted_proxies)?;
    let wait = limiter.check(ip).err()?;
    let secs = super::rate_limit::ClientLimiter::retry_after_seconds(wait);
    let endpoint = template_of_path(req.uri().path());
    state.metrics.rate_limited.with_label_values(&[label, &endpoint]).inc();
    let mut resp = json_error(ErrorCode::RateLimited, format!("{why}. {secs}초 뒤에 다시 시도해 주세요"));
    resp.headers_mut().insert("retry-after", HeaderValue::from(secs));
    Some(resp)
}

type Inner = Arc<poem::endpoint::BoxEndpoint<'static, Response>>;

/// Counts a request as in flight until dropped (also when the client goes away mid-request).
struct InFlight<'a>(&'a prometheus::IntGauge);

impl<'a> InFlight<'a> {
    fn enter(g: &'a prometheus::IntGauge) -> Self {
        g.inc();
        InFlight(g)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// The spec's path templates (`/v1/profiles/{id}`), each with the name poem gives its route
/// (`/v1/profiles/:param0`: poem numbers path parameters, the spec names them).
fn spec_templates() -> &'static [(String, String)] {
    static TEMPLATES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let spec: serde_json::Value = serde_json::from_str(&super::openapi_service().spec()).expect("spec JSON");
        let paths = spec["paths"].as_object().cloned().unwrap_or_default();
        paths
            .keys()
            .map(|template| {
                let mut n = 0;
                let poem = template
                    .split('/')
                    .map(|seg| {
                        if seg.starts_with('{') {
                            n += 1;
                            format!(":param{}", n - 1)
                        } else {
                            seg.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("/");
                (poem, template.clone())
            })
            .collect()
    })
}

/// The route template a request path belongs to, for a response that never reached its route (refused by
/// the rate limiter, the host check, the body limit): the spec template whose segments match, a `{param}`
/// matching any one segment; `unmatched` when none does (so unknown paths never become label values).
fn template_of_path(path: &str) -> String {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let fits = |template: &str| {
        let parts: Vec<&str> = template.split('/').collect();
        parts.len() == segments.len() && parts.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s)
    };
    // A literal segment is a better match than a parameter (`/v1/profiles/batch` before `/v1/profiles/{id}`).
    spec_templates()
        .iter()
        .map(|(_, template)| template)
        .filter(|t| fits(t))
        .max_by_key(|t| t.split('/').filter(|seg| !seg.starts_with('{')).count())
        .cloned()
        .unwrap_or_else(|| "unmatched".into())
}

/// The OpenAPI path template of the route that answered (`/v1/profiles/{id}`); for a response no route
/// gave, the template `path` matches, or `unmatched`.
fn route_template(resp: &Response, path: &str) -> String {
    match resp.data::<PathPattern>().map(|p| p.0.to_string()).filter(|p| !p.is_empty()) {
        Some(pattern) => {
            spec_templates().iter().find(|(poem, _)| *poem == pattern).map_or(pattern, |(_, template)| template.clone())
        }
        None => template_of_path(path),
    }
}

/// Security headers and metrics on every response, errors included.
async fn security_and_metrics(ep: Inner, req: Request) -> poem::Result<Response> {
    let state = req.data::<Arc<AppState>>().cloned().expect("state attached");
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let start = Instant::now();
    let _in_flight = InFlight::enter(&state.metrics.in_flight);
    let mut resp = ep.call(req).await?;
    super::conformance::complete(&path, &mut resp);
    let endpoint = route_template(&resp, &path);
    let status = resp.status().as_u16().to_string();
    state.metrics.requests.with_label_values(&[method.as_str(), &endpoint, &status]).inc();
    state.metrics.duration.with_label_values(&[method.as_str(), &endpoint]).observe(start.elapsed().as_secs_f64());
    let h = resp.headers_mut();
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if !h.contains_key("content-security-policy") {
        h.insert("content-security-policy", HeaderValue::from_static(API_CSP));
    }
    if !h.contains_key("cache-control") {
        h.insert("cache-control", HeaderValue::from_static("no-store"));
    }
    // While draining for a shutdown, every answer closes its connection: a keep-alive client's next request
    // then opens a new connection (to the next instance) instead of landing on a listener about to close.
    if !state.is_ready() {
        h.insert("connection", HeaderValue::from_static("close"));
    }
    Ok(resp)
}

/// Request id and the access log; user and session ids are recorded by handlers when known.
async fn request_log(ep: Inner, req: Request) -> poem::Result<Response> {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| valid_request_id(v))
        .map(str::to_string)
        .unwrap_or_else(crate::store::new_id);
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    // The client's address as the rate limiter sees it: the socket's peer, or the address a trusted proxy
    // forwarded.
    let client = req
        .data::<Arc<AppState>>()
        .and_then(|state| client_ip(&req, &state.trusted_proxies))
        .map_or_else(|| "-".to_string(), |ip| ip.to_string());
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        client_ip = %client,
        method = %method,
        endpoint = tracing::field::Empty,
        user_id = tracing::field::Empty,
        session_id = tracing::field::Empty,
    );
    let start = Instant::now();
    let mut resp = ep.call(req).instrument(span.clone()).await?;
    let endpoint = route_template(&resp, &path);
    span.record("endpoint", endpoint.as_str());
    let status = resp.status().as_u16();
    span.in_scope(|| {
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        if status >= 500 {
            tracing::error!(status, latency_ms = ms, "request completed");
        } else if method != Method::OPTIONS {
            tracing::info!(status, latency_ms = ms, "request completed");
        }
    });
    resp.headers_mut().insert("x-request-id", HeaderValue::from_str(&id).expect("validated id"));
    Ok(resp)
}

fn cors(origins: &[String]) -> Option<Cors> {
    if origins.is_empty() {
        return None;
    }
    let mut cors = Cors::new()
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS])
        .allow_headers(["authorization", "content-type", "x-request-id", "accept"])
        .expose_headers(["x-request-id", "retry-after"])
        .max_age(600);
    if !origins.iter().any(|o| o == "*") {
        cors = cors.allow_origins(origins.iter().map(String::as_str));
    }
    Some(cors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_blocks() {
        let html = "<html><script src=x></script><script>a()</script><style>b{}</style><script>\nc()</script>";
        let blocks: Vec<&str> = inline_blocks(html, "script").collect();
        assert_eq!(blocks, ["", "a()", "\nc()"]);
    }

    #[test]
    fn refused_requests_are_filed_under_their_route_template() {
        assert_eq!(template_of_path("/v1/profiles/01J9ZK"), "/v1/profiles/{id}");
        assert_eq!(template_of_path("/v1/profiles/01J9ZK/chart.svg"), "/v1/profiles/{id}/chart.svg");
        assert_eq!(template_of_path("/v1/charts/batch"), "/v1/charts/batch");
        assert_eq!(template_of_path("/v1/sessions/"), "/v1/sessions");
        assert_eq!(template_of_path("/v1/users/me"), "/v1/users/me");
        assert_eq!(template_of_path("/v1/nothing/here"), "unmatched");
        assert_eq!(template_of_path("/wp-login.php"), "unmatched");
    }

    #[test]
    fn request_ids() {
        assert!(valid_request_id("abc-123_x.y"));
        assert!(!valid_request_id(""));
        assert!(!valid_request_id("a b"));
        assert!(!valid_request_id(&"a".repeat(65)));
    }
}
