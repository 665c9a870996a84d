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

# Tools the deployment tests use to check artifacts for real (systemd-analyze, shellcheck, nginx -t,
# promtool; objdump/readelf for the glibc floor), and the headless browser the web page test drives (chromium,
# chromedriver, a Korean font).
# Installed from Debian when missing and we are root; otherwise the deployment checks print SKIP and the
# browser test fails naming what is missing (SAJU_SKIP_BROWSER=1 skips it).
missing=()
command -v systemd-analyze >/dev/null || missing+=(systemd)
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v nginx >/dev/null || missing+=(nginx-light)
command -v promtool >/dev/null || missing+=(prometheus)
command -v openssl >/dev/null || missing+=(openssl)
command -v objdump >/dev/null || missing+=(binutils)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing test tools: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# cargo-chef, the Dockerfile's dependency layer, which tests/deploy runs outside Docker: the image's version.
chef_version="$(sed -n 's/^ARG CARGO_CHEF_VERSION=//p' Dockerfile)"
if ! cargo chef --version 2>/dev/null | grep -q " ${chef_version}\$"; then
  echo "== installing cargo-chef ${chef_version} (the Dockerfile's builder stages are tested with it)"
  CARGO_TARGET_DIR="$HOME/.cache/saju/target-tools" cargo install --locked --quiet cargo-chef --version "$chef_version" ||
    echo "test.sh: could not install cargo-chef; the Dockerfile builder test will print SKIP" >&2
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
# cargo-deny, for the supply-chain check below (deny.toml).
deny_version="0.20.2"
if ! cargo deny --version 2>/dev/null | grep -q " ${deny_version}\$"; then
  echo "== installing cargo-deny ${deny_version}"
  CARGO_TARGET_DIR="$HOME/.cache/saju/target-tools" cargo install --locked --quiet cargo-deny --version "$deny_version" ||
    echo "test.sh: could not install cargo-deny; the supply-chain check will print SKIP" >&2
fi

# cargo-deb and cargo-cyclonedx: tests/deploy builds the .deb (scripts/deb.sh) and the SBOM (scripts/sbom.sh) with
# the versions those scripts and the release workflow pin.
for pair in deb:3.8.0 cyclonedx:0.5.9; do
  sub="${pair%%:*}" version="${pair#*:}"
  if ! cargo "$sub" --version 2>/dev/null | grep -q " ${version}\$"; then
    echo "== installing cargo-$sub $version"
    CARGO_TARGET_DIR="$HOME/.cache/saju/target-tools" cargo install --locked --quiet "cargo-$sub" --version "$version" ||
      echo "test.sh: could not install cargo-$sub; its packaging test will print SKIP" >&2
  fi
done

echo "== format"
cargo fmt --check
echo "== clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== supply chain (cargo-deny: licences, sources, duplicate versions; deny.toml)"
if cargo deny --version >/dev/null 2>&1; then
  # cargo-deny reads the metadata of every platform's dependencies (windows-sys too), which a build on this
  # host never downloads: fetch them all first (crates.io), so the offline check works on a fresh machine.
  cargo fetch --locked --quiet
  cargo deny --offline --log-level error check licenses bans sources
  # Advisories need the RustSec database, fetched from github.com.
  if timeout 120 cargo deny fetch db >/dev/null 2>&1; then
    cargo deny --log-level error check advisories
  else
    echo "SKIP: cargo deny advisories (the RustSec advisory database cannot be fetched from github.com here)"
  fi
else
  echo "SKIP: cargo-deny (not installed: cargo install --locked cargo-deny --version ${deny_version})"
fi
echo "== knowledge corpus"
python3 knowledge/check.py
echo "== example plugins (wasm32-unknown-unknown → components, for the plugin tests)"
status=0
bash scripts/build-plugins.sh || status=$?
if [ "$status" = 3 ]; then
  echo "SKIP: example plugin tests (no wasm32-unknown-unknown target on this machine)"
  export SAJU_EXAMPLE_PLUGINS=skip
elif [ "$status" != 0 ]; then
  exit "$status"
fi
echo "== tests (unit, integration, CLI, benchmarks in test mode)"
cargo test --all-targets --locked
