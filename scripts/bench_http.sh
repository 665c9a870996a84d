#!/usr/bin/env bash
# HTTP throughput and latency of `saju serve` (release build) on this machine, with wrk.
#
#   scripts/bench_http.sh                 # 20 s per scenario, 2 threads, 64 connections
#   BENCH_DURATION=5s scripts/bench_http.sh
#   BENCH_ACCESS_LOG=1 scripts/bench_http.sh   # keep the per-request JSON access log on (as in production)
#
# Scenarios: POST /v1/charts with random births 1900–2100 (a set of bodies generated up front, picked at
# random per request by a wrk Lua script), POST /v1/charts with one fixed birth, GET /health/live.
# Prints requests/s and latency p50/p90/p99 per scenario, and the server's RSS idle (before any load) and after.
# The load generator runs on the same machine as the server: on 2 cores they compete for the CPU, so these
# are floor figures for the server, not its ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/saju/target}"
DURATION="${BENCH_DURATION:-20s}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
BODIES="${BENCH_BODIES:-5000}"

if ! command -v wrk >/dev/null 2>&1; then
    echo "bench_http: installing wrk (Debian package)" >&2
    if [ "$(id -u)" -eq 0 ]; then
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        sudo apt-get install -y wrk >/dev/null
    fi
fi

echo "== build (release)"
cargo build --release --locked --bin saju 2>&1 | tail -1
BIN="$CARGO_TARGET_DIR/release/saju"

WORK="$(mktemp -d -t saju-bench.XXXXXX)"
# shellcheck source=scripts/lib/local_server.sh
source scripts/lib/local_server.sh
# shellcheck disable=SC2317  # called by the trap
cleanup() {
    stop_local_server
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Random births: year 1900–2100, a valid day of the month, any minute, either gender.
awk -v n="$BODIES" -v seed="${BENCH_SEED:-20250515}" 'BEGIN {
    srand(seed)
    split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
    for (i = 0; i < n; i++) {
        y = 1900 + int(rand() * 201); m = 1 + int(rand() * 12); d = mdays[m]
        if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) d = 29
        printf "{\"datetime\":\"%04d-%02d-%02dT%02d:%02d\",\"gender\":\"%s\"}\n", y, m, 1 + int(rand() * d),
            int(rand() * 24), int(rand() * 60), (rand() < 0.5 ? "male" : "female")
    }
}' >"$WORK/bodies.jsonl"

# Shared Lua: a summary line from wrk's own histogram (microseconds), errors included.
cat >"$WORK/summary.lua" <<'EOF'
done = function(summary, latency, requests)
    local secs = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format(
        "RESULT requests=%d rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
        summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
EOF
cat >"$WORK/random.lua" <<EOF
local bodies = {}
for line in io.lines("$WORK/bodies.jsonl") do bodies[#bodies + 1] = line end
local headers = { ["Content-Type"] = "application/json" }
local counter = 0
setup = function(thread) counter = counter + 1; thread:set("seed", counter) end
init = function(args) math.randomseed(os.time() * 1000 + (seed or 0)) end
request = function() return wrk.format("POST", "/v1/charts", headers, bodies[math.random(#bodies)]) end
$(cat "$WORK/summary.lua")
EOF
cat >"$WORK/fixed.lua" <<EOF
wrk.method = "POST"
wrk.body = '{"datetime":"1990-05-15T15:30","gender":"male"}'
wrk.headers["Content-Type"] = "application/json"
$(cat "$WORK/summary.lua")
EOF

echo "== start server"
# Only the `listening` line is logged unless BENCH_ACCESS_LOG=1 (then every request writes a JSON line).
LOG_FILTER="warn,saju::cli::serve=info"
[ "${BENCH_ACCESS_LOG:-0}" = "1" ] && LOG_FILTER="info,hyper=warn,poem=warn"
start_local_server bench_http "$BIN" "$WORK/data" "$WORK/server.log" \
    RUST_LOG="$LOG_FILTER" SAJU_RATE_LIMIT__ENABLED=false

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status"; }
hwm_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status"; }

# Sanity: one request of each kind answers 200 before timing anything.
curl -fsS -o /dev/null "$URL/health/live"
code="$(curl -sS -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
    --data "$(head -1 "$WORK/bodies.jsonl")" "$URL/v1/charts")"
[ "$code" = "200" ] || { echo "bench_http: POST /v1/charts answered $code" >&2; exit 1; }
sleep 1
RSS_IDLE="$(rss_kib)"

echo "== machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), wrk shares them with the server"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION per scenario; $(wc -l <"$WORK/bodies.jsonl") random bodies"

declare -A RESULTS
run() {
    local name="$1" script="$2" path="$3"
    local out
    if [ -n "$script" ]; then
        out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$script" "$URL$path")"
    else
        out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$WORK/summary.lua" "$URL$path")"
    fi
    RESULTS[$name]="$(grep '^RESULT' <<<"$out" | sed 's/^RESULT //')"
    echo "-- $name: ${RESULTS[$name]}"
}
run "POST /v1/charts (random 1900-2100)" "$WORK/random.lua" /v1/charts
run "POST /v1/charts (fixed 1990-05-15T15:30)" "$WORK/fixed.lua" /v1/charts
run "GET /health/live" "" /health/live

sleep 2
RSS_AFTER="$(rss_kib)"
RSS_PEAK="$(hwm_kib)"
kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench_http: the server died under load" >&2; exit 1; }

echo
echo "================ saju serve (release), $(nproc) cores shared with wrk ================"
printf '%-42s %10s %10s %10s %10s %8s\n' "scenario" "req/s" "p50 ms" "p90 ms" "p99 ms" "errors"
for name in "POST /v1/charts (random 1900-2100)" "POST /v1/charts (fixed 1990-05-15T15:30)" "GET /health/live"; do
    r="${RESULTS[$name]}"
    get() { grep -o "$1=[0-9.]*" <<<"$r" | cut -d= -f2; }
    errors=$(($(get non2xx) + $(get socket_errors)))
    printf '%-42s %10s %10s %10s %10s %8s\n' "$name" "$(get rps)" "$(get p50_ms)" "$(get p90_ms)" "$(get p99_ms)" "$errors"
done
echo "server RSS: idle ${RSS_IDLE} KiB ($((RSS_IDLE / 1024)) MiB), after load ${RSS_AFTER} KiB ($((RSS_AFTER / 1024)) MiB), peak ${RSS_PEAK} KiB ($((RSS_PEAK / 1024)) MiB)"
