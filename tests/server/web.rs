//! The web page, its assets, and the chart picture, place and passage routes it uses.

use crate::common::*;
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};
use serde_json::json;

/// Every text node of an SVG document; panics unless it is well-formed XML.
fn svg_texts(svg: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut out, mut depth, mut root) = (Vec::new(), 0, None);
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}")) {
            Event::Start(e) => {
                root.get_or_insert_with(|| String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                depth += 1;
            }
            Event::End(_) => depth -= 1,
            Event::Text(t) => out.push(t.unescape().unwrap().into_owned()),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    assert_eq!(root.as_deref(), Some("svg"));
    out
}

fn expected_chart() -> saju::saju::chart::Chart {
    let request = ChartRequest { datetime: "1990-05-15T15:30".into(), gender: "male".into(), ..Default::default() };
    build_chart(&request.parse().unwrap(), &ChartExtras::default()).unwrap()
}

fn assert_svg_of_expected_chart(r: &Reply) {
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.headers["content-type"], "image/svg+xml");
    let texts = svg_texts(&r.text);
    let c = expected_chart();
    for p in [&c.pillars.year, &c.pillars.month, &c.pillars.day, c.pillars.hour.as_ref().unwrap()] {
        assert!(texts.iter().any(|t| t == p.stem.hanja) && texts.iter().any(|t| t == p.branch.hanja), "{}", p.hanja);
    }
}

#[tokio::test]
async fn chart_svg_draws_the_chart_of_the_body() {
    let s = TestServer::start().await;
    assert_svg_of_expected_chart(&s.post("/v1/charts.svg", None, birth()).await);
    let with_seun = s.post("/v1/charts.svg?seun=2024-2026", None, birth()).await;
    let texts = svg_texts(&with_seun.text);
    for year in ["2024년", "2025년", "2026년"] {
        assert!(texts.iter().any(|t| t == year), "{year}");
    }
    let unknown_hour = s.post("/v1/charts.svg", None, json!({"datetime": "1990-05-15", "gender": "female"})).await;
    assert!(svg_texts(&unknown_hour.text).iter().any(|t| t == "모름"));
}

#[tokio::test]
async fn chart_svg_errors_are_the_json_errors_of_charts() {
    let s = TestServer::start().await;
    let bad_gender = json!({"datetime": "1990-05-15T15:30", "gender": "x"});
    assert_error(&s.post("/v1/charts.svg", None, bad_gender).await, 400, "invalid_request");
    let bad_date = json!({"datetime": "1990-02-30T10:00", "gender": "male"});
    assert_error(&s.post("/v1/charts.svg", None, bad_date).await, 400, "invalid_date");
    let leap =
        json!({"calendar": "korean_lunar", "datetime": "2023-04-01T10:00", "gender": "male", "leap_month": true});
    assert_error(&s.post("/v1/charts.svg", None, leap).await, 422, "no_such_leap_month");
    assert_error(&s.post("/v1/charts.svg?seun=abc", None, birth()).await, 400, "invalid_input");
}

#[tokio::test]
async fn profile_chart_svg_is_the_owners_only() {
    let s = TestServer::start().await;
    let a = s.user().await;
    let created = s.post("/v1/profiles", Some(&a), json!({"name": "나", "relation": "self", "birth": birth()})).await;
    let path = format!("/v1/profiles/{}/chart.svg", created.body["id"].as_str().unwrap());
    assert_svg_of_expected_chart(&s.get(&path, Some(&a)).await);
    assert!(svg_texts(&s.get(&format!("{path}?seun=2030"), Some(&a)).await.text).contains(&"세운 · 2030년".into()));
    assert_error(&s.get(&path, None).await, 401, "unauthorized");
    let b = s.user().await;
    assert_error(&s.get(&path, Some(&b)).await, 404, "not_found");
    assert_error(&s.get("/v1/profiles/nobody/chart.svg", Some(&a)).await, 404, "not_found");
    assert_error(&s.get(&format!("{path}?seun=1700"), Some(&a)).await, 400, "invalid_input");
}

#[tokio::test]
async fn places_suggest_known_birth_places() {
    let s = TestServer::start().await;
    let r = s.get("/v1/places?q=%EB%B6%80", None).await; // 부
    assert_eq!(r.status, 200, "{}", r.text);
    let names: Vec<&str> = r.body.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names.first(), Some(&"부산"), "{names:?}");
    assert!(names.iter().all(|n| n.contains('부')), "{names:?}");
    let busan = &r.body[0];
    assert_eq!(busan["timezone"], "Asia/Seoul");
    assert!((busan["longitude"].as_f64().unwrap() - 129.075).abs() < 1e-9);
    let ny = s.get("/v1/places?q=%EB%89%B4%EC%9A%95", None).await; // 뉴욕
    assert_eq!(ny.body[0]["timezone"], "America/New_York");
    assert_eq!(s.get("/v1/places?q=zzz", None).await.body, json!([]));
    assert_eq!(s.get("/v1/places", None).await.body.as_array().unwrap().len(), 20);
}

#[tokio::test]
async fn knowledge_passages_by_id() {
    let s = TestServer::start().await;
    let id = s.state.knowledge.passages()[0].id.clone();
    let r = s.get(&format!("/v1/knowledge/{id}"), None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["id"], id.as_str());
    assert!(r.body["body"].as_str().unwrap().chars().count() > 20);
    assert_error(&s.get("/v1/knowledge/no.such.passage", None).await, 404, "not_found");
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_under_a_strict_csp() {
    let s = TestServer::start().await;
    let page = s.get("/", None).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.headers["content-type"], "text/html; charset=utf-8");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self';") && csp.contains("style-src 'self';"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    assert!(page.text.contains(r#"<html lang="ko">"#));
    // No inline script or style: every <script> has a src and an empty body; no style attributes or blocks.
    for (i, _) in page.text.match_indices("<script") {
        let tag_end = page.text[i..].find('>').unwrap() + i;
        assert!(page.text[i..tag_end].contains(" src=\"/assets/"), "{}", &page.text[i..tag_end]);
        assert!(page.text[tag_end + 1..].starts_with("</script>"), "inline script at {i}");
    }
    assert!(!page.text.contains("<style") && !page.text.contains(" style="));
    assert!(!regex::Regex::new(r"\son[a-z]+=").unwrap().is_match(&page.text), "inline event handler");
    for (path, content_type) in [
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/api.js", "text/javascript; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/favicon.svg", "image/svg+xml"),
    ] {
        let r = s.get(path, None).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.headers["content-type"], content_type, "{path}");
        assert!(page.text.contains(path) || path.ends_with("api.js"), "{path} is linked from the page");
    }
}

#[tokio::test]
async fn assets_revalidate_by_etag() {
    let s = TestServer::start().await;
    for path in saju::http::web::asset_paths() {
        let first = s.get(path, None).await;
        assert_eq!(first.headers["cache-control"], "no-cache", "{path}");
        let etag = first.headers["etag"].to_str().unwrap().to_string();
        assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
        let again = s.client.get(format!("{}{path}", s.base)).header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert!(again.headers().contains_key("content-security-policy"));
        let stale = s.client.get(format!("{}{path}", s.base)).header("if-none-match", "\"old\"").send().await.unwrap();
        assert_eq!(stale.status(), 200, "{path}");
    }
}
