//! A small W3C WebDriver client over HTTP (chromedriver), enough to drive the page: navigate, find, click,
//! type, run a script, screenshot, read the browser log.

use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub struct Driver {
    http: reqwest::Client,
    base: String,
    session: String,
}

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Driver {
    /// Opens a headless Chromium session on the chromedriver at `base`.
    pub async fn open(base: &str, chromium: &str, profile_dir: &str) -> Driver {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(120)).build().unwrap();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--disable-background-networking", "--disable-dev-shm-usage", "--lang=ko-KR",
                         "--window-size=1440,1000", format!("--user-data-dir={profile_dir}")],
            },
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let r: Value =
            http.post(format!("{base}/session")).json(&capabilities).send().await.unwrap().json().await.unwrap();
        let session =
            r["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no WebDriver session: {r}")).to_string();
        Driver { http, base: base.to_string(), session }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut req = self.http.request(method, &url);
        req = req.json(&body.unwrap_or_else(|| json!({})));
        let r: Value = req.send().await.unwrap().json().await.unwrap();
        if let Some(error) = r["value"].get("error") {
            panic!("WebDriver {path}: {error}: {}", r["value"]["message"]);
        }
        r["value"].clone()
    }

    pub async fn get(&self, path: &str) -> Value {
        self.call(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn goto(&self, url: &str) {
        self.post("/url", json!({"url": url})).await;
    }

    pub async fn set_window(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({"width": width, "height": height})).await;
    }

    /// Runs `script` (a function body) with `args`; returns its value.
    pub async fn run(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args})).await
    }

    /// Waits until `script` returns something truthy, at most `limit`; returns that value.
    pub async fn wait_for(&self, what: &str, script: &str, limit: Duration) -> Value {
        let start = Instant::now();
        loop {
            let v = self.run(script, json!([])).await;
            let truthy = !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0));
            if truthy {
                return v;
            }
            assert!(start.elapsed() < limit, "timed out after {limit:?} waiting for {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn find(&self, css: &str) -> String {
        let v = self.post("/element", json!({"using": "css selector", "value": css})).await;
        v[ELEMENT_KEY].as_str().unwrap_or_else(|| panic!("no element {css}: {v}")).to_string()
    }

    /// Clicks the element after scrolling it to the middle of the window, as a user would: WebDriver's own
    /// scrolling stops once any part is visible, which can leave it under the sticky message box.
    pub async fn click(&self, css: &str) {
        let id = self.find(css).await;
        let element = json!({ ELEMENT_KEY: id });
        self.run("arguments[0].scrollIntoView({block: 'center'});", json!([element])).await;
        self.post(&format!("/element/{id}/click"), json!({})).await;
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.post(&format!("/element/{id}/value"), json!({"text": text})).await;
    }

    /// The rendered (visible) text of an element.
    pub async fn text(&self, css: &str) -> String {
        let id = self.find(css).await;
        self.get(&format!("/element/{id}/text")).await.as_str().unwrap_or_default().to_string()
    }

    pub async fn displayed(&self, css: &str) -> bool {
        let id = self.find(css).await;
        self.get(&format!("/element/{id}/displayed")).await == json!(true)
    }

    pub async fn screenshot(&self) -> Vec<u8> {
        use base64::Engine;
        let b64 = self.get("/screenshot").await;
        base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap()
    }

    /// Browser console entries since the last call (chromedriver's log endpoint).
    pub async fn console(&self) -> Vec<Value> {
        self.post("/se/log", json!({"type": "browser"})).await.as_array().cloned().unwrap_or_default()
    }

    pub async fn close(self) {
        let _ = self.http.delete(format!("{}/session/{}", self.base, self.session)).send().await;
    }
}
