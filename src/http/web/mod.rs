//! The web page at `/`: hand-written HTML, CSS and ES modules compiled into the binary (no CDN, works
//! air-gapped), served with their content types, an ETag for revalidation, and a strict CSP of their own
//! (scripts and styles only from this origin: the page has no inline script or style).

use poem::http::{header, HeaderValue, Method, StatusCode};
use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response};
use sha2::{Digest, Sha256};

/// CSP of the page and its assets.
pub const PAGE_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
                            connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; \
                            form-action 'self'; frame-ancestors 'none'";

/// The page's files: URL path (under `/`), content type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    ("/", "text/html; charset=utf-8", include_bytes!("assets/index.html")),
    ("/assets/style.css", "text/css; charset=utf-8", include_bytes!("assets/style.css")),
    ("/assets/app.js", "text/javascript; charset=utf-8", include_bytes!("assets/app.js")),
    ("/assets/api.js", "text/javascript; charset=utf-8", include_bytes!("assets/api.js")),
    ("/assets/birth.js", "text/javascript; charset=utf-8", include_bytes!("assets/birth.js")),
    ("/assets/reply.js", "text/javascript; charset=utf-8", include_bytes!("assets/reply.js")),
    ("/assets/favicon.svg", "image/svg+xml", include_bytes!("assets/favicon.svg")),
];

struct Asset {
    content_type: &'static str,
    body: &'static [u8],
    etag: HeaderValue,
}

impl Asset {
    fn new(content_type: &'static str, body: &'static [u8]) -> Asset {
        let digest = Sha256::digest(body);
        let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        Asset { content_type, body, etag: HeaderValue::from_str(&format!("\"{hex}\"")).expect("ascii etag") }
    }

    fn respond(&self, req: &Request) -> Response {
        let fresh = req
            .headers()
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == self.etag || t.trim() == "*"));
        let builder = Response::builder()
            .header(header::ETAG, self.etag.clone())
            .header(header::CACHE_CONTROL, "no-cache")
            .header("content-security-policy", PAGE_CSP);
        if fresh {
            return builder.status(StatusCode::NOT_MODIFIED).finish();
        }
        builder.content_type(self.content_type).body(self.body)
    }
}

fn assets() -> &'static [(&'static str, Asset)] {
    static ASSET_TABLE: std::sync::OnceLock<Vec<(&'static str, Asset)>> = std::sync::OnceLock::new();
    ASSET_TABLE.get_or_init(|| ASSETS.iter().map(|&(path, ct, body)| (path, Asset::new(ct, body))).collect())
}

/// Serves the page's files for GET and HEAD, everything else by `inner`. (A wrapper rather than routes: the
/// API service is nested at `/`, which would shadow a route for `/` itself.)
pub fn with_page(inner: impl Endpoint + 'static) -> impl Endpoint<Output = Response> {
    inner.around(|ep, req| async move {
        if matches!(*req.method(), Method::GET | Method::HEAD) {
            if let Some((_, asset)) = assets().iter().find(|(path, _)| *path == req.uri().path()) {
                return Ok(asset.respond(&req));
            }
        }
        ep.call(req).await.map(IntoResponse::into_response)
    })
}

/// Every page file's path, for tests and docs.
pub fn asset_paths() -> impl Iterator<Item = &'static str> {
    ASSETS.iter().map(|(path, _, _)| *path)
}
