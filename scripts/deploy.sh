#!/usr/bin/env bash
# Upgrades saju on a systemd host set up by scripts/install.sh, with a backup and an automatic rollback.
#
#   scripts/deploy.sh ENV VERSION
#
#   ENV      the environment this host runs (development | staging | production). It must equal `environment` in
#            the host's effective configuration, so a typo never rolls a release onto the wrong host.
#   VERSION  the release, with or without a leading v (v0.1.0 = 0.1.0): its binary is
#            $DEPLOY_RELEASES/0.1.0/saju (default /opt/saju/releases/0.1.0/saju, the release tarball's layout),
#            or DEPLOY_BINARY=PATH; `saju --version` must print `saju 0.1.0`.
#
# Steps: check the new binary accepts the host's configuration → stop the unit (the server drains itself) →
# `saju backup` (offline, so the rollback loses no acknowledged write) → install the binary, keeping the old one
# as saju.previous → `saju migrate` → start the unit → wait (bounded) for /health/ready. If migrate, the start
# or readiness fails: stop, put the previous binary back, restore the backup if the schema version changed
# (older binaries refuse a newer schema), start again, and exit 1.
#
# Host paths (defaults for install.sh's layout; tests point them into a temporary root). The prefix is DEPLOY_,
# not SAJU_: the binary reads every SAJU_* variable as configuration and refuses unknown ones.
#   DEPLOY_ROOT=""                   prefix for every path below
#   DEPLOY_BIN=/usr/local/bin/saju   DEPLOY_CONFIG=/etc/saju/saju.toml   DEPLOY_ENV_FILE=/etc/saju/saju.env
#   DEPLOY_UNIT=saju.service         SYSTEMCTL=systemctl                 DEPLOY_READY_TIMEOUT=60 (seconds)
#   DEPLOY_RUN_AS=saju               run saju commands as this user when root (empty: as the caller)
#   DEPLOY_READY_URL                 default: http://<server.listen, 0.0.0.0 → 127.0.0.1>/health/ready
#   FORCE=1                          deploy even when the same binary is installed
set -euo pipefail

DEPLOY_ROOT="${DEPLOY_ROOT:-}"
DEPLOY_BIN="${DEPLOY_BIN:-$DEPLOY_ROOT/usr/local/bin/saju}"
DEPLOY_CONFIG="${DEPLOY_CONFIG:-$DEPLOY_ROOT/etc/saju/saju.toml}"
DEPLOY_ENV_FILE="${DEPLOY_ENV_FILE:-$DEPLOY_ROOT/etc/saju/saju.env}"
DEPLOY_RELEASES="${DEPLOY_RELEASES:-$DEPLOY_ROOT/opt/saju/releases}"
DEPLOY_UNIT="${DEPLOY_UNIT:-saju.service}"
SYSTEMCTL="${SYSTEMCTL:-systemctl}"
DEPLOY_READY_TIMEOUT="${DEPLOY_READY_TIMEOUT:-60}"
DEPLOY_RUN_AS="${DEPLOY_RUN_AS-saju}"
DEPLOY_LOCK="${DEPLOY_LOCK:-$DEPLOY_ROOT/run/lock/saju-deploy.lock}"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The KEY=value lines of the unit's EnvironmentFile, so commands here see what the service sees.
host_env=()
load_host_env() {
    host_env=()
    local file line
    for file in "$@"; do
        [ -f "$file" ] || continue
        while IFS= read -r line || [ -n "$line" ]; do
            line="${line#"${line%%[![:space:]]*}"}"
            [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || continue
            host_env+=("$line")
        done < "$file"
    done
}

# Whether commands run as the service user: we are root and that user exists.
drop_privileges() {
    [ "$(id -u)" -eq 0 ] && [ -n "$DEPLOY_RUN_AS" ] && id -u "$DEPLOY_RUN_AS" >/dev/null 2>&1
}

# The command line that runs a saju binary with the host's environment only (nothing of the caller's SAJU_*
# leaks in), as the service user when we are root, so files it writes get the right owner. Sets svc_cmd;
# setpriv and env exec, so a background "${svc_cmd[@]}" & has the saju process's own pid in $!.
svc_cmd=()
service_cmd() {
    svc_cmd=(env -i "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "HOME=${HOME:-/}"
        "${host_env[@]+"${host_env[@]}"}" "$@")
    if drop_privileges; then
        svc_cmd=(setpriv --reuid="$DEPLOY_RUN_AS" --regid="$DEPLOY_RUN_AS" --init-groups -- "${svc_cmd[@]}")
    fi
}

as_service() {
    service_cmd "$@"
    "${svc_cmd[@]}"
}

# Creates DIR (0750) for files the service writes and hands it to the service user. A folder created by root
# (as this script did before, or by hand) makes `saju backup`, POST /v1/admin/backup and a cron backup fail with
# "Permission denied", so an existing one is handed over too.
service_dir() {
    install -d -m 0750 "$1"
    if drop_privileges; then
        chown "$DEPLOY_RUN_AS:" "$1"
    fi
}

# A value of the effective configuration, from `saju check-config` (TOML: key = "value").
config_value() {
    local output="$1" key="$2"
    sed -n "s/^$key = \"\(.*\)\"\$/\1/p" <<<"$output" | head -n 1
}

ready_url_for() {
    local listen="$1" port host
    port="${listen##*:}"
    host="${listen%:*}"
    case "$host" in
        0.0.0.0 | "") host=127.0.0.1 ;;
        "[::]") host="[::1]" ;;
    esac
    printf 'http://%s:%s/health/ready' "$host" "$port"
}

