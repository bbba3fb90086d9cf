#!/usr/bin/env bash
# Proves the Debian package of Permanence in a fresh Debian 12 chroot: install, the service
# user, permissions, the configuration (a conffile), the database created by the package,
# `doctor`, the web interface, an upgrade in place that keeps the data, a web user and the
# administrator's configuration, then removal and purge that keep the office's mail.
#
#   sudo scripts/install-test.sh [--binary PATH] [--keep]
#
#   --binary  the permanence binary to package (default: build-deb.sh's, target/release)
#   --keep    leave the chroot's work directory for inspection
#
# Must run as root on Debian 12 (debootstrap is installed when missing). The minbase chroot is
# made once and cached in ${INSTALL_TEST_CACHE:-/var/cache/permanence-install-test}/bookworm;
# each run works on a fresh copy of it. Prints PASS/FAIL per check and a summary; exit 1 on any
# failure.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=""
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        --binary=*) binary=${1#*=}; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install-test: unknown argument: $1" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" = 0 ] || { echo "install-test: must run as root" >&2; exit 2; }
grep -q '^VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null ||
    echo "install-test: warning: this is not Debian 12 (bookworm)" >&2

mirror=${INSTALL_TEST_MIRROR:-http://deb.debian.org/debian}
cache=${INSTALL_TEST_CACHE:-/var/cache/permanence-install-test}
base="$cache/bookworm"
work=$(mktemp -d "${INSTALL_TEST_WORK:-/var/tmp}/permanence-install-test.XXXXXX")
root="$work/root"
debs="$work/debs"
log="$work/log"
mkdir -p "$debs" "$log"

DATA=/var/lib/permanence
CONF=/etc/permanence/permanence.toml
# The command line an administrator types on the server (sudo, as the service user): with the
# package's /etc/permanence/permanence.toml present, the binary uses /var/lib/permanence and that
# file by itself.
P="permanence"
WEB_USER=secretariat
WEB_PASSWORD='mot-de-passe-essai-2026'

passed=0
failed=0
failures=()
phases=()
serve_pid=""
boot_pid=""
mounted=()

pass() { passed=$((passed + 1)); printf 'PASS  %s\n' "$1"; }
fail() {
    failed=$((failed + 1))
    failures+=("$1")
    printf 'FAIL  %s\n' "$1"
    [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/      | /' | head -n 40
}
# check NAME COMMAND...: PASS when the command exits 0.
check() {
    local name=$1
    shift
    local out
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}
now() { date +%s.%N; }
phase_start() { phase_name=$1; phase_t0=$(now); printf '\n== %s\n' "$1"; }
phase_end() {
    local secs
    secs=$(awk -v a="$phase_t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
    phases+=("$(printf '%-46s %7ss' "$phase_name" "$secs")")
}

# A command inside the chroot, with a clean environment (no systemd runs there: the
# maintainer scripts take their "systemd not running" path).
in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive TERM=dumb "$@"
}
# What an administrator types: echoed, then run in the chroot.
admin() {
    printf '  # %s\n' "$*" >>"$log/commands"
    in_root sh -c "$*"
}

# Stops the serve started below: SIGTERM to sudo (passed on), then to what is left of it.
stop_serve() {
    [ -n "$serve_pid" ] || return 0
    local child
    child=$(ps -o pid= --ppid "$serve_pid" 2>/dev/null | tr -d ' ')
    kill -TERM "$serve_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
    for pid in $child "$serve_pid"; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; done
    wait "$serve_pid" 2>/dev/null
    serve_pid=""
}

cleanup() {
    local rc=$?
    if [ -n "$boot_pid" ] && kill -0 "$boot_pid" 2>/dev/null; then
        kill -TERM "$boot_pid" 2>/dev/null   # nspawn powers the container off
        for _ in $(seq 1 100); do kill -0 "$boot_pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$boot_pid" 2>/dev/null
        wait "$boot_pid" 2>/dev/null
    fi
    stop_serve
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null ||
            echo "install-test: could not unmount ${mounted[$i]}" >&2
    done
    if [ "$keep" = 1 ]; then
        echo "install-test: kept $work" >&2
    elif grep -q " $work/" /proc/mounts; then
        echo "install-test: $work still has mounts, not removed" >&2
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

umount_in() { # umount_in TARGET: unmount now, and forget it
    local i
    umount "$1" || return 1
    for i in "${!mounted[@]}"; do [ "${mounted[$i]}" != "$1" ] || unset 'mounted[i]'; done
    mounted=("${mounted[@]}")
}
mount_in() { # mount_in TARGET mount-args...
    local target=$1
    shift
    mkdir -p "$target"
    mount "$@" "$target" && mounted+=("$target")
}

# ---------------------------------------------------------------------------------------
phase_start "packages (build-deb.sh, three versions)"
version=$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' "$repo/Cargo.toml" | head -n1)
next="$version+1"
bin_args=()
[ -z "$binary" ] || bin_args=(--binary "$binary")
deb1=$("$repo/scripts/build-deb.sh" "${bin_args[@]}" --version "$version" --out "$debs" 2>"$log/build1") ||
    { cat "$log/build1" >&2; echo "install-test: build-deb.sh failed" >&2; exit 1; }
deb1=$(tail -n1 <<<"$deb1")
deb2=$("$repo/scripts/build-deb.sh" "${bin_args[@]}" --version "$next" --out "$debs" 2>"$log/build2") ||
    { cat "$log/build2" >&2; echo "install-test: build-deb.sh failed" >&2; exit 1; }
deb2=$(tail -n1 <<<"$deb2")
# The upgrade's maintainer version of the conffile differs from the first one (as a new
# release's defaults would), so dpkg has to choose: the administrator's file must win.
rebuild="$work/deb2"
dpkg-deb -R "$deb2" "$rebuild"
printf '\n# (%s) a default added by the new release\n' "$next" >>"$rebuild/etc/permanence/permanence.toml"
dpkg-deb --build --root-owner-group -Zgzip "$rebuild" "$deb2" >/dev/null
rm -rf "$rebuild"
# A third version, to upgrade a database left at the previous schema.
third="$version+2"
deb3=$("$repo/scripts/build-deb.sh" "${bin_args[@]}" --version "$third" --out "$debs" 2>"$log/build3") ||
    { cat "$log/build3" >&2; echo "install-test: build-deb.sh failed" >&2; exit 1; }
deb3=$(tail -n1 <<<"$deb3")
check "build-deb.sh made $(basename "$deb1") and $(basename "$deb2")" test -s "$deb1" -a -s "$deb2"
check "the package's Depends name libc6" sh -c "dpkg-deb -f '$deb1' Depends | grep -q libc6"
check "the package lists its conffile" sh -c "dpkg-deb -I '$deb1' conffiles | grep -qx '$CONF'"
phase_end

# ---------------------------------------------------------------------------------------
phase_start "debootstrap (minbase bookworm, cached)"
if [ ! -x "$base/usr/bin/apt-get" ]; then
    if ! command -v debootstrap >/dev/null; then
        apt-get install -y debootstrap >"$log/apt-debootstrap" 2>&1 ||
            { cat "$log/apt-debootstrap" >&2; exit 1; }
    fi
    mkdir -p "$cache"
    rm -rf "$base.tmp"
    if ! debootstrap --variant=minbase bookworm "$base.tmp" "$mirror" >"$log/debootstrap" 2>&1; then
        tail -n 30 "$log/debootstrap" >&2
        echo "install-test: debootstrap failed" >&2
        exit 1
    fi
    mv "$base.tmp" "$base"
    echo "made $base"
else
    echo "reused $base"
fi
phase_end

phase_start "fresh chroot (copy, mounts, apt update)"
cp -a "$base" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
[ -f "$root/etc/hosts" ] || cp /etc/hosts "$root/etc/hosts"
mount_in "$root/proc" -t proc proc || exit 1
mount_in "$root/sys" -t sysfs sysfs || exit 1
mount_in "$root/dev" --bind /dev || exit 1
mount_in "$root/dev/pts" --bind /dev/pts || exit 1
cp "$deb1" "$deb2" "$root/tmp/"
deb1_in=/tmp/$(basename "$deb1")
deb2_in=/tmp/$(basename "$deb2")
check "apt-get update in the chroot" in_root apt-get update -q
# Recommends are skipped for speed (poppler, tesseract…); ca-certificates explicitly (IMAP
# over TLS needs it), sudo for the administrator's commands.
check "apt-get install ca-certificates sudo" in_root apt-get install -y -q --no-install-recommends ca-certificates sudo
phase_end

# ---------------------------------------------------------------------------------------
phase_start "install $version"
admin "apt-get install -y --no-install-recommends $deb1_in" >"$log/install1" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "apt-get install ./$(basename "$deb1")"; else
    fail "apt-get install ./$(basename "$deb1") (exit $rc)" "$(tail -n 25 "$log/install1")"
fi
phase_end

phase_start "checks after installation"
check_installed() { # the state every configured installation must have
    local when=$1
    check "$when: dpkg says installed" sh -c "chroot '$root' dpkg-query -W -f='\${Status}' permanence | grep -qx 'install ok installed'"
    check "$when: /usr/bin/permanence runs" in_root /usr/bin/permanence --version
    check "$when: system user permanence (home $DATA, no login shell)" sh -c "
        line=\$(chroot '$root' getent passwd permanence) || exit 1
        echo \"\$line\"
        uid=\$(echo \"\$line\" | cut -d: -f3); home=\$(echo \"\$line\" | cut -d: -f6); shell=\$(echo \"\$line\" | cut -d: -f7)
        [ \"\$uid\" -lt 1000 ] && [ \"\$home\" = $DATA ] && [ \"\$shell\" = /usr/sbin/nologin ]"
    check "$when: group permanence" in_root getent group permanence
    check "$when: $DATA is 0700 permanence:permanence" sh -c "s=\$(chroot '$root' stat -c '%a %U:%G' $DATA); echo \$s; [ \"\$s\" = '700 permanence:permanence' ]"
    check "$when: /etc/permanence is 0750 root:permanence" sh -c "s=\$(chroot '$root' stat -c '%a %U:%G' /etc/permanence); echo \$s; [ \"\$s\" = '750 root:permanence' ]"
    check "$when: $CONF is 0640 root:permanence" sh -c "s=\$(chroot '$root' stat -c '%a %U:%G' $CONF); echo \$s; [ \"\$s\" = '640 root:permanence' ]"
    check "$when: $CONF is a conffile of the package" sh -c "chroot '$root' dpkg-query -W -f='\${Conffiles}' permanence | grep -q ' $CONF '"
    check "$when: the database exists, owned by permanence" sh -c "s=\$(chroot '$root' stat -c '%U %a' $DATA/permanence.sqlite3); echo \$s; [ \"\$s\" = 'permanence 600' ]"
    check "$when: nothing in $DATA belongs to root" sh -c "found=\$(chroot '$root' find $DATA ! -user permanence); [ -z \"\$found\" ] || { echo \"\$found\"; exit 1; }"
    check "$when: the units are installed" test -f "$root/lib/systemd/system/permanence-daemon.service" \
        -a -f "$root/lib/systemd/system/permanence-web.service" -a -f "$root/lib/systemd/system/permanence.target"
}
check_installed "install"
check "install: postinst initialised the data directory (init, go-live today)" grep -q "go-live: $(date +%F)" "$log/install1"
check "install: permanence-web enabled offline (deb-systemd-helper)" test -L "$root/etc/systemd/system/multi-user.target.wants/permanence-web.service"
check "install: permanence-daemon not enabled without a [[mailbox]]" test ! -e "$root/etc/systemd/system/multi-user.target.wants/permanence-daemon.service"
check "install: permanence.target (which wants the daemon) not enabled without a [[mailbox]]" test ! -e "$root/etc/systemd/system/multi-user.target.wants/permanence.target"
check "install: postinst told what to do next" grep -q 'permanence-daemon' "$log/install1"

# `migrate` again: nothing to do.
admin "sudo -u permanence $P migrate" >"$log/migrate1" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "migrate again: exit 0 ($(tr '\n' ' ' <"$log/migrate1" | cut -c1-100))"; else
    fail "migrate again: exit $rc" "$(cat "$log/migrate1")"; fi
check "migrate again: up to date" grep -Eiq 'à jour|up.to.date|([0-9]+) *(→|->) *\1' "$log/migrate1"

admin "sudo -u permanence $P config check" >"$log/config-check" 2>&1
check "config check as permanence: exit 0" test $? = 0
admin "sudo -u permanence $P go-live" >"$log/golive1" 2>&1
check "install: the go-live date is the day of installation" grep -q "$(date +%F)" "$log/golive1"
admin "sudo -u permanence permanence --data $DATA --config $CONF config check" >"$log/explicit" 2>&1
check "install: the explicit --data/--config form works too" test $? = 0
admin "permanence stats" >"$log/root-stats" 2>&1
check "install: root is refused on the service's data directory" sh -c "! grep -q '^messages' '$log/root-stats' && grep -q 'sudo -u permanence' '$log/root-stats'"
admin "permanence doctor" >"$log/root-doctor" 2>&1
check "install: doctor as root runs as the service user" grep -q "running as user n° $(in_root id -u permanence)" "$log/root-doctor"
check "install: nothing in /var/lib/permanence belongs to root after doctor as root" sh -c "[ -z \"\$(find '$root$DATA' -uid 0 | head -n1)\" ]"
phase_end

# ---------------------------------------------------------------------------------------
phase_start "reinstall $version (idempotence)"
admin "apt-get install -y --reinstall --no-install-recommends $deb1_in" >"$log/install1b" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "apt-get install --reinstall"; else
    fail "apt-get install --reinstall (exit $rc)" "$(tail -n 25 "$log/install1b")"; fi
check "postinst configure a second time (dpkg-reconfigure path)" in_root /var/lib/dpkg/info/permanence.postinst configure "$version"
check_installed "reinstall"
phase_end

# ---------------------------------------------------------------------------------------
phase_start "doctor, web user, web interface"
# doctor with no [[mailbox]]: exit 1, an `échec` naming « aucune boîte ».
admin "sudo -u permanence $P doctor" >"$log/doctor1" 2>&1
rc=$?
sed 's/^/      doctor> /' "$log/doctor1"
check "doctor without a mailbox exits 1" test "$rc" = 1
check "doctor says « aucune boîte » on an échec line" grep -Eq '^échec.*aucune boîte' "$log/doctor1"
# The report: one line per check starting with ok/attention/échec, each non-ok one followed
# by « À faire : », then a blank line and the summary (« À corriger : … »).
check "doctor: each check line starts with ok/attention/échec, or is « À faire »" awk '
    /^$/ { exit bad }
    !/^(ok|attention|échec)[ \t]/ && !/^  À faire :/ { print "unexpected: " $0; bad = 1 }
    END { exit bad }' "$log/doctor1"
check "doctor: each non-ok line is followed by « À faire »" awk '
    prev != "" && $0 !~ /^  À faire :/ { print "no À faire after: " prev; bad = 1 }
    { prev = ($0 ~ /^(attention|échec)/) ? $0 : "" }
    END { if (prev != "") { print "no À faire after: " prev; bad = 1 } exit bad }' "$log/doctor1"
check "doctor: a summary line after the checks" sh -c "tail -n1 '$log/doctor1' | grep -Eq '^(À corriger|Tout)'"
admin "sudo -u permanence $P doctor --json" >"$log/doctor1.json" 2>"$log/doctor1.json.err"
check "doctor --json: one JSON object per check, the mailbox one failing" python3 -c '
import json, sys
checks = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
assert checks and all(c["level"] in ("ok", "attention", "echec") for c in checks), checks
assert any(c["level"] == "echec" and "aucune boîte" in c["detail"] for c in checks), checks
print(len(checks), "checks")' "$log/doctor1.json"

# A web user, created before the upgrade.
printf '%s\n' "$WEB_PASSWORD" | admin "sudo -u permanence $P user add $WEB_USER --role admin" >"$log/useradd" 2>&1
check "user add $WEB_USER (password on stdin)" test $? = 0
admin "sudo -u permanence $P user list" >"$log/userlist1" 2>&1
check "user list shows $WEB_USER" grep -qw "$WEB_USER" "$log/userlist1"

# The web interface on a free port, as permanence; [web] listen says the same, so that
# doctor's web check looks at it. This is also the administrator's change to the conffile.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -i "s/^listen = .*/listen = \"127.0.0.1:$port\"/" "$root$CONF"
printf '\n# changed by the administrator (install-test)\n' >>"$root$CONF"
check "the conffile now says listen = 127.0.0.1:$port" grep -qx "listen = \"127.0.0.1:$port\"" "$root$CONF"
printf '  # %s\n' "sudo -u permanence $P serve --listen 127.0.0.1:$port &" >>"$log/commands"
# exec: $! is then sudo itself (chroot and env exec in turn), which passes SIGTERM on to serve.
(exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    sudo -u permanence $P serve --listen "127.0.0.1:$port") >"$log/serve" 2>&1 &
serve_pid=$!
up=0
for _ in $(seq 1 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then up=1; break; fi
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.2
done
if [ $up = 1 ]; then pass "serve listens on 127.0.0.1:$port"; else fail "serve listens on 127.0.0.1:$port" "$(cat "$log/serve")"; fi
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login")
check "GET /login answers 200 (got $code)" test "$code" = 200
admin "sudo -u permanence $P doctor" >"$log/doctor2" 2>&1
rc=$?
sed 's/^/      doctor> /' "$log/doctor2"
check "doctor with serve running: the web check is ok" grep -Eq '^ok[[:space:]]+web :' "$log/doctor2"
check "doctor with serve running: still exits 1 (no mailbox)" test "$rc" = 1
stop_serve
check "serve stopped (SIGTERM through sudo)" sh -c "! pgrep -f 'serve --listen 127.0.0.1:$port\$' >/dev/null"
phase_end

# ---------------------------------------------------------------------------------------
phase_start "upgrade $version -> $next"
sum_before=$(sha256sum <"$root$CONF")
ino_before=$(stat -c %i "$root$DATA/permanence.sqlite3")
admin "apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold $deb2_in" >"$log/install2" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "apt-get install ./$(basename "$deb2") over $version"; else
    fail "apt-get install ./$(basename "$deb2") (exit $rc)" "$(tail -n 25 "$log/install2")"; fi
phase_end
phase_start "checks after the upgrade"
check "upgrade: version $next installed" sh -c "v=\$(chroot '$root' dpkg-query -W -f='\${Version}' permanence); echo \$v; [ \"\$v\" = '$next' ]"
check_installed "upgrade"
check "upgrade: the administrator's conffile is kept byte for byte" test "$(sha256sum <"$root$CONF")" = "$sum_before"
check "upgrade: the new maintainer version is beside it (.dpkg-dist)" test -f "$root$CONF.dpkg-dist"
check "upgrade: the same database file (not recreated)" test "$(stat -c %i "$root$DATA/permanence.sqlite3")" = "$ino_before"
admin "sudo -u permanence $P migrate" >"$log/migrate2" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "upgrade: migrate exits 0 ($(tr '\n' ' ' <"$log/migrate2" | cut -c1-100))"; else
    fail "upgrade: migrate exit $rc" "$(cat "$log/migrate2")"; fi
check "upgrade: migrate says up to date" grep -Eiq 'à jour|up.to.date|([0-9]+) *(→|->) *\1' "$log/migrate2"
admin "sudo -u permanence $P user list" >"$log/userlist2" 2>&1
check "upgrade: web user $WEB_USER still there" grep -qw "$WEB_USER" "$log/userlist2"
admin "sudo -u permanence $P doctor" >"$log/doctor3" 2>&1
check "upgrade: doctor runs (exit 1: no mailbox)" test $? = 1
phase_end


# ---------------------------------------------------------------------------------------
phase_start "systemd-analyze verify (host)"
# The chroot has no systemd: the installed units are verified by the host's systemd-analyze,
# from copies whose ExecStart names the chroot's binary (the booted container below verifies
# them again in place).
vdir="$work/verify"
mkdir -p "$vdir"
for unit in permanence-daemon.service permanence-web.service permanence.target; do
    sed "s#/usr/bin/permanence#$root/usr/bin/permanence#" "$root/lib/systemd/system/$unit" >"$vdir/$unit"
done
out=$(cd "$vdir" && systemd-analyze verify ./permanence-daemon.service ./permanence-web.service ./permanence.target 2>&1)
rc=$?
if [ $rc = 0 ] && [ -z "$out" ]; then pass "systemd-analyze verify (no warning)"; else
    fail "systemd-analyze verify (exit $rc)" "$out"; fi
for unit in permanence-daemon permanence-web; do
    score=$(cd "$vdir" && systemd-analyze security --offline=true "./$unit.service" 2>&1 |
        sed -n 's/.*Overall exposure level for [^:]*: *//p')
    if [ -n "$score" ]; then pass "systemd-analyze security --offline $unit: $score"; else
        fail "systemd-analyze security $unit gave no score"; fi
done
phase_end

# ---------------------------------------------------------------------------------------
phase_start "remove, purge, install again"
admin "apt-get remove -y permanence" >"$log/remove" 2>&1
check "apt-get remove permanence" test $? = 0
check "remove: the binary is gone" test ! -e "$root/usr/bin/permanence"
check "remove: the data directory is kept" test -s "$root$DATA/permanence.sqlite3"
check "remove: the configuration is kept" test -f "$root$CONF"
check "remove: the user is kept" in_root getent passwd permanence
admin "apt-get purge -y permanence" >"$log/purge" 2>&1
check "apt-get purge permanence" test $? = 0
check "purge: the data directory is kept" test -s "$root$DATA/permanence.sqlite3"
check "purge: the user is kept" in_root getent passwd permanence
check "purge: the conffile is gone" test ! -e "$root$CONF"
check "purge: said where the data stayed" grep -q "$DATA" "$log/purge"
admin "apt-get install -y --no-install-recommends $deb2_in" >"$log/install3" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "install again after purge"; else
    fail "install again after purge (exit $rc)" "$(tail -n 25 "$log/install3")"; fi
check_installed "after purge and install"
admin "sudo -u permanence $P user list" >"$log/userlist3" 2>&1
check "after purge and install: web user $WEB_USER still there" grep -qw "$WEB_USER" "$log/userlist3"
phase_end

# ---------------------------------------------------------------------------------------
# An upgrade that changes the schema: the database is replaced by one at the previous schema
# version (every migration but the last, applied from migrations/*.sql by Python's sqlite3 on
# the host, with a row to find again), then version $third is installed over it: its postinst
# must migrate it, keep a copy, and keep the row.
phase_start "upgrade $next -> $third over a database at the previous schema"
latest=$(ls "$repo"/migrations/*.sql | wc -l)
rm -f "$root$DATA"/permanence.sqlite3 "$root$DATA"/permanence.sqlite3-wal "$root$DATA"/permanence.sqlite3-shm "$root$DATA"/permanence.sqlite3.before-v*
if python3 - "$repo/migrations" "$root$DATA/permanence.sqlite3" <<'PY' >"$log/old-schema" 2>&1
import pathlib, sqlite3, sys
files = sorted(pathlib.Path(sys.argv[1]).glob("*.sql"))[:-1]
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA foreign_keys = ON")
for f in files:
    db.executescript(f.read_text())
db.execute("INSERT INTO settings (key, value) VALUES ('install_test', 'kept across the upgrade')")
db.execute(f"PRAGMA user_version = {len(files)}")
db.commit()
print(f"schema version {len(files)}")
PY
then pass "a database at schema $((latest - 1)) in place of the current one"; else
    fail "could not build a database at schema $((latest - 1))" "$(cat "$log/old-schema")"; fi
in_root chown permanence:permanence "$DATA/permanence.sqlite3"
chmod 600 "$root$DATA/permanence.sqlite3"
deb3_in=/tmp/$(basename "$deb3")
cp "$deb3" "$root$deb3_in"
admin "apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold $deb3_in" >"$log/install-old-schema" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "apt-get install ./$(basename "$deb3") over schema $((latest - 1))"; else
    fail "apt-get install ./$(basename "$deb3") (exit $rc)" "$(tail -n 25 "$log/install-old-schema")"; fi
check "postinst migrated: \"schema: version $((latest - 1)) -> $latest\"" grep -q "schema: version $((latest - 1)) -> $latest" "$log/install-old-schema"
check "the database before the migration is kept (permanence.sqlite3.before-v$latest)" test -s "$root$DATA/permanence.sqlite3.before-v$latest"
admin "sudo -u permanence $P doctor" >"$log/doctor4" 2>&1
check "doctor after the migration: schema up to date" grep -q "schéma à jour (version $latest)" "$log/doctor4"
if python3 -c 'import sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute("SELECT value FROM settings WHERE key = ?", ("install_test",)).fetchone()
sys.exit(0 if r and r[0] == "kept across the upgrade" else 1)' "$root$DATA/permanence.sqlite3" 2>"$log/row"; then
    pass "the row written before the upgrade is still there"; else
    fail "the row written before the upgrade is gone" "$(cat "$log/row")"; fi
phase_end

# ---------------------------------------------------------------------------------------
# The same package under a running systemd: a second fresh copy with systemd installed,
# booted by systemd-nspawn (private network: only its loopback). The maintainer scripts take
# their "systemd running" path there, and the units run with all their hardening.
# INSTALL_TEST_BOOT=0 skips it; without systemd-nspawn (systemd-container) it is installed.
if [ "${INSTALL_TEST_BOOT:-1}" != 0 ]; then
phase_start "booted container: prepare"
boot_ok=1
if ! command -v systemd-nspawn >/dev/null; then
    apt-get install -y systemd-container >"$log/apt-nspawn" 2>&1 ||
        { fail "apt-get install systemd-container (host)" "$(tail -n 5 "$log/apt-nspawn")"; boot_ok=0; }
fi
# A second cached base: the first one with systemd (made once, like the first).
sbase="$cache/bookworm-systemd"
spkgs="systemd ca-certificates sudo curl"
if [ $boot_ok = 1 ] && [ "$(cat "$sbase/.install-test-packages" 2>/dev/null)" != "$spkgs" ]; then
    rm -rf "$sbase.tmp" "$sbase"
    cp -a "$base" "$sbase.tmp"
    cp /etc/resolv.conf "$sbase.tmp/etc/resolv.conf"
    [ -f "$sbase.tmp/etc/hosts" ] || cp /etc/hosts "$sbase.tmp/etc/hosts"
    mount_in "$sbase.tmp/proc" -t proc proc || exit 1
    if chroot "$sbase.tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        sh -c "apt-get update -q && apt-get install -y -q --no-install-recommends $spkgs" \
        >"$log/apt-systemd" 2>&1; then
        umount_in "$sbase.tmp/proc"
        echo "$spkgs" >"$sbase.tmp/.install-test-packages"
        mv "$sbase.tmp" "$sbase"
        pass "boot: made $sbase ($spkgs)"
    else
        umount_in "$sbase.tmp/proc"
        fail "boot: apt-get install systemd in $sbase" "$(tail -n 20 "$log/apt-systemd")"
        boot_ok=0
    fi
fi
broot="$work/boot"
if [ $boot_ok = 1 ]; then
    cp -a "$sbase" "$broot"
    # Not in /tmp: the booted container mounts a tmpfs there.
    cp "$deb1" "$deb2" "$broot/root/"
    # A message with an attachment, for the daemon's extraction child to read.
    cat >"$broot/root/essai.eml" <<'EOF'
From: Mairie de Vif <mairie@vif.example>
To: permanence@senat.example
Subject: Demande de subvention pour le gymnase
Date: Mon, 30 Nov 2026 09:15:00 +0100
Message-ID: <essai-install-test@vif.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="sep"

--sep
Content-Type: text/plain; charset=utf-8

Madame la Sénatrice, vous trouverez ci-joint notre délibération.

--sep
Content-Type: text/plain; charset=utf-8; name="deliberation.txt"
Content-Disposition: attachment; filename="deliberation.txt"

Délibération du conseil municipal : rénovation du gymnase, demande de DETR.
--sep--
EOF
fi
phase_end

if [ $boot_ok = 1 ]; then
phase_start "booted container: boot"
systemd-nspawn -q -D "$broot" -M permanence-install-test --register=no --keep-unit \
    --private-network -b --console=pipe >"$log/boot" 2>&1 &
boot_pid=$!
# The container's init: nspawn's child running systemd (nspawn forks an intermediate child
# first, which exits: wait for the one whose command is systemd).
leader=""
find_leader() { ps -o pid=,comm= --ppid "$boot_pid" 2>/dev/null | awk '$2 == "systemd" { print $1; exit }'; }
in_boot() {
    nsenter -t "$leader" -m -u -i -n -p -r -w /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive TERM=dumb SYSTEMD_PAGER= SYSTEMD_COLORS=0 "$@"
}
boot_admin() {
    printf '  # %s\n' "$*" >>"$log/commands-boot"
    in_boot sh -c "$*"
}
state=""
for _ in $(seq 1 120); do
    [ -n "$leader" ] || leader=$(find_leader)
    [ -n "$leader" ] && state=$(in_boot systemctl is-system-running 2>/dev/null)
    case "$state" in running|degraded) break ;; esac
    sleep 0.5
done
case "$state" in
    running|degraded) pass "systemd-nspawn booted the chroot (systemd: $state)" ;;
    *) fail "systemd-nspawn booted the chroot (state: ${state:-none})" "$(tail -n 20 "$log/boot")"; boot_ok=0 ;;
esac
phase_end
fi

if [ $boot_ok = 1 ]; then
phase_start "booted container: install, services, upgrade"
# As the documentation says (apt install ./FILE), less the Recommends: no network here.
boot_admin "cd /root && apt install -y --no-install-recommends ./$(basename "$deb1")" >"$log/boot-install1" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "boot: apt install ./$(basename "$deb1")"; else
    fail "boot: apt install (exit $rc)" "$(tail -n 25 "$log/boot-install1")"; fi
unit_is() { # unit_is UNIT is-active|is-enabled EXPECTED
    local got
    got=$(in_boot systemctl "$2" "$1" 2>/dev/null)
    if [ "$got" = "$3" ]; then pass "boot: $1 $2: $got"; else
        fail "boot: $1 $2: ${got:-?} (expected $3)" "$(in_boot systemctl status --no-pager -n 15 "$1" 2>&1)"; fi
}
unit_is permanence-web.service is-enabled enabled
unit_is permanence-web.service is-active active
unit_is permanence-daemon.service is-enabled disabled
unit_is permanence.target is-enabled disabled
unit_is permanence-daemon.service is-active inactive
out=$(in_boot systemd-analyze verify /lib/systemd/system/permanence-daemon.service \
    /lib/systemd/system/permanence-web.service /lib/systemd/system/permanence.target 2>&1)
rc=$?
if [ $rc = 0 ] && [ -z "$out" ]; then pass "boot: systemd-analyze verify, in place (no warning)"; else
    fail "boot: systemd-analyze verify, in place (exit $rc)" "$out"; fi
for unit in permanence-daemon permanence-web; do
    score=$(in_boot systemd-analyze security "$unit.service" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: *//p')
    if [ -n "$score" ]; then pass "boot: systemd-analyze security $unit: $score"; else
        fail "boot: systemd-analyze security $unit gave no score"; fi
done
for _ in $(seq 1 50); do
    in_boot bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080' 2>/dev/null && break
    sleep 0.2
done
boot_admin "sudo -u permanence $P doctor" >"$log/boot-doctor1" 2>&1
sed 's/^/      doctor> /' "$log/boot-doctor1"
check "boot: doctor says the web check is ok (permanence-web under systemd)" grep -Eq '^ok[[:space:]]+web :' "$log/boot-doctor1"
# Log in through the hardened web service (it writes the session: PrivateUsers, read-only
# system, seccomp filter and all).
printf '%s\n' "$WEB_PASSWORD" | boot_admin "sudo -u permanence $P user add $WEB_USER --role admin" >"$log/boot-useradd" 2>&1
check "boot: user add $WEB_USER" test $? = 0
login=$(in_boot sh -c '
    u=http://127.0.0.1:8080
    csrf=$(curl -s -c /root/cookies -b /root/cookies $u/login | sed -n "s/.*name=\"csrf\" value=\"\([0-9a-f]*\)\".*/\1/p")
    curl -s -o /dev/null -w "%{http_code} " -c /root/cookies -b /root/cookies --data-urlencode "csrf=$csrf" \
        --data-urlencode next=/ --data-urlencode "name=$1" --data-urlencode "password=$2" $u/login
    curl -s -b /root/cookies $u/ | grep -o "<title>[^<]*" | sed "s/<title>//"' sh "$WEB_USER" "$WEB_PASSWORD" 2>&1)
check "boot: log in through permanence-web and see the morning queue (${login:-no answer})" grep -q '^303 Tri du jour' <<<"$login"

# The extraction sandbox under the daemon's hardening: `status` starts one extraction child
# and says whether it could cut itself from the network. Run as a oneshot copy of the daemon
# unit (same [Service] settings), and once more with RestrictNamespaces=yes for contrast.
probe() { # probe NAME EXTRA-SED
    sed -e 's#^ExecStart=.*#ExecStart=/usr/bin/permanence status#' -e 's/^Type=.*/Type=oneshot/' \
        -e 's/^Restart=.*/Restart=no/' -e "$2" \
        "$broot/lib/systemd/system/permanence-daemon.service" |
        in_boot sh -c "cat >/run/systemd/system/$1.service"
    in_boot systemctl daemon-reload
    in_boot systemctl start "$1.service" >/dev/null 2>&1
    in_boot journalctl -q -u "$1.service" -o cat --no-pager 2>&1 | grep -i 'sandbox'
}
sandbox=$(probe permanence-probe 's/^RestrictNamespaces=.*/RestrictNamespaces=user net/')
check "boot: extraction child under the daemon's unit: ${sandbox:-no sandbox line}" grep -qi 'network cut' <<<"$sandbox"
strict=$(probe permanence-probe-strict 's/^RestrictNamespaces=.*/RestrictNamespaces=yes/')
echo "      (for contrast, with RestrictNamespaces=yes: ${strict:-no sandbox line})"

# The daemon: a message queued before it starts, a mailbox on a loopback port where no IMAP
# server listens (it keeps reconnecting), a password file as the documentation says.
boot_admin "sudo -u permanence $P ingest - < /root/essai.eml" >"$log/boot-ingest" 2>&1
check "boot: ingest a message with an attachment (daemon stopped)" grep -q 'new: 1' "$log/boot-ingest"
boot_admin "install -o permanence -g permanence -m 600 /dev/null /etc/permanence/imap-bureau.secret"
echo 'mot-de-passe-imap' >"$broot/etc/permanence/imap-bureau.secret"   # what nano would write
cat >>"$broot$CONF" <<'EOF'

[[mailbox]]
name = "bureau"
host = "127.0.0.1"
port = 1143
security = "plain"
username = "permanence@senat.example"
password_file = "/etc/permanence/imap-bureau.secret"
folders = ["INBOX"]
EOF
boot_admin "sudo -u permanence $P config check" >"$log/boot-config" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "boot: config check with the mailbox and its password file"; else
    fail "boot: config check (exit $rc)" "$(cat "$log/boot-config")"; fi
# The go-live date: the package's first installation set it to today (`init`), so that the
# mailbox's past is filed as history.
today=$(date +%F)
boot_admin "sudo -u permanence $P go-live" >"$log/boot-golive" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q "$today" "$log/boot-golive"; then pass "boot: the package set the go-live date to $today"; else
    fail "boot: go-live is not $today (exit $rc)" "$(cat "$log/boot-golive")"; fi
boot_admin "systemctl enable --now permanence-daemon permanence-web" >"$log/boot-enable" 2>&1
check "boot: systemctl enable --now permanence-daemon permanence-web" test $? = 0
sleep 3
unit_is permanence-daemon.service is-active active
extracted=""
for _ in $(seq 1 60); do
    extracted=$(in_boot sudo -u permanence $P export --format jsonl 2>/dev/null | grep -o '"text_state":"[a-z_]*"' | head -n1)
    [ "$extracted" = '"text_state":"ok"' ] && break
    sleep 0.5
done
check "boot: the daemon read the attachment (${extracted:-still queued})" test "$extracted" = '"text_state":"ok"'
# A backup, to a directory of the permanence user, as the documentation says.
boot_admin "install -d -o permanence -g permanence -m 700 /srv/sauvegarde/permanence" >"$log/boot-backup" 2>&1
boot_admin "sudo -u permanence $P backup /srv/sauvegarde/permanence" >>"$log/boot-backup" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "boot: backup while the services run"; else
    fail "boot: backup (exit $rc)" "$(cat "$log/boot-backup")"; fi
boot_admin "sudo -u permanence $P doctor" >"$log/boot-doctor2" 2>&1
sed 's/^/      doctor> /' "$log/boot-doctor2"
check "boot: doctor says the backup is ok" grep -Eq '^ok[[:space:]]+sauvegarde' "$log/boot-doctor2"
boot_admin "sudo -u permanence $P status" >"$log/boot-status" 2>&1
check "boot: status as permanence" test $? = 0
boot_admin "systemctl status --no-pager permanence-daemon permanence-web" >"$log/boot-systemctl-status" 2>&1
check "boot: systemctl status permanence-daemon permanence-web (both running)" test "$(grep -c 'Active: active (running)' "$log/boot-systemctl-status")" = 2
boot_admin "journalctl -u permanence-daemon -n 50 --no-pager" >"$log/boot-journal-daemon" 2>&1
sed -n '$p' "$log/boot-journal-daemon" | sed 's/^/      journal> /'
check "boot: journalctl -u permanence-daemon shows the daemon's log" grep -q 'permanence' "$log/boot-journal-daemon"
boot_admin "journalctl -u permanence-web -n 50 --no-pager" >"$log/boot-journal-web" 2>&1
check "boot: journalctl -u permanence-web shows the web log" grep -q 'permanence' "$log/boot-journal-web"

# Upgrade under systemd: prerm stops both, postinst migrates and starts them again.
pid_web=$(in_boot systemctl show -p MainPID --value permanence-web)
pid_daemon=$(in_boot systemctl show -p MainPID --value permanence-daemon)
boot_admin "cd /root && apt install -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold ./$(basename "$deb2")" >"$log/boot-install2" 2>&1
rc=$?
if [ $rc = 0 ]; then pass "boot: upgrade to $next"; else
    fail "boot: upgrade (exit $rc)" "$(tail -n 25 "$log/boot-install2")"; fi
unit_is permanence-web.service is-active active
unit_is permanence-daemon.service is-active active
check "boot: both services were restarted by the upgrade" test \
    "$(in_boot systemctl show -p MainPID --value permanence-web)" != "$pid_web" -a \
    "$(in_boot systemctl show -p MainPID --value permanence-daemon)" != "$pid_daemon"
check "boot: the mailbox added to the conffile survived the upgrade" grep -q 'name = "bureau"' "$broot$CONF"
check "boot: no upgrade marker left in /run" in_boot test ! -e /run/permanence-upgrade.active

# SIGTERM stops the daemon cleanly.
in_boot systemctl stop permanence-daemon
res=$(in_boot systemctl show -p Result --value permanence-daemon)
st=$(in_boot systemctl show -p ExecMainStatus --value permanence-daemon)
check "boot: systemctl stop permanence-daemon: clean (Result=$res, status $st)" test "$res" = success -a "$st" = 0

# The target: starts both, restarts both.
boot_admin "systemctl enable --now permanence.target" >"$log/boot-target" 2>&1
check "boot: systemctl enable --now permanence.target" test $? = 0
unit_is permanence-daemon.service is-active active
unit_is permanence.target is-enabled enabled
pid_web=$(in_boot systemctl show -p MainPID --value permanence-web)
pid_daemon=$(in_boot systemctl show -p MainPID --value permanence-daemon)
boot_admin "systemctl restart permanence.target" >>"$log/boot-target" 2>&1
sleep 1
check "boot: systemctl restart permanence.target restarts both services" test \
    "$(in_boot systemctl show -p MainPID --value permanence-web)" != "$pid_web" -a \
    "$(in_boot systemctl show -p MainPID --value permanence-daemon)" != "$pid_daemon" -a \
    "$(in_boot systemctl is-active permanence-web permanence-daemon | tr '\n' ' ')" = "active active "

boot_admin "apt remove -y permanence" >"$log/boot-remove" 2>&1
check "boot: apt remove" test $? = 0
unit_is permanence-web.service is-active inactive
unit_is permanence-daemon.service is-active inactive
check "boot: the data directory is kept after remove" test -s "$broot$DATA/permanence.sqlite3"
phase_end
fi
fi

# ---------------------------------------------------------------------------------------
echo
echo "== commands run in the chroot"
cat "$log/commands"
if [ -f "$log/commands-boot" ]; then
    echo "== commands run in the booted container"
    cat "$log/commands-boot"
fi
echo
echo "== time"
printf '  %s\n' "${phases[@]}"
echo
if [ "$failed" = 0 ]; then
    echo "install-test: PASS ($passed checks)"
    exit 0
fi
echo "install-test: FAIL ($failed of $((passed + failed)) checks failed)"
printf '  - %s\n' "${failures[@]}"
exit 1
