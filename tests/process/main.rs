//! The `saju` binary as a process: durability under SIGKILL, graceful shutdown under load, backups of a
//! running server, configuration precedence and errors, migrations, and what the logs contain.
//!
//! Every server runs on 127.0.0.1 with port 0 and a temporary data directory; every child process is
//! killed when its guard drops; every loop is bounded in count and time.

mod backup;
mod batch_abuse;
mod config;
mod conformance;
mod connections;
mod damaged;
mod doors;
mod durability;
mod full_disk;
mod http;
mod logs;
mod migrate;
mod models;
mod probe;
mod shutdown;
mod support;
#[path = "../support/tiny_models.rs"]
#[allow(dead_code)]
mod tiny_models;
