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

/// Backups in the same second get different names (none overwrites another, none fails), and only the newest
/// `server.backups_keep` admin backups stay; other files in `backups/` are never touched.
#[tokio::test]
async fn same_second_backups_are_kept_apart_and_old_ones_pruned() {
    let s = TestServer::with(|c| {
        c.security.admin_token = ADMIN.into();
        c.server.backups_keep = 3;
    })
    .await;
    s.user().await;
    let dir = s.dir.path().join("backups");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("pre-deploy-1.0.0-x.redb"), b"operator's own").unwrap();
    let requests = (0..5).map(|_| s.post("/v1/admin/backup", Some(ADMIN), serde_json::json!({})));
    let replies = futures_util::future::join_all(requests).await;
    let mut paths: Vec<String> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, 200, "{}", r.text);
            r.body["path"].as_str().unwrap().to_string()
        })
        .collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 5, "five distinct names");
    let mut left: Vec<String> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left.len(), 4, "three admin backups and the operator's file: {left:?}");
    assert!(left.contains(&"pre-deploy-1.0.0-x.redb".to_string()));
    for name in left.iter().filter(|n| n.starts_with("saju-")) {
        assert_eq!(saju::store::Store::open(&dir.join(name)).unwrap().counts().unwrap().users, 1, "{name}");
    }
}
