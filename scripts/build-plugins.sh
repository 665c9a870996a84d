#!/usr/bin/env bash
# Builds the example plugins (plugins/examples/*) for wasm32-unknown-unknown and turns each into a
# component in $SAJU_PLUGIN_OUT (default ~/.cache/saju/plugins). Their cargo build has its own target
# directory so it never fights the main build's features or lock.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${SAJU_PLUGIN_OUT:-$HOME/.cache/saju/plugins}"
plugin_target="${SAJU_PLUGIN_TARGET_DIR:-$HOME/.cache/saju/plugins-target}"
mkdir -p "$out"

rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown

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
