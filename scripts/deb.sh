#!/usr/bin/env bash
# The .deb: cargo-deb (Cargo.toml's [package.metadata.deb]) packs an already-built binary — no second build —
# with the files scripts/install.sh stages for /usr: the units (running /usr/bin/saju) into /usr/lib/systemd/system,
# /etc/saju/saju.toml (saju.example.toml with data_dir = /var/lib/saju) and saju.env as conffiles, the docs; and
# the maintainer scripts of deploy/deb/, whose postinst makes the saju user and gives /etc/saju and /var/lib/saju
# their owners with install.sh's own functions (scripts/lib/saju_account.sh).
#
#   cargo build --release && scripts/deb.sh                 # → dist/saju_VERSION-1_amd64.deb
#   scripts/deb.sh --binary path/to/saju --out DIR [--fast]
#
# The package's `libc6 (>= X)` is the binary's own glibc floor (scripts/glibc-floor.sh: 2.28 for a release
# binary), written into the control file after cargo-deb. Not dpkg-shlibdeps: Debian's symbols files ask for the
# builder's libc6 (2.34 on Debian 12 even for a binary linked against 2.28), which would refuse older hosts.
#
# On the host: sudo apt install ./saju_VERSION-1_amd64.deb (or dpkg -i); see docs/operations.md.
# Needs cargo-deb (cargo install --locked cargo-deb --version 3.8.0; scripts/test.sh installs it), dpkg-deb and
# binutils.
set -euo pipefail

CARGO_DEB_VERSION=3.8.0

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    cat <<'EOF'
Options:
  --binary PATH   the saju binary to package (default: $CARGO_TARGET_DIR/release/saju, then target/release/saju)
  --out DIR       where the .deb goes (default: dist/)
  --fast          faster, larger compression (for tests)
  -h, --help      this text
EOF
}

repo="$(cd "$(dirname "$0")/.." && pwd)"
binary=""
out="$repo/dist"
fast=false
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
        --binary=*) binary="${1#*=}"; shift ;;
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        --out=*) out="${1#*=}"; shift ;;
        --fast) fast=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "deb.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

if ! cargo deb --version >/dev/null 2>&1; then
    echo "deb.sh: cargo-deb is not installed: cargo install --locked cargo-deb --version ${CARGO_DEB_VERSION}" >&2
    exit 3
fi
command -v dpkg-deb >/dev/null || { echo "deb.sh: dpkg-deb is required (Debian package dpkg)" >&2; exit 3; }

# shellcheck source=scripts/lib/saju_binary.sh
source "$repo/scripts/lib/saju_binary.sh"
saju_binary deb.sh "$binary" "${CARGO_TARGET_DIR:-$HOME/.cache/saju/target}/release/saju" "$repo/target/release/saju"
binary="$FOUND_BINARY"
version="$FOUND_VERSION"
floor="$(bash "$repo/scripts/glibc-floor.sh" "$binary")"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A private target directory: cargo-deb's `target/release/` assets resolve into it.
release="$work/target/release"
mkdir -p "$release"
bash "$repo/scripts/install.sh" --root "$release/deb-root" --prefix /usr --binary "$binary" >/dev/null
ln -s deb-root/usr/bin/saju "$release/saju"

# The package's version is the binary's (saju --version), so a .deb can never carry another build's number.
# cargo-deb's output is an intermediate here (fast compression): the control file gets the floor below.
made="$(cd "$repo" && CARGO_TARGET_DIR="$work/target" cargo deb --no-build --locked --quiet --fast \
    --deb-version "$version-1" --output "$work/")"
made="$(tail -n 1 <<<"$made")"
[ -f "$made" ] || { printf "deb.sh: cargo-deb made no package:\n%s\n" "$made" >&2; exit 1; }

# Depends: libc6 (>= the binary's floor), then the package rebuilt as root-owned files.
raw="$work/raw"
dpkg-deb -R "$made" "$raw"
sed -i -E "s/^(Depends: (.*, )?libc6)(, |\$)/\1 (>= $floor)\3/" "$raw/DEBIAN/control"
grep -q "^Depends: .*libc6 (>= $floor)" "$raw/DEBIAN/control" ||
    { echo "deb.sh: no libc6 in the control file's Depends" >&2; exit 1; }
deb="$out/$(basename "$made")"
if $fast; then compress=(-Zgzip -z1); else compress=(-Zxz); fi
dpkg-deb --root-owner-group "${compress[@]}" --build "$raw" "$deb.tmp" >/dev/null
mv -f "$deb.tmp" "$deb"
echo "$deb"
