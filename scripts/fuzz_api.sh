#!/usr/bin/env bash
# Property-based fuzzing of the HTTP API against the committed spec (openapi/openapi.json) with schemathesis.
#
#   scripts/fuzz_api.sh                     # 50 generated cases per operation, seed 1
#   FUZZ_MAX_EXAMPLES=200 FUZZ_SEED=7 scripts/fuzz_api.sh
#   FUZZ_CHECKS=not_a_server_error scripts/fuzz_api.sh     # only the 5xx check
#
# Starts the release server on 127.0.0.1 (temp data dir, an admin token, no rate limit), creates a user for
# its bearer token, and runs schemathesis with both security schemes of the spec filled in (UserAuth: that
# user, AdminAuth: the admin token). Checks: no 5xx (`not_a_server_error`) and responses that match their
# documented schema (`response_schema_conformance`). Exit status is schemathesis's: 0 when every check passed.
# The server's log is kept if something failed (its path is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/saju/target}"
VENV="${FUZZ_VENV:-$HOME/.cache/saju/venv-fuzz}"
# 4.32.5 is the release these runs were made with; it supports Python 3.9+ (this machine: 3.11.7).
# hypothesis is pinned to the oldest release 4.32.5 accepts: newer ones (6.17x) describe filtered strategies
# by parsing the whole source module of a lambda, which on CPython 3.11 before 3.11.8 dies with
# "SystemError: AST constructor recursion depth mismatch" (CPython gh-106905) and aborts the coverage phase
# of POST /v1/charts.
SCHEMATHESIS_VERSION="4.32.5"
HYPOTHESIS_VERSION="6.130.12"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-50}"
SEED="${FUZZ_SEED:-1}"
CHECKS="${FUZZ_CHECKS:-not_a_server_error,response_schema_conformance}"
WORKERS="${FUZZ_WORKERS:-2}"

installed() { "$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null || true; }
if [ "$(installed schemathesis)" != "$SCHEMATHESIS_VERSION" ] || [ "$(installed hypothesis)" != "$HYPOTHESIS_VERSION" ]; then
    echo "== installing schemathesis $SCHEMATHESIS_VERSION (hypothesis $HYPOTHESIS_VERSION) into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "schemathesis==$SCHEMATHESIS_VERSION" "hypothesis==$HYPOTHESIS_VERSION"
fi
echo "schemathesis $(installed schemathesis), hypothesis $(installed hypothesis), $("$VENV/bin/python" --version)"

echo "== build (release)"
cargo build --release --locked --bin saju 2>&1 | tail -1
BIN="$CARGO_TARGET_DIR/release/saju"

# The committed spec must be what the binary serves, or the run would test the wrong contract.
if ! diff -q <("$BIN" openapi) openapi/openapi.json >/dev/null; then
    echo "fuzz_api: openapi/openapi.json differs from \`saju openapi\`; regenerate it first" >&2
    exit 1
fi

WORK="$(mktemp -d -t saju-fuzz.XXXXXX)"
KEEP_LOG=0
# shellcheck source=scripts/lib/local_server.sh
source scripts/lib/local_server.sh
# shellcheck disable=SC2317  # called by the trap
cleanup() {
    stop_local_server
    if [ "$KEEP_LOG" = "1" ]; then
        echo "fuzz_api: server log and reports kept in $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT INT TERM

ADMIN_TOKEN="fuzz-admin-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
start_local_server fuzz_api "$BIN" "$WORK/data" "$WORK/server.log" \
    SAJU_RATE_LIMIT__ENABLED=false SAJU_SECURITY__ADMIN_TOKEN="$ADMIN_TOKEN" SAJU_SERVER__SHUTDOWN_DRAIN_SECONDS=0

USER_TOKEN="$(curl -fsS -X POST -H 'content-type: application/json' -d '{}' "$URL/v1/users" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
# Something for the id-taking routes to find.
curl -fsS -o /dev/null -X POST -H 'content-type: application/json' -H "authorization: Bearer $USER_TOKEN" \
    -d '{"name":"나","relation":"self","birth":{"datetime":"1990-05-15T15:30","gender":"male"}}' "$URL/v1/profiles"

cat >"$WORK/schemathesis.toml" <<'EOF'
[auth.openapi.UserAuth]
bearer = "${FUZZ_USER_TOKEN}"

[auth.openapi.AdminAuth]
bearer = "${FUZZ_ADMIN_TOKEN}"
EOF

fuzz() {
    FUZZ_USER_TOKEN="$USER_TOKEN" FUZZ_ADMIN_TOKEN="$ADMIN_TOKEN" \
        "$VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" run "$ROOT/openapi/openapi.json" \
        --url "$URL" \
        --checks "$CHECKS" \
        --seed "$SEED" \
        --workers "$WORKERS" \
        --request-timeout 30 \
        --continue-on-failure \
        --generation-database none \
        --no-color \
        "$@"
}

# Everything but `DELETE /v1/users/me` (it would delete the user whose token the other routes use) ...
echo "== schemathesis against $URL: $MAX_EXAMPLES examples per operation, seed $SEED, checks $CHECKS"
set +e
fuzz --max-examples "$MAX_EXAMPLES" --exclude-operation-id deleteMe --report junit,ndjson --report-dir "$WORK/report"
STATUS=$?
# ... which runs last, on its own.
echo "== schemathesis: DELETE /v1/users/me"
fuzz --max-examples 5 --include-operation-id deleteMe
STATUS_DELETE=$?
set -e
[ "$STATUS" != "0" ] || STATUS="$STATUS_DELETE"

ERRORS_5XX="$(grep -c '"status":5[0-9][0-9]' "$WORK/server.log" || true)"
PANICS="$(grep -c 'panicked' "$WORK/server.log" || true)"
echo "== server: $(grep -c 'request completed' "$WORK/server.log" || true) requests logged, $ERRORS_5XX answered 5xx, $PANICS panics"
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "fuzz_api: the server died during the run" >&2
    KEEP_LOG=1
    exit 1
fi
if [ "$STATUS" != "0" ] || [ "$ERRORS_5XX" != "0" ] || [ "$PANICS" != "0" ]; then
    KEEP_LOG=1
    [ "$STATUS" != "0" ] || STATUS=1
fi
exit "$STATUS"
