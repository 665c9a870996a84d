#!/usr/bin/env bash
# Blue-green upgrade on ONE host behind nginx, honest about the embedded store: redb allows one writer, so two
# versions can never serve the same data at once. What this does instead:
#
#   1. rehearsal: `saju backup` of the live database (online) into a scratch data directory, the new version
#      started on the idle color's port against that copy (it migrates the copy), /health/ready and a real
#      POST /v1/charts checked, then stopped and the copy deleted. A release that cannot start, migrate or
#      answer is rejected here, while the live version keeps serving; nothing has changed.
#   2. handover: nginx gets the idle color as a `backup` server, the live color is stopped (it turns not-ready,
#      keeps serving for shutdown_drain_seconds, finishes in-flight requests, exits, releasing the database),
#      an offline backup is taken, the idle color starts on the SAME data directory (migrating it), and once its
#      /health/ready answers, nginx is switched to it alone. Between the old listener closing and the new one
#      opening (the new process's start-up) nginx has no server and answers 502: a short gap, not zero.
#   3. rollback, if the new color is not ready in time: it is stopped, the backup restored if the schema
#      moved, the old color started again and nginx pointed back at it.
#
#   scripts/deploy-blue-green.sh setup                 convert an install.sh host: saju.service → saju@blue
#                                                      (all or nothing: a failed setup puts saju.service back
#                                                      and can be run again; a finished one says so and exits 0)
#   scripts/deploy-blue-green.sh ENV VERSION           deploy VERSION to the idle color
#
# Layout: /opt/saju/{blue,green}/saju, /etc/saju/{blue,green}.env (SAJU_SERVER__LISTEN=127.0.0.1:8001 / :8002),
# /etc/systemd/system/saju@.service (deploy/blue-green/saju@.service), /etc/saju/active-color, and the nginx
# upstream file /etc/nginx/saju-upstream.conf that deploy/nginx/saju.conf includes (installed from
# deploy/nginx/saju-upstream.conf; setup rewrites it for blue).
# Besides scripts/deploy.sh's variables: BLUE_PORT=8001 GREEN_PORT=8002, DEPLOY_UPSTREAM_FILE,
# NGINX_TEST="nginx -t", NGINX_RELOAD="systemctl reload nginx".
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/deploy.sh
source "$here/deploy.sh"

BLUE_PORT="${BLUE_PORT:-8001}"
GREEN_PORT="${GREEN_PORT:-8002}"
DEPLOY_OPT="${DEPLOY_OPT:-$DEPLOY_ROOT/opt/saju}"
DEPLOY_ETC="${DEPLOY_ETC:-$DEPLOY_ROOT/etc/saju}"
DEPLOY_UNIT_DIR="${DEPLOY_UNIT_DIR:-$DEPLOY_ROOT/etc/systemd/system}"
DEPLOY_UPSTREAM_FILE="${DEPLOY_UPSTREAM_FILE:-$DEPLOY_ROOT/etc/nginx/saju-upstream.conf}"
NGINX_TEST="${NGINX_TEST:-nginx -t}"
NGINX_RELOAD="${NGINX_RELOAD:-systemctl reload nginx}"

port_of() { if [ "$1" = blue ]; then echo "$BLUE_PORT"; else echo "$GREEN_PORT"; fi; }
other() { if [ "$1" = blue ]; then echo green; else echo blue; fi; }

# Writes the nginx upstream (PRIMARY [BACKUP]), has nginx check it (NGINX_TEST) and reload (NGINX_RELOAD). On a
# failure the previous file comes back (or the new one goes), and upstream_error says which step failed and why:
# a rejected configuration is not the same problem as an nginx that is not running.
upstream_error=""
switch_upstream() {
    local primary="$1" backup="${2:-}" file="$DEPLOY_UPSTREAM_FILE" had_previous=false output=""
    upstream_error=""
    mkdir -p "$(dirname "$file")"
    if [ -f "$file" ]; then
        cp -p "$file" "$file.previous"
        had_previous=true
    fi
    {
        echo "# Managed by scripts/deploy-blue-green.sh: the live color of saju. Do not edit."
        echo "upstream saju_backend {"
        echo "    server 127.0.0.1:$(port_of "$primary") max_fails=1 fail_timeout=5s;"
        [ -n "$backup" ] && echo "    server 127.0.0.1:$(port_of "$backup") backup;"
        echo "    keepalive 32;"
        echo "}"
    } > "$file.new"
    mv -f "$file.new" "$file"
    if ! output="$($NGINX_TEST 2>&1)"; then
        upstream_error="'$NGINX_TEST' rejected the configuration with $file: $(tail -n 2 <<<"$output" | tr '\n' ' ')"
    elif ! output="$($NGINX_RELOAD 2>&1)"; then
        upstream_error="nginx accepts $file, but '$NGINX_RELOAD' failed (is nginx installed and running?): $(tail -n 2 <<<"$output" | tr '\n' ' ')"
    fi
    if [ -n "$upstream_error" ]; then
        if $had_previous; then mv -f "$file.previous" "$file"; else rm -f "$file"; fi
        $NGINX_RELOAD >/dev/null 2>&1 || true
        log "$upstream_error"
        return 1
    fi
    log "nginx → $primary (:$(port_of "$primary"))${backup:+, $backup as backup}"
}

