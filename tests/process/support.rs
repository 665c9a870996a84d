//! Starting the real binary: a guard that kills the child on drop, the server with its stderr captured,
//! and one-shot commands with a clean environment.

use crate::http::{Failure, Request, Response};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_saju");

/// A command for the binary with only PATH and HOME from this process: the machine's `SAJU_*`,
/// `OPENAI_*`, `LOG_LEVEL`, `RUST_LOG` ... cannot leak in.
pub fn saju_command(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_clear();
    for key in ["PATH", "HOME"] {
        if let Some(v) = std::env::var_os(key) {
            cmd.env(key, v);
        }
    }
    cmd
}

/// Runs a one-shot command to completion, killing it if it takes longer than `limit`.
pub fn run_bounded(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn saju");
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let mut guard = ChildGuard(Some(child));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = guard.0.as_mut().expect("child").try_wait().expect("try_wait") {
            break status;
        }
        assert!(start.elapsed() < limit, "{cmd:?} did not finish within {limit:?} (a hang)");
        std::thread::sleep(Duration::from_millis(5));
    };
    guard.0.take();
    Output { status, stdout: out.join().expect("stdout reader"), stderr: err.join().expect("stderr reader") }
}

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

/// Kills (SIGKILL) and reaps the child when dropped, whatever happened to the test.
pub struct ChildGuard(pub Option<Child>);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A running `saju serve` on 127.0.0.1 with a free port.
pub struct Server {
    child: ChildGuard,
    pub addr: SocketAddr,
    pid: u32,
    log: Arc<Mutex<Vec<String>>>,
    reader: Option<JoinHandle<()>>,
}

/// Variables every test server gets unless overridden: no rate limit (tests send bursts).
const BASE_ENV: [(&str, &str); 1] = [("SAJU_RATE_LIMIT__ENABLED", "false")];

impl Server {
    pub fn start(data_dir: &Path) -> Server {
        Server::start_with(data_dir, &[], &[])
    }

    /// Starts `saju serve --listen 127.0.0.1:0 --data-dir DIR ARGS` with a clean environment plus `env`,
    /// and waits (at most 30 s) for its `listening` log line.
    pub fn start_with(data_dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Server {
        let dir = data_dir.to_str().expect("utf-8 path");
        let mut cmd = saju_command(&["serve", "--listen", "127.0.0.1:0", "--data-dir", dir]);
        cmd.args(args).envs(BASE_ENV).envs(env.iter().copied());
        let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("spawn");
        let pid = child.id();
        let pipe = child.stderr.take().expect("stderr");
        let child = ChildGuard(Some(child));
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let reader = {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                let mut tx = Some(tx);
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    if let Some(addr) = listening_addr(&line) {
                        if let Some(tx) = tx.take() {
                            let _ = tx.send(addr);
                        }
                    }
                    log.lock().expect("log lock").push(line);
                }
            })
        };
        let addr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(addr) => addr,
            Err(e) => {
                drop(child);
                let _ = reader.join();
                panic!("server did not log `listening` ({e}); stderr:\n{}", log.lock().unwrap().join("\n"));
            }
        };
        assert!(addr.ip().is_loopback(), "{addr}");
        Server { child, addr, pid, log, reader: Some(reader) }
    }

    /// Sends a signal (SIGTERM, SIGKILL, ...) to the server process.
    pub fn signal(&self, signal: libc::c_int) {
        let pid = libc::pid_t::try_from(self.pid).expect("pid fits");
        // SAFETY: kill(2) on the pid of a child this struct owns and has not reaped yet.
        let rc = unsafe { libc::kill(pid, signal) };
        assert_eq!(rc, 0, "kill({pid}, {signal}): {}", std::io::Error::last_os_error());
    }

    /// SIGKILL, then reap the process.
    pub fn kill9(&mut self) {
        self.signal(libc::SIGKILL);
        let status = self.wait_exit(Duration::from_secs(10)).expect("a SIGKILLed process exits");
        assert!(!status.success());
    }

    /// Waits at most `limit` for the process to exit; `None` if it is still running.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            let child = self.child.0.as_mut().expect("child");
            if let Some(status) = child.try_wait().expect("try_wait") {
                if let Some(r) = self.reader.take() {
                    let _ = r.join();
                }
                return Some(status);
            }
            if start.elapsed() >= limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Everything the server wrote on stderr so far.
    pub fn log_lines(&self) -> Vec<String> {
        self.log.lock().expect("log lock").clone()
    }

    pub fn log_text(&self) -> String {
        self.log_lines().join("\n")
    }

    pub fn get(&self, path: &str) -> Response {
        Request::get(path).send(self.addr)
    }

    /// `POST /v1/users` → (id, token).
    pub fn create_user(&self) -> (String, String) {
        try_create_user(self.addr).unwrap_or_else(|e| panic!("create user: {e:?}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
    }
}

/// The address of a `{"message":"listening","addr":"127.0.0.1:PORT"}` log line.
fn listening_addr(line: &str) -> Option<SocketAddr> {
    let v: Value = serde_json::from_str(line).ok()?;
    (v["message"] == "listening").then(|| v["addr"].as_str()?.parse().ok())?
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
