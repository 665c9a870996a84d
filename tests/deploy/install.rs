//! scripts/install.sh on a temporary root, the systemd units (statically and with systemd-analyze when it works
//! here), the scripts' syntax (bash -n, shellcheck), and the nginx and Prometheus files with their own tools
//! when those are installed. A missing tool is a printed skip, never a silent pass.

use crate::support::*;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

pub fn run_install(root: &Path, extra: &[&str]) -> std::process::Output {
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("scripts/install.sh")).args(["--root", root.to_str().unwrap(), "--binary", BIN]).args(extra);
    clean_env(&mut cmd);
    let out = run_bounded(cmd, Duration::from_secs(60));
    assert!(out.status.success(), "install.sh failed:\n{}\n{}", text(&out.stdout), text(&out.stderr));
    out
}

/// saju.example.toml as install.sh writes it: the data directory the unit may write.
pub fn expected_config() -> String {
    let example = read("saju.example.toml");
    let installed = example.replacen("data_dir = \"saju-data\" ", "data_dir = \"/var/lib/saju\"", 1);
    assert_ne!(installed, example, "saju.example.toml has no `data_dir = \"saju-data\"` line");
    installed
}

#[test]
fn install_script_stages_the_layout_and_never_overwrites_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let out = run_install(root, &[]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Next steps"), "{stdout}");

    let binary = root.join("usr/local/bin/saju");
    assert_eq!(std::fs::read(&binary).unwrap(), std::fs::read(BIN).unwrap());
    assert_eq!(std::fs::metadata(&binary).unwrap().permissions().mode() & 0o777, 0o755);
    for unit in ["saju.service", "saju-backup.service", "saju-backup.timer"] {
        let installed = std::fs::read_to_string(root.join("etc/systemd/system").join(unit)).unwrap();
        assert_eq!(installed, read(&format!("systemd/{unit}")), "{unit}");
    }
    let config_path = root.join("etc/saju/saju.toml");
    assert_eq!(std::fs::read_to_string(&config_path).unwrap(), expected_config());
    assert_eq!(std::fs::metadata(&config_path).unwrap().permissions().mode() & 0o777, 0o640);
    assert_eq!(std::fs::read_to_string(root.join("etc/saju/saju.env")).unwrap(), read("systemd/saju.env.example"));
    let data = root.join("var/lib/saju");
    assert!(data.is_dir());
    assert_eq!(std::fs::metadata(&data).unwrap().permissions().mode() & 0o777, 0o750);
    assert!(data.join("backups").is_dir(), "install.sh creates backups/ (owned by saju on a real host)");
    assert_eq!(
        std::fs::read_to_string(root.join("usr/local/share/doc/saju/saju.example.toml")).unwrap(),
        read("saju.example.toml")
    );
    assert!(root.join("usr/local/share/doc/saju/operations.md").is_file());

    // The installed config is valid and points at the unit's data directory.
    let mut check = saju(&["check-config", "--config", config_path.to_str().unwrap()]);
    check.current_dir(root);
    let checked = run_bounded(check, Duration::from_secs(30));
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("data_dir = \"/var/lib/saju\""));

    // Second run: the operator's edits survive, the binary is replaced, the output says so.
    let edited = format!("{}\n# edited by the operator\n", expected_config());
    std::fs::write(&config_path, &edited).unwrap();
    std::fs::write(root.join("etc/saju/saju.env"), "OPENAI_API_KEY=sk-operator\n").unwrap();
    std::fs::write(&binary, b"not the binary").unwrap();
    let again = text(&run_install(root, &[]).stdout);
    assert!(again.contains("kept"), "{again}");
    assert_eq!(std::fs::read_to_string(&config_path).unwrap(), edited);
    assert_eq!(std::fs::read_to_string(root.join("etc/saju/saju.env")).unwrap(), "OPENAI_API_KEY=sk-operator\n");
    assert_eq!(std::fs::read(&binary).unwrap(), std::fs::read(BIN).unwrap());
    // Nothing stray left behind by the atomic renames.
    for d in ["usr/local/bin", "etc/saju", "etc/systemd/system"] {
        for e in std::fs::read_dir(root.join(d)).unwrap().flatten() {
            assert!(!e.file_name().to_string_lossy().starts_with('.'), "leftover {}", e.path().display());
        }
    }
}

