//! `saju check-config` as an operator runs it, in a clean environment: defaults, the precedence
//! defaults < TOML file < SAJU_* < flags, the common aliases, masked secrets, and one-line errors that name
//! the key.

use crate::support::*;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

fn check_config(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut all = vec!["check-config"];
    all.extend_from_slice(args);
    let mut cmd = saju_command(&all);
    cmd.current_dir(cwd).envs(env.iter().copied());
    run_bounded(cmd, Duration::from_secs(30))
}

/// The printed configuration, parsed.
fn effective(o: &Output) -> toml::Table {
    assert!(o.status.success(), "check-config failed: {}", stderr(o));
    assert!(stderr(o).contains("설정이 올바릅니다"), "{}", stderr(o));
    stdout(o).parse::<toml::Table>().unwrap_or_else(|e| panic!("not TOML ({e}):\n{}", stdout(o)))
}

fn at<'a>(t: &'a toml::Table, path: &str) -> &'a toml::Value {
    let mut parts = path.split('.');
    let mut v = t.get(parts.next().unwrap()).unwrap_or_else(|| panic!("no {path} in {t:#?}"));
    for p in parts {
        v = v.get(p).unwrap_or_else(|| panic!("no {path} in {t:#?}"));
    }
    v
}

fn s<'a>(t: &'a toml::Table, path: &str) -> &'a str {
    at(t, path).as_str().unwrap_or_else(|| panic!("{path} is not a string"))
}

fn int(t: &toml::Table, path: &str) -> i64 {
    at(t, path).as_integer().unwrap_or_else(|| panic!("{path} is not an integer"))
}

/// The key a `saju: 오류: 설정 오류: KEY: ...` line names.
fn error_key(line: &str) -> String {
    let rest = line.strip_prefix("saju: 오류: 설정 오류: ").unwrap_or_else(|| panic!("not a config error: {line}"));
    rest.split_once(": ").map(|(k, _)| k.to_string()).unwrap_or_else(|| panic!("no key in {line}"))
}

/// An unknown key's error names exactly that key.
fn assert_names_unknown_key(line: &str, key: &str) {
    let named = error_key(line);
    assert_eq!(named, key, "expected the key {key}: {line}");
}

#[test]
fn defaults_without_a_file() {
    let cwd = tempfile::tempdir().unwrap();
    let o = check_config(cwd.path(), &[], &[]);
    assert!(stdout(&o).contains("listen = \"127.0.0.1:8000\""), "{}", stdout(&o));
    let t = effective(&o);
    assert_eq!(s(&t, "server.listen"), "127.0.0.1:8000");
    assert_eq!(s(&t, "server.data_dir"), "saju-data");
    assert_eq!(s(&t, "environment"), "development");
    assert_eq!(s(&t, "log.level"), "info");
    assert_eq!(s(&t, "log.format"), "json");
    assert_eq!(at(&t, "rate_limit.enabled").as_bool(), Some(true));
    assert_eq!(int(&t, "rate_limit.burst"), 100);
    assert_eq!(int(&t, "server.shutdown_grace_seconds"), 20);
    assert_eq!(s(&t, "llm.remote.api_key"), "");
}

