//! The command lines and variable names the artifacts use exist in the binary: every `saju SUBCOMMAND --flag`
//! is checked against that subcommand's `--help`, every SAJU_* name maps to a key `saju check-config` prints,
//! and every other variable a container or unit gets is one of the aliases the configuration reads.

use crate::support::*;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// The files whose commands and variables must match the binary.
pub fn artifact_files() -> Vec<String> {
    let mut files = vec![
        "Dockerfile".to_string(),
        "systemd/saju.service".into(),
        "systemd/saju-backup.service".into(),
        "systemd/saju.env.example".into(),
        "scripts/install.sh".into(),
        "scripts/deploy.sh".into(),
        "scripts/deploy-blue-green.sh".into(),
        "docs/operations.md".into(),
    ];
    files.extend(files_under("deploy", &[".yaml", ".yml", ".json", ".conf", ".service", ".toml"]));
    files.extend(files_under(".github", &[".yml"]));
    files
}

fn help(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.push("--help");
    let out = run_bounded(saju(&all), Duration::from_secs(30));
    assert!(out.status.success(), "saju {} failed: {}", all.join(" "), text(&out.stderr));
    text(&out.stdout)
}

/// Subcommand names listed under "Commands:" in a help text.
fn subcommands(help: &str) -> BTreeSet<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

fn long_flags(help: &str) -> BTreeSet<String> {
    let re = regex::Regex::new(r"(?:^|\s)(--[a-z][a-z0-9-]*)").unwrap();
    help.lines()
        .filter(|l| l.trim_start().starts_with('-'))
        .flat_map(|l| re.captures_iter(l).map(|c| c[1].to_string()).collect::<Vec<_>>())
        .collect()
}

/// Does this token run the saju binary? `saju`, a path ending in /saju, or one of the scripts' binary variables.
fn is_binary_token(token: &str) -> bool {
    let t = token.trim_matches(|c| c == '"' || c == '\'' || c == '`' || c == '[' || c == ',');
    t == "saju"
        || t.ends_with("/saju")
        || t.ends_with("bin}")
        || t.ends_with("_BIN")
        || t.ends_with("_BIN}")
        || t.ends_with("bin")
        || t == "$reader"
}

#[derive(Debug)]
struct Invocation {
    file: String,
    line: usize,
    command: Vec<String>,
    flags: Vec<String>,
}

/// `nested` maps a subcommand that has subcommands of its own (calendar, models, plugins, …) to their names.
fn invocations(top: &BTreeSet<String>, nested: &BTreeMap<String, BTreeSet<String>>) -> Vec<Invocation> {
    let mut found = Vec::new();
    let stop = |t: &str| matches!(t, ";" | "|" | "&&" | "||" | "&" | ">" | "2>&1" | "\\" | "#") || t.starts_with('>');
    for file in artifact_files() {
        for (n, raw) in read(&file).lines().enumerate() {
            // JSON and YAML arrays: ["serve", "--config", ...] → serve --config ...
            let line = raw.replace(['[', ']', '"', ','], " ");
            let tokens: Vec<&str> = line.split_whitespace().collect();
            for i in 0..tokens.len() {
                let word = tokens[i].trim_matches('`');
                let after_binary = i > 0 && is_binary_token(tokens[i - 1]);
                // Dockerfile ENTRYPOINT ["saju"] + CMD ["serve"], k8s args, ECS command: a subcommand leads the line.
                let leads =
                    (raw.trim_start().starts_with("CMD") || raw.contains("args:") || raw.contains("\"command\""))
                        && top.contains(word);
                if !(top.contains(word) && (after_binary || leads)) {
                    continue;
                }
                let mut command = vec![word.to_string()];
                let mut rest = &tokens[i + 1..];
                if let Some(subs) = nested.get(word) {
                    if let Some(sub) = rest.first().filter(|s| subs.contains(s.trim_matches('`'))) {
                        command.push(sub.trim_matches('`').to_string());
                        rest = &rest[1..];
                    }
                }
                // The flags up to the end of the shell command or of the inline code span (`...`).
                let mut flags = Vec::new();
                if !tokens[i].ends_with('`') {
                    for t in rest {
                        if stop(t) {
                            break;
                        }
                        if t.starts_with("--") {
                            let flag = t.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
                            flags.push(flag.split('=').next().unwrap().to_string());
                        }
                        if t.contains('`') {
                            break;
                        }
                    }
                }
                found.push(Invocation { file: file.clone(), line: n + 1, command, flags });
            }
        }
    }
    found
}

