//! `POST /v1/charts/batch` under abuse: 16 full batches at once from one client must not take the
//! server's memory (it used to build each ~11 MB answer as a `serde_json::Value` tree: 1.9 GiB RSS), and a
//! client's batch budget is enforced with 429 and `Retry-After`.

use crate::http::Request;
use crate::support::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn batch_body(n: usize, salt: usize) -> Value {
    let items: Vec<Value> = (0..n)
        .map(|i| {
            let input = if i == 7 {
                json!({"datetime": "1990-02-30T10:00", "gender": "male"})
            } else {
                json!({"datetime": datetime_for(salt * 1000 + i), "gender": if i % 2 == 0 { "female" } else { "male" }})
            };
            json!({"id": format!("b{salt}-{i}"), "input": input})
        })
        .collect();
    json!({"items": items})
}

/// Peak resident memory of the process so far (VmHWM), in MiB.
fn peak_rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM");
    let kib: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib / 1024.0
}

#[test]
fn sixteen_full_batches_at_once_stay_in_bounded_memory_and_every_answer_is_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start_with(tmp.path(), &[("SAJU_SERVER__MAX_CONCURRENT_BATCHES", "2")], &[]);
    let addr = server.addr;
    let idle = peak_rss_mib(server.pid);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let probe = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut ms = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && ms.len() < 5000 {
                let t = Instant::now();
                assert_eq!(Request::get("/health/live").send(addr).status, 200);
                ms.push(t.elapsed().as_secs_f64() * 1000.0);
                std::thread::sleep(Duration::from_millis(20));
            }
            ms
        })
    };
    let started = Instant::now();
    let workers: Vec<_> = (0..16)
        .map(|w| {
            std::thread::spawn(move || {
                let body = serde_json::to_vec(&batch_body(1000, w)).unwrap();
                let r =
                    Request::new("POST", "/v1/charts/batch").body(body).timeout(Duration::from_secs(120)).send(addr);
                (w, r.status, r.body.len(), r.json())
            })
        })
        .collect();
    let mut bytes = 0;
    for worker in workers {
        let (w, status, len, v) = worker.join().unwrap();
        assert_eq!(status, 200, "batch {w}: {v}");
        let results = v["results"].as_array().expect("results");
        assert_eq!(results.len(), 1000, "batch {w} is whole");
        for (i, r) in results.iter().enumerate() {
            assert_eq!(r["id"], format!("b{w}-{i}"), "in order");
            if i == 7 {
                assert_eq!(r["error"]["code"], "invalid_date", "{r}");
            } else {
                assert!(r["answer"]["pillars"]["day"]["hangul"].is_string(), "{r}");
            }
        }
        bytes += len;
    }
    let elapsed = started.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut ms = probe.join().unwrap();
    ms.sort_by(f64::total_cmp);
    let p99 = ms[(ms.len() * 99 / 100).min(ms.len() - 1)];
    let peak = peak_rss_mib(server.pid);
    println!(
        "batch abuse: 16 × 1000 charts ({:.1} MB of answers) in {:.1} s; peak RSS {peak:.0} MiB (idle {idle:.0}); \
         /health/live p99 {p99:.1} ms over {} probes",
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        ms.len()
    );
    // Each answer is ~11 MB; building them in memory took 1.9 GiB. Streamed, a batch holds a few chunks.
    assert!(peak < 300.0, "peak RSS {peak:.0} MiB under 16 concurrent batches");
}

#[test]
fn a_clients_batch_budget_is_a_429_with_retry_after() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start_with(
        tmp.path(),
        &[
            ("SAJU_RATE_LIMIT__ENABLED", "true"),
            ("SAJU_RATE_LIMIT__REQUESTS_PER_SECOND", "1000"),
            ("SAJU_RATE_LIMIT__BURST", "1000"),
            ("SAJU_RATE_LIMIT__BATCH_CHARTS_PER_MINUTE", "1000"),
        ],
        &[],
    );
    let send = |n: usize, salt: usize| {
        let body = serde_json::to_vec(&batch_body(n, salt)).unwrap();
        Request::new("POST", "/v1/charts/batch").body(body).send(server.addr)
    };
    assert_eq!(send(600, 1).status, 200);
    assert_eq!(send(400, 2).status, 200, "1000 charts a minute: 600 + 400 fit");
    let refused = send(50, 3);
    assert_eq!(refused.status, 429, "{}", refused.text());
    assert_eq!(refused.json()["code"], "rate_limited");
    let wait: u64 = refused.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    // The budget is for batches only: single charts still go through.
    let one =
        Request::post_json("/v1/charts", &json!({"datetime": "1990-05-15T10:00", "gender": "male"})).send(server.addr);
    assert_eq!(one.status, 200, "{}", one.text());
}