#[test]
fn precedence_defaults_file_env_flags() {
    let cwd = tempfile::tempdir().unwrap();
    let file = cwd.path().join("saju.toml");
    std::fs::write(
        &file,
        "[server]\nlisten = \"127.0.0.1:8100\"\ndata_dir = \"/from-file\"\nrequest_timeout_seconds = 11\n\n\
         [rate_limit]\nburst = 7\nrequests_per_second = 9\n\n[log]\nlevel = \"debug\"\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();

    // File over defaults.
    let t = effective(&check_config(cwd.path(), &["--config", f], &[]));
    assert_eq!(s(&t, "server.listen"), "127.0.0.1:8100");
    assert_eq!(s(&t, "server.data_dir"), "/from-file");
    assert_eq!((int(&t, "rate_limit.burst"), int(&t, "rate_limit.requests_per_second")), (7, 9));
    assert_eq!(int(&t, "server.request_timeout_seconds"), 11);
    assert_eq!(int(&t, "server.body_limit_bytes"), 262_144, "untouched keys keep their defaults");
    assert_eq!(s(&t, "log.level"), "debug");

    // SAJU_* over the file; the alias LOG_LEVEL over the file but under SAJU_LOG__LEVEL.
    let env = [
        ("SAJU_SERVER__LISTEN", "127.0.0.1:8200"),
        ("SAJU_SERVER__DATA_DIR", "/from-env"),
        ("SAJU_RATE_LIMIT__BURST", "8"),
        ("LOG_LEVEL", "warn"),
    ];
    let t = effective(&check_config(cwd.path(), &["--config", f], &env));
    assert_eq!(s(&t, "server.listen"), "127.0.0.1:8200");
    assert_eq!(s(&t, "server.data_dir"), "/from-env");
    assert_eq!((int(&t, "rate_limit.burst"), int(&t, "rate_limit.requests_per_second")), (8, 9));
    assert_eq!(s(&t, "log.level"), "warn");
    let t =
        effective(&check_config(cwd.path(), &["--config", f], &[("LOG_LEVEL", "warn"), ("SAJU_LOG__LEVEL", "error")]));
    assert_eq!(s(&t, "log.level"), "error");

    // Flags over everything.
    let t = effective(&check_config(cwd.path(), &["--config", f, "--data-dir", "/from-flag"], &env));
    assert_eq!(s(&t, "server.data_dir"), "/from-flag");

    // SAJU_CONFIG names the file when --config is absent; --config wins over it.
    let t = effective(&check_config(cwd.path(), &[], &[("SAJU_CONFIG", f)]));
    assert_eq!(s(&t, "server.listen"), "127.0.0.1:8100");
    let other = cwd.path().join("other.toml");
    std::fs::write(&other, "[server]\nlisten = \"127.0.0.1:8300\"\n").unwrap();
    let t = effective(&check_config(cwd.path(), &["--config", other.to_str().unwrap()], &[("SAJU_CONFIG", f)]));
    assert_eq!(s(&t, "server.listen"), "127.0.0.1:8300");
}

#[test]
fn serve_listen_flag_wins_over_file_and_env() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("saju.toml");
    std::fs::write(&file, "[server]\nlisten = \"127.0.0.1:9\"\n").unwrap();
    let server = Server::start_with(
        &dir.path().join("data"),
        &[("SAJU_SERVER__LISTEN", "127.0.0.1:10")],
        &["--config", file.to_str().unwrap()],
    );
    assert!(![9, 10].contains(&server.addr.port()), "{}", server.addr);
    assert_eq!(server.get("/health/live").status, 200);
}

#[test]
fn aliases_map_onto_keys() {
    let cwd = tempfile::tempdir().unwrap();
    let env = [
        ("LOG_LEVEL", "WARN"),
        ("CORS_ORIGINS", "https://a.example, https://b.example"),
        ("ALLOWED_HOSTS", "saju.example,localhost:8000"),
        ("OPENAI_MODEL", "gpt-test"),
        ("OPENAI_BASE_URL", "https://llm.example/v1"),
        ("ENVIRONMENT", "Staging"),
    ];
    let t = effective(&check_config(cwd.path(), &[], &env));
    assert_eq!(s(&t, "log.level"), "warn");
    let origins: Vec<&str> =
        at(&t, "security.cors_origins").as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(origins, ["https://a.example", "https://b.example"]);
    let hosts: Vec<&str> =
        at(&t, "security.allowed_hosts").as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(hosts, ["saju.example", "localhost:8000"]);
    assert_eq!(s(&t, "llm.remote.model"), "gpt-test");
    assert_eq!(s(&t, "llm.remote.base_url"), "https://llm.example/v1");
    assert_eq!(s(&t, "environment"), "staging");
}

