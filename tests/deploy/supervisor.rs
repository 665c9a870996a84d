//! The process as a supervisor (systemd, Kubernetes, ECS, Docker) sees it: it reports READY=1 on the notify
//! socket once it serves, and on SIGTERM it sends STOPPING=1, answers /health/ready with 503 while it keeps
//! serving for shutdown_drain_seconds, closes the listener, finishes what it accepted, and exits 0. Load from
//! several threads that ignore readiness runs across the signal: no request fails. Counted apart, and allowed
//! only after the drain: connections refused once the listener is closed, and connections reset unanswered
//! because they were still in the kernel's accept queue when the listener closed (at most one per thread; the
//! server never read them, so they are as safe to retry as a refusal). A balancer that follows /health/ready
//! stops sending during the drain and sees neither.

use crate::support::*;
use std::os::unix::net::UnixDatagram;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const DRAIN_SECONDS: u64 = 1;
const GRACE_SECONDS: u64 = 10;
const LOAD_THREADS: usize = 4;
const MAX_REQUESTS_PER_THREAD: usize = 50_000;

fn recv_state(socket: &UnixDatagram, limit: Duration) -> Option<String> {
    socket.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 256];
    let n = socket.recv(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf[..n]).into_owned())
}

#[derive(Default)]
struct Tally {
    ok_before: usize,
    ok_after: usize,
    refused_after_close: usize,
    reset_unaccepted_at_close: usize,
    failures: Vec<String>,
}

