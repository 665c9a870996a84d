#!/usr/bin/env bash
# The glibc floor of a binary: the highest GLIBC_x.y version its dynamic symbols need, which is the oldest glibc
# it starts on. With --max, fails when the binary needs a newer glibc than that and names the symbols that do.
#
#   scripts/glibc-floor.sh target/release/saju               # prints e.g. 2.34
#   scripts/glibc-floor.sh --max 2.28 path/to/saju           # prints the floor; exit 1 if it is above 2.28
#
# Reference points: RHEL 8 / Rocky 8 = 2.28, Debian 10 = 2.28, Ubuntu 20.04 = 2.31, Debian 11 = 2.31,
# RHEL 9 = 2.34, Debian 12 = 2.36, Ubuntu 24.04 = 2.39. Needs readelf and objdump (Debian package binutils).
# Exit status: 0 within the floor, 1 above it, 2 for a usage error or a file that is not a dynamic ELF binary.
set -euo pipefail

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

max=""
binary=""
while [ $# -gt 0 ]; do
    case "$1" in
        --max) max="${2:?--max needs a version such as 2.28}"; shift 2 ;;
        --max=*) max="${1#*=}"; shift ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "glibc-floor.sh: unknown option: $1 (see --help)" >&2; exit 2 ;;
        *) [ -z "$binary" ] || { echo "glibc-floor.sh: one binary at a time" >&2; exit 2; }; binary="$1"; shift ;;
    esac
done
[ -n "$binary" ] || { echo "glibc-floor.sh: which binary? (see --help)" >&2; exit 2; }
[ -f "$binary" ] || { echo "glibc-floor.sh: $binary: no such file" >&2; exit 2; }
if [ -n "$max" ] && ! [[ "$max" =~ ^2\.[0-9]+$ ]]; then
    echo "glibc-floor.sh: --max $max: expected a glibc version such as 2.28" >&2
    exit 2
fi
for tool in readelf objdump; do
    command -v "$tool" >/dev/null || { echo "glibc-floor.sh: $tool is required (Debian package binutils)" >&2; exit 2; }
done

# The version-needs section (.gnu.version_r) lists every GLIBC_x.y the dynamic linker checks at start.
if ! needs="$(LC_ALL=C readelf -W --version-info "$binary" 2>/dev/null)"; then
    echo "glibc-floor.sh: $binary is not an ELF binary" >&2
    exit 2
fi
versions="$(grep -o 'Name: GLIBC_2\.[0-9.]*' <<<"$needs" | sed 's/^Name: GLIBC_//' | sort -uV || true)"
if [ -z "$versions" ]; then
    echo "glibc-floor.sh: $binary needs no versioned glibc symbols (static, or not linked against glibc)" >&2
    exit 2
fi
floor="$(tail -n 1 <<<"$versions")"
echo "$floor"

if [ -n "$max" ] && [ "$(printf '%s\n%s\n' "$floor" "$max" | sort -V | tail -n 1)" != "$max" ]; then
    # Name what pulls the floor up: every imported symbol versioned above --max.
    above="$(LC_ALL=C objdump -T "$binary" | awk -v max="$max" '
        function newer(v, m,   a, b) { split(v, a, "."); split(m, b, "."); return a[2] + 0 > b[2] + 0 || (a[2] + 0 == b[2] + 0 && a[3] + 0 > b[3] + 0) }
        match($0, /\(?GLIBC_2\.[0-9.]+\)?/) {
            v = substr($0, RSTART, RLENGTH); gsub(/[()]|GLIBC_/, "", v)
            if (newer(v, max)) print "  " $NF " (GLIBC_" v ")"
        }' | sort -u)"
    echo "glibc-floor.sh: $binary needs glibc $floor, above the floor $max; symbols above $max:" >&2
    echo "$above" >&2
    exit 1
fi