#[test]
fn install_script_honours_destdir_and_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("scripts/install.sh")).args(["--binary", BIN, "--prefix", "/opt/saju"]);
    clean_env(&mut cmd);
    cmd.env("DESTDIR", dir.path());
    let out = run_bounded(cmd, Duration::from_secs(60));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("opt/saju/bin/saju").is_file());
    let unit = std::fs::read_to_string(dir.path().join("etc/systemd/system/saju.service")).unwrap();
    assert!(unit.contains("ExecStart=/opt/saju/bin/saju serve --config /etc/saju/saju.toml"), "{unit}");
    let backup = std::fs::read_to_string(dir.path().join("etc/systemd/system/saju-backup.service")).unwrap();
    assert!(backup.contains("ExecStart=/opt/saju/bin/saju backup --config /etc/saju/saju.toml"), "{backup}");

    // A file that is not a saju binary is refused.
    let fake = dir.path().join("fake");
    std::fs::write(&fake, "#!/bin/sh\necho hello\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("scripts/install.sh")).args(["--root", dir.path().to_str().unwrap(), "--binary"]).arg(&fake);
    clean_env(&mut cmd);
    let out = run_bounded(cmd, Duration::from_secs(60));
    assert!(!out.status.success() && text(&out.stderr).contains("not a working saju binary"));
}

/// The `[Service]` settings of a unit: key → values in order.
fn service_section(unit: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut in_service = false;
    for line in unit.lines().map(str::trim) {
        if line.starts_with('[') {
            in_service = line == "[Service]";
        } else if in_service && !line.starts_with('#') {
            if let Some((k, v)) = line.split_once('=') {
                out.entry(k.to_string()).or_default().push(v.to_string());
            }
        }
    }
    out
}

fn seconds(v: &str) -> u64 {
    v.trim_end_matches('s').parse().unwrap_or_else(|_| panic!("seconds: {v}"))
}

#[test]
fn systemd_unit_is_type_notify_hardened_and_waits_for_the_drain() {
    let unit = read("systemd/saju.service");
    let s = service_section(&unit);
    let one = |k: &str| -> &str {
        let v = s.get(k).unwrap_or_else(|| panic!("saju.service has no {k}="));
        v.last().unwrap()
    };
    assert_eq!(one("Type"), "notify", "the binary sends READY=1 and STOPPING=1");
    assert_eq!(one("ExecStart"), "/usr/local/bin/saju serve --config /etc/saju/saju.toml");
    assert_eq!(one("EnvironmentFile"), "-/etc/saju/saju.env");
    assert_eq!(one("User"), "saju");
    assert_eq!(one("Restart"), "on-failure");
    assert_eq!(one("StateDirectory"), "saju");
    assert_eq!(one("ReadWritePaths"), "/var/lib/saju");
    for (k, v) in [
        ("ProtectSystem", "strict"),
        ("ProtectHome", "true"),
        ("PrivateTmp", "true"),
        ("NoNewPrivileges", "true"),
        ("CapabilityBoundingSet", ""),
        ("AmbientCapabilities", ""),
        ("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"),
        // wasmtime compiles plugins to native code: W^X enforcement would make every plugin fail to load.
        ("MemoryDenyWriteExecute", "false"),
        ("LockPersonality", "true"),
        ("ProtectKernelTunables", "true"),
        ("ProtectKernelModules", "true"),
        ("ProtectKernelLogs", "true"),
        ("ProtectControlGroups", "true"),
        ("RestrictNamespaces", "true"),
        ("RestrictSUIDSGID", "true"),
        ("PrivateDevices", "true"),
    ] {
        assert_eq!(one(k), v, "{k}");
    }
    assert_eq!(s["SystemCallFilter"][0], "@system-service");
    assert!(!s.contains_key("ProcSubset"), "ProcSubset=pid hides /proc/stat, which the process metrics read");
    let t: toml::Value = toml::from_str(&read("saju.example.toml")).unwrap();
    let drain = t["server"]["shutdown_drain_seconds"].as_integer().unwrap() as u64;
    let grace = t["server"]["shutdown_grace_seconds"].as_integer().unwrap() as u64;
    assert!(seconds(one("TimeoutStopSec")) > drain + grace, "TimeoutStopSec vs {drain} + {grace}");
    // The config directory and data directory agree with the config install.sh writes.
    assert!(expected_config().contains("data_dir = \"/var/lib/saju\""));
}

#[test]
fn blue_green_template_unit_has_the_same_hardening() {
    let plain = service_section(&read("systemd/saju.service"));
    let template = service_section(&read("deploy/blue-green/saju@.service"));
    for (k, v) in &plain {
        if k == "ExecStart" || k == "EnvironmentFile" {
            continue;
        }
        assert_eq!(template.get(k), Some(v), "saju@.service differs from saju.service in {k}");
    }
    assert_eq!(template["ExecStart"], vec!["/opt/saju/%i/saju serve --config /etc/saju/saju.toml".to_string()]);
    assert_eq!(template["EnvironmentFile"], vec!["-/etc/saju/saju.env".to_string(), "/etc/saju/%i.env".to_string()]);
}

