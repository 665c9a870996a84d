//! scripts/deploy.sh and scripts/deploy-blue-green.sh run for real on a temporary root staged by install.sh:
//! a stand-in `systemctl` starts each unit's own ExecStart (paths moved under the root, EnvironmentFile lines
//! loaded) with the built binary, so backups, migrations, readiness waits, upstream switches and rollbacks run
//! against real servers on 127.0.0.1. Broken releases are shell wrappers around the real binary.

use crate::install::{nginx_test_command, run_install};
use crate::support::*;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// `systemctl` for a root directory: start/stop/restart/enable/disable/is-active/daemon-reload of the units
/// in $FAKE_ROOT/etc/systemd/system (templates too). `start` waits like Type=notify: for the `listening` log
/// line, or fails when the process exits first.
const FAKE_SYSTEMCTL: &str = r#"#!/usr/bin/env bash
set -uo pipefail
root="${FAKE_ROOT:?}"
state="$root/run/fake-systemd"
mkdir -p "$state"
echo "systemctl $*" >> "$state/calls.log"
cmd="${1:-}"; shift || true
now=""; units=()
for a in "$@"; do case "$a" in --now) now=1 ;; -*) ;; *) units+=("$a") ;; esac; done
unit="${units[0]:-}"
instance_of() { if [[ "$1" == *@*.service ]]; then local i="${1#*@}"; echo "${i%.service}"; fi; }
unit_file() {
    if [[ "$1" == *@*.service ]]; then echo "$root/etc/systemd/system/${1%%@*}@.service"; else echo "$root/etc/systemd/system/$1"; fi
}
rooted() { sed -E "s#(^|[ =-])/(etc|usr|opt|var)/#\1$root/\2/#g"; }
pid_of() { cat "$state/$1.pid" 2>/dev/null; }
active() { local p; p="$(pid_of "$1")" && kill -0 "$p" 2>/dev/null; }
start() {
    local u="$1" f exec line kv inst envs=()
    active "$u" && return 0
    f="$(unit_file "$u")"
    inst="$(instance_of "$u")"
    [ -f "$f" ] || { echo "fake systemctl: no unit $u" >&2; return 5; }
    exec="$(sed -n 's/^ExecStart=//p' "$f" | sed "s/%i/$inst/g" | rooted)"
    while IFS= read -r line; do
        line="$(sed "s/%i/$inst/g" <<<"${line#-}" | rooted)"
        [ -f "$line" ] || continue
        while IFS= read -r kv; do [[ "$kv" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] && envs+=("$kv"); done < "$line"
    done < <(sed -n 's/^EnvironmentFile=//p' "$f")
    # shellcheck disable=SC2086
    env -i PATH="$PATH" HOME="$HOME" "${envs[@]}" $exec </dev/null >"$state/$u.log" 2>&1 &
    echo $! > "$state/$u.pid"
    echo $! >> "$state/all.pids"
    for _ in $(seq 300); do
        grep -q '"listening"' "$state/$u.log" && return 0
        kill -0 "$(pid_of "$u")" 2>/dev/null || { echo "fake systemctl: $u exited: $(tail -n 2 "$state/$u.log")" >&2; rm -f "$state/$u.pid"; return 1; }
        sleep 0.1
    done
    return 1
}
stop() {
    local p
    p="$(pid_of "$1")" || return 0
    kill -TERM "$p" 2>/dev/null
    for _ in $(seq 400); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$p" 2>/dev/null
    rm -f "$state/$1.pid"
    return 0
}
case "$cmd" in
    daemon-reload) ;;
    start) start "$unit" ;;
    stop) stop "$unit" ;;
    restart) stop "$unit"; start "$unit" ;;
    enable) touch "$state/$unit.enabled"; if [ -n "$now" ]; then start "$unit"; fi ;;
    disable) rm -f "$state/$unit.enabled"; if [ -n "$now" ]; then stop "$unit"; fi ;;
    is-active) active "$unit" ;;
    *) echo "fake systemctl: unsupported: $cmd" >&2; exit 1 ;;
esac
"#;

