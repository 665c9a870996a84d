//! The fallback chain: which generator answers, the attempts, and what a streaming listener sees.

use crate::fake::{FakeLlm, Script};
use crate::{before_first_reset, ctx, plain_chart, remote, resets, visible, Seen};
use saju::answer::grounding::allowed_pillars;
use saju::config::LlmConfig;
use saju::llm::{
    from_config, AnswerContext, Cancel, ChainOutcome, FallbackChain, GenError, GenFuture, Generator, GroundedComposer,
};
use saju::saju::ganzhi::GanZhi;
use std::sync::Arc;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_millis(700);

fn chain_with(remote_url: &str) -> FallbackChain {
    FallbackChain::new(
        vec![Arc::new(remote(remote_url)), Arc::new(GroundedComposer)],
        Arc::new(GroundedComposer),
        TIMEOUT,
    )
}

fn question() -> AnswerContext {
    ctx("재물운이 궁금해요", Some(plain_chart()))
}

async fn run(chain: &FallbackChain, cx: &AnswerContext) -> (ChainOutcome, Vec<Seen>) {
    let mut log = Vec::new();
    let outcome = chain.run(cx, &mut |e| Seen::record(&mut log, e)).await;
    assert_eq!(visible(&log), outcome.text, "the listener ends with exactly the answer");
    (outcome, log)
}

fn attempt_codes(o: &ChainOutcome) -> Vec<(&str, &str)> {
    o.attempts.iter().map(|(n, e)| (n.as_str(), e.code())).collect()
}

#[tokio::test]
async fn a_good_stream_is_the_answer() {
    let cx = question();
    let day = cx.chart.as_ref().unwrap().pillars.day.hangul;
    let pieces = vec![
        "재물은 꾸준히 ".to_string(),
        format!("쌓아 가는 쪽입니다. {day}일주는 "),
        "갑자기 큰돈을 ".into(),
        "노리기보다 흐름을 만드는 편이 좋습니다.".into(),
    ];
    let fake = FakeLlm::start(vec![Script::Stream { pieces: pieces.clone(), delay: Duration::from_millis(5) }]).await;
    let (o, log) = run(&chain_with(&fake.base_url), &cx).await;
    assert_eq!(o.generator, "remote");
    assert!(o.attempts.is_empty());
    assert_eq!(o.text, pieces.concat());
    assert_eq!(log, pieces.into_iter().map(Seen::Token).collect::<Vec<_>>(), "streamed as produced, no reset");
}

#[tokio::test]
async fn a_json_answer_is_the_answer() {
    let fake = FakeLlm::start(vec![Script::Json("재물은 모으는 힘이 있는 편입니다.".into())]).await;
    let (o, log) = run(&chain_with(&fake.base_url), &question()).await;
    assert_eq!((o.generator.as_str(), o.text.as_str()), ("remote", "재물은 모으는 힘이 있는 편입니다."));
    assert_eq!(resets(&log), 0);
}

