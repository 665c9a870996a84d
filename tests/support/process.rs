//! Starting the real binary, shared by the `process` and `deploy` test binaries (each uses a subset):
//! a clean environment, bounded one-shot runs, a guard that kills the child on drop, and `saju serve` on
//! 127.0.0.1:0 with its stderr collected.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_saju");

/// Keeps only PATH and HOME, so the machine's `SAJU_*`, `OPENAI_*`, `LOG_LEVEL`, `RUST_LOG` … cannot leak in.
pub fn clean_env(cmd: &mut Command) {
    cmd.env_clear();
    for key in ["PATH", "HOME"] {
        if let Some(v) = std::env::var_os(key) {
            cmd.env(key, v);
        }
    }
}

/// A command for the binary with a clean environment.
pub fn saju_command(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args);
    clean_env(&mut cmd);
    cmd
}

/// Runs a command to completion with no stdin, killing it if it runs longer than `limit`.
pub fn run_bounded(mut cmd: Command, limit: Duration) -> Output {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {cmd:?}: {e}"));
    let mut guard = ChildGuard(Some(child));
    // Read both pipes on threads so a chatty child never blocks on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(guard.0.as_mut().expect("child").stdout.take().expect("stdout")));
    let err = drain(Box::new(guard.0.as_mut().expect("child").stderr.take().expect("stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = guard.0.as_mut().expect("child").try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() > limit {
            drop(guard);
            panic!("{cmd:?} did not finish within {limit:?} (a hang)");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    guard.0.take();
    Output { status, stdout: out.join().expect("stdout reader"), stderr: err.join().expect("stderr reader") }
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

/// Sends a signal to a process id; whether kill(2) succeeded.
pub fn signal(pid: u32, sig: libc::c_int) -> bool {
    let pid = libc::pid_t::try_from(pid).expect("pid fits");
    // SAFETY: kill(2) on the pid of a child this test started.
    unsafe { libc::kill(pid, sig) == 0 }
}

/// A running `saju serve --listen 127.0.0.1:0` with its stderr collected.
pub struct Server {
    child: ChildGuard,
    pub addr: SocketAddr,
    pub pid: u32,
    log: Arc<Mutex<Vec<String>>>,
    reader: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts `saju serve --listen 127.0.0.1:0 --data-dir DIR ARGS` with a clean environment plus `env`,
    /// and waits (at most 30 s) for its `listening` log line.
    pub fn spawn(data_dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Server {
        Server::spawn_under(&[], data_dir, env, args)
    }

    /// [`Server::spawn`] run by a wrapper command (`wrapper[0]` with `wrapper[1..]` before the binary and its
    /// arguments), e.g. `unshare` to give the server its own mounts; the wrapper must `exec` the binary.
    pub fn spawn_under(wrapper: &[&str], data_dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Server {
        let dir = data_dir.to_str().expect("utf-8 path");
        let serve = ["serve", "--listen", "127.0.0.1:0", "--data-dir", dir];
        let mut cmd = match wrapper.split_first() {
            None => saju_command(&serve),
            Some((program, rest)) => {
                let mut cmd = Command::new(program);
                cmd.args(rest).arg(BIN).args(serve);
                clean_env(&mut cmd);
                cmd
            }
        };
        cmd.args(args).envs(env.iter().copied());
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

    /// Sends a signal (SIGTERM, SIGKILL, …) to the server process; panics if kill(2) fails.
    pub fn signal(&self, sig: libc::c_int) {
        assert!(signal(self.pid, sig), "kill({}, {sig}): {}", self.pid, std::io::Error::last_os_error());
    }

    /// Waits at most `limit` for the process to exit; `None` if it is still running.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.0.as_mut().expect("child").try_wait().expect("try_wait") {
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
