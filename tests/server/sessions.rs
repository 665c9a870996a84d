use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn a_conversation_that_gives_its_birth_data() {
    let s = TestServer::start().await;
    let t = s.user().await;
    let created = s.post("/v1/sessions", Some(&t), json!({})).await;
    assert_eq!(created.status, 201);
    let id = created.body["id"].as_str().unwrap().to_string();
    let path = format!("/v1/sessions/{id}/messages");

    let ask = s.post(&path, Some(&t), json!({"message": "제 사주 좀 봐 주세요"})).await;
    assert_eq!(ask.status, 200);
    assert!(ask.body["reply"].as_str().unwrap().contains("생년월일"));
    assert!(ask.body["chart"].is_null());

    let gender = s.post(&path, Some(&t), json!({"message": "1990년 5월 15일 오후 3시 30분에 태어났어요"})).await;
    assert!(gender.body["reply"].as_str().unwrap().contains("성별"), "{}", gender.text);

    let answer = s.post(&path, Some(&t), json!({"message": "남자예요"})).await;
    let reply = answer.body["reply"].as_str().unwrap();
    assert!(reply.contains("경오년 신사월 경진일 갑신시"), "{reply}");
    assert_eq!(answer.body["chart"]["pillars"]["day"]["hangul"], "경진");
    assert!(answer.body["findings"].as_array().unwrap().iter().any(|f| f["code"] == "day_stem:경"));
    assert_eq!(answer.body["generator"], "composer");
    let citations = answer.body["citations"].as_array().unwrap();
    assert!(!citations.is_empty());
    assert!(reply.contains('¹'), "the first citation's footnote mark: {reply}");
    assert!(citations.iter().all(|c| !reply.contains(&format!("[{}]", c["id"].as_str().unwrap()))), "{reply}");
    assert!(citations.iter().all(|c| c["source"].as_str().unwrap().ends_with(".md")));

    let money = s.post(&path, Some(&t), json!({"message": "재물운은요?"})).await;
    let reply = money.body["reply"].as_str().unwrap();
    assert!(reply.contains("재물") && reply.contains("전통 명리"), "{reply}");

    let history = s.get(&format!("/v1/sessions/{id}"), Some(&t)).await;
    assert_eq!(history.body["turns"], 4);
    let messages = history.body["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 8);
    assert_eq!(messages[0]["role"], "user");
    assert_eq!(messages[7]["role"], "assistant");
    assert_eq!(messages[7]["details"]["findings"][0]["code"], "day_stem:경");
    assert_eq!(s.get("/v1/sessions", Some(&t)).await.body.as_array().unwrap().len(), 1);
    assert_eq!(s.delete(&format!("/v1/sessions/{id}"), Some(&t)).await.status, 204);
    assert_error(&s.get(&format!("/v1/sessions/{id}"), Some(&t)).await, 404, "not_found");
}

#[tokio::test]
async fn markup_is_stored_and_returned_as_text() {
    let s = TestServer::start().await;
    let t = s.user().await;
    let id = s.post("/v1/sessions", Some(&t), json!({"title": "<b>제목</b>"})).await.body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let evil = "<script>alert('x')</script><img src=x onerror=alert(1)> 1990-05-15 10:00 여";
    let r = s.post(&format!("/v1/sessions/{id}/messages"), Some(&t), json!({"message": evil})).await;
    assert_eq!(r.status, 200);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/json"));
    let history = s.get(&format!("/v1/sessions/{id}"), Some(&t)).await;
    assert_eq!(history.body["messages"][0]["content"], evil);
    assert_eq!(history.body["title"], "<b>제목</b>");
}

#[tokio::test]
async fn message_limits() {
    let s = TestServer::start().await;
    let t = s.user().await;
    let id = s.post("/v1/sessions", Some(&t), json!({})).await.body["id"].as_str().unwrap().to_string();
    let path = format!("/v1/sessions/{id}/messages");
    // 1000 characters of Hangul (3000 bytes) is allowed; 1001 is not.
    assert_eq!(s.post(&path, Some(&t), json!({"message": "가".repeat(1000)})).await.status, 200);
    assert_error(&s.post(&path, Some(&t), json!({"message": "가".repeat(1001)})).await, 400, "invalid_request");
    assert_error(&s.post(&path, Some(&t), json!({"message": ""})).await, 400, "invalid_request");
    assert_error(&s.post(&path, Some(&t), json!({"message": "   "})).await, 400, "invalid_input");
    assert_error(&s.post(&path, Some(&t), json!({"text": "hi"})).await, 400, "invalid_request");
    for _ in 1..100 {
        assert_eq!(s.post(&path, Some(&t), json!({"message": "안녕하세요"})).await.status, 200);
    }
    assert_error(&s.post(&path, Some(&t), json!({"message": "101번째"})).await, 409, "session_full");
    assert_eq!(s.get(&format!("/v1/sessions/{id}"), Some(&t)).await.body["messages"].as_array().unwrap().len(), 200);
}

#[tokio::test]
async fn a_user_never_reads_or_writes_another_users_sessions() {
    let s = TestServer::start().await;
    let (a, b) = (s.user().await, s.user().await);
    let id = s.post("/v1/sessions", Some(&a), json!({})).await.body["id"].as_str().unwrap().to_string();
    s.post(&format!("/v1/sessions/{id}/messages"), Some(&a), json!({"message": "비밀 이야기"})).await;
    assert_error(&s.get(&format!("/v1/sessions/{id}"), Some(&b)).await, 404, "not_found");
    assert_error(
        &s.post(&format!("/v1/sessions/{id}/messages"), Some(&b), json!({"message": "끼어들기"})).await,
        404,
        "not_found",
    );
    assert_error(&s.delete(&format!("/v1/sessions/{id}"), Some(&b)).await, 404, "not_found");
    assert!(s.get("/v1/sessions", Some(&b)).await.body.as_array().unwrap().is_empty());
    let mine = s.get(&format!("/v1/sessions/{id}"), Some(&a)).await;
    assert_eq!(mine.body["messages"].as_array().unwrap().len(), 2);
    assert_error(
        &s.post(&format!("/v1/sessions/{id}/messages"), None, json!({"message": "x"})).await,
        401,
        "unauthorized",
    );
}

/// With `llm.remote` configured, replies come from the remote model (a fake OpenAI-compatible server here),
/// and the request it receives carries the computed chart.
#[tokio::test]
async fn replies_come_from_a_configured_remote_model() {
    use poem::{handler, listener::Acceptor, listener::Listener, web::Json, Route, Server};
    use std::sync::{Arc, Mutex};
    let seen: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    #[handler]
    fn completions(
        body: Json<serde_json::Value>,
        seen: poem::web::Data<&Arc<Mutex<Vec<serde_json::Value>>>>,
    ) -> Json<serde_json::Value> {
        seen.lock().unwrap().push(body.0);
        Json(
            json!({"choices": [{"message": {"role": "assistant", "content": "한 줄 요약: 꾸준히 쌓아 가는 힘이 있는 사주입니다."}}]}),
        )
    }
    let acceptor = poem::listener::TcpListener::bind("127.0.0.1:0").into_acceptor().await.unwrap();
    let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
    let app = poem::EndpointExt::data(Route::new().at("/v1/chat/completions", poem::post(completions)), seen.clone());
    tokio::spawn(Server::new_with_acceptor(acceptor).run(app));

    let s = TestServer::with(|c| {
        c.llm.remote.base_url = format!("http://{addr}/v1");
        c.llm.remote.model = "fake-model".into();
    })
    .await;
    let (t, id) = s.profile_session().await;
    let r = s.post(&format!("/v1/sessions/{id}/messages"), Some(&t), json!({"message": "제 성격은 어떤가요?"})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["generator"], "remote", "{}", r.text);
    assert_eq!(r.body["reply"], "한 줄 요약: 꾸준히 쌓아 가는 힘이 있는 사주입니다.");
    let requests = seen.lock().unwrap().clone();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["model"], "fake-model");
    let prompt = requests[0]["messages"].to_string();
    assert!(
        prompt.contains("경오") && prompt.contains("경진") && prompt.contains("갑신"),
        "the prompt carries the chart"
    );
    assert!(prompt.contains("제 성격은 어떤가요?"));
    let health = s.get("/health", None).await;
    assert_eq!(health.body["generators"], json!(["remote", "composer"]));
}