#[tokio::test]
async fn retries_happen_inside_the_remote_attempt() {
    let fake =
        FakeLlm::start(vec![Script::status(500), Script::status(500), Script::stream(&["세 번째 ", "답."])]).await;
    let (o, log) = run(&chain_with(&fake.base_url), &question()).await;
    assert_eq!((o.generator.as_str(), o.text.as_str()), ("remote", "세 번째 답."));
    assert!(o.attempts.is_empty());
    assert_eq!(resets(&log), 0, "failed requests streamed nothing");
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_for() {
    let fake = FakeLlm::start(vec![
        Script::Status { code: 429, retry_after: Some("0.3".into()) },
        Script::stream(&["늦게 ", "온 답."]),
    ])
    .await;
    let started = Instant::now();
    let (o, _) = run(&chain_with(&fake.base_url), &question()).await;
    assert_eq!(o.generator, "remote");
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn a_hanging_service_times_out_and_the_composer_answers() {
    let fake = FakeLlm::start(vec![Script::Hang]).await;
    let cx = question();
    let started = Instant::now();
    let (o, log) = run(&chain_with(&fake.base_url), &cx).await;
    assert!(started.elapsed() < TIMEOUT + Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(o.generator, "composer");
    assert_eq!(o.attempts, vec![("remote".to_string(), GenError::Timeout(TIMEOUT))]);
    assert_eq!(o.text, saju::answer::compose::text(&cx));
    assert_eq!(resets(&log), 0, "nothing was streamed before the timeout");
    assert!(log.len() > 3, "the composer streams in pieces");
}

#[tokio::test]
async fn a_stream_cut_mid_answer_is_reset_and_the_composer_answers() {
    let fake = FakeLlm::start(vec![Script::stream_then_drop(&["재물운은 ", "좋은 편이고 "])]).await;
    let cx = question();
    let (o, log) = run(&chain_with(&fake.base_url), &cx).await;
    assert_eq!(o.generator, "composer");
    assert_eq!(attempt_codes(&o), [("remote", "interrupted")]);
    assert_eq!(before_first_reset(&log), ["재물운은 ", "좋은 편이고 "]);
    assert_eq!(resets(&log), 1);
    assert_eq!(log[2], Seen::Reset("remote".into()));
    assert_eq!(o.text, saju::answer::compose::text(&cx));
}

#[tokio::test]
async fn an_invented_pillar_is_withheld_reset_and_replaced() {
    let cx = question();
    let allowed = allowed_pillars(&cx);
    let invented = (0..60).map(GanZhi::new).find(|g| !allowed.contains(&g.index())).unwrap().hangul();
    let pieces = ["재물운은 꾸준히 쌓는 쪽입니다. ", invented, "일주라서 ", "변화가 많습니다. ", "끝."];
    let fake = FakeLlm::start(vec![Script::stream(&pieces)]).await;
    let (o, log) = run(&chain_with(&fake.base_url), &cx).await;
    assert_eq!(o.generator, "composer");
    assert_eq!(o.attempts.len(), 1);
    match &o.attempts[0] {
        (name, GenError::Ungrounded(reason)) => {
            assert_eq!(name, "remote");
            assert!(reason.contains(invented), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // The token that completed the claim never reached the listener, nor anything after it.
    assert_eq!(before_first_reset(&log), [pieces[0], pieces[1]]);
    assert_eq!(o.text, saju::answer::compose::text(&cx));
}

#[tokio::test]
async fn a_certainty_claim_is_rejected() {
    let fake = FakeLlm::start(vec![Script::Json("올해는 반드시 큰돈을 법니다.".into())]).await;
    let (o, log) = run(&chain_with(&fake.base_url), &question()).await;
    assert_eq!(o.generator, "composer");
    assert_eq!(attempt_codes(&o), [("remote", "ungrounded")]);
    assert!(!log.iter().any(|s| matches!(s, Seen::Token(t) if t.contains("반드시"))));
}

#[tokio::test]
async fn an_unreachable_service_falls_back_without_reset() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (o, log) = run(&chain_with(&format!("http://127.0.0.1:{port}")), &question()).await;
    assert_eq!(o.generator, "composer");
    assert_eq!(attempt_codes(&o), [("remote", "unavailable")]);
    assert_eq!(resets(&log), 0);
}

#[tokio::test]
async fn cancel_stops_the_chain() {
    let fake = FakeLlm::start(vec![Script::Hang]).await;
    let chain = FallbackChain::new(
        vec![Arc::new(remote(&fake.base_url)), Arc::new(GroundedComposer)],
        Arc::new(GroundedComposer),
        Duration::from_secs(30),
    );
    let cancel = Cancel::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        trigger.cancel();
    });
    let started = Instant::now();
    let r = chain.run_with_cancel(&question(), &mut |_| {}, &cancel).await;
    assert_eq!(r.unwrap_err(), GenError::Cancelled);
    assert!(started.elapsed() < Duration::from_secs(2));
}

/// A generator scripted in-process.
struct Scripted {
    name: &'static str,
    pieces: Vec<&'static str>,
    returns: Result<&'static str, GenError>,
    pause: Duration,
}

impl Generator for Scripted {
    fn name(&self) -> &str {
        self.name
    }

    fn answer<'a>(&'a self, _ctx: &'a AnswerContext, on_token: &'a mut (dyn FnMut(&str) + Send)) -> GenFuture<'a> {
        Box::pin(async move {
            for p in &self.pieces {
                on_token(p);
            }
            tokio::time::sleep(self.pause).await;
            self.returns.clone().map(str::to_string)
        })
    }
}

#[tokio::test]
async fn two_failing_generators_reset_twice_and_the_last_resort_answers() {
    // No composer in the list: the chain still ends with one.
    let chain = FallbackChain::new(
        vec![
            Arc::new(Scripted {
                name: "local",
                pieces: vec!["느린 ", "모델의 "],
                returns: Ok("느린 모델의 답"),
                pause: Duration::from_secs(5),
            }),
            Arc::new(Scripted {
                name: "other",
                pieces: vec!["실패 "],
                returns: Err(GenError::Unavailable("model not loaded".into())),
                pause: Duration::ZERO,
            }),
        ],
        Arc::new(GroundedComposer),
        Duration::from_millis(200),
    );
    let cx = question();
    let (o, log) = run(&chain, &cx).await;
    assert_eq!(o.generator, "composer");
    assert_eq!(attempt_codes(&o), [("local", "timeout"), ("other", "unavailable")]);
    assert_eq!(resets(&log), 2);
    assert_eq!(o.text, saju::answer::compose::text(&cx));
}

#[tokio::test]
async fn a_final_text_that_differs_from_the_stream_is_resent_whole() {
    let chain = FallbackChain::new(
        vec![Arc::new(Scripted {
            name: "local",
            pieces: vec!["초안 "],
            returns: Ok("고친 답입니다."),
            pause: Duration::ZERO,
        })],
        Arc::new(GroundedComposer),
        Duration::from_secs(1),
    );
    let (o, log) = run(&chain, &question()).await;
    assert_eq!((o.generator.as_str(), o.text.as_str()), ("local", "고친 답입니다."));
    assert_eq!(log, [Seen::Token("초안 ".into()), Seen::Reset("local".into()), Seen::Token("고친 답입니다.".into())]);

    // A text that only continues the stream gets just the rest.
    let chain = FallbackChain::new(
        vec![Arc::new(Scripted {
            name: "local",
            pieces: vec!["앞부분 "],
            returns: Ok("앞부분 뒷부분"),
            pause: Duration::ZERO,
        })],
        Arc::new(GroundedComposer),
        Duration::from_secs(1),
    );
    let (_, log) = run(&chain, &question()).await;
    assert_eq!(log, [Seen::Token("앞부분 ".into()), Seen::Token("뒷부분".into())]);
}

#[tokio::test]
async fn an_empty_answer_falls_back() {
    let chain = FallbackChain::new(
        vec![
            Arc::new(Scripted { name: "local", pieces: vec![], returns: Ok("  "), pause: Duration::ZERO }),
            Arc::new(GroundedComposer),
        ],
        Arc::new(GroundedComposer),
        Duration::from_secs(1),
    );
    let (o, _) = run(&chain, &question()).await;
    assert_eq!(attempt_codes(&o), [("local", "malformed_response")]);
}

#[tokio::test]
async fn the_composer_asks_for_birth_data_without_a_chart() {
    let chain = FallbackChain::new(vec![Arc::new(GroundedComposer)], Arc::new(GroundedComposer), TIMEOUT);
    let (o, log) = run(&chain, &ctx("제 성격은 어떤가요?", None)).await;
    assert_eq!(o.text, saju::answer::wording::ASK_FOR_BIRTH);
    assert!(log.len() > 5);
}

#[tokio::test]
async fn the_composer_cites_passages_and_adds_the_caution() {
    let mut cx = ctx("직업운이 궁금합니다", Some(plain_chart()));
    cx.passages = vec![crate::passage("career-1", "본문")];
    cx.caution = Some("이 풀이는 전통 명리의 해석입니다.".into());
    let text = saju::answer::compose::text(&cx);
    // The quote carries the footnote mark of its citation (¹ = the first); the id stays out of the text.
    assert!(text.contains("본문¹") && !text.contains("[career-1]"), "{text}");
    assert!(text.ends_with("이 풀이는 전통 명리의 해석입니다."), "{text}");
}

#[tokio::test]
async fn the_chain_future_can_be_spawned() {
    let chain = Arc::new(from_config(&LlmConfig::default()));
    let cx = question();
    let o = tokio::spawn(async move { chain.run(&cx, &mut |_| {}).await }).await.unwrap();
    assert_eq!(o.generator, "composer");
}

#[test]
fn from_config_puts_the_remote_first_only_when_configured() {
    let mut c = LlmConfig::default();
    assert_eq!(from_config(&c).names(), ["composer"]);
    c.remote.base_url = "http://127.0.0.1:9".into();
    assert_eq!(from_config(&c).names(), ["composer"], "no model: no remote");
    c.remote.model = "gpt-test".into();
    assert_eq!(from_config(&c).names(), ["remote", "composer"]);
}
