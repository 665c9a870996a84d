//! SIGTERM under load: the process stops accepting, finishes what it was sent, and exits 0 within the
//! grace period; no request sent before the signal is reset, truncated or answered 5xx.

use crate::http::{Exchange, Failure, Request};
use crate::support::*;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const GRACE_SECONDS: u64 = 10;
const BATCH_ITEMS: usize = 100;
const MAX_REQUESTS_PER_THREAD: usize = 20_000;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Batch,
    Chart,
    Ready,
}

fn batch_body(seed: usize) -> Value {
    let items: Vec<Value> = (0..BATCH_ITEMS)
        .map(|i| json!({"id": format!("b{i}"), "input": {"datetime": datetime_for(seed * BATCH_ITEMS + i), "gender": "male"}}))
        .collect();
    json!({ "items": items })
}

/// Checks one exchange that was fully sent before the signal: a complete 200 with the expected body.
fn check_served(kind: Kind, e: &Exchange) -> Result<(), String> {
    let r = e.result.as_ref().map_err(|f| format!("{kind:?}: {f}"))?;
    if kind == Kind::Ready {
        // Before the server saw the signal it answers 200; after, 503. Anything else is wrong.
        return match r.status {
            200 | 503 => Ok(()),
            s => Err(format!("ready: status {s}")),
        };
    }
    if r.status != 200 {
        return Err(format!("{kind:?}: status {} {}", r.status, r.text()));
    }
    let v: Value = serde_json::from_slice(&r.body).map_err(|err| format!("{kind:?}: body is not JSON: {err}"))?;
    match kind {
        Kind::Batch => {
            let results = v["results"].as_array().ok_or("batch: no results")?;
            if results.len() != BATCH_ITEMS || results.iter().any(|x| x["answer"].is_null()) {
                return Err(format!("batch: {} results, some without answer", results.len()));
            }
        }
        _ => {
            if v["pillars"]["day"]["hangul"].as_str().is_none() {
                return Err("chart: no day pillar".into());
            }
        }
    }
    Ok(())
}

