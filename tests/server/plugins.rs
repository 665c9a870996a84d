//! Plugins over HTTP: listing, opt-in findings on charts, a hostile plugin that leaves the server serving,
//! operator routes (enable, disable, reload), and plugin findings in a chat answer.

use crate::common::*;
#[path = "../plugins/fixtures.rs"]
mod fixtures;

use fixtures::*;

const ADMIN: &str = "admin-token-for-tests-0123456789";

async fn server_with(dir: &std::path::Path) -> TestServer {
    let dir = dir.to_path_buf();
    TestServer::with(move |c| {
        c.security.admin_token = ADMIN.into();
        c.plugins.dirs = vec![dir];
    })
    .await
}

fn plugin<'a>(list: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    list["plugins"].as_array().unwrap().iter().find(|p| p["id"] == id).unwrap_or_else(|| panic!("{id} in {list}"))
}

#[tokio::test]
async fn chart_findings_are_opt_in_and_a_looping_plugin_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.wasm", &Fixture::new("good", Body::Findings(vec![good_finding("steady")])));
    write(dir.path(), "spin.wasm", &Fixture::new("spin", Body::Wat(LOOP)));
    let s = server_with(dir.path()).await;
    let listed = s.get("/v1/plugins", None).await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    assert_eq!(listed.body["contract"], "saju:plugin@1.0.0");
    assert_eq!(plugin(&listed.body, "good")["school"], "시험 학파");
    assert_eq!(plugin(&listed.body, "spin")["enabled"], true);

    let plain = s.post("/v1/charts", None, birth()).await;
    assert_eq!(plain.status, 200);
    assert!(plain.body.get("plugin_findings").is_none());
    assert_eq!(plain.body["pillars"]["day"]["hangul"], "경진");

    let with = s.post("/v1/charts?plugins=true", None, birth()).await;
    assert_eq!(with.status, 200, "{}", with.text);
    assert_eq!(with.body["pillars"], plain.body["pillars"]);
    let found = with.body["plugin_findings"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "plugin:good:steady");
    assert_eq!(found[0]["pillars"], serde_json::json!(["day"]));

    let after = s.get("/v1/plugins", None).await;
    let spin = plugin(&after.body, "spin");
    assert_eq!(spin["enabled"], false);
    assert!(spin["disabled_reason"].as_str().unwrap().contains("deadline"), "{spin}");
    let metrics = s.get("/metrics", None).await.text;
    assert!(metrics.contains("saju_plugin_failures_total{plugin=\"spin\",reason=\"deadline\"} 1"), "{metrics}");
    assert!(metrics.contains("saju_plugins_disabled 1"));
    // Still serving, with the good plugin's finding.
    let again = s.post("/v1/charts?plugins=true", None, birth()).await;
    assert_eq!(again.body["plugin_findings"], with.body["plugin_findings"]);
    s.stop().await;
}

#[tokio::test]
async fn operators_switch_and_reload_plugins() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.wasm", &Fixture::new("good", Body::Findings(vec![good_finding("steady")])));
    let s = server_with(dir.path()).await;
    let user = s.user().await;
    assert_error(&s.post("/v1/admin/plugins/good/disable", None, serde_json::json!({})).await, 401, "unauthorized");
    assert_error(&s.post("/v1/admin/plugins/good/disable", Some(&user), serde_json::json!({})).await, 403, "forbidden");
    assert_error(
        &s.post("/v1/admin/plugins/nobody/disable", Some(ADMIN), serde_json::json!({})).await,
        404,
        "not_found",
    );

    let off = s.post("/v1/admin/plugins/good/disable", Some(ADMIN), serde_json::json!({})).await;
    assert_eq!(off.status, 200, "{}", off.text);
    assert_eq!(off.body["enabled"], false);
    let chart = s.post("/v1/charts?plugins=true", None, birth()).await;
    assert_eq!(chart.body["plugin_findings"], serde_json::json!([]));
    assert!(s.dir.path().join("plugin-state.json").is_file());

    write(dir.path(), "late.wasm", &Fixture::new("late", Body::Findings(vec![good_finding("new")])));
    let reloaded = s.post("/v1/admin/plugins/reload", Some(ADMIN), serde_json::json!({})).await;
    assert_eq!(reloaded.status, 200, "{}", reloaded.text);
    assert_eq!(plugin(&reloaded.body, "late")["enabled"], true);
    assert_eq!(plugin(&reloaded.body, "good")["enabled"], false, "the operator's choice survives a reload");
    let chart = s.post("/v1/charts?plugins=true", None, birth()).await;
    assert_eq!(chart.body["plugin_findings"][0]["code"], "plugin:late:new");

    let on = s.post("/v1/admin/plugins/good/enable", Some(ADMIN), serde_json::json!({})).await;
    assert_eq!(on.body["enabled"], true);
    let chart = s.post("/v1/charts?plugins=true", None, birth()).await;
    assert_eq!(chart.body["plugin_findings"].as_array().unwrap().len(), 2);
    s.stop().await;
}

#[tokio::test]
async fn plugin_findings_join_a_chat_answer() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.wasm", &Fixture::new("good", Body::Findings(vec![good_finding("steady")])));
    let s = server_with(dir.path()).await;
    let (t, id) = s.profile_session().await;
    let r = s
        .post(&format!("/v1/sessions/{id}/messages"), Some(&t), serde_json::json!({"message": "제 성격은 어떤가요?"}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let findings = r.body["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["code"] == "day_stem:경"), "{findings:?}");
    let from_plugin = findings.iter().find(|f| f["code"] == "plugin:good:steady").expect("plugin finding");
    let text = from_plugin["text"].as_str().unwrap();
    assert!(text.starts_with("시험 발견: "));
    // The composer reads it out too, after the built-in reading.
    let reply = r.body["reply"].as_str().unwrap();
    assert!(reply.contains("해석 플러그인") && reply.contains(text), "{reply}");
    s.stop().await;
}
