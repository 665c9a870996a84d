//! Connections under abuse, against the real binary on loopback (bounded): slow request heads (slowloris)
//! are cut after `server.header_read_timeout_seconds` and cannot hold every slot, and running out of file
//! descriptors makes `accept` back off and log instead of spinning a core.

use crate::http::Request;
use crate::support::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Opens `n` connections that send half a request head and stop.
fn half_heads(addr: std::net::SocketAddr, n: usize) -> Vec<TcpStream> {
    (0..n)
        .filter_map(|_| {
            let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
            let _ = s.write_all(b"GET /health/live HTTP/1.1\r\nhost: slow\r\nx-slow: ");
            Some(s)
        })
        .collect()
}

/// CPU seconds (user + system) the process has used so far.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("proc stat");
    let after = &stat[stat.rfind(')').expect("comm") + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    // SAFETY: sysconf reads a constant.
    ticks / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64
}

fn metric(addr: std::net::SocketAddr, name: &str) -> f64 {
    let text = Request::get("/metrics").send(addr).text();
    text.lines().find_map(|l| l.strip_prefix(name)?.trim().parse().ok()).unwrap_or(0.0)
}

#[test]
fn slow_request_heads_are_cut_and_never_hold_every_slot() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start_with(
        tmp.path(),
        &[("SAJU_SERVER__MAX_CONNECTIONS", "20"), ("SAJU_SERVER__HEADER_READ_TIMEOUT_SECONDS", "1")],
        &[],
    );
    let mut slow = half_heads(server.addr, 60);
    assert!(slow.len() >= 20, "opened {}", slow.len());
    // Every slot is taken by a slow head; a real client waits in the backlog until they are cut.
    let start = Instant::now();
    let r = Request::get("/health/live").timeout(Duration::from_secs(15)).send(server.addr);
    assert_eq!(r.status, 200, "{}", r.text());
    let waited = start.elapsed();
    eprintln!("a normal request behind 60 slow heads (20 slots, 1 s head timeout) was served in {waited:?}");
    // The slow ones were disconnected, not answered.
    let mut cut = 0;
    for s in slow.iter_mut().take(20) {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = [0u8; 256];
        match s.read(&mut buf) {
            Ok(0) | Err(_) => cut += 1,
            Ok(n) => panic!("a half-sent head got an answer: {:?}", String::from_utf8_lossy(&buf[..n])),
        }
    }
    assert_eq!(cut, 20);
    assert!(metric(server.addr, "saju_header_read_timeouts_total") >= 20.0);
    assert!(server.log_text().contains("connection limit reached"), "the limit is logged");
}

#[test]
fn running_out_of_file_descriptors_backs_off_logs_and_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(tmp.path());
    // Once it answers, the server has sized its connection limit from the open-file limit it started with.
    assert_eq!(Request::get("/health/live").send(server.addr).status, 200);
    // Lower the running server's open-file limit (the start-up cap saw the high one), then exhaust it.
    let limit = libc::rlimit { rlim_cur: 96, rlim_max: 96 };
    // SAFETY: prlimit on our own child with a valid struct; the old value is not asked for.
    let rc = unsafe { libc::prlimit(server.pid as libc::pid_t, libc::RLIMIT_NOFILE, &limit, std::ptr::null_mut()) };
    assert_eq!(rc, 0, "prlimit: {}", std::io::Error::last_os_error());
    let held: Vec<TcpStream> =
        (0..200).filter_map(|_| TcpStream::connect_timeout(&server.addr, Duration::from_secs(1)).ok()).collect();
    // The server accepts until its descriptors run out; then `accept` fails, which is logged.
    let start = Instant::now();
    while !server.log_text().contains("accept failed") {
        if start.elapsed() > Duration::from_secs(20) {
            let fds = std::fs::read_dir(format!("/proc/{}/fd", server.pid)).map(|d| d.count()).unwrap_or(0);
            let tail: Vec<String> = server.log_lines().into_iter().rev().take(5).collect();
            panic!(
                "accept errors are not logged ({} connected, the server holds {fds} descriptors): {tail:?}",
                held.len()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let before = cpu_seconds(server.pid);
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_seconds(server.pid) - before;
    eprintln!("out of descriptors with {} connections waiting: {used:.2} CPU s in 2 s", held.len());
    assert!(used < 0.5, "the accept loop spins: {used:.2} CPU seconds in 2 s");
    drop(held);
    // Once descriptors are free again, clients are served.
    let start = Instant::now();
    loop {
        match Request::get("/health/live").timeout(Duration::from_secs(5)).exchange(server.addr).result {
            Ok(r) if r.status == 200 => break,
            other => assert!(start.elapsed() < Duration::from_secs(20), "not recovered: {other:?}"),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(metric(server.addr, "saju_accept_errors_total") >= 1.0);
}
