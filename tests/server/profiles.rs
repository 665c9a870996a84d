use crate::common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn profile_lifecycle() {
    let s = TestServer::start().await;
    let t = s.user().await;
    let r = s.post("/v1/profiles", Some(&t), json!({"name": "엄마", "relation": "family", "birth": {"calendar": "korean_lunar", "datetime": "1962-03-02", "gender": "female"}})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert!(r.body["pillars"].get("hour").is_none(), "{}", r.text);
    assert!(r.body["pillars"]["day"].is_string());
    let id = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(s.get("/v1/profiles", Some(&t)).await.body.as_array().unwrap().len(), 1);
    let chart = s.get(&format!("/v1/profiles/{id}/chart"), Some(&t)).await;
    assert_eq!(chart.status, 200);
    assert_eq!(chart.body["input"]["calendar"], "korean_lunar");
    assert!(chart.body["pillars"]["hour"].is_null());
    let seun = s.get(&format!("/v1/profiles/{id}/chart?seun=2026"), Some(&t)).await;
    assert_eq!(seun.body["seun"][0]["year"], 2026);

    let updated = s
        .call(
            Method::PUT,
            &format!("/v1/profiles/{id}"),
            Some(&t),
            Some(json!({"birth": {"datetime": "1962-04-05T08:00", "gender": "female"}})),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.body["name"], "엄마");
    assert!(updated.body["pillars"]["hour"].is_string());
    let chart = s.get(&format!("/v1/profiles/{id}/chart"), Some(&t)).await;
    assert_eq!(chart.body["input"]["datetime"], "1962-04-05T08:00:00");

    let bad = s
        .call(
            Method::PUT,
            &format!("/v1/profiles/{id}"),
            Some(&t),
            Some(json!({"birth": {"datetime": "1962-02-30T08:00", "gender": "female"}})),
        )
        .await;
    assert_error(&bad, 400, "invalid_date");
    assert_eq!(s.delete(&format!("/v1/profiles/{id}"), Some(&t)).await.status, 204);
    assert_error(&s.get(&format!("/v1/profiles/{id}"), Some(&t)).await, 404, "not_found");
    assert_error(&s.delete(&format!("/v1/profiles/{id}"), Some(&t)).await, 404, "not_found");
}

#[tokio::test]
async fn a_user_never_sees_or_changes_another_users_profiles() {
    let s = TestServer::start().await;
    let (a, b) = (s.user().await, s.user().await);
    let id = s.post("/v1/profiles", Some(&a), json!({"name": "나", "relation": "self", "birth": birth()})).await.body
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    for path in [format!("/v1/profiles/{id}"), format!("/v1/profiles/{id}/chart")] {
        assert_error(&s.get(&path, Some(&b)).await, 404, "not_found");
    }
    let put = s.call(Method::PUT, &format!("/v1/profiles/{id}"), Some(&b), Some(json!({"name": "해킹"}))).await;
    assert_error(&put, 404, "not_found");
    assert_error(&s.delete(&format!("/v1/profiles/{id}"), Some(&b)).await, 404, "not_found");
    assert!(s.get("/v1/profiles", Some(&b)).await.body.as_array().unwrap().is_empty());
    assert_eq!(s.get(&format!("/v1/profiles/{id}"), Some(&a)).await.body["name"], "나");
    // Sessions cannot borrow another user's profile either.
    assert_error(&s.post("/v1/sessions", Some(&b), json!({"profile_id": id})).await, 422, "unknown_profile");
}

#[tokio::test]
async fn profile_validation() {
    let s = TestServer::start().await;
    let t = s.user().await;
    assert_error(
        &s.post("/v1/profiles", Some(&t), json!({"name": "", "relation": "self", "birth": birth()})).await,
        400,
        "invalid_request",
    );
    assert_error(
        &s.post("/v1/profiles", Some(&t), json!({"name": "x".repeat(41), "relation": "self", "birth": birth()})).await,
        400,
        "invalid_request",
    );
    assert_error(
        &s.post("/v1/profiles", Some(&t), json!({"name": "a", "relation": "boss", "birth": birth()})).await,
        400,
        "invalid_request",
    );
    assert_error(&s.get("/v1/profiles/not%20valid", Some(&t)).await, 400, "invalid_request");
    assert_error(&s.get(&format!("/v1/profiles/{}", "a".repeat(65)), Some(&t)).await, 400, "invalid_request");
}

/// The profile limit holds under concurrency: 110 creates at once leave exactly 100 profiles (the count and
/// the insert are one transaction; 103 were once created by list-then-insert).
#[tokio::test]
async fn the_profile_limit_holds_when_requests_race() {
    let s = TestServer::start().await;
    let t = s.user().await;
    let creates = (0..110).map(|i| {
        s.post(
            "/v1/profiles",
            Some(&t),
            json!({"name": format!("p{i}"), "relation": "friend", "birth": {"datetime": "1990-05-15T15:30", "gender": "male"}}),
        )
    });
    let replies = futures_util::future::join_all(creates).await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    let refused: Vec<_> = replies.iter().filter(|r| r.status != 201).collect();
    assert_eq!(created, 100);
    for r in &refused {
        assert_eq!(r.body["code"], "too_many_profiles", "{}", r.text);
    }
    assert_eq!(s.get("/v1/profiles", Some(&t)).await.body.as_array().unwrap().len(), 100);
}