/// `Accept: text/event-stream` streams the same reply: `delta` pieces that add up to it, then `done` with the
/// JSON of the plain reply; both messages are stored like any other turn.
#[tokio::test]
async fn streamed_reply_over_sse() {
    let s = TestServer::start().await;
    let (t, id) = s.profile_session().await;
    let resp = s
        .client
        .post(format!("{}/v1/sessions/{id}/messages", s.base))
        .bearer_auth(&t)
        .header("accept", "text/event-stream")
        .json(&json!({"message": "제 직업 적성은요?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let body = resp.text().await.unwrap();
    let mut streamed = String::new();
    let mut done = None;
    for block in body.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let event = block.lines().find_map(|l| l.strip_prefix("event: ")).unwrap_or("message");
        let data: Vec<&str> =
            block.lines().filter_map(|l| l.strip_prefix("data: ").or(l.strip_prefix("data:"))).collect();
        let data = data.join("\n");
        match event {
            "delta" => streamed.push_str(&serde_json::from_str::<String>(&data).unwrap()),
            "reset" => streamed.clear(),
            "done" => done = Some(serde_json::from_str::<serde_json::Value>(&data).unwrap()),
            other => panic!("unexpected event {other}: {data}"),
        }
    }
    let done = done.expect("a done event");
    assert_eq!(streamed, done["reply"].as_str().unwrap());
    assert!(streamed.contains("경오년 신사월 경진일 갑신시"));
    assert_eq!(done["generator"], "composer");
    let history = s.get(&format!("/v1/sessions/{id}"), Some(&t)).await;
    assert_eq!(history.body["messages"][1]["content"], done["reply"]);
    // Errors that can be known up front are plain HTTP errors, not events.
    let missing = s
        .client
        .post(format!("{}/v1/sessions/nope/messages", s.base))
        .bearer_auth(&t)
        .header("accept", "text/event-stream")
        .json(&json!({"message": "안녕"}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

/// A session without a chosen profile still finds the saved person a message names.
#[tokio::test]
async fn messages_can_name_a_saved_profile() {
    let s = TestServer::start().await;
    let t = s.user().await;
    s.post("/v1/profiles", Some(&t), json!({"name": "나", "relation": "self", "birth": birth()})).await;
    let mom =
        json!({"name": "엄마", "relation": "family", "birth": {"datetime": "1962-04-05T08:00", "gender": "female"}});
    let mom_pillars = s.post("/v1/profiles", Some(&t), mom).await.body["pillars"].clone();
    let id = s.post("/v1/sessions", Some(&t), json!({})).await.body["id"].as_str().unwrap().to_string();
    let r = s
        .post(&format!("/v1/sessions/{id}/messages"), Some(&t), json!({"message": "우리 엄마 성격은 어떤가요?"}))
        .await;
    assert_eq!(r.body["chart"]["pillars"]["day"]["hangul"], mom_pillars["day"], "{}", r.text);
    let mine =
        s.post(&format!("/v1/sessions/{id}/messages"), Some(&t), json!({"message": "제 사주에서 재물운은요?"})).await;
    assert_eq!(mine.body["chart"]["pillars"]["day"]["hangul"], "경진", "{}", mine.text);
}