#[test]
fn secrets_are_masked() {
    let cwd = tempfile::tempdir().unwrap();
    let api_key = "sk-proc-test-0123456789-SECRET";
    let admin = "admin-token-abcdefghijklmnop-SECRET";
    let o = check_config(cwd.path(), &[], &[("OPENAI_API_KEY", api_key), ("SAJU_SECURITY__ADMIN_TOKEN", admin)]);
    for secret in [api_key, admin] {
        assert!(!stdout(&o).contains(secret) && !stderr(&o).contains(secret), "{secret} printed:\n{}", stdout(&o));
    }
    let t = effective(&o);
    assert_eq!(s(&t, "llm.remote.api_key"), format!("***({}자)", api_key.len()));
    assert_eq!(s(&t, "security.admin_token"), format!("***({}자)", admin.len()));
}

#[test]
fn bad_configuration_is_one_line_naming_the_key() {
    let cwd = tempfile::tempdir().unwrap();
    let bad = cwd.path().join("bad.toml");
    std::fs::write(&bad, "[server]\nlisten_port = 1\n").unwrap();
    let bad = bad.to_str().unwrap();

    let line = assert_one_line_error(&check_config(cwd.path(), &["--config", bad], &[]));
    assert_names_unknown_key(&line, "server.listen_port");

    let line = assert_one_line_error(&check_config(cwd.path(), &[], &[("SAJU_SERVER__NOPE", "1")]));
    assert_names_unknown_key(&line, "server.nope");

    let line = assert_one_line_error(&check_config(cwd.path(), &[], &[("SAJU_RATE_LIMIT__BURST", "0")]));
    assert!(error_key(&line).starts_with("rate_limit"), "{line}");
    assert!(line.contains("burst"), "{line}");

    let line = assert_one_line_error(&check_config(cwd.path(), &[], &[("SAJU_RATE_LIMIT__BURST", "many")]));
    assert_eq!(error_key(&line), "rate_limit.burst", "{line}");

    let line = assert_one_line_error(&check_config(cwd.path(), &[], &[("SAJU_SERVER__LISTEN", "localhost")]));
    assert_eq!(error_key(&line), "server.listen", "{line}");

    let line = assert_one_line_error(&check_config(cwd.path(), &[], &[("LOG_LEVEL", "loud")]));
    assert_eq!(error_key(&line), "log.level", "{line}");

    let line = assert_one_line_error(&check_config(cwd.path(), &[], &[("ENVIRONMENT", "production")]));
    assert_eq!(error_key(&line), "security.cors_origins", "{line}");
    let ok = check_config(cwd.path(), &[], &[("ENVIRONMENT", "production"), ("CORS_ORIGINS", "https://saju.example")]);
    assert_eq!(s(&effective(&ok), "environment"), "production");
    let line = assert_one_line_error(&check_config(
        cwd.path(),
        &[],
        &[("ENVIRONMENT", "production"), ("CORS_ORIGINS", "https://saju.example"), ("LOG_LEVEL", "debug")],
    ));
    assert_eq!(error_key(&line), "log.level", "{line}");

    let missing = cwd.path().join("missing.toml");
    let line = assert_one_line_error(&check_config(cwd.path(), &["--config", missing.to_str().unwrap()], &[]));
    assert_eq!(error_key(&line), "config", "{line}");
    assert!(line.contains("missing.toml"), "{line}");

    // The same validation stops `serve` before it binds anything.
    let data = cwd.path().join("data");
    let mut cmd = saju_command(&["serve", "--listen", "127.0.0.1:0", "--data-dir", data.to_str().unwrap()]);
    cmd.env("SAJU_RATE_LIMIT__BURST", "0");
    let o = run_bounded(cmd, Duration::from_secs(30));
    assert_one_line_error(&o);
    assert!(!data.exists(), "serve created its data dir despite a bad configuration");
}