#[test]
fn sigterm_under_load_drains_without_failures_and_notifies_the_supervisor() {
    let dir = tempfile::tempdir().unwrap();
    let socket_path = dir.path().join("notify.sock");
    let notify = UnixDatagram::bind(&socket_path).unwrap();
    let data = dir.path().join("data");
    let (drain, grace) = (DRAIN_SECONDS.to_string(), GRACE_SECONDS.to_string());
    let mut server = Server::start(
        &data,
        &[
            ("NOTIFY_SOCKET", socket_path.to_str().unwrap()),
            ("SAJU_SERVER__SHUTDOWN_DRAIN_SECONDS", &drain),
            ("SAJU_SERVER__SHUTDOWN_GRACE_SECONDS", &grace),
            ("SAJU_RATE_LIMIT__ENABLED", "false"),
        ],
    );
    assert_eq!(recv_state(&notify, Duration::from_secs(10)).as_deref(), Some("READY=1"), "READY=1 after start");
    let addr = server.addr;
    assert_eq!(get_status(addr, "/health/ready"), 200);

    let stop = AtomicBool::new(false);
    let done = AtomicUsize::new(0);
    let signal_at: Mutex<Option<Instant>> = Mutex::new(None);
    let tally = Mutex::new(Tally::default());
    let ready_seen: Mutex<Vec<(Instant, Result<u16, String>)>> = Mutex::new(Vec::new());
    let body = r#"{"datetime": "1990-05-15T15:30", "gender": "female"}"#;

    let (exit, exit_after, stopping) = std::thread::scope(|s| {
        for _ in 0..LOAD_THREADS {
            s.spawn(|| {
                let mut refused_in_a_row = 0;
                for _ in 0..MAX_REQUESTS_PER_THREAD {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let started = Instant::now();
                    let outcome = http(addr, "POST", "/v1/charts", &[], body, Duration::from_secs(GRACE_SECONDS + 5));
                    done.fetch_add(1, Ordering::SeqCst);
                    let sent_at = *signal_at.lock().unwrap();
                    let after_signal = sent_at.is_some_and(|t| started > t);
                    // The listener closes when the drain ends; a refusal before that would be a failure.
                    let after_drain = sent_at.is_some_and(|t| started > t + Duration::from_millis(DRAIN_SECONDS * 900));
                    let mut t = tally.lock().unwrap();
                    match outcome {
                        Outcome::Answered(200, b) if b.starts_with(b"{") => {
                            refused_in_a_row = 0;
                            if after_signal {
                                t.ok_after += 1
                            } else {
                                t.ok_before += 1
                            }
                        }
                        Outcome::Refused(_) if after_drain => {
                            t.refused_after_close += 1;
                            refused_in_a_row += 1;
                            if refused_in_a_row >= 3 {
                                break;
                            }
                        }
                        Outcome::ResetUnanswered(_) if after_drain => {
                            t.reset_unaccepted_at_close += 1;
                            refused_in_a_row += 1;
                            if refused_in_a_row >= 3 {
                                break;
                            }
                        }
                        other => {
                            let at = match sent_at {
                                Some(t0) if started > t0 => format!("started {:?} after SIGTERM", started - t0),
                                Some(t0) => format!("started {:?} before SIGTERM", t0 - started),
                                None => "started before SIGTERM".to_string(),
                            };
                            t.failures.push(format!("{at}: {other:?}"))
                        }
                    }
                }
            });
        }
        s.spawn(|| {
            while !stop.load(Ordering::SeqCst) {
                let r = match get(addr, "/health/ready") {
                    Outcome::Answered(status, _) => Ok(status),
                    other => Err(format!("{other:?}")),
                };
                ready_seen.lock().unwrap().push((Instant::now(), r));
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        // Let the load run, then signal while requests are in flight.
        let warm = Instant::now();
        while done.load(Ordering::SeqCst) < 50 && warm.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(200));
        let t0 = Instant::now();
        *signal_at.lock().unwrap() = Some(t0);
        assert!(signal(server.pid, libc::SIGTERM));
        let stopping = recv_state(&notify, Duration::from_secs(5));
        let exit = server.wait_exit(Duration::from_secs(DRAIN_SECONDS + GRACE_SECONDS + 5));
        let exit_after = t0.elapsed();
        std::thread::sleep(Duration::from_millis(300));
        stop.store(true, Ordering::SeqCst);
        (exit, exit_after, stopping)
    });
    let t0 = signal_at.into_inner().unwrap().unwrap();
    let tally = tally.into_inner().unwrap();
    let ready = ready_seen.into_inner().unwrap();

    assert_eq!(stopping.as_deref(), Some("STOPPING=1"), "STOPPING=1 on SIGTERM");
    let status = exit.unwrap_or_else(|| panic!("still running {exit_after:?} after SIGTERM\n{}", server.log_text()));
    assert_eq!(status.code(), Some(0), "exit status; log:\n{}", server.log_text());
    assert!(exit_after >= Duration::from_secs(DRAIN_SECONDS), "exited after {exit_after:?}, before the drain ended");
    assert!(exit_after < Duration::from_secs(DRAIN_SECONDS + GRACE_SECONDS), "exited after {exit_after:?}");

    eprintln!(
        "supervisor: exit 0 after {exit_after:?}; {} answered before SIGTERM, {} during the drain, {} refused \
         after the listener closed, {} reset unanswered in the accept queue at the close, {} failed",
        tally.ok_before,
        tally.ok_after,
        tally.refused_after_close,
        tally.reset_unaccepted_at_close,
        tally.failures.len()
    );
    assert!(tally.reset_unaccepted_at_close <= LOAD_THREADS, "more unanswered resets than connections in flight");
    assert!(tally.failures.is_empty(), "requests failed: {:#?}", &tally.failures[..tally.failures.len().min(20)]);
    assert!(tally.ok_before >= 50, "too little load before the signal");
    assert!(tally.ok_after >= 10, "the server must keep serving during the drain: {} answered", tally.ok_after);

    // /health/ready: 200 before the signal; 503 soon after it, while the process still runs; never 200 again.
    assert!(ready.iter().any(|(t, r)| *t < t0 && *r == Ok(200)), "ready was 200 before SIGTERM");
    let first_503 = ready.iter().position(|(t, r)| *t > t0 && *r == Ok(503));
    let Some(first_503) = first_503 else { panic!("/health/ready never answered 503 after SIGTERM: {ready:?}") };
    assert!(ready[first_503].0 - t0 < Duration::from_millis(DRAIN_SECONDS * 1000), "503 only after the drain");
    let later_200: Vec<_> = ready[first_503..].iter().filter(|(_, r)| *r == Ok(200)).collect();
    assert!(later_200.is_empty(), "ready answered 200 again after 503: {later_200:?}");
    let log = server.log_text();
    assert!(log.contains("shutdown signal received") && log.contains("\"stopped\""), "{log}");
}
