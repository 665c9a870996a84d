use crate::common::*;

const ADMIN: &str = "admin-token-for-tests-0123456789";

#[tokio::test]
async fn admin_routes_need_the_admin_token() {
    let s = TestServer::with(|c| c.security.admin_token = ADMIN.into()).await;
    let user = s.user().await;
    assert_error(&s.get("/v1/admin/stats", None).await, 401, "unauthorized");
    assert_error(&s.get("/v1/admin/stats", Some(&user)).await, 403, "forbidden");
    let stats = s.get("/v1/admin/stats", Some(ADMIN)).await;
    assert_eq!(stats.status, 200);
    assert_eq!(stats.body["users"], 1);
    assert_eq!(stats.body["schema_version"], saju::store::SCHEMA_VERSION);

    let disabled = TestServer::start().await;
    assert_error(&disabled.get("/v1/admin/stats", Some(ADMIN)).await, 403, "admin_disabled");
}

#[tokio::test]
async fn backup_is_a_consistent_copy() {
    let s = TestServer::with(|c| c.security.admin_token = ADMIN.into()).await;
    let t = s.user().await;
    for i in 0..5 {
        let r = s
            .post(
                "/v1/profiles",
                Some(&t),
                serde_json::json!({"name": format!("p{i}"), "relation": "friend", "birth": birth()}),
            )
            .await;
        assert_eq!(r.status, 201);
    }
    let r = s.post("/v1/admin/backup", Some(ADMIN), serde_json::json!({})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let path = std::path::PathBuf::from(r.body["path"].as_str().unwrap());
    assert!(path.starts_with(s.dir.path().join("backups")));
    let copy = saju::store::Store::open(&path).unwrap();
    let counts = copy.counts().unwrap();
    assert_eq!((counts.users, counts.profiles), (1, 5));
}
