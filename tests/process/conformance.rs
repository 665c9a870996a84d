//! HTTP conformance a client or a proxy relies on, against the real binary: a 401 says how to authenticate,
//! a 405 says which methods the path has, a request with two `Host` headers is refused.

use crate::http::Request;
use crate::support::*;

#[test]
fn unauthorized_method_not_allowed_and_duplicate_host() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(tmp.path());

    let r = Request::get("/v1/profiles").send(server.addr);
    assert_eq!(r.status, 401, "{}", r.text());
    assert_eq!(r.header("www-authenticate"), Some(r#"Bearer realm="saju""#));
    assert_eq!(r.json()["code"], "unauthorized");

    let r = Request::new("PATCH", "/v1/profiles/abc").send(server.addr);
    assert_eq!(r.status, 405, "{}", r.text());
    let allow = r.header("allow").unwrap_or_default().to_string();
    for m in ["GET", "PUT", "DELETE"] {
        assert!(allow.contains(m), "Allow: {allow}");
    }
    assert_eq!(r.json()["code"], "method_not_allowed");

    let r = Request::get("/health").header("host", "other.example").send(server.addr);
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(r.json()["code"], "invalid_request");
    // One Host is fine.
    assert_eq!(Request::get("/health").send(server.addr).status, 200);
}
