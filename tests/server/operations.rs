use crate::common::*;

#[tokio::test]
async fn health_probes() {
    let s = TestServer::start().await;
    let h = s.get("/health", None).await;
    assert_eq!(h.status, 200);
    assert_eq!(h.body["status"], "ok");
    assert_eq!(h.body["store"]["ok"], true);
    assert_eq!(s.get("/health/live", None).await.status, 200);
    assert_eq!(s.get("/health/ready", None).await.body["status"], "ready");
    s.state.set_ready(false);
    let r = s.get("/health/ready", None).await;
    assert_eq!(r.status, 503);
    assert_eq!(r.body["status"], "starting");
}

#[tokio::test]
async fn metrics_use_route_templates() {
    let s = TestServer::start().await;
    let t = s.user().await;
    let id = s
        .post("/v1/profiles", Some(&t), serde_json::json!({"name": "a", "relation": "self", "birth": birth()}))
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_string();
    s.get(&format!("/v1/profiles/{id}"), Some(&t)).await;
    s.post("/v1/charts", None, birth()).await;
    s.get("/no/such/route", None).await;
    let m = s.get("/metrics", None).await;
    assert!(m.headers["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = m.text;
    assert!(
        text.contains(r#"saju_requests_total{endpoint="/v1/profiles/{id}",method="GET",status="200"} 1"#),
        "{text}"
    );
    assert!(text.contains(r#"saju_requests_total{endpoint="/v1/charts",method="POST",status="200"} 1"#));
    assert!(text.contains(r#"endpoint="unmatched",method="GET",status="404""#));
    assert!(!text.contains(&id), "raw paths must not become labels");
    assert!(text.contains("saju_request_duration_seconds_bucket"));
    assert!(text.contains(r#"saju_calculations_total{kind="chart"} 2"#));
    assert!(text.contains("saju_active_sessions"));
    assert!(text.contains("process_resident_memory_bytes"));

    let off = TestServer::with(|c| c.metrics.enabled = false).await;
    assert_error(&off.get("/metrics", None).await, 404, "not_found");
}

#[tokio::test]
async fn openapi_spec_and_docs_are_served() {
    let s = TestServer::start().await;
    let spec = s.get("/openapi.json", None).await;
    assert_eq!(spec.status, 200);
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(spec.body, committed);
    let docs = s.get("/docs", None).await;
    assert_eq!(docs.status, 200);
    assert!(docs.text.contains("SwaggerUIBundle"));
    for external in ["src=\"http", "href=\"http", "src='http", "href='http", "@import"] {
        assert!(!docs.text.contains(external), "docs must work offline: found {external}");
    }
    let csp = docs.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'sha256-") && !csp.contains("unsafe-eval"), "{csp}");
}

/// The committed spec is exactly what the code produces (regenerate with `saju openapi --output openapi/openapi.json`).
#[test]
fn committed_openapi_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json")).unwrap();
    assert!(
        committed == saju::http::openapi_json(),
        "openapi/openapi.json is stale: run `saju openapi --output openapi/openapi.json`"
    );
}

#[tokio::test]
async fn graceful_stop_finishes_in_flight_requests() {
    // One batch at a time: the other three wait in their handlers for the slot (in flight), while the first
    // streams its answer. Every one must be answered whole.
    let s = TestServer::with(|c| c.server.max_concurrent_batches = 1).await;
    let items: Vec<_> = (0..1000).map(|i| serde_json::json!({"id": i.to_string(), "input": birth()})).collect();
    let client = s.client.clone();
    let url = format!("{}/v1/charts/batch", s.base);
    let in_flight: Vec<_> = (0..4)
        .map(|_| {
            let (client, url, body) = (client.clone(), url.clone(), serde_json::json!({"items": items.clone()}));
            tokio::spawn(async move {
                let r = client.post(url).json(&body).send().await?;
                let status = r.status();
                let v: serde_json::Value = r.json().await?;
                assert_eq!(v["results"].as_array().map(Vec::len), Some(1000), "a whole answer");
                Ok::<_, reqwest::Error>(status)
            })
        })
        .collect();
    // Stop once three requests wait in their handlers (the fourth has the slot or is streaming).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while s.state.metrics.in_flight.get() < 3 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    assert!(s.state.metrics.in_flight.get() >= 3, "requests never got in flight");
    s.stop().await;
    for t in in_flight {
        match t.await.unwrap() {
            Ok(status) => assert_eq!(status, 200),
            Err(e) => panic!("an in-flight request was cut off: {e:?}"),
        }
    }
}