/// Runs `systemd-analyze verify` and the offline security score on a copy of `rel` whose binary paths point at
/// the built binary (verify checks that ExecStart's program exists).
fn analyze_unit(rel: &str, file_name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let unit = read(rel).replace("/usr/local/bin/saju", BIN).replace("/opt/saju/%i/saju", BIN);
    let path = dir.path().join(file_name);
    std::fs::write(&path, unit).unwrap();
    let mut verify = Command::new("systemd-analyze");
    verify.arg("verify").arg(&path).current_dir(dir.path());
    let out = run_bounded(verify, Duration::from_secs(60));
    let err = text(&out.stderr);
    let about_us: Vec<&str> = err.lines().filter(|l| l.contains(file_name)).collect();
    assert!(out.status.success() && about_us.is_empty(), "systemd-analyze verify {rel}:\n{err}");
    let mut security = Command::new("systemd-analyze");
    security.args(["security", "--offline=true", "--no-pager"]).arg(&path).current_dir(dir.path());
    let out = run_bounded(security, Duration::from_secs(60));
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    let re = regex::Regex::new(r"Overall exposure level for \S+: ([0-9.]+)").unwrap();
    let score: f64 = re.captures(&all).unwrap_or_else(|| panic!("no exposure level:\n{all}"))[1].parse().unwrap();
    eprintln!("systemd-analyze: {rel} verifies; offline exposure level {score}");
    assert!(score <= 2.0, "{rel}: exposure level {score} (expected ≤ 2.0, \"OK\"):\n{all}");
}

#[test]
fn systemd_analyze_verifies_the_units() {
    if !tool_works("systemd-analyze", &["--version"]) {
        eprintln!("SKIP systemd_analyze_verifies_the_units: systemd-analyze is not installed (Debian package systemd)");
        return;
    }
    analyze_unit("systemd/saju.service", "saju.service");
    analyze_unit("systemd/saju-backup.service", "saju-backup.service");
    // The timer verifies beside the service it starts.
    let dir = tempfile::tempdir().unwrap();
    for name in ["saju-backup.service", "saju-backup.timer"] {
        let unit = read(&format!("systemd/{name}")).replace("/usr/local/bin/saju", BIN);
        std::fs::write(dir.path().join(name), unit).unwrap();
    }
    let mut verify = Command::new("systemd-analyze");
    verify.args(["verify", "saju-backup.timer"]).current_dir(dir.path());
    let out = run_bounded(verify, Duration::from_secs(60));
    let err = text(&out.stderr);
    assert!(out.status.success() && !err.contains("saju-backup"), "systemd-analyze verify saju-backup.timer:\n{err}");
    analyze_unit("deploy/blue-green/saju@.service", "saju@blue.service");
}

#[test]
fn scripts_are_valid_bash_and_pass_shellcheck() {
    // Every script under scripts/: the ones run directly must be executable, the sourced ones in lib/ not.
    let mut scripts = Vec::new();
    for dir in ["scripts", "scripts/lib"] {
        for entry in std::fs::read_dir(repo().join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".sh") {
                scripts.push(format!("{dir}/{name}"));
            }
        }
    }
    scripts.sort();
    assert!(scripts.iter().any(|s| s == "scripts/deploy.sh") && scripts.len() >= 7, "scripts found: {scripts:?}");
    for s in &scripts {
        let path = repo().join(s);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o111 != 0, !s.starts_with("scripts/lib/"), "{s}: executable bit");
        let mut cmd = Command::new("bash");
        cmd.arg("-n").arg(&path);
        let out = run_bounded(cmd, Duration::from_secs(30));
        assert!(out.status.success(), "bash -n {s}: {}", text(&out.stderr));
    }
    if !tool_works("shellcheck", &["--version"]) {
        eprintln!("SKIP shellcheck: not installed (Debian package shellcheck)");
        return;
    }
    let mut cmd = Command::new("shellcheck");
    cmd.arg("-x").args(&scripts).current_dir(repo());
    let out = run_bounded(cmd, Duration::from_secs(60));
    assert!(out.status.success(), "shellcheck:\n{}{}", text(&out.stdout), text(&out.stderr));
}

