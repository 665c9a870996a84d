//! `saju backup` while the server runs and writes: a consistent copy that a second server opens, holding
//! everything written before the backup started; an existing target is refused.

use crate::http::Request;
use crate::support::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A second server on a copy of `backup` as its database (the folder is removed when the first value drops).
fn serve_copy(backup: &std::path::Path) -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(backup, dir.path().join("saju.redb")).unwrap();
    let server = Server::start(dir.path());
    (dir, server)
}

#[test]
fn backup_of_a_running_server_restores_into_a_second_server() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let addr = server.addr;

    // Written and acknowledged before anything else happens.
    let (_, token) = server.create_user();
    let mut before: Vec<Saved> = Vec::new();
    for i in 0..20 {
        let name = format!("before-{i}");
        let r = post_profile(addr, &token, &name, &datetime_for(i)).expect("post profile");
        assert_eq!(r.status, 201, "{}", r.text());
        before.push(Saved { token: token.clone(), id: r.json()["id"].as_str().unwrap().to_string(), name });
    }

    // A writer keeps going while the backup runs; each write is stamped with when it was acknowledged.
    let stop = AtomicBool::new(false);
    let acked: Mutex<Vec<(Instant, Saved)>> = Mutex::new(Vec::new());
    let target = out_dir.path().join("snapshot.redb");
    let dir_arg = dir.path().to_str().unwrap();
    let target_arg = target.to_str().unwrap();
    let (backup, backup_started, writer_tokens) = std::thread::scope(|s| {
        let writer = s.spawn(|| {
            let mut tokens = Vec::new();
            let mut current = None::<(String, usize)>;
            let start = Instant::now();
            for i in 0..10_000 {
                if stop.load(Ordering::SeqCst) || start.elapsed() > Duration::from_secs(30) {
                    break;
                }
                let token = match &current {
                    Some((t, n)) if *n < 90 => t.clone(),
                    _ => {
                        let (_, t) = try_create_user(addr).expect("create user while backing up");
                        tokens.push(t.clone());
                        current = Some((t.clone(), 0));
                        t
                    }
                };
                let name = format!("during-{i}");
                let r = post_profile(addr, &token, &name, &datetime_for(1000 + i)).expect("post during backup");
                assert_eq!(r.status, 201, "{}", r.text());
                let id = r.json()["id"].as_str().unwrap().to_string();
                acked.lock().unwrap().push((Instant::now(), Saved { token, id, name }));
                if let Some((_, n)) = &mut current {
                    *n += 1;
                }
            }
            tokens
        });
        // Let the writer get going, then back up in the middle of its writes.
        let t = Instant::now();
        while acked.lock().unwrap().len() < 10 && t.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let started = Instant::now();
        let out = run_bounded(saju_command(&["backup", target_arg, "--data-dir", dir_arg]), Duration::from_secs(60));
        // A few more writes after the backup, which the copy need not have.
        std::thread::sleep(Duration::from_millis(100));
        stop.store(true, Ordering::SeqCst);
        (out, started, writer.join().expect("writer"))
    });
    assert!(backup.status.success(), "backup failed: {}", stderr(&backup));
    assert!(stdout(&backup).contains("백업 완료"), "{}", stdout(&backup));
    let acked = acked.into_inner().unwrap();
    let during_before: Vec<Saved> =
        acked.iter().filter(|(t, _)| *t < backup_started).map(|(_, saved)| saved.clone()).collect();
    assert!(during_before.len() >= 10, "{}", during_before.len());
    assert!(acked.len() > during_before.len(), "no write happened during or after the backup");
    assert!(server.get("/health").status == 200, "the server kept working");

    // The copy opens as the database of a second server and has everything written before the backup began.
    let (_copy, restored) = serve_copy(&target);
    assert_healthy(restored.addr);
    assert_profiles_readable(restored.addr, &before);
    assert_profiles_readable(restored.addr, &during_before);
    // A consistent snapshot: every profile it lists is whole (readable, with its cached chart).
    let mut listed = 0;
    for token in std::iter::once(&token).chain(&writer_tokens) {
        let r = Request::get("/v1/profiles").bearer(token).send(restored.addr);
        if r.status == 401 {
            continue; // a user created after the snapshot
        }
        assert_eq!(r.status, 200, "{}", r.text());
        for p in r.json().as_array().unwrap() {
            let id = p["id"].as_str().unwrap();
            let chart = Request::get(&format!("/v1/profiles/{id}/chart")).bearer(token).send(restored.addr);
            assert_eq!(chart.status, 200, "{}", chart.text());
            assert!(chart.json()["pillars"]["day"]["hangul"].is_string());
            assert!(p["pillars"]["day"].is_string(), "{p}");
            listed += 1;
        }
    }
    assert!(listed >= before.len() + during_before.len() && listed <= before.len() + acked.len(), "{listed}");
    eprintln!(
        "backup: {} written before the backup, {} after it began; the copy holds {listed}",
        before.len() + during_before.len(),
        acked.len() - during_before.len()
    );

    // Backing up onto an existing file is refused and leaves it untouched.
    let size = std::fs::metadata(&target).unwrap().len();
    let again = run_bounded(saju_command(&["backup", target_arg, "--data-dir", dir_arg]), Duration::from_secs(30));
    let line = assert_one_line_error(&again);
    assert!(line.contains("이미 있는 파일") && line.contains(target_arg), "{line}");
    assert_eq!(std::fs::metadata(&target).unwrap().len(), size);
}

