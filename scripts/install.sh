#!/usr/bin/env bash
# Installs a built saju binary as a systemd service on this host, or stages the same layout under a root
# directory (--root DIR, or DESTDIR=DIR) for packaging and tests. Safe to run again: the binary, the unit and
# the documentation are replaced; an existing /etc/saju/saju.toml or saju.env is never overwritten.
#
#   cargo build --release && sudo scripts/install.sh
#   scripts/install.sh --binary path/to/saju --root /tmp/stage      # no root needed, no user, no systemctl
#
# Layout (under the root):
#   PREFIX/bin/saju                        the binary (PREFIX defaults to /usr/local)
#   PREFIX/share/doc/saju/                 saju.example.toml, operations.md
#   /etc/saju/saju.toml                    from saju.example.toml, data_dir = /var/lib/saju (kept if present)
#   /etc/saju/saju.env                     from systemd/saju.env.example, mode 0640 (kept if present)
#   /etc/systemd/system/saju.service       from systemd/saju.service
#   /etc/systemd/system/saju-backup.{service,timer}  the daily backup (checked, pruned to backups_keep)
#   /var/lib/saju/                         the data directory, mode 0750, owned by the saju user
#   /var/lib/saju/backups/                 where saju backup, the deploy scripts and the admin route write (saju)
set -euo pipefail

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    cat <<'EOF'
Options:
  --binary PATH   the saju binary to install (default: bin/saju in the offline bundle, then
                  $CARGO_TARGET_DIR/release/saju, then target/release/saju)
  --root DIR      install under DIR instead of / (also: DESTDIR=DIR); no user, no ownership, no systemctl
  --prefix DIR    where bin/ and share/ go (default: /usr/local)
  -h, --help      this text
EOF
}

repo="$(cd "$(dirname "$0")/.." && pwd)"
root="${DESTDIR:-}"
prefix=/usr/local
binary=""

while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
        --binary=*) binary="${1#*=}"; shift ;;
        --root) root="${2:?--root needs a directory}"; shift 2 ;;
        --root=*) root="${1#*=}"; shift ;;
        --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
        --prefix=*) prefix="${1#*=}"; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "install.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

# shellcheck source=scripts/lib/saju_binary.sh
source "$repo/scripts/lib/saju_binary.sh"
# shellcheck source=scripts/lib/saju_account.sh
source "$repo/scripts/lib/saju_account.sh"
# bin/saju: run from the offline bundle (scripts/bundle.sh).
saju_binary install.sh "$binary" "$repo/bin/saju" "${CARGO_TARGET_DIR:-$HOME/.cache/saju/target}/release/saju" \
    "$repo/target/release/saju"
binary="$FOUND_BINARY"
version="saju $FOUND_VERSION"

staged=false
if [ -n "$root" ]; then
    staged=true
    mkdir -p "$root"
    root="$(cd "$root" && pwd)"
elif [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root to install on this host, or pass --root DIR to stage the files" >&2
    exit 1
fi

bindir="$root$prefix/bin"
docdir="$root$prefix/share/doc/saju"
etcdir="$root/etc/saju"
unitdir="$root/etc/systemd/system"
datadir="$root/var/lib/saju"

say() { printf '  %s\n' "$*"; }

echo "Installing $version into ${root:-/}"

# The user that runs the service: a system account with no shell and no login (the .deb's postinst does the same).
if ! $staged; then
    saju_account ""
fi

install -d -m 0755 "$bindir" "$docdir" "$unitdir"
install -d -m 0750 "$etcdir" "$datadir" "$datadir/backups"

# The binary: written next to the old one, then renamed over it, so a running process is never disturbed.
tmp="$bindir/.saju.install.$$"
install -m 0755 "$binary" "$tmp"
mv -f "$tmp" "$bindir/saju"
say "binary      $prefix/bin/saju"

install -m 0644 "$repo/saju.example.toml" "$docdir/saju.example.toml"
install -m 0644 "$repo/docs/operations.md" "$docdir/operations.md"
say "docs        $prefix/share/doc/saju/"

# The configuration: the example with the data directory the unit grants write access to.
if [ -e "$etcdir/saju.toml" ]; then
    say "config      /etc/saju/saju.toml (kept: it already exists)"
else
    tmp="$etcdir/.saju.toml.$$"
    sed 's|^data_dir = "saju-data" |data_dir = "/var/lib/saju"|' "$repo/saju.example.toml" > "$tmp"
    grep -q '^data_dir = "/var/lib/saju"' "$tmp" || { rm -f "$tmp"; echo "install.sh: data_dir line not found in saju.example.toml" >&2; exit 1; }
    chmod 0640 "$tmp"
    mv "$tmp" "$etcdir/saju.toml"
    say "config      /etc/saju/saju.toml (from saju.example.toml)"
fi
if [ -e "$etcdir/saju.env" ]; then
    say "secrets     /etc/saju/saju.env (kept: it already exists)"
else
    install -m 0640 "$repo/systemd/saju.env.example" "$etcdir/saju.env"
    say "secrets     /etc/saju/saju.env (from systemd/saju.env.example)"
fi

for unit in saju.service saju-backup.service saju-backup.timer; do
    sed "s|/usr/local/bin/saju|$prefix/bin/saju|g; s|/usr/local/share/doc/saju|$prefix/share/doc/saju|g" \
        "$repo/systemd/$unit" > "$unitdir/.$unit.$$"
    chmod 0644 "$unitdir/.$unit.$$"
    mv -f "$unitdir/.$unit.$$" "$unitdir/$unit"
    say "unit        /etc/systemd/system/$unit"
done

if ! $staged; then
    saju_owners "" "$etcdir" "$datadir"
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload
        say "systemd     daemon-reload done"
    fi
fi
say "data        /var/lib/saju/"

cat <<EOF

Next steps:
  1. Edit /etc/saju/saju.toml (every key: $prefix/share/doc/saju/saju.example.toml) and put secrets
     (SAJU_SECURITY__ADMIN_TOKEN, OPENAI_API_KEY) in /etc/saju/saju.env.
  2. Check it:  sudo -u saju $prefix/bin/saju check-config --config /etc/saju/saju.toml
  3. Start it and the daily backup (kept in /var/lib/saju/backups, checked, pruned; copy them off the host too):
     systemctl enable --now saju saju-backup.timer && $prefix/bin/saju probe --ready
  4. Logs:      journalctl -u saju -o cat      Upgrades: scripts/deploy.sh ENV VERSION
EOF
