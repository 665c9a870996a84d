//! The access log: one JSON object per line, the caller's request id, the route template (never the id in
//! the path), the authenticated user — and never birth data or a bearer token.

use crate::http::Request;
use crate::support::*;
use serde_json::{json, Value};
use std::time::Duration;

const BIRTH: &str = "1990-05-15T15:30";

fn completed<'a>(lines: &'a [Value], request_id: &str) -> &'a Value {
    lines
        .iter()
        .find(|l| l["message"] == "request completed" && l["span"]["request_id"] == request_id)
        .unwrap_or_else(|| panic!("no access log line for {request_id} in {lines:#?}"))
}

#[test]
fn access_log_has_ids_and_templates_but_no_birth_data_or_tokens() {
    let dir = tempfile::tempdir().unwrap();
    // Loopback is a trusted proxy here, so a forwarded address is believed (as behind nginx).
    let mut server =
        Server::start_with(&dir.path().join("data"), &[("SAJU_SECURITY__TRUSTED_PROXIES", r#"["127.0.0.1"]"#)], &[]);
    let addr = server.addr;
    let (user_id, token) = server.create_user();

    let body = json!({"name": "나", "relation": "self", "birth": {"datetime": BIRTH, "gender": "male"}});
    let r = Request::post_json("/v1/profiles", &body).bearer(&token).header("X-Request-Id", "test-123").send(addr);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.header("x-request-id"), Some("test-123"));
    let profile_id = r.json()["id"].as_str().unwrap().to_string();

    let r = Request::get(&format!("/v1/profiles/{profile_id}"))
        .bearer(&token)
        .header("X-Request-Id", "test-124")
        .header("X-Forwarded-For", "203.0.113.7")
        .send(addr);
    assert_eq!(r.status, 200, "{}", r.text());
    let r = Request::post_json("/v1/charts", &json!({"datetime": BIRTH, "gender": "male"}))
        .header("X-Request-Id", "test-125")
        .send(addr);
    assert_eq!(r.status, 200, "{}", r.text());
    // Errors whose message could echo the input, a bad token, and an unusable request id.
    let r = Request::post_json("/v1/charts", &json!({"datetime": "1990-05-15T25:30", "gender": "male"}))
        .header("X-Request-Id", "test-126")
        .send(addr);
    assert!((400..500).contains(&r.status), "{}", r.text());
    let bogus = "sj_bogusbogusbogusbogusbogusbogusbogusbogus00";
    let r = Request::get("/v1/users/me").bearer(bogus).header("X-Request-Id", "test-127").send(addr);
    assert_eq!(r.status, 401, "{}", r.text());
    let r = Request::get("/health/live").header("X-Request-Id", "bad id with spaces").send(addr);
    let generated = r.header("x-request-id").expect("an id is always returned").to_string();
    assert_ne!(generated, "bad id with spaces");

    // Stop the server so everything it logged is in.
    server.signal(libc::SIGTERM);
    let status = server.wait_exit(Duration::from_secs(25)).expect("exits after SIGTERM");
    assert_eq!(status.code(), Some(0));
    let text = server.log_text();
    let lines: Vec<Value> = server
        .log_lines()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("log line is not JSON ({e}): {l}")))
        .collect();

    let created = completed(&lines, "test-123");
    assert_eq!(created["span"]["endpoint"], "/v1/profiles", "{created}");
    assert_eq!(created["span"]["method"], "POST");
    assert_eq!(created["span"]["user_id"], user_id.as_str(), "{created}");
    assert_eq!(created["status"], 201);
    assert!(created["latency_ms"].is_number());
    assert!(text.contains(r#""request_id":"test-123""#));
    // The client's address: the peer, or the one the trusted proxy forwarded.
    assert_eq!(created["span"]["client_ip"], "127.0.0.1", "{created}");
    assert_eq!(completed(&lines, "test-124")["span"]["client_ip"], "203.0.113.7");

    let read = completed(&lines, "test-124");
    // The route template, in poem's form (`/v1/profiles/:param0`) or the spec's (`/v1/profiles/{id}`).
    let endpoint = read["span"]["endpoint"].as_str().expect("endpoint");
    let param = endpoint.strip_prefix("/v1/profiles/").unwrap_or_else(|| panic!("{read}"));
    assert!(param.starts_with(':') || (param.starts_with('{') && param.ends_with('}')), "{read}");
    assert!(!endpoint.contains(&profile_id), "{read}");
    assert_eq!(read["span"]["user_id"], user_id.as_str(), "{read}");

    let chart = completed(&lines, "test-125");
    assert_eq!(chart["span"]["endpoint"], "/v1/charts");
    assert!(chart["span"]["user_id"].is_null(), "anonymous call has a user: {chart}");
    assert_eq!(completed(&lines, "test-126")["status"].as_u64().map(|s| s / 100), Some(4));
    let denied = completed(&lines, "test-127");
    assert_eq!(denied["status"], 401);
    assert!(denied["span"]["user_id"].is_null());
    assert_eq!(completed(&lines, &generated)["span"]["endpoint"], "/health/live");

    for secret in [BIRTH, "1990-05-15", "1990-05-15T25:30", token.as_str(), bogus, &token[3..]] {
        assert!(!text.contains(secret), "server stderr contains {secret:?}:\n{text}");
    }
    eprintln!("logs: request line example: {created}");
}
