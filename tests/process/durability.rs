//! Acknowledged writes survive SIGKILL: every profile the server answered 201 for is there after a
//! restart on the same data directory, three kill/restart cycles in a row.

use crate::http::Request;
use crate::support::*;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const WRITERS: usize = 4;
const CYCLES: usize = 3;
/// Kill after this many acknowledged writes in a cycle ...
const TARGET_ACKS: usize = 300;
/// ... or after this long, whichever comes first.
const CYCLE_LIMIT: Duration = Duration::from_secs(10);
/// A user may keep 100 profiles; each writer moves to a fresh user before that.
const PER_USER: usize = 90;
/// Upper bound on the requests one writer sends in a cycle.
const MAX_REQUESTS: usize = 5_000;

struct WriterOutcome {
    saved: Vec<Saved>,
    tokens: Vec<String>,
    /// Failures or unexpected statuses before the kill was issued (must be none).
    unexpected: Vec<String>,
    /// Requests that failed once the kill was under way (expected: the server is gone).
    failed_after_kill: usize,
}

fn writer(
    addr: std::net::SocketAddr,
    cycle: usize,
    w: usize,
    acked: &AtomicUsize,
    killing: &AtomicBool,
) -> WriterOutcome {
    let mut out = WriterOutcome { saved: Vec::new(), tokens: Vec::new(), unexpected: Vec::new(), failed_after_kill: 0 };
    let mut current: Option<(String, usize)> = None;
    for i in 0..MAX_REQUESTS {
        if killing.load(Ordering::SeqCst) && out.failed_after_kill > 0 {
            break;
        }
        let token = match &mut current {
            Some((token, n)) if *n < PER_USER => token.clone(),
            _ => match try_create_user(addr) {
                Ok((_, token)) => {
                    out.tokens.push(token.clone());
                    current = Some((token.clone(), 0));
                    token
                }
                Err(_) if killing.load(Ordering::SeqCst) => {
                    out.failed_after_kill += 1;
                    continue;
                }
                Err(e) => {
                    out.unexpected.push(format!("create user: {e}"));
                    break;
                }
            },
        };
        let name = format!("c{cycle}-w{w}-{i}");
        match post_profile(addr, &token, &name, &datetime_for(cycle * 100_000 + w * 10_000 + i)) {
            Ok(r) if r.status == 201 => {
                let id = r.json()["id"].as_str().expect("id").to_string();
                out.saved.push(Saved { token, id, name });
                acked.fetch_add(1, Ordering::SeqCst);
                if let Some((_, n)) = &mut current {
                    *n += 1;
                }
            }
            Ok(r) => out.unexpected.push(format!("{name}: status {} {}", r.status, r.text())),
            Err(_) if killing.load(Ordering::SeqCst) => out.failed_after_kill += 1,
            Err(e) => out.unexpected.push(format!("{name}: {e:?}")),
        }
        if out.unexpected.len() > 10 {
            break;
        }
    }
    out
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let mut all: Vec<Saved> = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let test_start = Instant::now();
    for cycle in 0..CYCLES {
        let mut server = Server::start(dir.path());
        assert_healthy(server.addr);
        // Everything acknowledged in earlier cycles is still there after the last kill.
        assert_profiles_readable(server.addr, &all);

        let acked = AtomicUsize::new(0);
        let killing = AtomicBool::new(false);
        let addr = server.addr;
        let cycle_start = Instant::now();
        let outcomes: Vec<WriterOutcome> = std::thread::scope(|s| {
            let (acked, killing) = (&acked, &killing);
            let handles: Vec<_> =
                (0..WRITERS).map(|w| s.spawn(move || writer(addr, cycle, w, acked, killing))).collect();
            while acked.load(Ordering::SeqCst) < TARGET_ACKS && cycle_start.elapsed() < CYCLE_LIMIT {
                std::thread::sleep(Duration::from_millis(2));
            }
            // Mid-load: the writers are still sending when the process dies.
            killing.store(true, Ordering::SeqCst);
            server.kill9();
            handles.into_iter().map(|h| h.join().expect("writer thread")).collect()
        });
        let acked_now: usize = outcomes.iter().map(|o| o.saved.len()).sum();
        let failed_after_kill: usize = outcomes.iter().map(|o| o.failed_after_kill).sum();
        for o in &outcomes {
            assert!(o.unexpected.is_empty(), "cycle {cycle}: failures before the kill: {:?}", o.unexpected);
        }
        assert!(acked_now >= 50, "cycle {cycle}: only {acked_now} writes acknowledged in {CYCLE_LIMIT:?}");
        assert!(failed_after_kill >= 1, "cycle {cycle}: no request was cut off: the kill was not under load");
        eprintln!(
            "durability cycle {cycle}: {acked_now} acknowledged in {:.1?}, {failed_after_kill} cut off by SIGKILL",
            cycle_start.elapsed()
        );
        for o in outcomes {
            all.extend(o.saved);
            tokens.extend(o.tokens);
        }
        drop(server);
    }

    // Last restart: the database opens, every acknowledged profile reads back with its name, and nothing
    // beyond the few requests in flight at each kill (one per writer) appeared.
    let server = Server::start(dir.path());
    assert_healthy(server.addr);
    let checked = assert_profiles_readable(server.addr, &all);
    let mut listed = 0;
    for token in &tokens {
        let r = Request::get("/v1/profiles").bearer(token).send(server.addr);
        assert_eq!(r.status, 200, "{}", r.text());
        listed += r.json().as_array().expect("array").len();
    }
    assert!(listed >= checked, "{listed} listed < {checked} acknowledged");
    assert!(listed - checked <= WRITERS * CYCLES, "{listed} listed for {checked} acknowledged writes");
    eprintln!(
        "durability: {checked} acknowledged profiles intact after {CYCLES} SIGKILLs ({} unacknowledged in-flight writes \
         landed); {:.1?}",
        listed - checked,
        test_start.elapsed()
    );
}