# Idempotent, all or nothing: every step can be repeated, and the active-color file that marks a finished setup
# is written last. If saju@blue does not serve or nginx does not take the upstream, saju.service is put back as
# it was, so the host keeps serving and the setup can simply be run again.
setup() {
    [ -x "$DEPLOY_BIN" ] || die "no $DEPLOY_BIN: run scripts/install.sh first"
    if [ -f "$DEPLOY_ETC/active-color" ]; then
        log "already set up: the active color is $(cat "$DEPLOY_ETC/active-color"); nothing to do"
        return 0
    fi
    local color
    for color in blue green; do
        install -d -m 0755 "$DEPLOY_OPT/$color"
        if [ ! -f "$DEPLOY_ETC/$color.env" ]; then
            printf '# saju@%s.service: only the port differs between the colors.\nSAJU_SERVER__LISTEN=127.0.0.1:%s\n' \
                "$color" "$(port_of "$color")" > "$DEPLOY_ETC/$color.env"
            chmod 0644 "$DEPLOY_ETC/$color.env"
        fi
    done
    install_binary "$DEPLOY_BIN" "$DEPLOY_OPT/blue/saju"
    install -m 0644 "$here/../deploy/blue-green/saju@.service" "$DEPLOY_UNIT_DIR/saju@.service"
    sysctl daemon-reload
    load_host_env "$DEPLOY_ENV_FILE" "$DEPLOY_ETC/blue.env"
    probe_host="$(first_allowed_host "$(as_service "$DEPLOY_OPT/blue/saju" check-config --config "$DEPLOY_CONFIG" 2>/dev/null)")"
    local was_active=false failed=""
    sysctl is-active --quiet saju.service && was_active=true
    sysctl disable --now saju.service || true
    if ! sysctl start saju@blue.service; then
        failed="saju@blue did not start (journalctl -u saju@blue)"
    elif ! wait_ready "http://127.0.0.1:$BLUE_PORT/health/ready"; then
        failed="saju@blue was not ready on :$BLUE_PORT within ${DEPLOY_READY_TIMEOUT}s"
    elif ! switch_upstream blue; then
        failed="$upstream_error"
    fi
    if [ -n "$failed" ]; then
        log "FAILED: $failed"
        sysctl stop saju@blue.service || true
        sysctl enable saju.service || true
        if $was_active && ! sysctl start saju.service; then
            log "warning: saju.service did not start again either"
        fi
        die "setup not done; saju.service is back as it was. Fix the cause above and run '$0 setup' again"
    fi
    sysctl enable saju@blue.service
    echo blue > "$DEPLOY_ETC/active-color"
    log "set up: blue is live on :$BLUE_PORT; nginx reaches it through $DEPLOY_UPSTREAM_FILE"
}

# Starts BIN against a copy of the live database on PORT, checks it answers, stops it. Returns non-zero on failure.
rehearse() {
    local bin="$1" active_bin="$2" port="$3" scratch="$4"
    install -d -m 0750 "$scratch"
    drop_privileges && chown "$DEPLOY_RUN_AS:" "$scratch"
    if [ -f "$data_dir/saju.redb" ]; then
        as_service "$active_bin" backup "$scratch/saju.redb" --config "$DEPLOY_CONFIG" >&2 || return 1
    fi
    service_cmd "$bin" serve --config "$DEPLOY_CONFIG" --data-dir "$scratch" --listen "127.0.0.1:$port"
    "${svc_cmd[@]}" </dev/null >"$scratch/serve.log" 2>&1 9>&- &
    local pid=$! ok=true base="http://127.0.0.1:$port"
    if ! wait_ready "$base/health/ready" "$pid"; then
        log "rehearsal: not ready (exited, or not within ${DEPLOY_READY_TIMEOUT}s)"
        ok=false
    elif ! probe "$base/health"; then
        log "rehearsal: /health is not ok"
        ok=false
    elif ! probe -X POST -H 'Content-Type: application/json' \
        --data '{"datetime": "1990-05-15T15:30", "gender": "female"}' "$base/v1/charts"; then
        log "rehearsal: POST /v1/charts failed"
        ok=false
    fi
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    $ok || { tail -n 5 "$scratch/serve.log" >&2; return 1; }
}

