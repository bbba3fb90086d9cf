#!/usr/bin/env bash
# IMAP benchmark: initial sync of N generated messages from a local Dovecot (`permanence sync
# --once`) against `permanence ingest --maildir` of the same messages, in one run. Target: IMAP
# within 2x of the local Maildir ingest.
#
# usage: scripts/bench-imap.sh [N]     N messages, default 10000 (needs dovecot-imapd; run as root
#                                      or as a user Dovecot accepts for mail)
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-10000}
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { echo "usage: $0 [N]" >&2; exit 2; }
command -v dovecot >/dev/null || { echo "dovecot is not installed (apt-get install dovecot-imapd)" >&2; exit 1; }

cargo build --release --example gen_corpus --bin permanence
BIN=target/release/permanence
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-imap.XXXXXX")
chmod 755 "$WORK"   # Dovecot's auth process (user dovecot) must reach the passwd file
DV=$WORK/dovecot
cleanup() { dovecot -c "$DV/dovecot.conf" stop 2>/dev/null || true; [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"; }
trap cleanup EXIT

target/release/examples/gen_corpus "$N" "$WORK/Maildir" >/dev/null

# A throwaway Dovecot on a free loopback port, user office/secret, mail in $DV/mail.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$DV/mail" "$DV/home" "$DV/run" "$DV/state"
MU=$(id -u); MG=$(id -g)
if [[ $MU == 0 ]]; then MU=$(id -u dovecot); MG=$(id -g dovecot); fi
echo "office:{PLAIN}secret:$MU:$MG::$DV/home" >"$DV/passwd"
if [[ $(id -u) == 0 ]]; then users=$'default_login_user = dovenull\ndefault_internal_user = dovecot'
else users="default_internal_user = $(id -un)"$'\n'"default_login_user = $(id -un)"$'\n'"default_internal_group = $(id -gn)"; fi
cat >"$DV/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $DV/run
state_dir = $DV/state
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$DV/mail:LAYOUT=fs
log_path = $DV/dovecot.log
first_valid_uid = 0
$users
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DV/passwd
}
userdb {
  driver = static
  args = uid=$MU gid=$MG home=$DV/home
}
CONF
cp -r "$WORK/Maildir/cur" "$WORK/Maildir/new" "$WORK/Maildir/tmp" "$DV/mail/"
[[ $(id -u) == 0 ]] && chown -R "$MU:$MG" "$DV/mail" "$DV/home"
dovecot -c "$DV/dovecot.conf"
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break; sleep 0.1; done
# Let Dovecot build its index once (as it would have for a mailbox in use).
"$BIN" --data "$WORK/warm" init >/dev/null
find "$WORK/Maildir" -type f -print0 | xargs -0 cat >/dev/null

measure() { # label, command...
  local start end
  start=$(date +%s.%N); "${@:2}" >"$WORK/out.log" || { echo "$1 failed:" >&2; cat "$WORK/out.log" >&2; exit 1; }; end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{sys.argv[3]:<22} {int(sys.argv[4]):>7} msgs {s:8.2f} s {int(sys.argv[4])/s:10.0f} msgs/s')" "$start" "$end" "$1" "$N"
  echo "$start $end" >"$WORK/last"
}

"$BIN" --data "$WORK/imap" init >/dev/null
cat >>"$WORK/imap/permanence.toml" <<TOML

[[mailbox]]
name = "bench"
host = "127.0.0.1"
port = $PORT
security = "plain"
username = "office"
password_env = "BENCH_IMAP_PW"
TOML

echo "Permanence IMAP benchmark, $N messages ($(nproc) cores)"
measure "ingest --maildir" "$BIN" --data "$WORK/local" ingest --maildir "$WORK/Maildir"
t_local=$(awk '{print $2-$1}' "$WORK/last")
BENCH_IMAP_PW=secret measure "sync --once (IMAP)" env BENCH_IMAP_PW=secret "$BIN" --data "$WORK/imap" sync --once
t_imap=$(awk '{print $2-$1}' "$WORK/last")
count=$("$BIN" --data "$WORK/imap" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["messages"])')
[[ $count == "$N" ]] || { echo "IMAP sync stored $count messages, expected $N" >&2; exit 1; }
python3 -c "import sys; r=float(sys.argv[1])/float(sys.argv[2]); print(f'IMAP / Maildir time ratio: {r:.2f}x (target: within 2x)')" "$t_imap" "$t_local"
