//! `saju migrate`: status of a missing database, creating the current schema, and a clear refusal (no hang, no panic)
//! while a server holds the database.

use crate::support::*;
use std::time::Duration;

fn migrate(dir: &str, status: bool) -> std::process::Output {
    let mut args = vec!["migrate", "--data-dir", dir];
    if status {
        args.push("--status");
    }
    run_bounded(saju_command(&args), Duration::from_secs(30))
}

#[test]
fn migrate_creates_schema_and_refuses_a_running_servers_database() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let dir = data.to_str().unwrap();
    let db = data.join("saju.redb");

    let o = migrate(dir, true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("아직 없음"), "{}", stdout(&o));
    assert!(!db.exists(), "--status created the database");

    let o = migrate(dir, false);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("스키마 버전 {}", saju::store::SCHEMA_VERSION)), "{}", stdout(&o));
    assert!(db.is_file());

    let o = migrate(dir, true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("스키마 버전 {v} (이 프로그램 {v})", v = saju::store::SCHEMA_VERSION)),
        "{}",
        stdout(&o)
    );

    // Running it again changes nothing.
    let o = migrate(dir, false);
    assert!(
        o.status.success() && stdout(&o).contains(&format!("스키마 버전 {}", saju::store::SCHEMA_VERSION)),
        "{}",
        stderr(&o)
    );

    let server = Server::start(&data);
    assert_healthy(server.addr);
    // A second writer is refused at once with a message that says why.
    let o = migrate(dir, false);
    let line = assert_one_line_error(&o);
    assert!(line.contains("다른 프로세스에서 쓰기용으로 열려 있습니다") && line.contains("saju.redb"), "{line}");
    // Reading the version is allowed alongside the server (a read-only handle in the writer's mode).
    let o = migrate(dir, true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("스키마 버전 {}", saju::store::SCHEMA_VERSION)), "{}", stdout(&o));
    assert_healthy(server.addr);
    drop(server);

    let o = migrate(dir, false);
    assert!(o.status.success(), "after the server stopped: {}", stderr(&o));
}

/// After a crash the file needs redb's repair, which only a writer performs. What the read-only commands do
/// meanwhile is pinned here: they fail cleanly (one line, exit 1) until `saju migrate` or `saju serve` has
/// opened the file for writing once.
#[test]
fn read_only_commands_after_a_crash_fail_cleanly_until_a_writer_repairs() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let dir = data.to_str().unwrap();
    let mut server = Server::start(&data);
    server.create_user();
    server.kill9();

    let status = migrate(dir, true);
    let backup_target = tmp.path().join("b.redb");
    let backup = run_bounded(
        saju_command(&["backup", backup_target.to_str().unwrap(), "--data-dir", dir]),
        Duration::from_secs(30),
    );
    for o in [&status, &backup] {
        if !o.status.success() {
            assert_one_line_error(o);
        }
    }
    eprintln!(
        "after SIGKILL, before repair: migrate --status {:?} {}; backup {:?} {}",
        status.status.code(),
        stderr(&status).trim(),
        backup.status.code(),
        stderr(&backup).trim()
    );

    let o = migrate(dir, false);
    assert!(o.status.success(), "migrate repairs after a crash: {}", stderr(&o));
    let o = migrate(dir, true);
    assert!(
        o.status.success() && stdout(&o).contains(&format!("스키마 버전 {}", saju::store::SCHEMA_VERSION)),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_file(&backup_target);
    let o = run_bounded(
        saju_command(&["backup", backup_target.to_str().unwrap(), "--data-dir", dir]),
        Duration::from_secs(30),
    );
    assert!(o.status.success(), "{}", stderr(&o));
}