/// The documented `docker exec saju saju backup /var/lib/saju/backups/manual.redb` on a fresh volume: the
/// `backups/` folder does not exist yet and is created; a folder that cannot be created is named in the error.
#[test]
fn backup_into_a_missing_folder_creates_it_and_errors_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let (_, token) = server.create_user();
    let dir_arg = dir.path().to_str().unwrap();

    let target = dir.path().join("backups/nested/manual.redb");
    let out = run_bounded(
        saju_command(&["backup", target.to_str().unwrap(), "--data-dir", dir_arg]),
        Duration::from_secs(60),
    );
    assert!(out.status.success(), "backup into a missing folder failed: {}", stderr(&out));
    assert!(target.is_file() && stdout(&out).contains(target.to_str().unwrap()), "{}", stdout(&out));
    let (_copy, restored) = serve_copy(&target);
    assert_eq!(Request::get("/v1/users/me").bearer(&token).send(restored.addr).status, 200, "the copy has the user");

    // A parent that is a file: the folder cannot be created, and the error says which path.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let bad = blocker.join("manual.redb");
    let out =
        run_bounded(saju_command(&["backup", bad.to_str().unwrap(), "--data-dir", dir_arg]), Duration::from_secs(60));
    let line = assert_one_line_error(&out);
    assert!(line.contains(blocker.to_str().unwrap()), "the error names the folder: {line}");
}

/// What the shipped schedules run (the systemd timer, the Kubernetes CronJob): `saju backup` with no path
/// writes `<data_dir>/backups/saju-<time>-<id>.redb`, reads the copy back, keeps the newest
/// `server.backups_keep`, and the running server's metrics report how many there are and when the newest
/// was written (what the SajuBackupStale alert reads).
#[test]
fn scheduled_backups_are_checked_pruned_and_reported_in_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let (_, token) = server.create_user();
    let dir_arg = dir.path().to_str().unwrap();
    let gauge = |name: &str| -> i64 {
        let text = server.get("/metrics").text();
        let line = text.lines().find(|l| l.starts_with(&format!("{name} "))).unwrap_or_else(|| panic!("{name}"));
        line.rsplit(' ').next().unwrap().parse().unwrap()
    };
    assert_eq!((gauge("saju_backups_kept"), gauge("saju_backup_last_timestamp_seconds")), (0, 0));

    let kept = dir.path().join("backups");
    let mut outputs = Vec::new();
    for _ in 0..3 {
        let mut cmd = saju_command(&["backup", "--data-dir", dir_arg]);
        cmd.env("SAJU_SERVER__BACKUPS_KEEP", "2");
        let out = run_bounded(cmd, Duration::from_secs(60));
        assert!(out.status.success(), "{}", stderr(&out));
        outputs.push(stdout(&out));
    }
    assert!(outputs.iter().all(|o| o.contains("백업 완료") && o.contains("다시 읽어 확인함")), "{outputs:?}");
    assert!(outputs[2].contains("오래된 백업 1개를 지웠습니다"), "{}", outputs[2]);
    let mut names: Vec<String> =
        std::fs::read_dir(&kept).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.starts_with("saju-") && n.ends_with(".redb")), "{names:?}");
    // The two kept are the two newest: the third run's file is one of them.
    assert!(outputs[2].contains(names[1].as_str()) || outputs[2].contains(names[0].as_str()), "{}", outputs[2]);

    assert_eq!(gauge("saju_backups_kept"), 2);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let newest = gauge("saju_backup_last_timestamp_seconds");
    assert!((now - 120..=now + 5).contains(&newest), "{newest} vs {now}");

    // Each kept file is a database a server opens, with the user in it.
    let (_copy, restored) = serve_copy(&kept.join(&names[1]));
    assert_eq!(Request::get("/v1/users/me").bearer(&token).send(restored.addr).status, 200);
}