fn load(addr: SocketAddr, kind: Kind, seed: usize, stop: &AtomicBool, done: &AtomicUsize) -> Vec<(Kind, Exchange)> {
    let chart = json!({"datetime": "1990-05-15T15:30", "gender": "female"});
    let mut seen = Vec::new();
    let mut refused_in_a_row = 0;
    for n in 0..MAX_REQUESTS_PER_THREAD {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let req = match kind {
            Kind::Batch => Request::post_json("/v1/charts/batch", &batch_body(seed * 1000 + n)),
            Kind::Chart => Request::post_json("/v1/charts", &chart),
            Kind::Ready => Request::get("/health/ready"),
        };
        let e = req.timeout(Duration::from_secs(GRACE_SECONDS + 5)).exchange(addr);
        let refused = matches!(e.result, Err(Failure::Connect(_)));
        seen.push((kind, e));
        done.fetch_add(1, Ordering::SeqCst);
        refused_in_a_row = if refused { refused_in_a_row + 1 } else { 0 };
        if refused_in_a_row >= 3 && kind != Kind::Ready {
            break;
        }
        if kind == Kind::Ready {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    seen
}

#[test]
fn sigterm_drains_in_flight_requests_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let grace = GRACE_SECONDS.to_string();
    let mut server = Server::start_with(dir.path(), &[("SAJU_SERVER__SHUTDOWN_GRACE_SECONDS", &grace)], &[]);
    let addr = server.addr;
    let stop = AtomicBool::new(false);
    let counters: Vec<AtomicUsize> = (0..5).map(|_| AtomicUsize::new(0)).collect();
    let signal_at: Mutex<Option<Instant>> = Mutex::new(None);
    let plan = [(Kind::Batch, 1), (Kind::Batch, 2), (Kind::Chart, 3), (Kind::Chart, 4), (Kind::Ready, 5)];

    let (exit, exit_after, results) = std::thread::scope(|s| {
        let handles: Vec<_> = plan
            .iter()
            .zip(&counters)
            .map(|(&(kind, seed), done)| {
                let stop = &stop;
                s.spawn(move || load(addr, kind, seed, stop, done))
            })
            .collect();
        // Let every thread complete a few requests so the load is really concurrent at the signal.
        let warm = Instant::now();
        while counters.iter().any(|c| c.load(Ordering::SeqCst) < 3) && warm.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(200));
        let t = Instant::now();
        *signal_at.lock().unwrap() = Some(t);
        server.signal(libc::SIGTERM);
        let exit = server.wait_exit(Duration::from_secs(GRACE_SECONDS + 5));
        let exit_after = t.elapsed();
        // The listener is gone now; let the probes run past the 500 ms mark, then stop every thread.
        std::thread::sleep(Duration::from_millis(700).saturating_sub(t.elapsed()).max(Duration::from_millis(200)));
        stop.store(true, Ordering::SeqCst);
        let results: Vec<(Kind, Exchange)> = handles.into_iter().flat_map(|h| h.join().expect("load thread")).collect();
        (exit, exit_after, results)
    });
    let signal_at = signal_at.into_inner().unwrap().expect("signal sent");

    let status = exit.unwrap_or_else(|| panic!("still running {GRACE_SECONDS}+5 s after SIGTERM"));
    assert_eq!(status.code(), Some(0), "exit status {status:?}; log:\n{}", server.log_text());
    assert!(exit_after <= Duration::from_secs(GRACE_SECONDS), "exited {exit_after:?} after SIGTERM");

    let mut before_ok = 0;
    let mut in_flight = 0;
    let mut bad_before = Vec::new();
    let (mut after_ok, mut after_refused, mut after_other) = (0, 0, Vec::new());
    let mut ready_200_late = Vec::new();
    let mut ready_stopped = 0;
    for (kind, e) in &results {
        let sent_before = e.sent.is_some_and(|t| t < signal_at);
        let connected_before = e.started < signal_at;
        if sent_before {
            match check_served(*kind, e) {
                Ok(()) => {
                    before_ok += 1;
                    if e.finished > signal_at && *kind != Kind::Ready {
                        in_flight += 1;
                    }
                }
                Err(why) => {
                    bad_before.push(format!("{why} (sent {:?} before the signal)", signal_at - e.sent.unwrap()))
                }
            }
        } else if connected_before && e.sent.is_none() {
            // Connected before the signal but still writing when it came: must not be cut off either.
            bad_before.push(format!("{kind:?}: {:?} while sending across the signal", e.result.as_ref().err()));
        } else {
            match &e.result {
                Ok(r) if r.status < 500 || (*kind == Kind::Ready && r.status == 503) => after_ok += 1,
                Err(f) if f.is_connect() => after_refused += 1,
                Err(f) => {
                    after_other.push(format!("{kind:?} started {:?} after the signal: {f}", e.started - signal_at))
                }
                Ok(r) => after_other.push(format!("{kind:?}: status {} {}", r.status, r.text())),
            }
        }
        if *kind == Kind::Ready && e.started > signal_at + Duration::from_millis(500) {
            match &e.result {
                Ok(r) if r.status == 200 => ready_200_late.push(format!("{:?} after", e.started - signal_at)),
                _ => ready_stopped += 1,
            }
        }
    }
    eprintln!(
        "shutdown: exit 0 after {exit_after:?}; {before_ok} sent before SIGTERM all complete ({in_flight} of them in \
         flight at the signal); after it: {after_ok} answered, {after_refused} refused at connect, {} other: {:?}",
        after_other.len(),
        after_other.iter().take(5).collect::<Vec<_>>()
    );
    assert!(bad_before.is_empty(), "requests sent before SIGTERM were not served: {bad_before:#?}");
    assert!(before_ok >= 10, "too little load before the signal: {before_ok}");
    assert!(in_flight >= 1, "no request was in flight at the signal; the drain was not exercised");
    assert!(ready_200_late.is_empty(), "/health/ready still 200 long after SIGTERM: {ready_200_late:?}");
    assert!(ready_stopped >= 1, "no /health/ready probe ran after the signal");
    let log = server.log_text();
    assert!(log.contains("shutdown signal received") && log.contains("\"stopped\""), "{log}");
}

/// A SIGTERM sent the moment the server says `listening` (before it has served anything) still takes the
/// graceful path: the handlers are installed before the announcement, so the exit is 0, not death by signal.
#[test]
fn sigterm_right_after_listening_exits_zero() {
    for _ in 0..5 {
        let data = tempfile::tempdir().unwrap();
        let mut server = Server::start_with(data.path(), &[("SAJU_SERVER__SHUTDOWN_DRAIN_SECONDS", "0")], &[]);
        server.signal(libc::SIGTERM);
        let status = server.wait_exit(Duration::from_secs(30)).expect("exits");
        assert!(status.success(), "{status:?}\n{}", server.log_text());
        assert!(server.log_text().contains("shutdown signal received"), "{}", server.log_text());
    }
}

