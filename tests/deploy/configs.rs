//! Every configuration an artifact carries is accepted by the binary: `saju check-config` with exactly the
//! environment (and file) each deployment gives the process, and the effective values are the intended ones.

use crate::cli::container_env;
use crate::support::*;
use std::time::Duration;

/// Runs `saju check-config [--config FILE]` with `env` only; returns (success, stdout, stderr).
fn check_config(env: &[(String, String)], config: Option<&std::path::Path>) -> (bool, String, String) {
    let mut args = vec!["check-config"];
    let path;
    if let Some(p) = config {
        path = p.to_str().unwrap().to_string();
        args.extend(["--config", &path]);
    }
    let mut cmd = saju(&args);
    cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let out = run_bounded(cmd, Duration::from_secs(30));
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

fn env_of(file: &str) -> Vec<(String, String)> {
    let env: Vec<(String, String)> =
        container_env().into_iter().filter(|(f, _, _)| f == file).map(|(_, k, v)| (k, v)).collect();
    assert!(!env.is_empty(), "no environment found for {file}");
    env
}

/// Compose's `${VAR:-default}` with nothing set: the default (empty without one).
fn compose_default(value: &str) -> String {
    let re = regex::Regex::new(r"\$\{[A-Za-z0-9_]+(?::?-([^}]*))?\}").unwrap();
    re.replace_all(value, |c: &regex::Captures| c.get(1).map_or(String::new(), |m| m.as_str().to_string())).into_owned()
}

fn effective(stdout: &str) -> toml::Value {
    toml::from_str(stdout).expect("check-config prints TOML")
}

#[test]
fn dockerfile_environment_is_valid_and_listens_on_all_interfaces_with_the_volume_as_data() {
    let (ok, out, err) = check_config(&env_of("Dockerfile"), None);
    assert!(ok, "{err}");
    let v = effective(&out);
    assert_eq!(v["server"]["listen"].as_str(), Some("0.0.0.0:8000"));
    assert_eq!(v["server"]["data_dir"].as_str(), Some("/var/lib/saju"));
}

#[test]
fn compose_environment_is_valid_with_nothing_set_and_in_production() {
    let env: Vec<(String, String)> =
        env_of("deploy/compose.yaml").into_iter().map(|(k, v)| (k, compose_default(&v))).collect();
    let (ok, out, err) = check_config(&env, None);
    assert!(ok, "{err}");
    let v = effective(&out);
    assert_eq!(v["security"]["trusted_proxies"].as_array().unwrap()[0].as_str(), Some("127.0.0.1"));
    assert_eq!(v["server"]["data_dir"].as_str(), Some("/var/lib/saju"));
    // What an operator sets in deploy/.env for production.
    let mut prod = env.clone();
    for (k, v) in [("ENVIRONMENT", "production"), ("CORS_ORIGINS", "https://saju.example.com")] {
        prod.retain(|(name, _)| name != k);
        prod.push((k.into(), v.into()));
    }
    let (ok, out, err) = check_config(&prod, None);
    assert!(ok, "{err}");
    assert_eq!(effective(&out)["environment"].as_str(), Some("production"));
}

#[test]
fn kubernetes_config_map_and_env_are_valid_even_with_service_links() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("saju.toml");
    std::fs::write(&file, crate::artifacts::k8s_config_toml()).unwrap();
    let mut env = env_of("deploy/k8s/deployment.yaml");
    env.extend(env_of("deploy/k8s/secret.example.yaml"));
    let (ok, out, err) = check_config(&env, Some(&file));
    assert!(ok, "{err}");
    let v = effective(&out);
    assert_eq!(v["environment"].as_str(), Some("production"));
    assert_eq!(v["server"]["shutdown_drain_seconds"].as_integer(), Some(5));
    assert!(out.contains("admin_token = \"***("), "the admin token is set and masked:\n{out}");
    // What Kubernetes injects for a Service named saju when service links are on: not configuration,
    // so the binary ignores them (the manifests still turn them off).
    for (k, v) in [
        ("SAJU_SERVICE_HOST", "10.96.0.10"),
        ("SAJU_SERVICE_PORT", "80"),
        ("SAJU_PORT", "tcp://10.96.0.10:80"),
        ("SAJU_PORT_80_TCP_ADDR", "10.96.0.10"),
    ] {
        env.push((k.into(), v.into()));
    }
    let (ok, _, err) = check_config(&env, Some(&file));
    assert!(ok, "service-link variables must not break the configuration\n{err}");
}

#[test]
fn ecs_environment_and_secrets_are_valid() {
    let (ok, out, err) = check_config(&env_of("deploy/ecs/task-definition.json"), None);
    assert!(ok, "{err}");
    let v = effective(&out);
    assert_eq!(v["environment"].as_str(), Some("production"));
    assert_eq!(v["server"]["data_dir"].as_str(), Some("/var/lib/saju"));
    assert_eq!(v["security"]["cors_origins"].as_array().unwrap().len(), 1);
}

#[test]
fn systemd_environment_file_example_is_valid_as_shipped_and_with_its_comments_enabled() {
    let shipped: Vec<(String, String)> = read("systemd/saju.env.example")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
        .collect();
    assert!(shipped.iter().any(|(k, _)| k == "SAJU_SECURITY__ADMIN_TOKEN"));
    let (ok, _, err) = check_config(&shipped, None);
    assert!(ok, "as shipped: {err}");
    let (ok, out, err) = check_config(&env_of("systemd/saju.env.example"), None);
    assert!(ok, "with the commented lines: {err}");
    assert_eq!(effective(&out)["environment"].as_str(), Some("production"));
}
