#!/usr/bin/env bash
# The software bill of materials of the saju binary: CycloneDX 1.5 JSON from Cargo.lock by cargo-cyclonedx —
# every crate compiled into the binary for x86_64 Linux (build-time crates such as cc included, dev-dependencies
# and other platforms' crates not), each with its locked version, package URL, licence and the crate's SHA-256
# from Cargo.lock. Reproducible (SOURCE_DATE_EPOCH=0 unless set).
#
#   scripts/sbom.sh --out dist/saju.cdx.json
#
# Needs cargo-cyclonedx (cargo install --locked cargo-cyclonedx --version 0.5.9; scripts/test.sh installs it).
set -euo pipefail

CYCLONEDX_VERSION=0.5.9

repo="$(cd "$(dirname "$0")/.." && pwd)"
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="${2:?--out needs a file}"; shift 2 ;;
        --out=*) out="${1#*=}"; shift ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "sbom.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ -n "$out" ] || { echo "sbom.sh: --out FILE is required" >&2; exit 2; }
if ! cargo cyclonedx --version >/dev/null 2>&1; then
    echo "sbom.sh: cargo-cyclonedx is not installed: cargo install --locked cargo-cyclonedx --version ${CYCLONEDX_VERSION}" >&2
    exit 3
fi

# cargo-cyclonedx writes saju_bin.cdx.json beside Cargo.toml: one run at a time (a lock on the manifest), and the
# file moved out at once.
exec 9<"$repo/Cargo.toml"
flock 9
made="$repo/saju_bin.cdx.json"
trap 'rm -f "$made"' EXIT
(cd "$repo" && SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-0}" cargo cyclonedx --quiet --format json --describe binaries \
    --target x86_64-unknown-linux-gnu --spec-version 1.5)
mkdir -p "$(dirname "$out")"
mv -f "$made" "$out"
echo "$out"
