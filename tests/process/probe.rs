//! `saju probe`, the container health check that needs no curl: exit 0 and one line for a healthy server,
//! exit 1 and one `saju: 오류:` line naming the URL for one that is not ready, not listening or not answering.

use crate::support::*;
use std::process::Output;
use std::time::{Duration, Instant};

fn probe(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut all = vec!["probe"];
    all.extend_from_slice(args);
    let mut cmd = saju_command(&all);
    cmd.envs(env.iter().copied());
    run_bounded(cmd, Duration::from_secs(30))
}

fn assert_healthy(o: &Output, url: &str) {
    assert_eq!(o.status.code(), Some(0), "stdout:\n{}\nstderr:\n{}", stdout(o), stderr(o));
    let out = stdout(o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains(url) && out.contains("→ 200"), "{out}");
}

#[test]
fn probe_answers_with_its_exit_status_against_a_real_server() {
    let dir = tempfile::tempdir().unwrap();
    // A drain long enough to probe the not-ready phase after SIGTERM.
    let server = Server::start_with(dir.path(), &[("SAJU_SERVER__SHUTDOWN_DRAIN_SECONDS", "4")], &[]);
    let base = format!("http://{}", server.addr);

    // --url with no path: /health/live, or /health/ready with --ready; a full URL is used as given.
    assert_healthy(&probe(&["--url", &base], &[]), &format!("{base}/health/live"));
    assert_healthy(&probe(&["--ready", "--url", &base], &[]), &format!("{base}/health/ready"));
    assert_healthy(&probe(&["--url", &format!("{base}/health")], &[]), &format!("{base}/health"));
    // Without --url: the configured listen address, as the image's HEALTHCHECK runs it (its environment sets
    // SAJU_SERVER__LISTEN=0.0.0.0:8000; here 0.0.0.0 with the test server's port, probed on 127.0.0.1).
    let listen = format!("0.0.0.0:{}", server.addr.port());
    let local = format!("http://127.0.0.1:{}/health/ready", server.addr.port());
    assert_healthy(&probe(&["--ready"], &[("SAJU_SERVER__LISTEN", &listen)]), &local);

    // A route that answers 404 is not healthy.
    let line = assert_one_line_error(&probe(&["--url", &format!("{base}/no-such-route")], &[]));
    assert!(line.contains("/no-such-route") && line.contains("404"), "{line}");

    // SIGTERM: the server drains, /health/ready turns 503 while /health/live still answers.
    server.signal(libc::SIGTERM);
    let start = Instant::now();
    let mut seen_not_ready = None;
    while start.elapsed() < Duration::from_secs(3) {
        let o = probe(&["--ready", "--url", &base], &[]);
        if o.status.code() == Some(1) {
            seen_not_ready = Some(o);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let o = seen_not_ready.expect("probe --ready never failed during the drain");
    let line = assert_one_line_error(&o);
    assert!(line.contains(&format!("{base}/health/ready")) && line.contains("503"), "{line}");
    assert_healthy(&probe(&["--url", &base], &[]), &format!("{base}/health/live"));
}

#[test]
fn probe_fails_in_one_line_when_nothing_listens_or_answers() {
    // Nothing listens: refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let line = assert_one_line_error(&probe(&["--url", &url], &[]));
    assert!(line.contains(&format!("{url}/health/live")) && line.contains("연결할 수 없습니다"), "{line}");

    // Something accepts but never answers: bounded by --timeout.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let start = Instant::now();
    let line = assert_one_line_error(&probe(&["--url", &url, "--timeout", "1"], &[]));
    assert!(start.elapsed() < Duration::from_secs(10), "{:?}", start.elapsed());
    assert!(line.contains("응답이 없습니다"), "{line}");
    drop(silent);

    // Not an http:// URL.
    let line = assert_one_line_error(&probe(&["--url", "https://127.0.0.1:8000"], &[]));
    assert!(line.contains("https"), "{line}");
}