deploy() {
    local env="$1" version="${2#v}"
    take_lock
    [ -f "$DEPLOY_ETC/active-color" ] || die "not set up for blue-green: run '$0 setup' first"
    preflight "$env" "$version"
    local active idle stamp db="$data_dir/saju.redb"
    active="$(cat "$DEPLOY_ETC/active-color")"
    case "$active" in blue | green) ;; *) die "bad $DEPLOY_ETC/active-color: $active" ;; esac
    idle="$(other "$active")"
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    local active_bin="$DEPLOY_OPT/$active/saju" idle_bin="$DEPLOY_OPT/$idle/saju"
    local active_url idle_url
    active_url="http://127.0.0.1:$(port_of "$active")/health/ready"
    idle_url="http://127.0.0.1:$(port_of "$idle")/health/ready"

    log "$active is live; rehearsing $("$new_bin" --version) on :$(port_of "$idle") with a copy of the data"
    local scratch="$data_dir/rehearsal-$stamp"
    if ! rehearse "$new_bin" "$active_bin" "$(port_of "$idle")" "$scratch"; then
        rm -rf "$scratch"
        die "rehearsal failed; $active keeps serving, nothing changed"
    fi
    rm -rf "$scratch"
    log "rehearsal passed"
    install -d -m 0755 "$DEPLOY_OPT/$idle"
    [ -x "$idle_bin" ] && cp -p "$idle_bin" "$idle_bin.previous"
    install_binary "$new_bin" "$idle_bin"

    load_host_env "$DEPLOY_ENV_FILE" "$DEPLOY_ETC/$idle.env"
    switch_upstream "$active" "$idle" || die "$upstream_error; nothing changed"
    log "stopping saju@$active (it drains)"
    sysctl stop "saju@$active.service" || true
    local backup="" schema_before=0
    if [ -f "$db" ]; then
        service_dir "$data_dir/backups"
        backup="$data_dir/backups/pre-deploy-$version-$stamp.redb"
        if ! as_service "$active_bin" backup "$backup" --config "$DEPLOY_CONFIG" >&2; then
            sysctl start "saju@$active.service" || true
            switch_upstream "$active" || true
            die "backup failed; $active started again"
        fi
        schema_before="$(schema_version "$active_bin")"
    fi
    local failed=""
    if ! sysctl start "saju@$idle.service"; then
        failed="saju@$idle did not start"
    elif ! wait_ready "$idle_url"; then
        failed="$idle_url was not ready within ${DEPLOY_READY_TIMEOUT}s"
    fi
    if [ -z "$failed" ]; then
        switch_upstream "$idle" || log "warning: nginx kept the previous upstream file; $idle is its backup server"
        echo "$idle" > "$DEPLOY_ETC/active-color"
        sysctl enable "saju@$idle.service" || true
        sysctl disable "saju@$active.service" || true
        log "done: $("$idle_bin" --version) is live as $idle; $active is stopped (its binary stays for a rollback)"
        return 0
    fi

    log "FAILED: $failed; rolling back to $active"
    sysctl stop "saju@$idle.service" || true
    [ -x "$idle_bin.previous" ] && mv -f "$idle_bin.previous" "$idle_bin"
    restore_if_schema_moved "$active_bin"
    if sysctl start "saju@$active.service" && wait_ready "$active_url"; then
        switch_upstream "$active" || log "warning: nginx still lists $idle as backup"
        log "rolled back: $active is live again"
        exit 1
    fi
    log "the rollback did not become ready either: see journalctl -u saju@$active"
    exit 2
}

case "${1:-}" in
    setup) [ $# -eq 1 ] || die "usage: $0 setup"; take_lock; setup ;;
    -h | --help | "") awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; [ $# -gt 0 ] ;;
    *) [ $# -eq 2 ] || die "usage: $0 ENV VERSION (or: $0 setup)"; deploy "$1" "$2" ;;
esac
