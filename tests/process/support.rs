//! Starting the real binary: a guard that kills the child on drop, the server with its stderr captured,
//! and one-shot commands with a clean environment.

use crate::http::{Failure, Request, Response};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

#[path = "../support/process.rs"]
mod shared;
pub use shared::{run_bounded, saju_command, Server};

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A failed one-shot command: exit status 1 and exactly one `saju: 오류: …` line on stderr, no panic.
pub fn assert_one_line_error(o: &Output) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "expected exit 1; stdout:\n{}\nstderr:\n{err}", stdout(o));
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one error line, got:\n{err}");
    assert!(lines[0].starts_with("saju: 오류: "), "{err}");
    lines[0].to_string()
}

/// Variables every test server gets unless overridden: no rate limit (tests send bursts).
const BASE_ENV: [(&str, &str); 1] = [("SAJU_RATE_LIMIT__ENABLED", "false")];

impl Server {
    pub fn start(data_dir: &Path) -> Server {
        Server::start_with(data_dir, &[], &[])
    }

    /// `saju serve` with the base environment plus `env`, and extra flags.
    pub fn start_with(data_dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Server {
        let mut all: Vec<(&str, &str)> = BASE_ENV.to_vec();
        all.extend_from_slice(env);
        Server::spawn(data_dir, &all, args)
    }

    /// SIGKILL, then reap the process.
    pub fn kill9(&mut self) {
        self.signal(libc::SIGKILL);
        let status = self.wait_exit(Duration::from_secs(10)).expect("a SIGKILLed process exits");
        assert!(!status.success());
    }

    pub fn get(&self, path: &str) -> Response {
        Request::get(path).send(self.addr)
    }

    /// `POST /v1/users` → (id, token).
    pub fn create_user(&self) -> (String, String) {
        try_create_user(self.addr).unwrap_or_else(|e| panic!("create user: {e:?}"))
    }
}

pub fn try_create_user(addr: SocketAddr) -> Result<(String, String), String> {
    let r = Request::post_json("/v1/users", &json!({})).exchange(addr).result.map_err(|e| e.to_string())?;
    if r.status != 201 {
        return Err(format!("status {}: {}", r.status, r.text()));
    }
    let v = r.json();
    Ok((v["id"].as_str().expect("id").to_string(), v["token"].as_str().expect("token").to_string()))
}

pub fn profile_body(name: &str, datetime: &str) -> Value {
    json!({"name": name, "relation": "family", "birth": {"datetime": datetime, "gender": "female"}})
}

/// `POST /v1/profiles` as one exchange.
pub fn post_profile(addr: SocketAddr, token: &str, name: &str, datetime: &str) -> Result<Response, Failure> {
    Request::post_json("/v1/profiles", &profile_body(name, datetime)).bearer(token).exchange(addr).result
}

/// A stored profile: the owner's token, its id and the name it was saved with.
#[derive(Debug, Clone)]
pub struct Saved {
    pub token: String,
    pub id: String,
    pub name: String,
}

/// Asserts that every profile is readable with its name; returns how many were checked.
pub fn assert_profiles_readable(addr: SocketAddr, saved: &[Saved]) -> usize {
    for s in saved {
        let r = Request::get(&format!("/v1/profiles/{}", s.id)).bearer(&s.token).send(addr);
        assert_eq!(r.status, 200, "acknowledged profile {} ({}) is not readable: {}", s.id, s.name, r.text());
        let v = r.json();
        assert_eq!(v["id"], s.id.as_str());
        assert_eq!(v["name"], s.name.as_str(), "{v}");
    }
    saved.len()
}

/// `/health` answers 200 with a working store.
pub fn assert_healthy(addr: SocketAddr) {
    let r = Request::get("/health").send(addr);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["status"], "ok", "{v}");
    assert_eq!(v["store"]["ok"], true, "{v}");
}

/// A deterministic birth datetime for the n-th write (varied so charts differ).
pub fn datetime_for(n: usize) -> String {
    let year = 1900 + (n * 37) % 200;
    let month = 1 + (n * 7) % 12;
    let day = 1 + (n * 11) % 28;
    let hour = (n * 5) % 24;
    let minute = (n * 13) % 60;
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}")
}
