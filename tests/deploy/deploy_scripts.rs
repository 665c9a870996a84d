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
/// line, or fails when the process exits first. With $FAKE_USER the unit runs as that user (its `User=`).
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
    local as=()
    [ -n "${FAKE_USER:-}" ] && as=(setpriv --reuid="$FAKE_USER" --regid="$FAKE_USER" --init-groups --)
    # shellcheck disable=SC2086
    ${as[@]+"${as[@]}"} env -i PATH="$PATH" HOME="$HOME" "${envs[@]}" $exec </dev/null >"$state/$u.log" 2>&1 &
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
    /// The unprivileged user the units and the scripts' `saju` commands run as (root tests only).
    run_as: Option<String>,
}

impl Host {
    fn new() -> Host {
        let dir = tempfile::tempdir().unwrap();
        run_install(dir.path(), &[]);
        let port = free_port();
        let host = Host { dir, port, run_as: None };
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

    /// As [`Host::new`], laid out the way install.sh leaves a real host for `user`: the data directory (and
    /// its backups/) owned by the user, /etc/saju readable by the user's group, the root traversable. Then a
    /// folder created by root inside the data directory, as the deploy scripts used to leave it.
    fn owned_by(user: &str) -> Host {
        let mut host = Host::new();
        host.run_as = Some(user.to_string());
        let (uid, gid) = ids_of(user);
        std::fs::set_permissions(host.root(), std::fs::Permissions::from_mode(0o755)).unwrap();
        for rel in ["var/lib/saju", "var/lib/saju/backups"] {
            std::os::unix::fs::chown(host.path(rel), Some(uid), Some(gid)).unwrap();
        }
        for rel in ["etc/saju", "etc/saju/saju.toml", "etc/saju/saju.env"] {
            std::os::unix::fs::chown(host.path(rel), Some(0), Some(gid)).unwrap();
        }
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
            .env("DEPLOY_RUN_AS", self.run_as.as_deref().unwrap_or(""))
            .env("FAKE_USER", self.run_as.as_deref().unwrap_or(""))
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
        cmd.env("FAKE_ROOT", self.root()).env("FAKE_USER", self.run_as.as_deref().unwrap_or(""));
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

    // The tag's name (v1.2.3) finds the release tarball's layout (/opt/saju/releases/1.2.3/saju).
    let release = host.path(&format!("opt/saju/releases/{v}/saju"));
    std::fs::create_dir_all(release.parent().unwrap()).unwrap();
    std::fs::copy(BIN, &release).unwrap();
    let out = host.run("scripts/deploy.sh", &["development", &format!("v{v}")], &[("FORCE", "1")]);
    assert!(out.status.success(), "deploy v{v} failed");
    let names: Vec<String> = std::fs::read_dir(host.path("var/lib/saju/backups"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.iter().filter(|n| n.starts_with(&format!("pre-deploy-{v}-"))).count(), 2, "{names:?}");

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
    let (blue, green) = two_free_ports();
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

/// uid and gid of a user (`id -u`, `id -g`).
fn ids_of(user: &str) -> (u32, u32) {
    let id = |flag: &str| -> u32 {
        let out = Command::new("id").args([flag, user]).output().unwrap();
        assert!(out.status.success(), "id {flag} {user}: {}", text(&out.stderr));
        text(&out.stdout).trim().parse().unwrap()
    };
    (id("-u"), id("-g"))
}

/// An unprivileged system user for the privilege-dropping path, created once when missing; None (after a SKIP
/// line) when this process is not root or the user cannot be had.
fn unprivileged_user(test: &str) -> Option<String> {
    const NAME: &str = "saju-deploy-test";
    // SAFETY: geteuid(2) has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIP {test}: not root, so the scripts cannot drop privileges (run the suite as root to test it)");
        return None;
    }
    if !tool_works("setpriv", &["--version"]) {
        eprintln!("SKIP {test}: setpriv is not installed (Debian package util-linux)");
        return None;
    }
    static CREATED: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _once = CREATED.lock().unwrap_or_else(|e| e.into_inner());
    let exists = || tool_works("id", &["-u", NAME]);
    if !exists() {
        let _ = Command::new("useradd")
            .args(["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent"])
            .args(["--shell", "/usr/sbin/nologin", NAME])
            .output();
    }
    if !exists() {
        eprintln!("SKIP {test}: could not create the user {NAME} (useradd)");
        return None;
    }
    Some(NAME.to_string())
}

fn owner_of(path: &Path) -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).uid()
}

const ADMIN_TOKEN: &str = "test-admin-token-0123456789abcdef";

fn admin_backup(addr: std::net::SocketAddr) -> (u16, String) {
    let auth = format!("Bearer {ADMIN_TOKEN}");
    match http(addr, "POST", "/v1/admin/backup", &[("Authorization", &auth)], "", Duration::from_secs(30)) {
        Outcome::Answered(s, body) => (s, text(&body)),
        other => panic!("POST /v1/admin/backup on {addr}: {other:?}"),
    }
}

/// The first run of both scripts on an install.sh host, where `saju` commands and the service run as the
/// service user: the pre-deploy backup is written by that user into a folder it owns (a root-owned backups/
/// left by an earlier run is handed over), and afterwards the running service can still write its own backups.
#[test]
fn deploy_scripts_run_saju_as_the_service_user_and_keep_its_folders_writable() {
    let test = "deploy_scripts_run_saju_as_the_service_user_and_keep_its_folders_writable";
    let Some(user) = unprivileged_user(test) else { return };
    let (uid, _) = ids_of(&user);
    let host = Host::owned_by(&user);
    let mut env = std::fs::read_to_string(host.path("etc/saju/saju.env")).unwrap();
    env.push_str(&format!("SAJU_SECURITY__ADMIN_TOKEN={ADMIN_TOKEN}\n"));
    std::fs::write(host.path("etc/saju/saju.env"), env).unwrap();
    // What an earlier run (or an operator's `sudo mkdir`) leaves: backups/ owned by root.
    std::fs::remove_dir(host.path("var/lib/saju/backups")).unwrap();
    std::fs::create_dir(host.path("var/lib/saju/backups")).unwrap();
    assert_eq!(owner_of(&host.path("var/lib/saju/backups")), 0);
    let v = version();
    // The release as the tarball unpacks it: a copy the service user can execute (the build tree may not be).
    let release = host.path(&format!("opt/saju/releases/{v}/saju"));
    std::fs::create_dir_all(release.parent().unwrap()).unwrap();
    std::fs::copy(BIN, &release).unwrap();

    let addr = host.addr(host.port);
    let out = host.systemctl(&["start", "saju.service"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = create_user(addr);
    let server_pid = host.unit_pid("saju.service").unwrap();
    let status = std::fs::read_to_string(format!("/proc/{server_pid}/status")).unwrap();
    assert!(status.lines().any(|l| l.starts_with("Uid:") && l.contains(&uid.to_string())), "{status}");

    let out = host.run("scripts/deploy.sh", &["development", &v], &[("FORCE", "1")]);
    assert!(out.status.success(), "deploy.sh as {user} failed");
    let backups = host.path("var/lib/saju/backups");
    assert_eq!(owner_of(&backups), uid, "backups/ belongs to the service user");
    let files: Vec<_> = std::fs::read_dir(&backups).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(owner_of(&files[0]), uid, "the backup was written by the service user");
    assert_eq!(whoami(addr, &token), 200);
    let (status, body) = admin_backup(addr);
    assert_eq!(status, 200, "POST /v1/admin/backup after deploy.sh: {body}");

    // Blue-green on the same host, its first deploy included.
    let (blue, green) = two_free_ports();
    let (blue_s, green_s) = (blue.to_string(), green.to_string());
    let env = [
        ("BLUE_PORT", blue_s.as_str()),
        ("GREEN_PORT", green_s.as_str()),
        ("NGINX_TEST", "true"),
        ("NGINX_RELOAD", "true"),
    ];
    let out = host.run("scripts/deploy-blue-green.sh", &["setup"], &env);
    assert!(out.status.success(), "setup as {user} failed");
    let out = host.run("scripts/deploy-blue-green.sh", &["development", &v], &env);
    assert!(out.status.success(), "blue-green deploy as {user} failed");
    assert_eq!(whoami(host.addr(green), &token), 200);
    for e in std::fs::read_dir(&backups).unwrap().flatten() {
        assert_eq!(owner_of(&e.path()), uid, "{} belongs to the service user", e.path().display());
    }
    let (status, body) = admin_backup(host.addr(green));
    assert_eq!(status, 200, "POST /v1/admin/backup after the blue-green deploy: {body}");
    host.systemctl(&["stop", "saju@green.service"]);
}

/// `setup` either finishes or leaves saju.service serving as before, says which step failed (saju@blue, the
/// nginx check or the nginx reload), and can be run again; once finished, running it again changes nothing.
#[test]
fn blue_green_setup_is_all_or_nothing_and_can_be_run_again() {
    let host = Host::new();
    let addr = host.addr(host.port);
    let out = host.systemctl(&["start", "saju.service"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = create_user(addr);
    let (blue, green) = two_free_ports();
    let (blue_s, green_s) = (blue.to_string(), green.to_string());
    let upstream = host.path("etc/nginx/saju-upstream.conf");
    let env = |test: &'static str, reload: &'static str| {
        vec![
            ("BLUE_PORT", blue_s.clone()),
            ("GREEN_PORT", green_s.clone()),
            ("NGINX_TEST", test.to_string()),
            ("NGINX_RELOAD", reload.to_string()),
        ]
    };
    let run = |e: Vec<(&str, String)>| {
        let pairs: Vec<(&str, &str)> = e.iter().map(|(k, v)| (*k, v.as_str())).collect();
        host.run("scripts/deploy-blue-green.sh", &["setup"], &pairs)
    };
    let not_set_up = |what: &str| {
        assert!(!host.path("etc/saju/active-color").exists(), "{what}: no active color after a failed setup");
        assert!(!upstream.exists(), "{what}: no upstream file after a failed setup");
        assert_eq!(whoami(addr, &token), 200, "{what}: saju.service serves again");
        assert!(refused(host.addr(blue)), "{what}: saju@blue is stopped");
    };

    // 1. saju@blue cannot listen (its port is taken).
    let squatter = std::net::TcpListener::bind(("127.0.0.1", blue)).unwrap();
    let out = run(env("true", "true"));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("saju@blue") && !err.contains("nginx"), "{err}");
    drop(squatter);
    not_set_up("saju@blue failed");

    // 2. nginx -t rejects the configuration.
    let out = run(env("false", "true"));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("rejected the configuration"), "{err}");
    not_set_up("nginx -t failed");

    // 3. nginx accepts it but is not running: said so, not blamed on the file.
    let out = run(env("true", "false"));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("'false' failed (is nginx installed and running?)") && !err.contains("rejected"), "{err}");
    not_set_up("nginx reload failed");

    // 4. Everything works: set up. 5. Again: nothing to do.
    let out = run(env("true", "true"));
    assert!(out.status.success(), "setup failed");
    assert_eq!(std::fs::read_to_string(host.path("etc/saju/active-color")).unwrap().trim(), "blue");
    assert_eq!(whoami(host.addr(blue), &token), 200);
    assert!(refused(addr), "saju.service is stopped");
    let blue_pid = host.unit_pid("saju@blue.service");
    let out = run(env("true", "true"));
    assert!(out.status.success() && text(&out.stderr).contains("already set up"), "{}", text(&out.stderr));
    assert_eq!(host.unit_pid("saju@blue.service"), blue_pid, "a second setup touches nothing");
    host.systemctl(&["stop", "saju@blue.service"]);
}

/// Two different free ports (both bound at once, then released), and neither the host's own port.
fn two_free_ports() -> (u16, u16) {
    let a = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let b = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    (a.local_addr().unwrap().port(), b.local_addr().unwrap().port())
}
