//! The web page in a real headless browser: Debian's `chromium` driven over W3C WebDriver (`chromedriver`)
//! against the real `saju serve` on 127.0.0.1:0. Loads `/`, enters birth data in the form, asks a question,
//! waits for the streamed answer, checks the answer, the chart grid and a citation, the phone layout, and
//! that the browser logged no CSP violation. Screenshots go to `$CARGO_TARGET_DIR/artifacts/`.
//!
//! Needs `chromium` and `chromedriver` (Debian: `apt-get install chromium chromium-driver fonts-noto-cjk`;
//! `scripts/test.sh` installs them as root). Without them the test fails saying so, unless
//! `SAJU_SKIP_BROWSER=1`, which prints SKIP.

#[path = "../support/process.rs"]
mod process;
mod webdriver;

use process::{ChildGuard, Server, BIN};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use webdriver::Driver;

const QUESTION: &str = "제 성격은 어떤가요?";

fn which(name: &str, fallbacks: &[&str]) -> Option<String> {
    let from_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()).map(|p| p.display().to_string())
    });
    from_path.or_else(|| fallbacks.iter().find(|p| Path::new(p).is_file()).map(|p| p.to_string()))
}

/// Where screenshots go: `$CARGO_TARGET_DIR/artifacts`, or `target/artifacts` next to the test binary's build.
fn artifacts_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| {
        // BIN is TARGET/debug/saju.
        Path::new(BIN).parent().and_then(Path::parent).expect("target dir").to_path_buf()
    });
    let dir = target.join("artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts chromedriver on a free port; waits (at most 30 s) until it is ready.
async fn start_chromedriver(path: &str) -> (ChildGuard, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {path}: {e}"));
    let guard = ChildGuard(Some(child));
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = http.get(format!("{base}/status")).send().await {
            if r.json::<Value>().await.is_ok_and(|v| v["value"]["ready"] == json!(true)) {
                return (guard, base);
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver at {base} did not become ready within 30 s");
}

fn save(name: &str, png: &[u8]) -> PathBuf {
    assert!(png.starts_with(b"\x89PNG"), "screenshot is a PNG");
    let path = artifacts_dir().join(name);
    std::fs::write(&path, png).unwrap();
    println!("screenshot: {}", path.display());
    path
}

#[tokio::test]
async fn chat_page_in_a_real_browser() {
    if std::env::var("SAJU_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        println!("SKIP browser test (SAJU_SKIP_BROWSER=1)");
        return;
    }
    let chromium = which("chromium", &["/usr/bin/chromium", "/usr/bin/chromium-browser"]);
    let chromedriver = which("chromedriver", &["/usr/bin/chromedriver"]);
    let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) else {
        panic!(
            "the browser test needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver \
             fonts-noto-cjk; scripts/test.sh installs them as root). Set SAJU_SKIP_BROWSER=1 to skip it."
        );
    };

    let data = tempfile::tempdir().unwrap();
    let server = Server::spawn(data.path(), &[], &[]);
    let base = format!("http://{}", server.addr);
    let (_chromedriver, driver_url) = start_chromedriver(&chromedriver).await;
    let profile = tempfile::tempdir().unwrap();
    let d = Driver::open(&driver_url, &chromium, profile.path().to_str().unwrap()).await;

    d.goto(&format!("{base}/")).await;
    d.wait_for("the page to start", r##"return document.body.dataset.ready === "true";"##, Duration::from_secs(20))
        .await;
    assert!(d.displayed("#birth-panel").await, "a first visit shows the birth form");

    // The birth form: 1990-05-15 15:30, 서울 (from the suggestions), 남성.
    d.run(
        r##"document.getElementById("birth-date").value = "1990-05-15";
           document.getElementById("birth-time").value = "15:30";"##,
        json!([]),
    )
    .await;
    d.type_into("#birth-place", "서울").await;
    d.wait_for(
        "place suggestions",
        r##"return [...document.querySelectorAll("#place-options option")].some(o => o.value === "서울");"##,
        Duration::from_secs(10),
    )
    .await;
    d.click(r##"input[name="gender"][value="male"]"##).await;
    d.click("#birth-submit").await;

    // The chart picture: the day pillar 庚辰 in the grid.
    d.wait_for("the chart", r##"return document.querySelector("#chart svg");"##, Duration::from_secs(20)).await;
    let chart_text = d.text("#chart svg").await;
    for expected in ["일주(日柱)", "庚", "辰", "오행 분포", "대운"] {
        assert!(chart_text.contains(expected), "{expected} in the chart: {chart_text}");
    }
    assert!(!d.displayed("#birth-panel").await, "the form closes once the profile is saved");
    let profiles = d.text("#profile-list").await;
    assert!(profiles.contains("나"), "{profiles}");

    // Ask, and wait for the streamed reply to finish.
    d.type_into("#message", QUESTION).await;
    d.click("#send").await;
    d.wait_for(
        "the streamed reply",
        r##"return document.querySelector(".message.assistant.done");"##,
        Duration::from_secs(90),
    )
    .await;
    let shown = d.text(".message.assistant.done .text").await;
    assert!(d.text(".message.user .text").await.contains(QUESTION));

    // What the page shows is the reply the server stored for this session.
    let token = d.run(r##"return localStorage.getItem("saju.token");"##, json!([])).await;
    let token = token.as_str().expect("the page keeps its token in localStorage");
    let storage_keys = d.run("return Object.keys(localStorage);", json!([])).await;
    assert_eq!(storage_keys, json!(["saju.token"]), "the page stores only its token");
    let http = reqwest::Client::new();
    let sessions: Value =
        http.get(format!("{base}/v1/sessions")).bearer_auth(token).send().await.unwrap().json().await.unwrap();
    let id = sessions[0]["id"].as_str().unwrap();
    let history: Value =
        http.get(format!("{base}/v1/sessions/{id}")).bearer_auth(token).send().await.unwrap().json().await.unwrap();
    let stored = history["messages"].as_array().unwrap().iter().rev().find(|m| m["role"] == "assistant").unwrap();
    let normalize = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(normalize(&shown), normalize(stored["content"].as_str().unwrap()));
    assert!(shown.chars().any(|c| ('가'..='힣').contains(&c)) && shown.chars().count() > 40, "{shown}");

    // A cited passage, expanded, shows its text.
    let citations = stored["details"]["citations"].as_array().cloned().unwrap_or_default();
    assert!(!citations.is_empty(), "a personality answer cites passages: {stored}");
    d.click(".message.assistant.done .citations > summary").await;
    d.click(".message.assistant.done .citation > summary").await;
    let passage = d
        .wait_for(
            "the cited passage",
            r##"const p = document.querySelector(".citation .passage");
               return p && p.textContent !== "불러오는 중…" ? p.textContent : null;"##,
            Duration::from_secs(10),
        )
        .await;
    assert!(passage.as_str().unwrap().chars().count() > 20, "{passage}");

    // 세운 of a chosen year.
    d.run(r##"document.getElementById("seun-year").value = "2030";"##, json!([])).await;
    d.click("#seun-form button").await;
    d.wait_for(
        "the 2030 세운",
        r##"return document.querySelector("#chart svg")?.textContent.includes("세운 · 2030년");"##,
        Duration::from_secs(10),
    )
    .await;

    save("web-chat.png", &d.screenshot().await);

    // A phone: nothing wider than the screen.
    d.set_window(375, 812).await;
    let overflow = d
        .wait_for(
            "the phone layout",
            "return window.innerWidth <= 420 ? [document.documentElement.scrollWidth, window.innerWidth] : null;",
            Duration::from_secs(5),
        )
        .await;
    assert!(overflow[0].as_i64() <= overflow[1].as_i64(), "horizontal overflow on a phone: {overflow}");
    assert!(d.displayed("#menu-toggle").await);
    save("web-chat-phone.png", &d.screenshot().await);

    let console = d.console().await;
    let problems: Vec<&Value> = console
        .iter()
        .filter(|e| {
            let m = e["message"].as_str().unwrap_or_default();
            e["level"] == "SEVERE" || m.contains("Content Security Policy")
        })
        .collect();
    assert!(problems.is_empty(), "browser console: {problems:?}");
    d.close().await;
    drop(server);
}