/// An nginx prefix directory with a self-signed certificate and a main config that includes `site`
/// (deploy/nginx/saju.conf with its certificate paths replaced, including deploy/nginx/saju-upstream.conf or the
/// given upstream file).
/// Returns the `nginx -t` command line, or None (with the reason printed) where nginx or openssl is missing.
pub fn nginx_test_command(dir: &Path, upstream_include: Option<&Path>) -> Option<String> {
    if !tool_works("nginx", &["-v"]) || !tool_works("openssl", &["version"]) {
        eprintln!("SKIP nginx -t: nginx or openssl is not installed (Debian packages nginx-light, openssl)");
        return None;
    }
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let mut gen = Command::new("openssl");
    gen.args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=saju.example.com"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert);
    let out = run_bounded(gen, Duration::from_secs(60));
    assert!(out.status.success(), "openssl: {}", text(&out.stderr));
    let mut site = read("deploy/nginx/saju.conf")
        .replace("/etc/letsencrypt/live/saju.example.com/fullchain.pem", cert.to_str().unwrap())
        .replace("/etc/letsencrypt/live/saju.example.com/privkey.pem", key.to_str().unwrap());
    let shipped = repo().join("deploy/nginx/saju-upstream.conf");
    let include = upstream_include.unwrap_or(&shipped);
    assert!(site.contains("include /etc/nginx/saju-upstream.conf;"), "saju.conf includes the upstream file");
    site = site.replace("include /etc/nginx/saju-upstream.conf;", &format!("include {};", include.display()));
    std::fs::write(dir.join("saju.conf"), site).unwrap();
    let d = dir.display();
    std::fs::write(
        dir.join("nginx.conf"),
        format!(
            "pid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\nhttp {{\n    access_log off;\n    \
             client_body_temp_path {d}/body;\n    proxy_temp_path {d}/proxy;\n    include {d}/saju.conf;\n}}\n"
        ),
    )
    .unwrap();
    Some(format!("nginx -q -t -p {d} -c {d}/nginx.conf -e {d}/error.log"))
}

#[test]
fn nginx_accepts_the_example_config() {
    let dir = tempfile::tempdir().unwrap();
    let Some(command) = nginx_test_command(dir.path(), None) else { return };
    let mut parts = command.split_whitespace();
    let mut cmd = Command::new(parts.next().unwrap());
    cmd.args(parts);
    let out = run_bounded(cmd, Duration::from_secs(30));
    assert!(out.status.success(), "{command}:\n{}", text(&out.stderr));
}

#[test]
fn promtool_accepts_the_rules_and_the_scrape_config() {
    if !tool_works("promtool", &["--version"]) {
        eprintln!("SKIP promtool: not installed (Debian package prometheus)");
        return;
    }
    let mut rules = Command::new("promtool");
    rules.args(["check", "rules"]).arg(repo().join("deploy/prometheus/alerts.yaml"));
    let out = run_bounded(rules, Duration::from_secs(30));
    assert!(out.status.success(), "promtool check rules:\n{}{}", text(&out.stdout), text(&out.stderr));
    // The rules' unit tests: the down alerts fire for a failing target and for a vanished one (absent()).
    let mut unit = Command::new("promtool");
    unit.args(["test", "rules", "alerts.test.yaml"]).current_dir(repo().join("deploy/prometheus"));
    let out = run_bounded(unit, Duration::from_secs(60));
    assert!(out.status.success(), "promtool test rules:\n{}{}", text(&out.stdout), text(&out.stderr));

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("deploy/prometheus/alerts.yaml"), dir.path().join("alerts.yaml")).unwrap();
    let scrape = read("deploy/prometheus/scrape.yaml");
    std::fs::write(dir.path().join("scrape.yaml"), &scrape).unwrap();
    let check = |file: &Path| {
        let mut cmd = Command::new("promtool");
        cmd.args(["check", "config"]).arg(file);
        let out = run_bounded(cmd, Duration::from_secs(30));
        (out.status.success(), format!("{}{}", text(&out.stdout), text(&out.stderr)))
    };
    let (ok, output) = check(&dir.path().join("scrape.yaml"));
    if !ok && output.contains("kubernetes_sd_configs not found") {
        // Debian builds Prometheus without Kubernetes discovery: check the rest, say so.
        eprintln!("NOTE promtool: this build has no kubernetes_sd_configs; checking scrape.yaml without that job");
        let cut = scrape.find("  # Kubernetes:").expect("the Kubernetes job is last and marked");
        std::fs::write(dir.path().join("scrape-static.yaml"), &scrape[..cut]).unwrap();
        let (ok, output) = check(&dir.path().join("scrape-static.yaml"));
        assert!(ok, "promtool check config:\n{output}");
    } else {
        assert!(ok, "promtool check config:\n{output}");
    }
}