/// A staged host: install.sh's layout in a temp dir, the config pointed at it and at a free port.
struct Host {
    dir: tempfile::TempDir,
    port: u16,
}

impl Host {
    fn new() -> Host {
        let dir = tempfile::tempdir().unwrap();
        run_install(dir.path(), &[]);
        let port = free_port();
        let host = Host { dir, port };
        let config = std::fs::read_to_string(host.path("etc/saju/saju.toml"))
            .unwrap()
            .replace("data_dir = \"/var/lib/saju\"", &format!("data_dir = {:?}", host.path("var/lib/saju")))
            .replace("listen = \"127.0.0.1:8000\"", &format!("listen = \"127.0.0.1:{port}\""));
        std::fs::write(host.path("etc/saju/saju.toml"), config).unwrap();
        // No drain in tests: stops are immediate. Everything else as shipped.
        let mut env = std::fs::read_to_string(host.path("etc/saju/saju.env")).unwrap();
        env.push_str("SAJU_SERVER__SHUTDOWN_DRAIN_SECONDS=0\n");
        std::fs::write(host.path("etc/saju/saju.env"), env).unwrap();
        write_executable(&host.path("fake/systemctl"), FAKE_SYSTEMCTL);
        host
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn addr(&self, port: u16) -> std::net::SocketAddr {
        format!("127.0.0.1:{port}").parse().unwrap()
    }

    fn command(&self, script: &str, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut cmd = Command::new("bash");
        cmd.arg(repo().join(script)).args(args);
        clean_env(&mut cmd);
        cmd.env("FAKE_ROOT", self.root())
            .env("DEPLOY_ROOT", self.root())
            .env("SYSTEMCTL", self.path("fake/systemctl"))
            .env("DEPLOY_RUN_AS", "")
            .env("DEPLOY_READY_TIMEOUT", "20")
            .envs(env.iter().copied());
        cmd
    }

    fn run(&self, script: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
        let out = run_bounded(self.command(script, args, env), Duration::from_secs(180));
        eprintln!("--- {script} {args:?} → {:?}\n{}", out.status.code(), text(&out.stderr));
        out
    }

    fn systemctl(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(self.path("fake/systemctl"));
        cmd.args(args);
        clean_env(&mut cmd);
        cmd.env("FAKE_ROOT", self.root());
        run_bounded(cmd, Duration::from_secs(60))
    }

    fn unit_pid(&self, unit: &str) -> Option<u32> {
        std::fs::read_to_string(self.path(&format!("run/fake-systemd/{unit}.pid"))).ok()?.trim().parse().ok()
    }

    /// A release directory with a wrapper script as its binary.
    fn release(&self, version: &str, script: &str) -> PathBuf {
        let path = self.path(&format!("opt/saju/releases/{version}/saju"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        write_executable(&path, &script.replace("REAL", BIN));
        path
    }
}

impl Drop for Host {
    /// Every process the stand-in systemctl started is killed, whatever the test did.
    fn drop(&mut self) {
        if let Ok(pids) = std::fs::read_to_string(self.path("run/fake-systemd/all.pids")) {
            for pid in pids.lines().filter_map(|l| l.trim().parse::<u32>().ok()) {
                signal(pid, libc::SIGKILL);
            }
        }
    }
}

fn write_executable(path: &Path, content: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn create_user(addr: std::net::SocketAddr) -> String {
    match http(addr, "POST", "/v1/users", &[], "{}", Duration::from_secs(10)) {
        Outcome::Answered(200 | 201, body) => {
            let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
            v["token"].as_str().unwrap().to_string()
        }
        other => panic!("POST /v1/users on {addr}: {other:?}"),
    }
}

fn whoami(addr: std::net::SocketAddr, token: &str) -> u16 {
    let auth = format!("Bearer {token}");
    match http(addr, "GET", "/v1/users/me", &[("Authorization", &auth)], "", Duration::from_secs(10)) {
        Outcome::Answered(s, _) => s,
        other => panic!("GET /v1/users/me on {addr}: {other:?}"),
    }
}

fn refused(addr: std::net::SocketAddr) -> bool {
    matches!(get(addr, "/health/live"), Outcome::Refused(_))
}

/// The version the built binary prints (`saju 0.1.0` → `0.1.0`).
fn version() -> String {
    let out = run_bounded(saju(&["--version"]), Duration::from_secs(10));
    text(&out.stdout).trim().strip_prefix("saju ").unwrap().to_string()
}

/// Starts (`serve`) only when `--data-dir` is given: passes the blue-green rehearsal, fails on the live data.
const FAILS_ON_LIVE_DATA: &str = "#!/bin/sh\n\
    if [ \"$1\" = --version ]; then echo 'saju 9.9.8'; exit 0; fi\n\
    if [ \"$1\" = serve ]; then case \" $* \" in *' --data-dir '*) ;; *) echo 'broken release' >&2; exit 1 ;; esac; fi\n\
    exec REAL \"$@\"\n";

/// Never serves.
const NEVER_SERVES: &str = "#!/bin/sh\n\
    if [ \"$1\" = --version ]; then echo 'saju 9.9.9'; exit 0; fi\n\
    if [ \"$1\" = serve ]; then echo 'broken release' >&2; exit 1; fi\n\
    exec REAL \"$@\"\n";

#[test]
fn deploy_script_backs_up_migrates_restarts_and_rolls_back_a_broken_release() {
    let host = Host::new();
    let addr = host.addr(host.port);
    let v = version();
    let out = host.systemctl(&["start", "saju.service"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = create_user(addr);

    // The same binary is already installed: nothing to do.
    let out = host.run("scripts/deploy.sh", &["development", &v], &[("DEPLOY_BINARY", BIN)]);
    assert!(out.status.success() && text(&out.stderr).contains("nothing to do"));

    // The wrong environment is refused before anything is touched.
    let pid = host.unit_pid("saju.service").unwrap();
    let out = host.run("scripts/deploy.sh", &["production", &v], &[("DEPLOY_BINARY", BIN), ("FORCE", "1")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("environment = \"development\""));
    assert_eq!(host.unit_pid("saju.service"), Some(pid), "the service was not touched");

    // A full deploy: stop, backup, install, migrate, start, ready.
    let out = host.run("scripts/deploy.sh", &["development", &v], &[("DEPLOY_BINARY", BIN), ("FORCE", "1")]);
    assert!(out.status.success(), "deploy failed");
    let backups: Vec<_> = std::fs::read_dir(host.path("var/lib/saju/backups")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1, "one pre-deploy backup");
    assert!(backups[0].file_name().to_string_lossy().starts_with(&format!("pre-deploy-{v}-")));
    assert!(host.path("usr/local/bin/saju.previous").is_file());
    assert_ne!(host.unit_pid("saju.service"), Some(pid), "the service was restarted");
    assert_eq!(whoami(addr, &token), 200, "data survives the deploy");
    // The backup is a real database: a server opens it and knows the user.
    let copy = tempfile::tempdir().unwrap();
    std::fs::copy(backups[0].path(), copy.path().join("saju.redb")).unwrap();
    let server = Server::start(copy.path(), &[]);
    assert_eq!(whoami(server.addr, &token), 200, "the backup holds the user");
    drop(server);

    // A release that cannot serve: rolled back to the previous binary, which serves the same data again.
    host.release("9.9.9", NEVER_SERVES);
    let out = host.run("scripts/deploy.sh", &["development", "9.9.9"], &[]);
    assert_eq!(out.status.code(), Some(1), "a failed deploy exits 1 after the rollback");
    let err = text(&out.stderr);
    assert!(err.contains("FAILED") && err.contains("rolled back"), "{err}");
    assert_eq!(std::fs::read(host.path("usr/local/bin/saju")).unwrap(), std::fs::read(BIN).unwrap());
    assert_eq!(get_status(addr, "/health/ready"), 200);
    assert_eq!(whoami(addr, &token), 200, "data survives the rollback");
    let calls = std::fs::read_to_string(host.path("run/fake-systemd/calls.log")).unwrap();
    assert!(calls.lines().filter(|l| *l == "systemctl start saju.service").count() >= 4, "{calls}");

    // A release that prints another version than its directory says is refused.
    host.release("9.9.7", NEVER_SERVES);
    let out = host.run("scripts/deploy.sh", &["development", "9.9.7"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("expected 'saju 9.9.7'"));
    host.systemctl(&["stop", "saju.service"]);
}

#[test]
fn blue_green_rehearses_on_a_copy_switches_the_upstream_and_rolls_back() {
    let host = Host::new();
    let (blue, green) = (free_port(), free_port());
    let (blue_s, green_s) = (blue.to_string(), green.to_string());
    let upstream = host.path("etc/nginx/saju-upstream.conf");
    // nginx -t on deploy/nginx/saju.conf including the upstream file the script writes, when nginx is here.
    let nginx_dir = tempfile::tempdir().unwrap();
    let nginx_test = nginx_test_command(nginx_dir.path(), Some(&upstream)).unwrap_or_else(|| "true".into());
    let env = [
        ("BLUE_PORT", blue_s.as_str()),
        ("GREEN_PORT", green_s.as_str()),
        ("NGINX_TEST", nginx_test.as_str()),
        ("NGINX_RELOAD", "true"),
    ];
    let v = version();

    let out = host.run("scripts/deploy-blue-green.sh", &["setup"], &env);
    assert!(out.status.success(), "setup failed");
    assert_eq!(std::fs::read_to_string(host.path("etc/saju/active-color")).unwrap().trim(), "blue");
    let up = std::fs::read_to_string(&upstream).unwrap();
    assert!(up.contains(&format!("server 127.0.0.1:{blue} ")) && !up.contains("backup"), "{up}");
    let token = create_user(host.addr(blue));

    // Deploy to green: rehearsal on a copy, handover, upstream → green only.
    let mut with_binary = env.to_vec();
    with_binary.push(("DEPLOY_BINARY", BIN));
    let out = host.run("scripts/deploy-blue-green.sh", &["development", &v], &with_binary);
    assert!(out.status.success(), "deploy failed");
    assert!(text(&out.stderr).contains("rehearsal passed"));
    assert_eq!(std::fs::read_to_string(host.path("etc/saju/active-color")).unwrap().trim(), "green");
    let up = std::fs::read_to_string(&upstream).unwrap();
    assert!(up.contains(&format!("server 127.0.0.1:{green} ")) && !up.contains(&blue_s), "{up}");
    assert!(refused(host.addr(blue)), "blue is stopped: one writer");
    assert_eq!(whoami(host.addr(green), &token), 200, "green serves the same data");
    let leftovers: Vec<_> = std::fs::read_dir(host.path("var/lib/saju"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("rehearsal-"))
        .collect();
    assert!(leftovers.is_empty(), "the rehearsal copy is removed");
    assert!(host.path("var/lib/saju/backups").read_dir().unwrap().count() == 1, "one pre-deploy backup");

    // A release that fails its rehearsal: nothing changes, green keeps its process.
    let green_pid = host.unit_pid("saju@green.service").unwrap();
    host.release("9.9.9", NEVER_SERVES);
    let out = host.run("scripts/deploy-blue-green.sh", &["development", "9.9.9"], &env);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("rehearsal failed"));
    assert_eq!(host.unit_pid("saju@green.service"), Some(green_pid));
    assert_eq!(std::fs::read_to_string(&upstream).unwrap(), up);

    // A release that passes the rehearsal but cannot start on the live data: handed back to green.
    host.release("9.9.8", FAILS_ON_LIVE_DATA);
    let out = host.run("scripts/deploy-blue-green.sh", &["development", "9.9.8"], &env);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("rehearsal passed") && err.contains("rolled back: green is live again"), "{err}");
    assert_eq!(std::fs::read_to_string(host.path("etc/saju/active-color")).unwrap().trim(), "green");
    assert_eq!(std::fs::read_to_string(&upstream).unwrap(), up, "nginx points at green alone again");
    assert_eq!(whoami(host.addr(green), &token), 200);
    assert!(refused(host.addr(blue)));
    host.systemctl(&["stop", "saju@green.service"]);
}
