//! A deliberately small HTTP/1.1 client over `std::net::TcpStream`: one connection per request
//! (`Connection: close`), so each outcome is attributable to one moment — refused at connect, failed while
//! sending, reset or truncated while receiving, or a complete response whose length was checked.

use serde_json::Value;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("status {} body is not JSON ({e}): {}", self.status, self.text()))
    }
}

/// Why an exchange did not produce a complete response.
#[derive(Debug)]
pub enum Failure {
    /// `connect()` failed (refused, or timed out): the server never saw the request.
    Connect(std::io::Error),
    /// Connected, but writing the request failed.
    Send(std::io::Error),
    /// The request was written; reading the answer failed (reset, timeout). `received` bytes had arrived.
    Receive { error: std::io::Error, received: usize },
    /// The connection ended before a complete, well-formed response.
    Truncated(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Connect(e) => write!(f, "connect failed: {e}"),
            Failure::Send(e) => write!(f, "sending the request failed: {e}"),
            Failure::Receive { error, received } => write!(f, "receiving failed after {received} bytes: {error}"),
            Failure::Truncated(why) => write!(f, "truncated response: {why}"),
        }
    }
}

impl Failure {
    pub fn is_connect(&self) -> bool {
        matches!(self, Failure::Connect(_))
    }
}

/// One request and when its phases happened.
#[derive(Debug)]
pub struct Exchange {
    pub started: Instant,
    /// When the whole request had been written (None if connect or send failed).
    pub sent: Option<Instant>,
    pub finished: Instant,
    pub result: Result<Response, Failure>,
}

pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub headers: Vec<(&'a str, String)>,
    pub body: Option<Vec<u8>>,
    pub timeout: Duration,
}

impl<'a> Request<'a> {
    pub fn new(method: &'a str, path: &'a str) -> Self {
        Request { method, path, headers: Vec::new(), body: None, timeout: Duration::from_secs(30) }
    }

    pub fn get(path: &'a str) -> Self {
        Request::new("GET", path)
    }

    pub fn post_json(path: &'a str, body: &Value) -> Self {
        Request::new("POST", path).body(serde_json::to_vec(body).expect("serialize"))
    }

    pub fn body(mut self, body: Vec<u8>) -> Self {
        self.headers.push(("content-type", "application/json".into()));
        self.body = Some(body);
        self
    }

    pub fn header(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn bearer(self, token: &str) -> Self {
        self.header("authorization", format!("Bearer {token}"))
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn exchange(&self, addr: SocketAddr) -> Exchange {
        let started = Instant::now();
        let mut sent = None;
        let result = self.run(addr, &mut sent);
        Exchange { started, sent, finished: Instant::now(), result }
    }

    /// The response, or a panic naming the failure.
    pub fn send(&self, addr: SocketAddr) -> Response {
        match self.exchange(addr).result {
            Ok(r) => r,
            Err(e) => panic!("{} {} failed: {e}", self.method, self.path),
        }
    }

    fn run(&self, addr: SocketAddr, sent: &mut Option<Instant>) -> Result<Response, Failure> {
        let deadline = Instant::now() + self.timeout;
        let mut stream =
            TcpStream::connect_timeout(&addr, Duration::from_secs(5).min(self.timeout)).map_err(Failure::Connect)?;
        let _ = stream.set_nodelay(true);
        stream.set_write_timeout(Some(self.timeout)).map_err(Failure::Send)?;
        let mut head = format!("{} {} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n", self.method, self.path);
        for (k, v) in &self.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        let body = self.body.as_deref().unwrap_or_default();
        if self.body.is_some() || self.method == "POST" || self.method == "PUT" {
            head.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        stream.write_all(&request).and_then(|_| stream.flush()).map_err(Failure::Send)?;
        *sent = Some(Instant::now());

        let mut buf = Vec::with_capacity(16 * 1024);
        let mut chunk = [0u8; 64 * 1024];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let error = std::io::Error::new(ErrorKind::TimedOut, "response deadline passed");
                return Err(Failure::Receive { error, received: buf.len() });
            }
            stream.set_read_timeout(Some(left)).map_err(|error| Failure::Receive { error, received: buf.len() })?;
            match stream.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(error) => return Err(Failure::Receive { error, received: buf.len() }),
            }
        }
        parse(&buf)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Parses a whole `Connection: close` response and checks that its body is complete.
fn parse(buf: &[u8]) -> Result<Response, Failure> {
    let truncated = |why: &str| Failure::Truncated(format!("{why} ({} bytes received)", buf.len()));
    let end = find(buf, b"\r\n\r\n").ok_or_else(|| truncated("no end of headers"))?;
    let head = std::str::from_utf8(&buf[..end]).map_err(|_| truncated("headers are not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .or_else(|| status_line.strip_prefix("HTTP/1.0 "))
        .and_then(|s| s.get(..3))
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| truncated(&format!("bad status line {status_line:?}")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let raw = &buf[end + 4..];
    let get = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let body = if get("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(raw).ok_or_else(|| truncated("incomplete chunked body"))?
    } else if let Some(len) = get("content-length") {
        let len: usize = len.parse().map_err(|_| truncated("bad content-length"))?;
        if raw.len() != len {
            return Err(truncated(&format!("body has {} of {len} bytes", raw.len())));
        }
        raw.to_vec()
    } else {
        raw.to_vec()
    };
    Ok(Response { status, headers, body })
}

fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(raw, b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return find(raw, b"\r\n").map(|_| out);
        }
        if raw.len() < size + 2 {
            return None;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_lengths() {
        let ok = parse(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}").unwrap();
        assert_eq!((ok.status, ok.body.as_slice()), (200, &b"{}"[..]));
        assert!(matches!(parse(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n{}"), Err(Failure::Truncated(_))));
        assert!(matches!(parse(b"HTTP/1.1 200 OK\r\ncontent"), Err(Failure::Truncated(_))));
        let chunked = parse(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n").unwrap();
        assert_eq!(chunked.body, b"{}");
        assert!(parse(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n").is_err());
    }
}
