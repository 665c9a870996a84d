//! A full disk, for real: the server runs with its data directory on a small tmpfs of its own (a private
//! mount namespace made by `unshare`), and the test fills that file system from outside through
//! `/proc/PID/root`. Where mount namespaces are not allowed the test prints a SKIP line and passes.
//!
//! What is promised: a write that does not fit is answered 507 `insufficient_storage`, never 500; while the
//! database cannot serve, `/health/ready` is 503 `store_unavailable` and every request is a clear 503 or 507;
//! once space is freed the store is reopened by itself (no restart, no traffic needed), readiness is 200
//! again, and every write that was acknowledged before is still there.

use crate::http::Request;
use crate::support::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TMPFS_MB: u64 = 24;

/// Whether this machine lets us mount a tmpfs in a private mount namespace.
fn can_mount_tmpfs() -> bool {
    let probe = tempfile::tempdir().unwrap();
    let script = "mount -t tmpfs -o size=1m tmpfs \"$0\"";
    Command::new("unshare")
        .args(["-rm", "sh", "-c", script, probe.path().to_str().unwrap()])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `saju serve` with its data directory on a fresh tmpfs of `TMPFS_MB` that only the server's namespace
/// sees: the temporary directory (keep it alive), the server, and the data directory as seen from outside.
fn serve_on_tmpfs(env: &[(&str, &str)]) -> (tempfile::TempDir, Server, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let script = format!("mount -t tmpfs -o size={TMPFS_MB}m tmpfs \"$0\" && exec \"$@\"");
    let dir = data.to_str().unwrap();
    let mut all = vec![("SAJU_RATE_LIMIT__ENABLED", "false")];
    all.extend_from_slice(env);
    let server = Server::spawn_under(&["unshare", "-rm", "sh", "-c", &script, dir], &data, &all, &[]);
    let outside = inside(&server, &data);
    (tmp, server, outside)
}

/// The server's view of its data directory, from outside its namespace.
fn inside(server: &Server, data: &Path) -> PathBuf {
    PathBuf::from(format!("/proc/{}/root{}", server.pid, data.display()))
}

/// Writes a filler file until the file system is full (bounded by the tmpfs size); returns its path.
fn fill(dir: &Path, leave_bytes: u64) -> PathBuf {
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![0x5a_u8; 64 * 1024];
    for _ in 0..(TMPFS_MB * 16 + 16) {
        let free = saju::store::available_bytes(dir).unwrap();
        if free <= leave_bytes {
            break;
        }
        let n = (free - leave_bytes).min(chunk.len() as u64) as usize;
        if f.write_all(&chunk[..n]).is_err() {
            break;
        }
    }
    let _ = f.flush();
    path
}

fn wait_ready(server: &Server, want: u16, limit: Duration) -> (u16, String) {
    let start = Instant::now();
    loop {
        let r = server.get("/health/ready");
        if r.status == want || start.elapsed() > limit {
            return (r.status, r.text());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn metric(server: &Server, line_start: &str) -> f64 {
    let text = server.get("/metrics").text();
    let line = text.lines().find(|l| l.starts_with(line_start)).unwrap_or_else(|| panic!("no {line_start}"));
    line.rsplit(' ').next().unwrap().parse().unwrap()
}

#[test]
fn a_full_disk_is_507_then_503_until_space_returns_and_nothing_acknowledged_is_lost() {
    if !can_mount_tmpfs() {
        println!("SKIP a_full_disk_…: this machine does not allow a tmpfs in a private mount namespace (unshare -rm)");
        return;
    }
    // No watermark: the disk really fills under the database.
    let (_tmp, server, dir) = serve_on_tmpfs(&[("SAJU_SERVER__MIN_FREE_DISK_MB", "0")]);
    let (_, token) = server.create_user();
    let mut saved = Vec::new();
    for i in 0..5 {
        let r = post_profile(server.addr, &token, &format!("before{i}"), &datetime_for(i)).unwrap();
        assert_eq!(r.status, 201, "{}", r.text());
        saved.push(Saved {
            token: token.clone(),
            id: r.json()["id"].as_str().unwrap().into(),
            name: format!("before{i}"),
        });
    }

    let filler = fill(&dir, 0);
    // Keep writing until one does not fit: redb has free pages inside its file, so the first few may.
    let mut refused = None;
    let mut owner = token.clone();
    for i in 0..2000 {
        if i % 90 == 89 {
            match try_create_user(server.addr) {
                Ok((_, t)) => owner = t,
                Err(e) => {
                    refused = Some(e);
                    break;
                }
            }
        }
        let r = post_profile(server.addr, &owner, &format!("full{i}"), &datetime_for(100 + i)).unwrap();
        match r.status {
            201 => saved.push(Saved {
                token: owner.clone(),
                id: r.json()["id"].as_str().unwrap().into(),
                name: format!("full{i}"),
            }),
            _ => {
                refused = Some(format!("status {}: {}", r.status, r.text()));
                break;
            }
        }
    }
    let refused = refused.expect("2000 writes fitted on a full 24 MB disk");
    assert!(refused.starts_with("status 507") && refused.contains("insufficient_storage"), "{refused}");

    // The database failed a commit: not ready, and requests are a clear 503/507 — never a 500.
    let (status, body) = wait_ready(&server, 503, Duration::from_secs(5));
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("store_unavailable"), "{body}");
    for _ in 0..3 {
        let r = Request::get("/v1/profiles").bearer(&token).send(server.addr);
        assert!(matches!(r.status, 200 | 503), "a read on a full disk: {} {}", r.status, r.text());
        let w = post_profile(server.addr, &token, "more", &datetime_for(7)).unwrap();
        assert!(matches!(w.status, 503 | 507), "a write on a full disk: {} {}", w.status, w.text());
    }
    assert_eq!(server.get("/health/live").status, 200, "the process is alive");
    assert_eq!(metric(&server, "saju_store_up "), 0.0);
    assert!(metric(&server, "saju_store_write_failures_total{reason=\"io\"}") >= 1.0);

    // Space returns: the server reopens the store by itself, no request needed.
    std::fs::remove_file(&filler).unwrap();
    let (status, body) = wait_ready(&server, 200, Duration::from_secs(15));
    assert_eq!(status, 200, "readiness did not come back after space was freed: {body}");
    assert_eq!(metric(&server, "saju_store_up "), 1.0);
    assert!(metric(&server, "saju_store_reopens_total ") >= 1.0);
    assert_healthy(server.addr);
    let r = post_profile(server.addr, &token, "after", &datetime_for(9)).unwrap();
    assert_eq!(r.status, 201, "a write after recovery: {}", r.text());
    let checked = assert_profiles_readable(server.addr, &saved);
    println!("full disk: {checked} acknowledged profiles readable after recovery; refused with {refused:.60}");
    assert!(server.log_text().contains("reopened"), "the recovery is logged");
}

#[test]
fn under_the_watermark_writes_are_507_while_reads_deletes_and_readiness_keep_working() {
    if !can_mount_tmpfs() {
        println!("SKIP under_the_watermark_…: this machine does not allow a tmpfs in a private mount namespace");
        return;
    }
    let (_tmp, server, dir) = serve_on_tmpfs(&[("SAJU_SERVER__MIN_FREE_DISK_MB", "8")]);
    let (_, token) = server.create_user();
    let first = post_profile(server.addr, &token, "kept", &datetime_for(1)).unwrap();
    assert_eq!(first.status, 201, "{}", first.text());
    let spare = post_profile(server.addr, &token, "spare", &datetime_for(2)).unwrap();
    let spare_id = spare.json()["id"].as_str().unwrap().to_string();

    // 6 MB free, under the 8 MB watermark: far from full, but new writes are refused before the disk is.
    let filler = fill(&dir, 6_000_000);
    let r = post_profile(server.addr, &token, "refused", &datetime_for(3)).unwrap();
    assert_eq!(r.status, 507, "{}", r.text());
    assert_eq!(r.json()["code"], "insufficient_storage");
    assert!(r.json()["message"].as_str().unwrap().contains("MB"), "{}", r.text());
    assert_eq!(try_create_user(server.addr).unwrap_err().split(':').next(), Some("status 507"));
    let list = Request::get("/v1/profiles").bearer(&token).send(server.addr);
    assert_eq!(list.status, 200, "reads keep working: {}", list.text());
    let del = Request::new("DELETE", &format!("/v1/profiles/{spare_id}")).bearer(&token).send(server.addr);
    assert_eq!(del.status, 204, "deletes free space, so they are allowed: {}", del.text());
    assert_eq!(server.get("/health/ready").status, 200, "the store still serves");
    assert!(metric(&server, "saju_store_write_failures_total{reason=\"low_space\"}") >= 2.0);
    assert_eq!(metric(&server, "saju_store_min_free_bytes "), 8_000_000.0);

    std::fs::remove_file(&filler).unwrap();
    let r = post_profile(server.addr, &token, "after", &datetime_for(4)).unwrap();
    assert_eq!(r.status, 201, "{}", r.text());
}
