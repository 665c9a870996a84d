//! `saju probe`: a health check for container runtimes (Docker HEALTHCHECK, ECS) without curl in the image.
//! One GET over plain HTTP/1.1 to `/health/live` (or `/health/ready` with `--ready`) of the configured listen
//! address, or of `--url`. Exit status 0 when the answer is 2xx, 1 otherwise; one line either way.

use super::server_args::ConfigArgs;
use super::CliError;
use clap::Args;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// 준비 상태(/health/ready)를 봅니다. 없으면 살아 있는지(/health/live)만 봅니다
    #[arg(long)]
    ready: bool,
    /// 확인할 주소 (http://HOST:PORT[/PATH]). 경로가 없으면 /health/live 또는 /health/ready.
    /// 없으면 설정의 server.listen (0.0.0.0은 127.0.0.1로)
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// 연결과 응답을 기다리는 최대 시간(초)
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
    timeout: f64,
    #[command(flatten)]
    config: ConfigArgs,
}

/// A parsed `http://host:port/path` URL.
#[derive(Debug, PartialEq)]
struct Target {
    host: String,
    port: u16,
    path: String,
}

impl Target {
    fn url(&self) -> String {
        format!("http://{}:{}{}", self.host, self.port, self.path)
    }
}

/// Parses `http://host[:port][/path]`; an empty path becomes `default_path`.
fn parse_url(url: &str, default_path: &str) -> Result<Target, String> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        if url.starts_with("https://") {
            format!("https는 지원하지 않습니다 (컨테이너 안의 평문 포트를 쓰세요): {url}")
        } else {
            format!("http://HOST:PORT[/PATH] 형식이 아닙니다: {url}")
        }
    })?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let path = if path.is_empty() || path == "/" { default_path.to_string() } else { path.to_string() };
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']').ok_or_else(|| format!("주소가 잘못되었습니다: {url}"))?;
        (format!("[{h}]"), after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (authority.to_string(), None),
        }
    };
    let port = match port {
        Some(p) => p.parse::<u16>().map_err(|_| format!("포트가 잘못되었습니다: {url}"))?,
        None => 80,
    };
    if host.is_empty() || host == "[]" {
        return Err(format!("호스트가 없습니다: {url}"));
    }
    Ok(Target { host, port, path })
}

/// The address to probe for a listen address: the unspecified address means this host's loopback.
fn local_target(listen: SocketAddr, path: &str) -> Target {
    let host = match listen.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
        ip if ip.is_unspecified() => "[::1]".to_string(),
        std::net::IpAddr::V4(ip) => ip.to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
    };
    Target { host, port: listen.port(), path: path.to_string() }
}

/// One GET; the status code of the answer.
fn get_status(target: &Target, timeout: Duration) -> Result<u16, String> {
    let url = target.url();
    let deadline = Instant::now() + timeout;
    let left = || deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
    let addrs: Vec<SocketAddr> = (target.host.trim_matches(['[', ']']), target.port)
        .to_socket_addrs()
        .map_err(|e| format!("{url}: 주소를 찾을 수 없습니다: {e}"))?
        .collect();
    let mut last = None;
    let mut stream = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, left()) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let mut stream = stream.ok_or_else(|| {
        format!("{url}: 연결할 수 없습니다: {}", last.map_or("주소 없음".to_string(), |e| e.to_string()))
    })?;
    let io = |e: std::io::Error| {
        if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) {
            format!("{url}: {}초 안에 응답이 없습니다", timeout.as_secs_f64())
        } else {
            format!("{url}: {e}")
        }
    };
    stream.set_write_timeout(Some(left())).map_err(io)?;
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}:{}\r\nUser-Agent: saju-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        target.path, target.host, target.port
    );
    stream.write_all(request.as_bytes()).map_err(io)?;
    // The status line is all we need: read until its end (or the connection closes).
    let mut head = Vec::new();
    let mut buf = [0u8; 512];
    while !head.contains(&b'\n') && head.len() < 8192 {
        stream.set_read_timeout(Some(left())).map_err(io)?;
        let n = stream.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let line = String::from_utf8_lossy(&head);
    let line = line.lines().next().unwrap_or_default();
    let mut parts = line.split_whitespace();
    match (parts.next(), parts.next().and_then(|s| s.parse::<u16>().ok())) {
        (Some(v), Some(code)) if v.starts_with("HTTP/") => Ok(code),
        _ if head.is_empty() => Err(format!("{url}: 응답 없이 연결이 끊겼습니다")),
        _ => Err(format!("{url}: HTTP 응답이 아닙니다: {}", line.chars().take(80).collect::<String>())),
    }
}

pub fn run(args: ProbeArgs) -> Result<(), CliError> {
    let path = if args.ready { "/health/ready" } else { "/health/live" };
    if !(args.timeout > 0.0 && args.timeout <= 600.0) {
        return Err(CliError(format!("--timeout은 0보다 크고 600 이하여야 합니다: {}", args.timeout)));
    }
    let target = match &args.url {
        Some(url) => parse_url(url, path).map_err(CliError)?,
        None => local_target(args.config.load(None)?.listen_addr(), path),
    };
    let status = get_status(&target, Duration::from_secs_f64(args.timeout)).map_err(CliError)?;
    if (200..300).contains(&status) {
        println!("정상: {} → {status}", target.url());
        Ok(())
    } else {
        Err(CliError(format!("{} → {status}", target.url())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let t = parse_url("http://127.0.0.1:8000", "/health/live").unwrap();
        assert_eq!(t, Target { host: "127.0.0.1".into(), port: 8000, path: "/health/live".into() });
        assert_eq!(parse_url("http://localhost/health/ready", "/x").unwrap().url(), "http://localhost:80/health/ready");
        assert_eq!(parse_url("http://[::1]:9000/", "/health/live").unwrap().url(), "http://[::1]:9000/health/live");
        assert!(parse_url("https://x", "/").unwrap_err().contains("https"));
        assert!(parse_url("127.0.0.1:8000", "/").is_err());
        assert!(parse_url("http://x:port", "/").is_err());
        let listen: SocketAddr = "0.0.0.0:8000".parse().unwrap();
        assert_eq!(local_target(listen, "/health/live").url(), "http://127.0.0.1:8000/health/live");
        let listen: SocketAddr = "[::]:8000".parse().unwrap();
        assert_eq!(local_target(listen, "/health/ready").url(), "http://[::1]:8000/health/ready");
    }
}