/// The head of the answer to a keep-alive `GET` (no `Connection: close` from the client), lower-cased.
fn keep_alive_head(addr: SocketAddr, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nhost: {addr}\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = s.read(&mut chunk).expect("read the head");
        assert!(n > 0, "closed before the head");
        buf.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8_lossy(&buf).to_ascii_lowercase()
}

/// While draining, answers carry `Connection: close`, so keep-alive clients reconnect instead of sending
/// their next request to a listener that is about to close; before the signal they do not.
#[test]
fn draining_answers_close_their_connections() {
    let tmp = tempfile::tempdir().unwrap();
    let mut server = Server::start_with(tmp.path(), &[("SAJU_SERVER__SHUTDOWN_DRAIN_SECONDS", "3")], &[]);
    assert!(!keep_alive_head(server.addr, "/health/live").contains("connection: close"));
    server.signal(libc::SIGTERM);
    let start = Instant::now();
    while Request::get("/health/ready").send(server.addr).status != 503 {
        assert!(start.elapsed() < Duration::from_secs(2), "never drained");
        std::thread::sleep(Duration::from_millis(20));
    }
    let head = keep_alive_head(server.addr, "/health/live");
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("connection: close"), "{head}");
    assert!(server.wait_exit(Duration::from_secs(30)).is_some_and(|s| s.success()));
}

/// SIGTERM while a chat turn waits on a remote model that never answers: the turn stops waiting at once,
/// the grounded composer answers, the reply is sent and stored, and the process exits 0 inside its grace.
#[test]
fn sigterm_during_a_hung_remote_answer_still_answers_and_stores() {
    // A "model" that accepts connections and never says a word.
    let hung = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let hung_addr = hung.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in hung.incoming().take(16).flatten() {
            held.push(s);
        }
        std::thread::sleep(Duration::from_secs(120));
    });
    let tmp = tempfile::tempdir().unwrap();
    let base_url = format!("http://{hung_addr}/v1");
    let env = [
        ("SAJU_LLM__REMOTE__BASE_URL", base_url.as_str()),
        ("SAJU_LLM__REMOTE__MODEL", "hung"),
        ("SAJU_SERVER__SHUTDOWN_DRAIN_SECONDS", "1"),
        ("SAJU_SERVER__SHUTDOWN_GRACE_SECONDS", "20"),
    ];
    let mut server = Server::start_with(tmp.path(), &env, &[]);
    let (_, token) = server.create_user();
    let session = Request::post_json("/v1/sessions", &json!({})).bearer(&token).send(server.addr).json();
    let sid = session["id"].as_str().unwrap().to_string();
    let path = format!("/v1/sessions/{sid}/messages");
    let addr = server.addr;
    let (t, p) = (token.clone(), path.clone());
    let turn = std::thread::spawn(move || {
        let body = json!({"message": "1990년 5월 15일 오후 3시 30분 여자, 올해 재물운은요?"});
        Request::post_json(&p, &body).bearer(&t).timeout(Duration::from_secs(40)).send(addr)
    });
    std::thread::sleep(Duration::from_millis(1500));
    let signalled = Instant::now();
    server.signal(libc::SIGTERM);
    let r = turn.join().unwrap();
    let answered_after = signalled.elapsed();
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["generator"], "composer", "{}", r.text());
    assert!(!r.json()["reply"].as_str().unwrap_or("").is_empty());
    eprintln!("a turn waiting on a hung model was answered {answered_after:?} after SIGTERM");
    assert!(answered_after < Duration::from_secs(5), "{answered_after:?}");
    assert!(server.wait_exit(Duration::from_secs(30)).is_some_and(|s| s.success()));
    // Both messages of the turn were stored.
    let again = Server::start(tmp.path());
    let stored = Request::get(&format!("/v1/sessions/{sid}")).bearer(&token).send(again.addr).json();
    let messages = stored["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 2, "{stored}");
    assert_eq!(messages[1]["role"], "assistant");
}
