use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn create_user_and_authenticate() {
    let s = TestServer::start().await;
    let r = s.post("/v1/users", None, json!({})).await;
    assert_eq!(r.status, 201);
    let token = r.body["token"].as_str().unwrap();
    let me = s.get("/v1/users/me", Some(token)).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["id"], r.body["id"]);
    assert_error(&s.get("/v1/users/me", None).await, 401, "unauthorized");
    assert_error(&s.get("/v1/users/me", Some("sj_not_a_token")).await, 401, "unauthorized");
    assert_error(&s.get("/v1/users/me", Some(&"x".repeat(500))).await, 401, "unauthorized");
    assert_error(&s.post("/v1/users", None, json!({"admin": true})).await, 400, "invalid_request");
    // Only the hash is stored: the token appears nowhere in the database file.
    let db = std::fs::read(s.dir.path().join("saju.redb")).unwrap();
    assert!(!db.windows(token.len()).any(|w| w == token.as_bytes()));
}

#[tokio::test]
async fn export_and_delete_all_personal_data() {
    let s = TestServer::start().await;
    let token = s.user().await;
    let other = s.user().await;
    let p = s.post("/v1/profiles", Some(&token), json!({"name": "나", "relation": "self", "birth": birth()})).await;
    let session = s.post("/v1/sessions", Some(&token), json!({"profile_id": p.body["id"]})).await;
    let sid = session.body["id"].as_str().unwrap();
    s.post(&format!("/v1/sessions/{sid}/messages"), Some(&token), json!({"message": "성격이 궁금해요"})).await;
    s.post("/v1/profiles", Some(&other), json!({"name": "남", "relation": "friend", "birth": birth()})).await;

    let export = s.get("/v1/users/me/export", Some(&token)).await;
    assert_eq!(export.status, 200);
    assert_eq!(export.body["profiles"].as_array().unwrap().len(), 1);
    assert_eq!(export.body["profiles"][0]["birth"]["datetime"], "1990-05-15T15:30");
    let messages = export.body["sessions"][0]["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0]["content"], "성격이 궁금해요");

    let gone = s.delete("/v1/users/me", Some(&token)).await;
    assert_eq!(gone.status, 204);
    assert_error(&s.get("/v1/users/me", Some(&token)).await, 401, "unauthorized");
    let counts = s.state.store.counts().unwrap();
    assert_eq!((counts.users, counts.profiles, counts.sessions, counts.messages), (1, 1, 0, 0));
    assert_eq!(s.get("/v1/profiles", Some(&other)).await.body.as_array().unwrap().len(), 1);
}

/// `server.user_quota_mb`: a user's writes past their quota are refused with 409 `quota_exceeded` (a chat turn
/// too: neither message is stored), other users are not affected, deletes work and give the space back, and
/// the refusals are counted in the metrics.
#[tokio::test]
async fn a_user_past_the_storage_quota_gets_409_and_deletes_give_the_space_back() {
    let s = TestServer::start().await;
    let token = s.user().await;
    let other = s.user().await;
    let profile = |n: usize| json!({"name": format!("사람{n}"), "relation": "friend", "birth": birth()});
    let first = s.post("/v1/profiles", Some(&token), profile(0)).await;
    assert_eq!(first.status, 201);
    let session = s.post("/v1/sessions", Some(&token), json!({})).await;
    let sid = session.body["id"].as_str().unwrap().to_string();
    let user_id = s.get("/v1/users/me", Some(&token)).await.body["id"].as_str().unwrap().to_string();
    // The quota set just above what the user stores now: one more profile does not fit.
    let used = s.state.store.usage(&user_id).unwrap().unwrap().bytes;
    s.state.store.set_user_quota_bytes(used + 100);
    let refused = s.post("/v1/profiles", Some(&token), profile(1)).await;
    assert_error(&refused, 409, "quota_exceeded");
    assert!(refused.body["message"].as_str().unwrap().contains("저장 공간 한도"), "{}", refused.text);
    let turn =
        s.post(&format!("/v1/sessions/{sid}/messages"), Some(&token), json!({"message": "성격이 궁금해요"})).await;
    assert_error(&turn, 409, "quota_exceeded");
    let stored = s.get(&format!("/v1/sessions/{sid}"), Some(&token)).await;
    assert_eq!(stored.body["messages"].as_array().map_or(0, Vec::len), 0, "{}", stored.text);
    assert_eq!(s.post("/v1/profiles", Some(&other), profile(0)).await.status, 201, "another user's quota is theirs");
    // Deleting frees the space: the profile fits again.
    let id = first.body["id"].as_str().unwrap();
    assert_eq!(s.delete(&format!("/v1/profiles/{id}"), Some(&token)).await.status, 204);
    assert_eq!(s.post("/v1/profiles", Some(&token), profile(1)).await.status, 201);
    let metrics = s.get("/metrics", None).await.text;
    assert!(metrics.contains("saju_quota_refusals_total 2"), "{metrics}");
}
