//! Thousands of generated requests against every route: never a 5xx, never a panic, errors always JSON.

use crate::common::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use reqwest::Method;
use serde_json::{json, Value};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        "\\PC{0,40}".prop_map(Value::String),
        prop::sample::select(vec![
            "1990-05-15T15:30",
            "1990-05-15",
            "2023-02-29T10:00",
            "male",
            "female",
            "korean_lunar",
            "solar",
            "split",
            "next_day",
            "true_solar",
            "longitude",
            "reject",
            "Asia/Seoul",
            "2020-05-23",
            "self",
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "datetime",
                    "gender",
                    "calendar",
                    "timezone",
                    "leap_month",
                    "zi_hour",
                    "time_correction",
                    "longitude",
                    "disambiguation",
                    "boundary_window_minutes",
                    "items",
                    "id",
                    "input",
                    "name",
                    "relation",
                    "birth",
                    "message",
                    "title",
                    "profile_id",
                    "year",
                    "month",
                    "day",
                    "leap",
                    "solar",
                ])
                .prop_map(String::from),
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A plausible chart input with one field possibly broken.
fn near_valid_birth() -> impl Strategy<Value = Value> {
    (json_value(), prop::sample::select(vec!["datetime", "gender", "calendar", "timezone", "longitude", "zi_hour", "none"]), 1800i32..2201, 1u32..13, 1u32..32, 0u32..24)
        .prop_map(|(junk, field, y, m, d, h)| {
            let mut v = json!({"datetime": format!("{y:04}-{m:02}-{d:02}T{h:02}:00"), "gender": "female", "calendar": "korean_lunar", "leap_month": d % 2 == 0});
            if field != "none" {
                v[field] = junk;
            }
            v
        })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_requests_never_cause_a_server_error() {
    let s = TestServer::with(|c| c.security.admin_token = "fuzz-admin-token-000000000000".into()).await;
    let token = s.user().await;
    let profile =
        s.post("/v1/profiles", Some(&token), json!({"name": "나", "relation": "self", "birth": birth()})).await.body
            ["id"]
            .as_str()
            .unwrap()
            .to_string();
    let session = s.post("/v1/sessions", Some(&token), json!({})).await.body["id"].as_str().unwrap().to_string();
    let routes: Vec<(Method, String)> = vec![
        (Method::POST, "/v1/charts".into()),
        (Method::POST, "/v1/charts?seun=2025-2030&wolun=2025".into()),
        (Method::POST, "/v1/charts/batch".into()),
        (Method::POST, "/v1/calendar/lunar-to-solar".into()),
        (Method::POST, "/v1/calendar/solar-to-lunar".into()),
        (Method::POST, "/v1/users".into()),
        (Method::POST, "/v1/profiles".into()),
        (Method::PUT, format!("/v1/profiles/{profile}")),
        (Method::POST, "/v1/sessions".into()),
        (Method::POST, format!("/v1/sessions/{session}/messages")),
        (Method::POST, "/v1/admin/backup".into()),
    ];
    let mut runner = TestRunner::deterministic();
    let bodies = (json_value(), near_valid_birth());
    let mut sent = 0;
    for round in 0..250 {
        let (junk, birth) = bodies.new_tree(&mut runner).unwrap().current();
        for (i, (method, path)) in routes.iter().enumerate() {
            let body = match (i + round) % 3 {
                0 => junk.clone(),
                1 => birth.clone(),
                _ => {
                    json!({"items": [{"id": "x", "input": birth.clone()}], "name": "n", "relation": "family", "birth": birth.clone(), "message": junk.to_string().chars().take(900).collect::<String>()})
                }
            };
            let auth = if round % 7 == 0 { None } else { Some(token.as_str()) };
            let r = s.call(method.clone(), path, auth, Some(body.clone())).await;
            sent += 1;
            assert!(r.status.as_u16() < 500, "{method} {path} {body} → {} {}", r.status, r.text);
            if r.status.as_u16() >= 400 {
                assert!(r.body["code"].is_string() && r.body["message"].is_string(), "{method} {path} → {}", r.text);
            }
        }
        // Some raw garbage too: not JSON at all, wrong content type, odd paths.
        let garbage = junk.to_string().replace('{', "");
        let r = s
            .client
            .post(format!("{}/v1/charts", s.base))
            .header("content-type", "application/json")
            .body(garbage)
            .send()
            .await
            .unwrap();
        assert!(r.status().as_u16() < 500);
        let odd = format!("/v1/profiles/{}", urlencode(&junk.to_string()));
        assert!(s.get(&odd, Some(&token)).await.status.as_u16() < 500);
        sent += 2;
    }
    assert!(sent >= 3000, "{sent}");
    assert_eq!(s.get("/health", None).await.status, 200);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .take(80)
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
