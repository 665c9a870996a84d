#!/usr/bin/env bash
# The whole test suite, as the README gives it and CI runs it (`.ci/run` calls this script).
# Installs nothing system-wide that a fresh machine of this project's kind lacks; keeps the cargo
# build cache outside the checkout so warm runs are fast.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/saju/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
mkdir -p "$CARGO_TARGET_DIR"

need() { command -v "$1" >/dev/null 2>&1 || { echo "test.sh: $1 is required ($2)" >&2; exit 1; }; }
need cargo "install Rust with rustup"
need python3 "Debian: apt-get install python3"
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

echo "== format"
cargo fmt --check
echo "== clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== knowledge corpus"
python3 knowledge/check.py
echo "== tests (unit, integration, CLI, benchmarks in test mode)"
cargo test --all-targets --locked