/// scripts/bundle.sh on the built binary: the archive and its .sha256 check out, SHA256SUMS inside covers every
/// file (a changed byte fails it), and install.sh run from the extracted bundle — no repository, no --binary —
/// stages the bundle's binary and the same units; the blue-green script finds the deploy.sh beside it.
#[test]
fn offline_bundle_checks_out_and_installs_without_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("scripts/bundle.sh")).args(["--binary", BIN, "--out", out.to_str().unwrap()]);
    let sbom = tool_works("cargo", &["cyclonedx", "--version"]);
    if !sbom {
        eprintln!("SKIP the bundle's SBOM: cargo-cyclonedx is not installed (bundle.sh --no-sbom)");
        cmd.arg("--no-sbom");
    }
    clean_env(&mut cmd);
    let made = run_bounded(cmd, Duration::from_secs(300));
    assert!(made.status.success(), "bundle.sh failed:\n{}", text(&made.stderr));
    let version = text(&Command::new(BIN).arg("--version").output().unwrap().stdout)
        .trim()
        .trim_start_matches("saju ")
        .to_string();
    let name = format!("saju-{version}-linux-{}", std::env::consts::ARCH);
    let archive = out.join(format!("{name}.tar.gz"));
    assert_eq!(text(&made.stdout).trim(), archive.to_str().unwrap());
    let check = |dir: &Path, args: &[&str]| Command::new("sha256sum").current_dir(dir).args(args).output().unwrap();
    assert!(check(&out, &["-c", &format!("{name}.tar.gz.sha256")]).status.success());

    let x = dir.path().join("x");
    std::fs::create_dir(&x).unwrap();
    let untar =
        Command::new("tar").args(["xzf", archive.to_str().unwrap(), "-C", x.to_str().unwrap()]).output().unwrap();
    assert!(untar.status.success(), "{}", text(&untar.stderr));
    let bundle = x.join(&name);
    let sums = check(&bundle, &["-c", "SHA256SUMS"]);
    assert!(sums.status.success(), "{}", text(&sums.stdout));
    let listed = std::fs::read_to_string(bundle.join("SHA256SUMS")).unwrap();
    for f in [
        "bin/saju",
        "scripts/install.sh",
        "scripts/deploy.sh",
        "scripts/deploy-blue-green.sh",
        "systemd/saju.service",
        "saju.example.toml",
        "docs/operations.md",
        "deploy/blue-green/saju@.service",
    ] {
        assert!(listed.lines().any(|l| l.ends_with(&format!("  {f}"))), "{f} not in SHA256SUMS:\n{listed}");
    }
    assert_eq!(std::fs::metadata(bundle.join("scripts/install.sh")).unwrap().permissions().mode() & 0o111, 0o111);
    // The SBOM of the binary, checked like the rest (its contents: packaging.rs).
    if sbom {
        assert!(listed.lines().any(|l| l.ends_with("  saju.cdx.json")), "saju.cdx.json not in SHA256SUMS");
        let bom: serde_json::Value =
            serde_json::from_slice(&std::fs::read(bundle.join("saju.cdx.json")).unwrap()).unwrap();
        assert_eq!(bom["metadata"]["component"]["version"], version.as_str(), "the SBOM describes this version");
        assert!(bom["components"].as_array().unwrap().iter().any(|c| c["name"] == "redb"));
    }

    // Installed from the bundle alone.
    let stage = dir.path().join("stage");
    let mut cmd = Command::new("bash");
    cmd.arg(bundle.join("scripts/install.sh")).args(["--root", stage.to_str().unwrap()]);
    clean_env(&mut cmd);
    cmd.env("CARGO_TARGET_DIR", dir.path().join("no-target"));
    let installed = run_bounded(cmd, Duration::from_secs(60));
    assert!(installed.status.success(), "{}\n{}", text(&installed.stdout), text(&installed.stderr));
    assert_eq!(std::fs::read(stage.join("usr/local/bin/saju")).unwrap(), std::fs::read(BIN).unwrap());
    assert_eq!(
        std::fs::read_to_string(stage.join("etc/systemd/system/saju.service")).unwrap(),
        read("systemd/saju.service")
    );
    let help = Command::new("bash").arg(bundle.join("scripts/deploy-blue-green.sh")).arg("--help").output().unwrap();
    // Its usage goes to stderr; it sources the deploy.sh beside it to get there.
    assert!(help.status.success() && text(&help.stderr).contains("Blue-green"), "{}", text(&help.stderr));

    // A changed byte is caught.
    std::fs::write(bundle.join("saju.example.toml"), "tampered\n").unwrap();
    assert!(!check(&bundle, &["-c", "--quiet", "SHA256SUMS"]).status.success());
}
