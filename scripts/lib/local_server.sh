# shellcheck shell=bash
# Starting and stopping a throwaway `saju serve` on 127.0.0.1 for the bench and fuzz scripts. Source it, then:
#
#   start_local_server NAME BIN DATA_DIR LOG [VAR=value ...]   # sets SERVER_PID and URL; exits if it fails
#   stop_local_server                                          # SIGTERM, up to 10 s, then SIGKILL
#
# The server runs with a clean environment (PATH, HOME and the VAR=value pairs given), on a port the kernel
# picks; the port is read from the server's `listening` log line on stderr (LOG).

# shellcheck disable=SC2034  # both are read by the sourcing script
SERVER_PID=""
URL=""

start_local_server() {
    local name="$1" bin="$2" data="$3" log="$4" port=""
    shift 4
    env -i PATH="$PATH" HOME="$HOME" "$@" "$bin" serve --listen 127.0.0.1:0 --data-dir "$data" 2>"$log" &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        port="$(grep -o '"addr":"127\.0\.0\.1:[0-9]*"' "$log" 2>/dev/null | head -1 | grep -o '[0-9]*"$' | tr -d '"' || true)"
        [ -n "$port" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; echo "$name: server exited" >&2; exit 1; }
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$log" >&2; echo "$name: no listening line" >&2; exit 1; }
    # shellcheck disable=SC2034
    URL="http://127.0.0.1:$port"
}

stop_local_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
}
