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
    assert_eq!(v["security"]["trusted_proxies"].as_array().unwrap()[0].as_str(), Some("172.30.57.10"));
    assert_eq!(v["environment"].as_str(), Some("production"), "compose runs in production by default");
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

#[test]
fn dockerfile_environment_leaves_a_mounted_config_file_s_models_alone() {
    // The image without build arguments has `SAJU_LLM__LOCAL__MODEL=` and `SAJU_KNOWLEDGE__EMBEDDING_MODEL=`
    // (empty) in its environment: they must not replace what a mounted saju.toml names.
    let plain = crate::artifacts::dockerfile_env();
    assert!(plain.contains_key("SAJU_LLM__LOCAL__MODEL") && plain.contains_key("SAJU_KNOWLEDGE__EMBEDDING_MODEL"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("saju.toml");
    std::fs::write(
        &file,
        "[llm.local]\nmodel = \"/models/chat\"\n\n[knowledge]\nembedding_model = \"multilingual-e5-small\"\n",
    )
    .unwrap();
    let mut env = env_of("Dockerfile");
    env.push(("SAJU_CONFIG".into(), file.to_str().unwrap().into()));
    let (ok, out, err) = check_config(&env, None);
    assert!(ok, "{err}");
    let v = effective(&out);
    assert_eq!(v["llm"]["local"]["model"].as_str(), Some("/models/chat"), "{out}");
    assert_eq!(v["knowledge"]["embedding_model"].as_str(), Some("multilingual-e5-small"), "{out}");
    // An image built with the models names them in its environment, which wins over the file (precedence).
    let baked = crate::artifacts::dockerfile_env_with(&[("CHAT_MODEL", "qwen2.5-0.5b-instruct")]);
    let mut env: Vec<(String, String)> = baked.into_iter().collect();
    env.push(("SAJU_CONFIG".into(), file.to_str().unwrap().into()));
    let (ok, out, err) = check_config(&env, None);
    assert!(ok, "{err}");
    let v = effective(&out);
    assert_eq!(v["llm"]["local"]["model"].as_str(), Some("/usr/share/saju/models/qwen2.5-0.5b-instruct"));
    assert_eq!(v["knowledge"]["embedding_model"].as_str(), Some("multilingual-e5-small"));
}

#[test]
fn a_generator_timeout_longer_than_the_request_timeout_is_refused_naming_both_keys() {
    let env = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    // The defaults fit a local model.
    let (ok, _, err) = check_config(&env(&[("SAJU_LLM__LOCAL__MODEL", "qwen2.5-0.5b-instruct")]), None);
    assert!(ok, "{err}");
    // The old contradiction: request 30 s, local model 60 s.
    let (ok, _, err) = check_config(
        &env(&[
            ("SAJU_LLM__LOCAL__MODEL", "qwen2.5-0.5b-instruct"),
            ("SAJU_SERVER__REQUEST_TIMEOUT_SECONDS", "30"),
            ("SAJU_LLM__LOCAL__TIMEOUT_SECONDS", "60"),
        ]),
        None,
    );
    assert!(!ok);
    let line = err.trim();
    assert!(
        line.starts_with("saju: 오류: 설정 오류: llm.local.timeout_seconds: ")
            && line.contains("server.request_timeout_seconds"),
        "{line}"
    );
    // A remote service needs more than its 25 s.
    let (ok, _, err) = check_config(
        &env(&[
            ("OPENAI_BASE_URL", "https://llm.example.com/v1"),
            ("OPENAI_MODEL", "gpt-4o-mini"),
            ("SAJU_SERVER__REQUEST_TIMEOUT_SECONDS", "20"),
        ]),
        None,
    );
    assert!(!ok && err.contains("server.request_timeout_seconds") && err.contains("llm.remote"), "{err}");
    // The Kubernetes ConfigMap with a local model configured is accepted as shipped.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("saju.toml");
    std::fs::write(&file, crate::artifacts::k8s_config_toml()).unwrap();
    let (ok, _, err) = check_config(&env(&[("SAJU_LLM__LOCAL__MODEL", "qwen2.5-0.5b-instruct")]), Some(&file));
    assert!(ok, "{err}");
}