# The first of security.allowed_hosts (check-config output), or nothing: with an allow-list, the server
# answers 400 to any other Host header, /health included, so probes from here must send an allowed one.
first_allowed_host() {
    awk '/^allowed_hosts = \[/ { f = 1 }
         f { if (match($0, /"[^"]*"/)) { print substr($0, RSTART + 1, RLENGTH - 2); exit } if ($0 ~ /\]/) exit }' <<<"$1"
}

# GETs URL with the Host header the server accepts; fails unless it answers 2xx within 2 s.
probe() {
    local -a host=()
    [ -n "${probe_host:-}" ] && host=(-H "Host: $probe_host")
    curl -fsS -o /dev/null --max-time 2 "${host[@]+"${host[@]}"}" "$@" 2>/dev/null
}

# Polls URL until it answers 2xx, at most DEPLOY_READY_TIMEOUT seconds; gives up early when the process PID
# (optional) has exited.
wait_ready() {
    local url="$1" pid="${2:-}" deadline=$((SECONDS + DEPLOY_READY_TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if probe "$url"; then
            return 0
        fi
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        sleep 0.5
    done
    return 1
}

# During a rollback: when the schema the old binary BIN reads is no longer the one recorded before the upgrade
# (the new version migrated it), put the backup back. Reads the caller's backup, schema_before, db and stamp.
restore_if_schema_moved() {
    local bin="$1" schema_after
    schema_after="$(schema_version "$bin" 2>/dev/null || echo unknown)"
    if [ -n "$backup" ] && [ "$schema_after" != "$schema_before" ]; then
        restore_database "$backup" "$db" "$stamp"
        log "restored $backup (the schema had moved from $schema_before to $schema_after; kept $db.failed-$stamp)"
    fi
}

# The schema version of the database (`saju migrate --status`), or 0 when it does not exist yet.
schema_version() {
    local bin="$1" out
    out="$(as_service "$bin" migrate --status --config "$DEPLOY_CONFIG")" || return 1
    if [[ "$out" =~ 스키마\ 버전\ ([0-9]+) ]] && [[ "$out" != *"아직 없음"* ]]; then
        printf '%s' "${BASH_REMATCH[1]}"
    else
        printf '0'
    fi
}

# Installs FILE as DEST atomically (a running process keeps its old inode).
install_binary() {
    local file="$1" dest="$2"
    install -m 0755 "$file" "$dest.deploy.$$"
    mv -f "$dest.deploy.$$" "$dest"
}

# Replaces the database with a backup copy; the replaced file is kept next to it.
restore_database() {
    local backup="$1" db="$2" stamp="$3"
    [ -f "$db" ] && mv -f "$db" "$db.failed-$stamp"
    cp "$backup" "$db.restore.$$"
    if drop_privileges; then
        chown "$DEPLOY_RUN_AS:" "$db.restore.$$"
    fi
    chmod 0640 "$db.restore.$$"
    mv -f "$db.restore.$$" "$db"
}

# Checks the arguments and the new binary; sets new_bin, new_config (check-config output), data_dir,
# ready_url and probe_host.
preflight() {
    local env="$1" version="${2#v}"
    case "$env" in development | staging | production) ;; *) die "ENV must be development, staging or production: $env" ;; esac
    [ -n "$version" ] || die "VERSION is empty"
    new_bin="${DEPLOY_BINARY:-$DEPLOY_RELEASES/$version/saju}"
    # A release unpacked by hand under the tag's name (v0.1.0/) is found too.
    if [ -z "${DEPLOY_BINARY:-}" ] && [ ! -x "$new_bin" ] && [ -x "$DEPLOY_RELEASES/v$version/saju" ]; then
        new_bin="$DEPLOY_RELEASES/v$version/saju"
    fi
    [ -x "$new_bin" ] || die "no executable release binary at $new_bin"
    local printed
    printed="$("$new_bin" --version 2>/dev/null)" || die "$new_bin --version failed"
    [ "$printed" = "saju $version" ] || die "$new_bin says '$printed', expected 'saju $version'"
    [ -f "$DEPLOY_CONFIG" ] || die "no configuration at $DEPLOY_CONFIG (run scripts/install.sh first)"
    load_host_env "$DEPLOY_ENV_FILE"
    new_config="$(as_service "$new_bin" check-config --config "$DEPLOY_CONFIG" 2>&1)" ||
        die "the new binary rejects this host's configuration: $(tail -n 1 <<<"$new_config")"
    local host_env_name
    host_env_name="$(config_value "$new_config" environment)"
    [ "$host_env_name" = "$env" ] || die "this host's configuration says environment = \"$host_env_name\", not $env"
    data_dir="$(config_value "$new_config" data_dir)"
    [ -n "$data_dir" ] || die "could not read server.data_dir from check-config"
    case "$data_dir" in /*) ;; *) die "server.data_dir must be absolute for a service: $data_dir" ;; esac
    ready_url="${DEPLOY_READY_URL:-$(ready_url_for "$(config_value "$new_config" listen)")}"
    probe_host="$(first_allowed_host "$new_config")"
}

# systemctl without the deploy lock's descriptor, so nothing it starts can hold the lock.
sysctl() {
    "$SYSTEMCTL" "$@" 9>&-
}

take_lock() {
    mkdir -p "$(dirname "$DEPLOY_LOCK")"
    exec 9>"$DEPLOY_LOCK"
    flock -n 9 || die "another deploy is running (lock $DEPLOY_LOCK)"
}

main() {
    [ $# -eq 2 ] || { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }
    local env="$1" version="${2#v}"
    take_lock
    preflight "$env" "$version"
    local db="$data_dir/saju.redb" stamp previous="$DEPLOY_BIN.previous"
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"

    if [ -x "$DEPLOY_BIN" ] && cmp -s "$DEPLOY_BIN" "$new_bin" && [ "${FORCE:-0}" != 1 ]; then
        log "$("$DEPLOY_BIN" --version) is already installed; nothing to do (FORCE=1 to redeploy)"
        exit 0
    fi
    local had_binary=false
    [ -x "$DEPLOY_BIN" ] && had_binary=true

    log "deploying $("$new_bin" --version) to $env; stopping $DEPLOY_UNIT (it drains in-flight requests)"
    sysctl stop "$DEPLOY_UNIT" || true

    local backup="" schema_before=0
    if [ -f "$db" ]; then
        local reader="$DEPLOY_BIN"
        $had_binary || reader="$new_bin"
        service_dir "$data_dir/backups"
        backup="$data_dir/backups/pre-deploy-$version-$stamp.redb"
        if ! as_service "$reader" backup "$backup" --config "$DEPLOY_CONFIG" >&2; then
            log "backup failed; starting the old version again"
            sysctl start "$DEPLOY_UNIT" || true
            die "backup to $backup failed; nothing was changed"
        fi
        schema_before="$(schema_version "$reader")" || die "could not read the schema version"
        log "backup: $backup (schema version $schema_before)"
    fi

    $had_binary && cp -p "$DEPLOY_BIN" "$previous"
    install_binary "$new_bin" "$DEPLOY_BIN"
    log "installed $DEPLOY_BIN"

    local failed=""
    if ! as_service "$DEPLOY_BIN" migrate --config "$DEPLOY_CONFIG" >&2; then
        failed="saju migrate failed"
    elif ! sysctl start "$DEPLOY_UNIT"; then
        failed="$DEPLOY_UNIT did not start"
    elif ! wait_ready "$ready_url"; then
        failed="$ready_url was not ready within ${DEPLOY_READY_TIMEOUT}s"
    fi
    if [ -z "$failed" ]; then
        log "done: $("$DEPLOY_BIN" --version) is ready at $ready_url"
        return 0
    fi

    log "FAILED: $failed; rolling back"
    sysctl stop "$DEPLOY_UNIT" || true
    if ! $had_binary; then
        die "this was the first install; the unit is stopped"
    fi
    install_binary "$previous" "$DEPLOY_BIN"
    restore_if_schema_moved "$DEPLOY_BIN"
    if sysctl start "$DEPLOY_UNIT" && wait_ready "$ready_url"; then
        log "rolled back to $("$DEPLOY_BIN" --version), ready at $ready_url"
        exit 1
    fi
    log "the rollback did not become ready either: see journalctl -u $DEPLOY_UNIT"
    exit 2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
