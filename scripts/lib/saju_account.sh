# shellcheck shell=bash
# The saju system account and the owners of its directories, shared by scripts/install.sh and the .deb's postinst
# (which ships this file as /usr/lib/saju/saju_account.sh). Source it, then:
#
#   saju_account ROOT                 # the system group and user saju: no shell, no login, home /var/lib/saju
#   saju_owners ROOT ETCDIR DATADIR   # ETCDIR (0750) with its saju.toml and saju.env: root:saju;
#                                     # DATADIR and DATADIR/backups (0750, created if missing): saju:saju
#
# ROOT is "" for this host, or the directory a package is being installed into (dpkg's DPKG_ROOT with
# --root DIR --force-script-chrootless): the account then goes into ROOT/etc/passwd and ROOT/etc/group, and the
# owners are given by number, so nothing outside ROOT changes.

# The saju line of ROOT's passwd or group database (DB), or a failure when there is none.
saju_entry() {
    local root="$1" db="$2"
    if [ -n "$root" ]; then
        grep '^saju:' "$root/etc/$db"
    else
        getent "$db" saju
    fi
}

saju_account() {
    local root="$1"
    local where=()
    if [ -n "$root" ]; then where=(--prefix "$root"); fi
    if ! saju_entry "$root" group >/dev/null; then
        groupadd --system "${where[@]}" saju
        printf '  %s\n' "created group saju"
    fi
    if ! saju_entry "$root" passwd >/dev/null; then
        useradd --system "${where[@]}" --gid saju --home-dir /var/lib/saju --no-create-home \
            --shell /usr/sbin/nologin --comment "saju appliance" saju
        printf '  %s\n' "created user saju"
    fi
}

saju_owners() {
    local root="$1" etcdir="$2" datadir="$3" uid gid f
    uid="$(saju_entry "$root" passwd | cut -d: -f3)"
    gid="$(saju_entry "$root" group | cut -d: -f3)"
    if [ -z "$uid" ] || [ -z "$gid" ]; then
        echo "saju_owners: no saju user or group${root:+ in $root}" >&2
        return 1
    fi
    install -d -m 0750 "$etcdir" "$datadir" "$datadir/backups"
    for f in "$etcdir" "$etcdir/saju.toml" "$etcdir/saju.env"; do
        if [ -e "$f" ]; then chown "0:$gid" "$f"; fi
    done
    # A root-owned backups/ (made by an older deploy script) is handed back too.
    chown "$uid:$gid" "$datadir" "$datadir/backups"
}
