use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn security_headers_and_request_ids_on_every_response() {
    let s = TestServer::start().await;
    for r in
        [s.get("/health/live", None).await, s.get("/nope", None).await, s.post("/v1/charts", None, json!({})).await]
    {
        assert_eq!(r.headers["x-content-type-options"], "nosniff");
        assert_eq!(r.headers["x-frame-options"], "DENY");
        assert_eq!(r.headers["referrer-policy"], "no-referrer");
        assert!(r.headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
        assert!(r.headers.contains_key("x-request-id"));
    }
    let given =
        s.client.get(format!("{}/health/live", s.base)).header("x-request-id", "trace-abc_1").send().await.unwrap();
    assert_eq!(given.headers()["x-request-id"], "trace-abc_1");
    let bad =
        s.client.get(format!("{}/health/live", s.base)).header("x-request-id", "has spaces").send().await.unwrap();
    assert_ne!(bad.headers()["x-request-id"], "has spaces");
}

#[tokio::test]
async fn body_size_limit() {
    let s = TestServer::with(|c| c.server.body_limit_bytes = 4096).await;
    let big = json!({"datetime": "1990-05-15T15:30", "gender": "male", "timezone": "x".repeat(5000)});
    assert_error(&s.post("/v1/charts", None, big).await, 413, "payload_too_large");
    // A chunked body without Content-Length is limited too.
    assert_eq!(raw_chunked_status(&s.base, 5000).await, 413);
    assert_eq!(s.post("/v1/charts", None, birth()).await.status, 200);
}

/// Sends a chunked POST of `n` body bytes over a raw socket and returns the status code.
async fn raw_chunked_status(base: &str, n: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base.trim_start_matches("http://");
    let mut sock = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /v1/charts HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    sock.write_all(head.as_bytes()).await.unwrap();
    let body = vec![b'1'; n];
    for chunk in body.chunks(1000) {
        let _ = sock.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).await;
        let _ = sock.write_all(chunk).await;
        let _ = sock.write_all(b"\r\n").await;
    }
    let _ = sock.write_all(b"0\r\n\r\n").await;
    let mut out = Vec::new();
    let _ = sock.read_to_end(&mut out).await;
    let text = String::from_utf8_lossy(&out);
    text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let s = TestServer::with(|c| {
        c.rate_limit.enabled = true;
        c.rate_limit.requests_per_second = 1;
        c.rate_limit.burst = 5;
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(s.get("/v1/calendar/terms/2025", None).await);
    }
    assert!(statuses[..5].iter().all(|r| r.status == 200));
    let limited = statuses.iter().find(|r| r.status == 429).expect("a 429 after the burst");
    assert_error(limited, 429, "rate_limited");
    let retry: u64 = limited.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry));
    // Probes are never limited.
    for _ in 0..20 {
        assert_eq!(s.get("/health/live", None).await.status, 200);
    }
    // The refusals are counted by limit and by the route asked for (a template, never the raw path), and
    // the request counter files them under that route too, not as `unmatched`.
    let metrics = s.get("/metrics", None).await.text;
    let refused = statuses.iter().filter(|r| r.status == 429).count();
    let line =
        format!("saju_rate_limited_total{{endpoint=\"/v1/calendar/terms/{{year}}\",limit=\"per_client\"}} {refused}");
    assert!(metrics.contains(&line), "{line} not in\n{metrics}");
    assert!(
        metrics.contains(&format!(
            "saju_requests_total{{endpoint=\"/v1/calendar/terms/{{year}}\",method=\"GET\",status=\"429\"}} {refused}"
        )),
        "{metrics}"
    );
}

#[tokio::test]
async fn cors_from_config() {
    let s = TestServer::with(|c| c.security.cors_origins = vec!["https://app.example".into()]).await;
    let pre = s
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/v1/charts", s.base))
        .header("origin", "https://app.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(pre.status().is_success(), "{}", pre.status());
    assert_eq!(pre.headers()["access-control-allow-origin"], "https://app.example");
    let other = s
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/v1/charts", s.base))
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(!other.headers().contains_key("access-control-allow-origin"));
    // Without configured origins there is no CORS at all.
    let plain = TestServer::start().await;
    let r = plain
        .client
        .get(format!("{}/health/live", plain.base))
        .header("origin", "https://app.example")
        .send()
        .await
        .unwrap();
    assert!(!r.headers().contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn host_allow_list() {
    let s = TestServer::with(|c| c.security.allowed_hosts = vec!["saju.example".into(), "127.0.0.1".into()]).await;
    assert_eq!(s.get("/health/live", None).await.status, 200);
    let r = s
        .client
        .get(format!("{}/v1/calendar/terms/2025", s.base))
        .header("host", "attacker.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], "host_not_allowed");
}

#[tokio::test]
async fn probes_are_exempt_from_the_host_allow_list() {
    let s = TestServer::with(|c| c.security.allowed_hosts = vec!["saju.example".into()]).await;
    for path in ["/health", "/health/live", "/health/ready", "/metrics"] {
        let r = s.client.get(format!("{}{path}", s.base)).header("host", "10.1.2.3:8000").send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
}

/// Creating accounts has its own, stricter per-IP limit: each account is storage, so a client that may send
/// 50 requests a second may still create only a few accounts at once and `user_creations_per_hour` an hour.
#[tokio::test]
async fn user_creation_has_its_own_stricter_limit() {
    let s = TestServer::with(|c| {
        c.rate_limit.enabled = true;
        c.rate_limit.user_creations_per_hour = 3;
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(s.post("/v1/users", None, serde_json::json!({})).await);
    }
    assert!(
        statuses[..3].iter().all(|r| r.status == 201),
        "{:?}",
        statuses.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert_error(&statuses[3], 429, "rate_limited");
    let retry: u64 = statuses[3].headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1000..=1300).contains(&retry), "an hour's third: {retry}");
    // Everything else is still open to the same client.
    assert_eq!(s.get("/v1/calendar/terms/2025", None).await.status, 200);
    assert_eq!(s.state.store.counts().unwrap().users, 3);
}
