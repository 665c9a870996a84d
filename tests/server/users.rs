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
