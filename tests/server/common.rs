//! A running server for one test, and small HTTP helpers.

use reqwest::{Method, StatusCode};
use saju::config::Config;
use saju::http::{self, AppState};
use serde_json::Value;
use std::sync::Arc;
use tokio::sync::oneshot;

pub struct TestServer {
    pub base: String,
    pub state: Arc<AppState>,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    pub dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::with(|_| {}).await
    }

    /// Starts with the default config (rate limiting off) changed by `f`.
    pub async fn with(f: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.server.data_dir = dir.path().to_path_buf();
        config.server.listen = "127.0.0.1:0".into();
        config.rate_limit.enabled = false;
        config.server.shutdown_drain_seconds = 0;
        f(&mut config);
        config.validate().unwrap();
        let app = http::Application::build(config).await.unwrap();
        let (state, addr) = (app.state.clone(), app.addr());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(app.run_until(async move {
            let _ = rx.await;
        }));
        TestServer {
            base: format!("http://{addr}"),
            state,
            client: reqwest::Client::new(),
            stop: Some(tx),
            task: Some(task),
            dir,
        }
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }

    pub async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Reply {
        let mut req = self.client.request(method, format!("{}{}", self.base, path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, headers, body, text }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::DELETE, path, token, None).await
    }

    /// A new user's token.
    pub async fn user(&self) -> String {
        let r = self.post("/v1/users", None, serde_json::json!({})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        r.body["token"].as_str().unwrap().to_string()
    }
}

/// Every error response has exactly this shape.
pub fn assert_error(r: &Reply, status: u16, code: &str) {
    assert_eq!(r.status.as_u16(), status, "{}", r.text);
    assert_eq!(r.body["code"], code, "{}", r.text);
    assert!(r.body["message"].as_str().is_some_and(|m| !m.is_empty()), "{}", r.text);
    assert_eq!(r.body.as_object().unwrap().len(), 2, "{}", r.text);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/json"));
}

impl TestServer {
    /// A user's session about a saved profile born at [`birth`]: (token, session id).
    pub async fn profile_session(&self) -> (String, String) {
        let t = self.user().await;
        let p = self
            .post("/v1/profiles", Some(&t), serde_json::json!({"name": "나", "relation": "self", "birth": birth()}))
            .await;
        let s = self.post("/v1/sessions", Some(&t), serde_json::json!({"profile_id": p.body["id"]})).await;
        let id = s.body["id"].as_str().expect("session id").to_string();
        (t, id)
    }
}

pub fn birth() -> Value {
    serde_json::json!({"datetime": "1990-05-15T15:30", "gender": "male"})
}
