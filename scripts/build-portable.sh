#!/usr/bin/env bash
# The release binary for older Linux hosts: `cargo zigbuild` links it against glibc 2.28 (zig ships the headers
# and symbol lists of every glibc), so it starts on RHEL 8 / Rocky 8, Debian 10 and 11, Ubuntu 20.04 and anything
# newer; scripts/glibc-floor.sh then checks the built file and fails if it needs more than 2.28.
#
#   scripts/build-portable.sh                       # → $CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release/saju
#   scripts/bundle.sh --binary "$(scripts/build-portable.sh | tail -n 1)"
#
# Installs what is missing into $HOME/.cache/saju/ (needs crates.io and PyPI once): cargo-zigbuild (crates.io,
# pinned below) and zig from PyPI's `ziglang` wheel (pinned) in the venv $HOME/.cache/saju/zig-venv.
# A cold build takes about as long as `cargo build --release` (it is a second, separate build of everything).
# The release workflow builds the published binary this way; scripts/test.sh does not (too slow for every run).
set -euo pipefail

ZIGBUILD_VERSION=0.24.1
ZIG_VERSION=0.15.2
GLIBC_FLOOR=2.28

repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="$HOME/.cache/saju"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/target}"
triple="x86_64-unknown-linux-gnu"
[ "$(uname -m)" = x86_64 ] || { echo "build-portable.sh: builds for x86_64 only (this is $(uname -m))" >&2; exit 1; }

if ! cargo zigbuild --version 2>/dev/null | grep -q " ${ZIGBUILD_VERSION}\$"; then
    echo "== installing cargo-zigbuild ${ZIGBUILD_VERSION}" >&2
    CARGO_TARGET_DIR="$cache/target-tools" cargo install --locked --quiet cargo-zigbuild --version "$ZIGBUILD_VERSION" >&2
fi
venv="$cache/zig-venv"
if ! "$venv/bin/python3" -m ziglang version 2>/dev/null | grep -qx "$ZIG_VERSION"; then
    echo "== installing zig ${ZIG_VERSION} (PyPI ziglang) into $venv" >&2
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "ziglang==${ZIG_VERSION}" >&2
fi
# cargo-zigbuild finds zig as `python3 -m ziglang` when that python is first on PATH.
export PATH="$venv/bin:$PATH"

cd "$repo"
cargo zigbuild --release --locked --bin saju --target "${triple}.${GLIBC_FLOOR}" >&2
binary="$CARGO_TARGET_DIR/$triple/release/saju"
"$binary" --version >&2
floor="$(bash "$repo/scripts/glibc-floor.sh" --max "$GLIBC_FLOOR" "$binary")"
echo "build-portable.sh: $binary needs glibc $floor (floor $GLIBC_FLOOR)" >&2
echo "$binary"
