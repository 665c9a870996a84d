#!/usr/bin/env bash
# Builds the offline bundle: one tar.gz with the binary and everything install.sh, deploy.sh and the blue-green
# setup need on a host without the repository or a network, its files listed in SHA256SUMS inside, and a
# .sha256 of the archive beside it.
#
#   cargo build --release && scripts/bundle.sh          # → dist/saju-VERSION-linux-x86_64.tar.gz (+ .sha256)
#   scripts/bundle.sh --binary path/to/saju --out DIR
#   scripts/bundle.sh --binary "$(scripts/build-portable.sh | tail -n 1)"   # the release's: runs on glibc 2.28
#
# On the host:
#   sha256sum -c saju-VERSION-linux-x86_64.tar.gz.sha256
#   tar xzf saju-VERSION-linux-x86_64.tar.gz && cd saju-VERSION-linux-x86_64
#   sha256sum -c SHA256SUMS && sudo scripts/install.sh    # installs bin/saju from the bundle
#
# Layout inside saju-VERSION-linux-x86_64/ (the repository's own paths, so the scripts find their files):
#   bin/saju, saju.example.toml, README.md, docs/operations.md, docs/engine.md,
#   systemd/{saju.service,saju-backup.service,saju-backup.timer,saju.env.example},
#   scripts/{install.sh,lib/saju_binary.sh,lib/saju_account.sh,deploy.sh,deploy-blue-green.sh},
#   deploy/blue-green/saju@.service, deploy/nginx/*.conf, deploy/prometheus/{scrape.yaml,alerts.yaml},
#   saju.cdx.json (the binary's SBOM, CycloneDX: scripts/sbom.sh; needs cargo-cyclonedx), SHA256SUMS
set -euo pipefail

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    cat <<'EOF'
Options:
  --binary PATH   the saju binary to bundle (default: $CARGO_TARGET_DIR/release/saju, then target/release/saju)
  --out DIR       where the archive goes (default: dist/)
  --no-sbom       leave out saju.cdx.json (where cargo-cyclonedx is not installed)
  -h, --help      this text
EOF
}

repo="$(cd "$(dirname "$0")/.." && pwd)"
binary=""
out="$repo/dist"
sbom=true

while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
        --binary=*) binary="${1#*=}"; shift ;;
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        --out=*) out="${1#*=}"; shift ;;
        --no-sbom) sbom=false; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "bundle.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

# shellcheck source=scripts/lib/saju_binary.sh
source "$repo/scripts/lib/saju_binary.sh"
saju_binary bundle.sh "$binary" "${CARGO_TARGET_DIR:-$HOME/.cache/saju/target}/release/saju" "$repo/target/release/saju"
binary="$FOUND_BINARY"
version="$FOUND_VERSION"
arch="$(uname -m)"
name="saju-$version-linux-$arch"

files=(
    saju.example.toml
    README.md
    docs/operations.md
    docs/engine.md
    systemd/saju.service
    systemd/saju-backup.service
    systemd/saju-backup.timer
    systemd/saju.env.example
    scripts/install.sh
    scripts/lib/saju_binary.sh
    scripts/lib/saju_account.sh
    scripts/deploy.sh
    scripts/deploy-blue-green.sh
    deploy/blue-green/saju@.service
    deploy/nginx/saju.conf
    deploy/nginx/saju-upstream.conf
    deploy/prometheus/scrape.yaml
    deploy/prometheus/alerts.yaml
)

mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stage="$work/$name"
mkdir -p "$stage/bin"
install -m 0755 "$binary" "$stage/bin/saju"
for f in "${files[@]}"; do
    [ -f "$repo/$f" ] || { echo "bundle.sh: $f is missing from the repository" >&2; exit 1; }
    mkdir -p "$stage/$(dirname "$f")"
    # Scripts keep their mode; everything else is plain data.
    if [ -x "$repo/$f" ]; then install -m 0755 "$repo/$f" "$stage/$f"; else install -m 0644 "$repo/$f" "$stage/$f"; fi
done
if $sbom; then
    bash "$repo/scripts/sbom.sh" --out "$stage/saju.cdx.json" >/dev/null ||
        { echo "bundle.sh: no SBOM (install cargo-cyclonedx, or pass --no-sbom)" >&2; exit 1; }
    chmod 0644 "$stage/saju.cdx.json"
fi
(cd "$stage" && find . -type f -printf '%P\n' | LC_ALL=C sort > "$work/files" && xargs sha256sum < "$work/files" > SHA256SUMS)

# Reproducible order, owner and times: the same inputs give the same archive.
archive="$out/$name.tar.gz"
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner --mtime='@0' -cf - "$name" | gzip -n > "$archive.tmp"
mv "$archive.tmp" "$archive"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$archive"
