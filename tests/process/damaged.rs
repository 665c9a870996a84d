//! A database file that is not what it should be — empty, truncated, bytes flipped — is an error that names
//! the file, for every command that opens it (`serve`, `migrate`, `migrate --status`, `backup`, `verify`):
//! never a panic (exit 101), never a new empty store in its place.

use crate::support::*;
use std::path::Path;
use std::time::Duration;

fn saju(args: &[&str]) -> std::process::Output {
    run_bounded(saju_command(args), Duration::from_secs(60))
}

/// The commands that read the file, each with what it did: `(name, output)`.
fn every_reader(data: &Path, scratch: &Path) -> Vec<(&'static str, std::process::Output)> {
    let dir = data.to_str().unwrap();
    let target = scratch.join(format!("b-{}.redb", saju::store::new_id()));
    vec![
        ("verify", saju(&["verify", "--data-dir", dir])),
        ("migrate --status", saju(&["migrate", "--status", "--data-dir", dir])),
        ("backup", saju(&["backup", target.to_str().unwrap(), "--data-dir", dir])),
    ]
}

fn assert_no_panic(what: &str, o: &std::process::Output) {
    assert_ne!(o.status.code(), Some(101), "{what} panicked: {}", stderr(o));
    assert!(!stderr(o).contains("panicked"), "{what}: {}", stderr(o));
}

fn filled_database(data: &Path) {
    let mut server = Server::start(data);
    let (token, _) = server.create_user();
    for i in 0..20 {
        post_profile(server.addr, &token, &format!("p{i}"), &datetime_for(i)).unwrap();
    }
    server.signal(libc::SIGTERM);
    assert!(server.wait_exit(Duration::from_secs(30)).is_some_and(|s| s.success()), "a clean stop");
}

#[test]
fn an_empty_file_is_an_error_not_a_new_store() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let db = data.join("saju.redb");
    std::fs::write(&db, b"").unwrap();
    for (what, o) in every_reader(&data, tmp.path()) {
        assert_no_panic(what, &o);
        let line = assert_one_line_error(&o);
        assert!(line.contains("saju.redb"), "{what}: {line}");
    }
    let o = saju(&["migrate", "--data-dir", data.to_str().unwrap()]);
    let line = assert_one_line_error(&o);
    assert!(line.contains("saju.redb") && line.contains("백업"), "{line}");
    let o = run_bounded(
        saju_command(&["serve", "--data-dir", data.to_str().unwrap(), "--listen", "127.0.0.1:0"]),
        Duration::from_secs(30),
    );
    assert!(!o.status.success(), "serve started on an empty database file");
    assert!(stderr(&o).contains("saju.redb"), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "the file was left as it was");
}

#[test]
fn truncated_and_flipped_files_are_errors_and_never_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    filled_database(&data);
    let db = data.join("saju.redb");
    let good = std::fs::read(&db).unwrap();
    let o = saju(&["verify", "--data-dir", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("이상 없음") && stdout(&o).contains("profiles"), "{}", stdout(&o));

    // Truncated: what `serve` refuses, `migrate --status` must not call fine.
    std::fs::write(&db, &good[..good.len() / 2]).unwrap();
    for (what, o) in every_reader(&data, tmp.path()) {
        assert_no_panic(what, &o);
        let line = assert_one_line_error(&o);
        assert!(line.contains("saju.redb"), "{what}: {line}");
    }

    // One flipped byte at 48 places across the file (bounded): each command either works or fails with a
    // one-line error; none panics.
    let (mut failed, mut worked) = (0, 0);
    for k in 0..48 {
        let mut bytes = good.clone();
        let at = (k * 7919 + 13) % bytes.len();
        bytes[at] ^= 0xA5;
        std::fs::write(&db, &bytes).unwrap();
        for (what, o) in every_reader(&data, tmp.path()) {
            assert_no_panic(&format!("{what} (byte {at})"), &o);
            if o.status.success() {
                worked += 1;
            } else {
                assert_one_line_error(&o);
                failed += 1;
            }
        }
    }
    eprintln!("flipped bytes: {failed} commands failed cleanly, {worked} read past the damage");
}
