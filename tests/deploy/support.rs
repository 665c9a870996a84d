//! Shared helpers: repository files, YAML as JSON values, bounded subprocesses, a running server, a minimal
//! HTTP/1.1 client that tells a refused connection from a reset or a truncated answer.

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(rel: &str) -> String {
    let path = repo().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir` (relative to the repository) whose name ends with one of `exts`.
pub fn files_under(dir: &str, exts: &[&str]) -> Vec<String> {
    fn walk(dir: &Path, exts: &[&str], root: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, exts, root, out);
            } else if exts.iter().any(|x| path.to_string_lossy().ends_with(x)) {
                out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo().join(dir), exts, &repo(), &mut out);
    out.sort();
    out
}

/// Parses every YAML document of a file into JSON values (keys as strings).
pub fn yaml_docs(rel: &str) -> Vec<Value> {
    let text = read(rel);
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{rel}: invalid YAML: {e}"));
    docs.iter().map(yaml_value).collect()
}

pub fn yaml(rel: &str) -> Value {
    let mut docs = yaml_docs(rel);
    assert_eq!(docs.len(), 1, "{rel}: expected one YAML document");
    docs.remove(0)
}

pub fn yaml_value(y: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match y {
        Yaml::Real(s) => s.parse::<f64>().map(Value::from).unwrap_or_else(|_| Value::String(s.clone())),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(a) => Value::Array(a.iter().map(yaml_value).collect()),
        Yaml::Hash(h) => Value::Object(
            h.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        other => panic!("unsupported YAML key {other:?}"),
                    };
                    (key, yaml_value(v))
                })
                .collect(),
        ),
        Yaml::Null => Value::Null,
        Yaml::Alias(_) | Yaml::BadValue => panic!("unsupported YAML value {y:?}"),
    }
}

pub fn json_file(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: invalid JSON: {e}"))
}

/// The paths of openapi/openapi.json, plus the routes outside the spec.
pub fn known_routes() -> BTreeSet<String> {
    let spec = json_file("openapi/openapi.json");
    let mut routes: BTreeSet<String> = spec["paths"].as_object().expect("paths").keys().cloned().collect();
    routes.insert("/metrics".into());
    routes
}

/// A command for the binary with only PATH and HOME from this process: no stray SAJU_* or OPENAI_*.
#[path = "../support/process.rs"]
mod shared;
pub use shared::{clean_env, run_bounded, saju_command as saju, signal, Server, BIN};

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Is `program` on PATH and does `program ARGS` run?
pub fn tool_works(program: &str, args: &[&str]) -> bool {
    let mut cmd = Command::new(program);
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    let Ok(mut child) = cmd.spawn() else { return false };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if start.elapsed() < Duration::from_secs(20) => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// A free TCP port on 127.0.0.1 (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Server {
    /// `saju serve` in `data_dir` with a clean environment plus `env`.
    pub fn start(data_dir: &Path, env: &[(&str, &str)]) -> Server {
        Server::spawn(data_dir, env, &[])
    }
}

/// How one HTTP exchange ended. The payloads are read through `Debug`, in failure messages.
#[derive(Debug)]
#[allow(dead_code)]
pub enum Outcome {
    /// A complete response: status and body (Content-Length honoured).
    Answered(u16, Vec<u8>),
    /// connect(2) failed: nobody listens (any more).
    Refused(std::io::Error),
    /// Connected, then reset before a single byte of answer: the connection sat in the kernel's accept queue
    /// and the listener was closed without accepting it. The server never read the request.
    ResetUnanswered(String),
    /// Connected, but the exchange broke: reset, timeout, or a response cut short.
    Broken(String),
}

/// One request on a fresh connection (`Connection: close`), bounded by `timeout`.
pub fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
    timeout: Duration,
) -> Outcome {
    let mut stream = match TcpStream::connect_timeout(&addr, timeout) {
        Ok(s) => s,
        Err(e) => return Outcome::Refused(e),
    };
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = stream.set_write_timeout(Some(timeout));
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    req.push_str(body);
    let reset =
        |e: &std::io::Error| matches!(e.kind(), std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe);
    if let Err(e) = stream.write_all(req.as_bytes()) {
        return if reset(&e) {
            Outcome::ResetUnanswered(format!("write: {e}"))
        } else {
            Outcome::Broken(format!("write: {e}"))
        };
    }
    let mut raw = Vec::new();
    if let Err(e) = stream.read_to_end(&mut raw) {
        if raw.is_empty() && reset(&e) {
            return Outcome::ResetUnanswered(format!("read: {e}"));
        }
        return Outcome::Broken(format!("read after {} bytes: {e}", raw.len()));
    }
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Outcome {
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Outcome::Broken(format!("no complete header in {} bytes", raw.len()));
    };
    let head = String::from_utf8_lossy(&raw[..split]);
    let body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse::<u16>().ok());
    let Some(status) = status else { return Outcome::Broken(format!("bad status line: {head}")) };
    let length = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok());
    match length {
        Some(n) if n != body.len() => Outcome::Broken(format!("truncated: {} of {n} body bytes", body.len())),
        _ => Outcome::Answered(status, body),
    }
}

pub fn get(addr: SocketAddr, path: &str) -> Outcome {
    http(addr, "GET", path, &[], "", Duration::from_secs(10))
}

/// The status of a GET, panicking on anything but a complete answer.
pub fn get_status(addr: SocketAddr, path: &str) -> u16 {
    match get(addr, path) {
        Outcome::Answered(s, _) => s,
        other => panic!("GET {path} on {addr}: {other:?}"),
    }
}