#[test]
fn every_saju_command_line_in_the_artifacts_exists_in_the_binary() {
    let top_help = help(&[]);
    let top = subcommands(&top_help);
    assert!(top.contains("serve") && top.contains("migrate"), "{top_help}");
    let nested: BTreeMap<String, BTreeSet<String>> = top
        .iter()
        .map(|t| (t.clone(), subcommands(&help(&[t.as_str()]))))
        .filter(|(_, subs)| !subs.is_empty())
        .collect();
    assert!(nested.contains_key("calendar") && nested.contains_key("models"), "{nested:?}");
    let found = invocations(&top, &nested);
    let mut helps: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for inv in &found {
        let flags = helps.entry(inv.command.clone()).or_insert_with(|| {
            let args: Vec<&str> = inv.command.iter().map(String::as_str).collect();
            long_flags(&help(&args))
        });
        for flag in &inv.flags {
            if !flags.contains(flag) {
                problems.push(format!(
                    "{}:{}: saju {} {flag}: no such flag ({flags:?})",
                    inv.file,
                    inv.line,
                    inv.command.join(" ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The extraction is not vacuous: the operator commands appear where they should.
    let used: BTreeSet<(String, String)> = found.iter().map(|i| (i.file.clone(), i.command[0].clone())).collect();
    for (file, cmd) in [
        ("Dockerfile", "serve"),
        ("Dockerfile", "openapi"),
        ("systemd/saju.service", "serve"),
        ("systemd/saju-backup.service", "backup"),
        ("deploy/k8s/backup-cronjob.yaml", "backup"),
        ("deploy/blue-green/saju@.service", "serve"),
        ("deploy/k8s/deployment.yaml", "serve"),
        ("deploy/ecs/task-definition.json", "serve"),
        ("scripts/deploy.sh", "backup"),
        ("scripts/deploy.sh", "migrate"),
        ("scripts/deploy.sh", "check-config"),
        ("scripts/deploy-blue-green.sh", "serve"),
        ("docs/operations.md", "backup"),
        ("docs/operations.md", "migrate"),
        ("docs/operations.md", "check-config"),
    ] {
        assert!(used.contains(&(file.to_string(), cmd.to_string())), "no `saju {cmd}` found in {file}");
    }
    let with_flags = found.iter().filter(|i| !i.flags.is_empty()).count();
    eprintln!(
        "{} saju command lines checked ({with_flags} with flags) in {} files",
        found.len(),
        artifact_files().len()
    );
    assert!(with_flags >= 15, "{found:#?}");
}

/// The keys of the effective configuration, dotted (`server.listen`), from `saju check-config`.
pub fn config_keys() -> BTreeSet<String> {
    let out = run_bounded(saju(&["check-config"]), Duration::from_secs(30));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let value: toml::Value = toml::from_str(&text(&out.stdout)).expect("check-config prints TOML");
    fn flatten(prefix: &str, v: &toml::Value, out: &mut BTreeSet<String>) {
        match v {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    flatten(&key, v, out);
                }
            }
            _ => {
                out.insert(prefix.to_string());
            }
        }
    }
    let mut keys = BTreeSet::new();
    flatten("", &value, &mut keys);
    keys
}

/// The names the configuration reads besides SAJU_*: README "The server" and src/config.rs.
pub const ALIASES: [&str; 7] =
    ["OPENAI_API_KEY", "OPENAI_MODEL", "OPENAI_BASE_URL", "LOG_LEVEL", "CORS_ORIGINS", "ALLOWED_HOSTS", "ENVIRONMENT"];

/// What Kubernetes injects for a Service named saju (service links): the artifacts name them to explain why
/// `enableServiceLinks: false` (configs.rs checks that the binary rejects them).
/// Kubernetes service-link variables for a Service named `saju`; the binary ignores them (src/config.rs).
fn is_service_link(var: &str) -> bool {
    var.starts_with("SAJU_SERVICE") || var.starts_with("SAJU_PORT")
}

/// SAJU_SERVER__LISTEN → server.listen; `None` for SAJU_CONFIG (the file's path, not a key).
pub fn key_of(var: &str) -> Option<String> {
    let rest = var.strip_prefix("SAJU_")?;
    (rest != "CONFIG").then(|| rest.split("__").map(str::to_lowercase).collect::<Vec<_>>().join("."))
}

#[test]
fn every_saju_variable_in_the_artifacts_is_a_configuration_key() {
    let keys = config_keys();
    assert!(keys.contains("server.listen") && keys.contains("llm.remote.api_key"), "{keys:?}");
    let re = regex::Regex::new(r"\bSAJU_[A-Z0-9_]*[A-Z0-9]").unwrap();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for file in artifact_files() {
        for (n, line) in read(&file).lines().enumerate() {
            for m in re.find_iter(line) {
                let var = m.as_str();
                seen.insert(var.to_string());
                match key_of(var) {
                    _ if is_service_link(var) => {}
                    None => {}
                    Some(key) if keys.contains(&key) => {}
                    Some(key) => problems.push(format!("{file}:{}: {var} → {key}, which is not a key", n + 1)),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}\nkeys: {keys:?}");
    assert!(seen.len() >= 6, "{seen:?}");
}

/// (variable, value) pairs that a container or unit of the artifacts gets.
pub fn container_env() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (k, v) in crate::artifacts::dockerfile_env() {
        out.push(("Dockerfile".into(), k, v));
    }
    let compose = yaml("deploy/compose.yaml");
    for (k, v) in compose["services"]["saju"]["environment"].as_object().unwrap() {
        out.push(("deploy/compose.yaml".into(), k.clone(), v.as_str().unwrap_or_default().to_string()));
    }
    let deployment = yaml("deploy/k8s/deployment.yaml");
    for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"].as_array().unwrap() {
        out.push((
            "deploy/k8s/deployment.yaml".into(),
            e["name"].as_str().unwrap().into(),
            e["value"].as_str().unwrap().into(),
        ));
    }
    let secret = yaml("deploy/k8s/secret.example.yaml");
    for (k, v) in secret["stringData"].as_object().unwrap() {
        out.push(("deploy/k8s/secret.example.yaml".into(), k.clone(), v.as_str().unwrap().into()));
    }
    let task = json_file("deploy/ecs/task-definition.json");
    let c = &task["containerDefinitions"][0];
    for e in c["environment"].as_array().unwrap() {
        out.push((
            "deploy/ecs/task-definition.json".into(),
            e["name"].as_str().unwrap().into(),
            e["value"].as_str().unwrap().into(),
        ));
    }
    for e in c["secrets"].as_array().unwrap() {
        // A stand-in for the secret's value: long enough for the admin token rule.
        out.push(("deploy/ecs/task-definition.json".into(), e["name"].as_str().unwrap().into(), "x".repeat(32)));
    }
    for line in read("systemd/saju.env.example").lines() {
        let line = line.trim_start_matches('#');
        if let Some((k, v)) = line.split_once('=') {
            if k.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') && !k.is_empty() {
                out.push(("systemd/saju.env.example".into(), k.into(), v.into()));
            }
        }
    }
    out
}

#[test]
fn every_variable_given_to_the_process_is_read_by_it() {
    let keys = config_keys();
    let mut problems = Vec::new();
    for (file, var, _) in container_env() {
        let known = match key_of(&var) {
            Some(key) => keys.contains(&key),
            None => var.starts_with("SAJU_") || ALIASES.contains(&var.as_str()) || var == "RUST_LOG",
        };
        if !known {
            problems.push(format!("{file}: {var} is read by nothing"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
