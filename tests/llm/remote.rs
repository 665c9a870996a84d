//! The remote generator alone against the fake service: streaming, JSON, retries, Retry-After, errors.

use crate::fake::{FakeLlm, Script};
use crate::{ctx, plain_chart, remote, test_options};
use saju::llm::{GenError, Generator, RemoteGenerator};
use std::time::{Duration, Instant};

async fn ask(g: &RemoteGenerator) -> (Result<String, GenError>, Vec<String>) {
    let cx = ctx("직업운이 궁금합니다", Some(plain_chart()));
    let mut tokens = Vec::new();
    let r = g.answer(&cx, &mut |t: &str| tokens.push(t.to_string())).await;
    (r, tokens)
}

#[tokio::test]
async fn streams_token_by_token_and_sends_the_grounded_prompt() {
    let pieces = ["직업운은 ", "조직 안에서 ", "책임을 맡을 때 ", "빛나는 편입니다."];
    let fake = FakeLlm::start(vec![Script::stream(&pieces)]).await;
    let g = remote(&fake.base_url);
    assert_eq!(g.url(), format!("{}/v1/chat/completions", fake.base_url));
    let (r, tokens) = ask(&g).await;
    assert_eq!(r.unwrap(), pieces.concat());
    assert_eq!(tokens, pieces, "one on_token call per delta");

    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!(req.authorization.as_deref(), Some("Bearer sk-test"));
    assert_eq!(req.body["model"], "test-model");
    assert_eq!(req.body["stream"], true);
    let system = &req.messages("system")[0];
    let chart = plain_chart();
    for p in [&chart.pillars.year, &chart.pillars.month, &chart.pillars.day, chart.pillars.hour.as_ref().unwrap()] {
        assert!(system.contains(&format!("{}({})", p.hangul, p.hanja)), "pillar {} missing from the prompt", p.hangul);
    }
    assert!(system.contains("기둥을 지어내지 마세요"));
    assert_eq!(req.messages("user").last().unwrap(), "직업운이 궁금합니다");
}

#[tokio::test]
async fn reads_a_non_streaming_json_answer() {
    let fake = FakeLlm::start(vec![Script::Json("한 번에 온 답입니다.".into())]).await;
    let (r, tokens) = ask(&remote(&fake.base_url)).await;
    assert_eq!(r.unwrap(), "한 번에 온 답입니다.");
    assert_eq!(tokens, ["한 번에 온 답입니다."]);
}

#[tokio::test]
async fn retries_500_twice_then_succeeds() {
    let fake =
        FakeLlm::start(vec![Script::status(500), Script::status(502), Script::stream(&["세 번째에 ", "성공."])]).await;
    let (r, tokens) = ask(&remote(&fake.base_url)).await;
    assert_eq!(r.unwrap(), "세 번째에 성공.");
    assert_eq!(tokens.concat(), "세 번째에 성공.");
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 3);
    // Backoff between tries: base 20 ms jittered to 10–20 ms, then 20–40 ms.
    assert!(reqs[1].at - reqs[0].at >= Duration::from_millis(10));
    assert!(reqs[2].at - reqs[1].at >= Duration::from_millis(20));
}

#[tokio::test]
async fn gives_up_after_max_retries() {
    let fake = FakeLlm::start(vec![Script::status(503)]).await;
    let (r, tokens) = ask(&remote(&fake.base_url)).await;
    assert_eq!(r.unwrap_err(), GenError::Http { status: 503, message: "scripted 503".into() });
    assert!(tokens.is_empty());
    assert_eq!(fake.requests().len(), 1 + test_options().max_retries as usize);
}

#[tokio::test]
async fn honours_retry_after() {
    let fake = FakeLlm::start(vec![
        Script::Status { code: 429, retry_after: Some("1".into()) },
        Script::stream(&["기다린 ", "보람."]),
    ])
    .await;
    let (r, _) = ask(&remote(&fake.base_url)).await;
    assert_eq!(r.unwrap(), "기다린 보람.");
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 2);
    let waited = reqs[1].at - reqs[0].at;
    assert!(waited >= Duration::from_millis(950), "waited only {waited:?}: Retry-After ignored");
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_fails_at_once() {
    let fake = FakeLlm::start(vec![Script::Status { code: 429, retry_after: Some("120".into()) }]).await;
    let started = Instant::now();
    let (r, _) = ask(&remote(&fake.base_url)).await;
    match r.unwrap_err() {
        GenError::Http { status: 429, message } => assert!(message.contains("Retry-After"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(fake.requests().len(), 1);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let fake = FakeLlm::start(vec![Script::status(401)]).await;
    let (r, _) = ask(&remote(&fake.base_url)).await;
    assert_eq!(r.unwrap_err(), GenError::Http { status: 401, message: "scripted 401".into() });
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_unavailable_after_retries() {
    // A port nobody listens on: bind, read the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let started = Instant::now();
    let (r, _) = ask(&remote(&format!("http://127.0.0.1:{port}"))).await;
    assert!(matches!(r, Err(GenError::Unavailable(_))), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_stream_cut_after_tokens_is_interrupted_and_not_retried() {
    let fake =
        FakeLlm::start(vec![Script::stream_then_drop(&["중간까지 ", "가다가 "]), Script::stream(&["다시"])]).await;
    let (r, tokens) = ask(&remote(&fake.base_url)).await;
    assert!(matches!(r, Err(GenError::Interrupted(_))), "{r:?}");
    assert_eq!(tokens, ["중간까지 ", "가다가 "]);
    assert_eq!(fake.requests().len(), 1, "tokens already went out: no retry");
}

#[tokio::test]
async fn a_stream_cut_before_any_token_is_retried() {
    let fake = FakeLlm::start(vec![Script::stream_then_drop(&[]), Script::stream(&["두 번째 ", "시도."])]).await;
    let (r, tokens) = ask(&remote(&fake.base_url)).await;
    assert_eq!(r.unwrap(), "두 번째 시도.");
    assert_eq!(tokens.concat(), "두 번째 시도.");
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn no_key_no_authorization_header() {
    let fake = FakeLlm::start(vec![Script::Json("네.".into())]).await;
    let g = RemoteGenerator::new(&format!("{}/v1/", fake.base_url), "", "local-model", test_options()).unwrap();
    let (r, _) = ask(&g).await;
    assert_eq!(r.unwrap(), "네.");
    assert_eq!(fake.requests()[0].authorization, None);
    assert_eq!(fake.requests()[0].body["model"], "local-model");
}
