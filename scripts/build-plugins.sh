#!/usr/bin/env bash
# Builds the example plugins (plugins/examples/*) for wasm32-unknown-unknown and turns each into a
# component in $SAJU_PLUGIN_OUT (default ~/.cache/saju/plugins). Their cargo build has its own target
# directory so it never fights the main build's features or lock. Exit status 3: no wasm32 target.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${SAJU_PLUGIN_OUT:-$HOME/.cache/saju/plugins}"
plugin_target="${SAJU_PLUGIN_TARGET_DIR:-$HOME/.cache/saju/plugins-target}"
mkdir -p "$out"

has_target() { rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; }
if ! has_target; then
  rustup target add wasm32-unknown-unknown >&2 || true
  # Exit status 3: the target is not installed and cannot be fetched here (scripts/test.sh then skips).
  has_target || { echo "build-plugins.sh: the wasm32-unknown-unknown target is not installed" >&2; exit 3; }
fi

CARGO_TARGET_DIR="$plugin_target" cargo build -q --release --manifest-path plugins/tools/componentize/Cargo.toml
componentize="$plugin_target/release/componentize"

for dir in plugins/examples/*/; do
  dir="${dir%/}"
  name="$(basename "$dir")"
  crate="$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -1)"
  echo "== plugin $name"
  CARGO_TARGET_DIR="$plugin_target" cargo build -q --release --target wasm32-unknown-unknown \
    --manifest-path "$dir/Cargo.toml"
  "$componentize" "$plugin_target/wasm32-unknown-unknown/release/${crate//-/_}.wasm" "$out/$name.wasm"
  echo "   $out/$name.wasm ($(wc -c <"$out/$name.wasm") bytes)"
done
