//! Local models in the running server: the dense index is built at start-up (server ready meanwhile), saved,
//! and reused by the next start.

use crate::support::*;
use crate::tiny_models::{write_embedding_model, EncoderKind};
use std::time::{Duration, Instant};

/// Waits (bounded) for a log line containing `needle`.
fn wait_for_log(server: &Server, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(line) = server.log_lines().into_iter().find(|l| l.contains(needle)) {
            return line;
        }
        assert!(Instant::now() < deadline, "no {needle:?} in the log:\n{}", server.log_text());
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_server_builds_the_dense_index_once_and_reuses_it() {
    let data = tempfile::tempdir().unwrap();
    write_embedding_model(&data.path().join("models/tiny-embed"), EncoderKind::Bert, 32).unwrap();
    let env = [("SAJU_KNOWLEDGE__EMBEDDING_MODEL", "tiny-embed")];

    let mut server = Server::start_with(data.path(), &env, &[]);
    assert_eq!(server.get("/health/ready").status, 200);
    let line = wait_for_log(&server, "dense index attached");
    assert!(line.contains("Built"), "{line}");
    server.signal(libc::SIGTERM);
    let status = server.wait_exit(Duration::from_secs(30)).expect("exits");
    assert!(status.success(), "{status:?}\n{}", server.log_text());

    let mut again = Server::start_with(data.path(), &env, &[]);
    let line = wait_for_log(&again, "dense index attached");
    assert!(line.contains("Stored"), "{line}");
    again.signal(libc::SIGTERM);
    let status = again.wait_exit(Duration::from_secs(30)).expect("exits");
    assert!(status.success(), "{status:?}\n{}", again.log_text());
}
