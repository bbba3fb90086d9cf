#!/usr/bin/env bash
# Crash soak test: `kill -9`s `permanence ingest` and `permanence daemon` at random moments
# during a large Maildir import and an IMAP sync, restarts each time, then checks that every
# message is stored exactly once, `verify` is clean and a search matching everything counts
# every message. Uses the command line only (no knowledge of the data directory's layout).
#
# usage: scripts/soak.sh [N] [KILLS]
#   N      messages generated for the Maildir import (default 20000); the IMAP part uses
#          IMAP_N messages (default N/2) of another generated corpus
#   KILLS  kills in all (default 20): KILLS/2 during the import, the rest during the IMAP sync
# environment:
#   BIN=path/to/permanence   binary to test (default: cargo build --release, then target/release)
#   GEN=path/to/gen_corpus   corpus generator (default: examples/gen_corpus next to BIN, built
#                            if missing)
#   SEED=S                   corpus seed and kill schedule (default: random, printed)
#   KEEP=1                   keep the scratch directory (it is also kept when a check fails)
#   IMAP_N=M                 messages in the IMAP mailbox (default N/2)
#   BATCH=B                  [ingest] batch_size written to both data directories (default:
#                            each part's message count / 40, within 10..500, so that a part has
#                            ~40 commits for the kills to fall between; 500 is the shipped
#                            default)
#   SKIP_IMAP=1              Part 1 only (no Dovecot)
#
# CI size:   scripts/soak.sh 2000 20     (about 1.5 minutes on 2 cores, build excluded)
# Full size: scripts/soak.sh 20000 20    (the figure for the note: about 5 minutes on 2 cores)
#
# Besides the final checks, after every kill (before anything restarts) `verify --json` must
# find nothing but what the next run repairs (raw files without their row, rows not yet
# indexed) and the count of stored messages must not have decreased. The report lists, per
# part, how many kills hit a live process, how many while there was work left, and how often
# a crash left those two repairable states (evidence that kills land inside batches).
#
# Part 2 needs Dovecot (Debian dovecot-imapd); as root, the mailbox belongs to the `dovecot`
# user (as in tests/dovecot.rs). Exit 0 only if every check passed; any failed check prints
# `FAIL: ...` and the script exits 1 (usage errors exit 2).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-20000}
KILLS=${2:-20}
[[ $N =~ ^[0-9]+$ && $N -gt 0 && $KILLS =~ ^[0-9]+$ ]] || {
    echo "usage: $0 [N] [KILLS]   (env BIN, GEN, SEED, KEEP, IMAP_N, BATCH, SKIP_IMAP)" >&2
    exit 2
}
SEED=${SEED:-$((RANDOM * 32768 + RANDOM))}
IMAP_N=${IMAP_N:-$(((N + 1) / 2))}
# [ingest] batch_size for a part of COUNT messages: BATCH, else COUNT/40 within 10..500.
batch_for() {
    local b=${BATCH:-$(($1 / 40))}
    ((b < 10)) && b=10
    ((b > 500)) && b=500
    echo "$b"
}
BATCH1=$(batch_for "$N")
BATCH2=$(batch_for "$IMAP_N")
INGEST_KILLS=$((KILLS / 2))
DAEMON_KILLS=$((KILLS - INGEST_KILLS))
T0=$(date +%s%N)

# ---------------------------------------------------------------------------------------------
# Binaries
# ---------------------------------------------------------------------------------------------
if [[ -z ${BIN:-} ]]; then
    echo "building permanence and gen_corpus (release)..."
    (cd "$REPO" && cargo build --release --quiet --bin permanence --example gen_corpus)
    BIN=${CARGO_TARGET_DIR:-$REPO/target}/release/permanence
fi
[[ -x $BIN ]] || { echo "FAIL: no executable permanence binary at $BIN" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
if [[ -z ${GEN:-} ]]; then
    GEN=$(dirname "$BIN")/examples/gen_corpus
    if [[ ! -x $GEN ]]; then
        echo "building gen_corpus (release)..."
        (cd "$REPO" && cargo build --release --quiet --example gen_corpus)
        GEN=${CARGO_TARGET_DIR:-$REPO/target}/release/examples/gen_corpus
    fi
fi
[[ -x $GEN ]] || { echo "FAIL: no gen_corpus at $GEN" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Scratch directory, cleanup
# ---------------------------------------------------------------------------------------------
S=$(mktemp -d "${TMPDIR:-/tmp}/permanence-soak.XXXXXX")
chmod 755 "$S" # Dovecot's processes (user dovecot when run as root) must reach their files
LOG=$S/commands.log
CHILD=         # the permanence process running in the background, if any
DV=            # the Dovecot directory once started
DV_MASTER=     # its master pid
FAILED=0
cleanup() {
    local rc=$?
    if [[ -n $CHILD ]] && kill -0 "$CHILD" 2>/dev/null; then
        kill -KILL "$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
    [[ -n $DV ]] && dovecot_stop
    if [[ ${KEEP:-0} == 1 || $FAILED == 1 || $rc != 0 ]]; then
        echo "scratch directory kept: $S"
    else
        rm -rf "$S"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    FAILED=1
    echo "FAIL: $*" >&2
    exit 1
}
note() { echo "  $*"; }
now() { date +%s%N; }
# elapsed T: seconds since T (a `now`), one decimal.
elapsed() {
    local ds=$((($(date +%s%N) - $1) / 100000000))
    echo "$((ds / 10)).$((ds % 10))"
}
perm() { "$BIN" -q --data "$@"; }

# ---------------------------------------------------------------------------------------------
# Python helper
# ---------------------------------------------------------------------------------------------
PY=$S/soak.py
cat >"$PY" <<'PY'
"""Helpers for scripts/soak.sh (standard library only)."""
import collections, email.parser, email.policy, hashlib, imaplib, json, os, random, re, socket, sys

CONTROL = re.compile(r"^(dovecot|subscriptions$|maildirfolder$|courier)")


def message_files(maildir):
    """Message files of a Maildir: cur/ and new/ of it and of its subfolders (not tmp/)."""
    out = []
    for root, dirs, files in os.walk(maildir):
        dirs.sort()
        if os.path.basename(root) not in ("cur", "new"):
            continue
        out.extend(os.path.join(root, f) for f in sorted(files) if not CONTROL.match(f))
    return out


def message_id(data):
    head = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(data)
    value = head.get("Message-ID")
    if value is None:
        return None
    value = re.sub(r"\s+", "", str(value))
    m = re.search(r"<([^<>]+)>", value)
    return m.group(1) if m else (value or None)


def crlf(data):
    """The message as an IMAP server sends it: bare LF line ends become CRLF."""
    return re.sub(rb"(?<!\r)\n", b"\r\n", data)


def expected(maildir, out, imap=False):
    """Distinct message contents of a Maildir (the store is content-addressed)."""
    by_sha = {}
    files = message_files(maildir)
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        if imap:
            data = crlf(data)
        by_sha[hashlib.sha256(data).hexdigest()] = message_id(data)
    json.dump({"files": len(files), "distinct": len(by_sha), "by_sha": by_sha}, open(out, "w"))
    print(len(files), len(by_sha))


def check_store(scratch, expected_file):
    """The checks on a data directory, from the outputs check_store (soak.sh) left in SCRATCH:
    verify, stats, the export and the searches against the source's distinct messages."""
    j = lambda name: json.load(open(os.path.join(scratch, name)))
    exp = json.load(open(expected_file))
    want = exp["distinct"]
    errors, lines = [], []
    # verify: exit status 0 and its report ok.
    rc = open(os.path.join(scratch, "verify.rc")).read().strip()
    try:
        v = j("verify.json")
    except ValueError:
        v = {"ok": False, "report": {}}
    rep = v.get("report", {})
    if rc != "0" or v.get("ok") is not True:
        errors.append(f"verify: exit status {rc}, ok {v.get('ok')}: " + json.dumps(rep)[:2000])
    else:
        lines.append(f"verify: exit 0, ok ({rep.get('messages')} messages, {rep.get('indexed')} documents in the index)")
    # The count: every distinct message of the source, no more.
    stats = j("stats.json")
    n = stats["messages"]
    if n != want:
        errors.append(f"{n} messages stored, expected {want} (the distinct messages of the source)")
    else:
        lines.append(f"messages stored: {n} = distinct messages of the source ({exp['files']} files)")
    # Exactly once: the export lists each source message (sha256 and Message-ID) once.
    rows = [json.loads(line) for line in open(os.path.join(scratch, "export.jsonl")) if line.strip()]
    ids = collections.Counter(r["id"] for r in rows)
    shas = collections.Counter(r["sha256"] for r in rows)
    dup_ids = [i for i, c in ids.items() if c > 1]
    dup_shas = [s for s, c in shas.items() if c > 1]
    if len(rows) != n:
        errors.append(f"export lists {len(rows)} messages, stats counts {n}")
    if dup_ids:
        errors.append(f"{len(dup_ids)} ids exported twice, e.g. {dup_ids[:3]}")
    if dup_shas:
        errors.append(f"{len(dup_shas)} contents (sha256) stored twice, e.g. {dup_shas[:3]}")
    missing = set(exp["by_sha"]) - set(shas)
    extra = set(shas) - set(exp["by_sha"])
    if missing:
        errors.append(f"{len(missing)} messages of the source not stored, e.g. sha256 {sorted(missing)[:3]}")
    if extra:
        errors.append(f"{len(extra)} stored messages not in the source, e.g. sha256 {sorted(extra)[:3]}")
    # Message-IDs: each as many times as distinct source contents carry it (a resend with the
    # same Message-ID and other bytes is a second, linked message), and on the right message.
    want_mid = collections.Counter(m for m in exp["by_sha"].values() if m)
    got_mid = collections.Counter(r["message_id"] for r in rows if not r.get("synthetic_message_id"))
    wrong = sorted(m for m in set(want_mid) | set(got_mid) if want_mid[m] != got_mid[m])
    if wrong:
        errors.append(f"{len(wrong)} Message-IDs stored a wrong number of times, e.g. "
                      + ", ".join(f"{m} ({got_mid[m]} stored, {want_mid[m]} in the source)" for m in wrong[:3]))
    mismatch = [r["id"] for r in rows if r["sha256"] in exp["by_sha"] and not r.get("synthetic_message_id")
                and exp["by_sha"][r["sha256"]] != r["message_id"]]
    if mismatch:
        errors.append(f"{len(mismatch)} rows whose Message-ID is not their raw message's, e.g. ids {mismatch[:3]}")
    if not (dup_ids or dup_shas or missing or extra or wrong or mismatch or len(rows) != n):
        lines.append(f"exactly once: {len(rows)} exported, {len(shas)} distinct sha256 = the source's, "
                     f"{len(got_mid)} distinct Message-IDs as in the source")
    # Search: the empty query matches every document; the kinds partition the messages.
    total = j("search-all.json")["total"]
    if total != n:
        errors.append(f'search "" (everything) finds {total}, {n} messages stored')
    kinds = {k: j(f"search-{k}.json")["total"] for k in ("personal", "auto_reply", "bulk", "bounce", "spam")}
    for k, c in kinds.items():
        if c != stats["by_kind"].get(k, 0):
            errors.append(f"search kind:{k} finds {c}, stats counts {stats['by_kind'].get(k, 0)}")
    if sum(kinds.values()) != n:
        errors.append(f"searches kind:* find {sum(kinds.values())} in all, {n} messages stored")
    if total == n and sum(kinds.values()) == n:
        lines.append(f'search: "" finds {total}; kind:personal|auto_reply|bulk|bounce|spam find '
                     + "+".join(str(c) for c in kinds.values()) + f" = {n}")
    for line in lines:
        print(line)
    for e in errors:
        print("ERROR " + e)
    sys.exit(1 if errors else 0)


def crash_state(verify):
    """What a kill left (verify --json before any restart): what the next run repairs is
    fine, anything else is a durability bug (exit 1)."""
    r = json.load(open(verify))["report"]
    bad = []
    if r["missing_raw"]:
        bad.append(f"{len(r['missing_raw'])} rows without their raw message, e.g. {r['missing_raw'][:3]}")
    if r["corrupt_raw"]:
        bad.append(f"{len(r['corrupt_raw'])} raw messages not matching their hash, e.g. {r['corrupt_raw'][:3]}")
    if r["indexed"] > r["messages"]:
        bad.append(f"{r['indexed']} index documents for {r['messages']} rows")
    if bad:
        print("; ".join(bad))
        sys.exit(1)
    left = []
    if r["indexed"] < r["messages"]:
        left.append(f"{r['messages'] - r['indexed']} rows to index")
    if r["orphan_raw"]:
        left.append(f"{len(r['orphan_raw'])} raw files without row")
    print(", ".join(left) or "consistent")


def ingest_counts(report, files, again):
    """The final ingest accounted for every file; a second one finds everything known."""
    c = json.load(open(report))["counts"]
    files = int(files)
    print(json.dumps(c))
    if again == "again":
        ok = c["new"] == 0 and c["known"] == files and c["failed"] == 0
    else:
        ok = c["new"] + c["known"] == files and c["failed"] == 0
    sys.exit(0 if ok else 1)


def status_done(status, start, final):
    """(daemon) Every folder synced completely since START (unix s); FINAL: also no error and
    the high-water mark at the server's UIDNEXT."""
    views = json.load(open(status))
    start = int(float(start))
    ok = bool(views) and all(v["last_sync"] >= start and v["backlog"] == 0 for v in views)
    if final == "final":
        ok = ok and all(v["last_error"] == "" and v["uid_next"] >= v["server_uidnext"] for v in views)
    sys.exit(0 if ok else 1)


def killround(label, seed, round_, kills_left, before, expected, batch, binary, data, state_file, log, *cmd):
    """One round: starts CMD, `kill -9`s it at a random moment, prints what happened.

    Mostly (mode "work") the moment is chosen in the work still to do: the remaining kills
    share the remaining messages at random (the last two batches always left); the round waits until
    the run has stored its share (polling `show #K --raw`, a few ms: ids are given in order,
    one per message), then (in the first round and about a third of the others) until one more
    batch has committed, which measures how long a batch takes, then a random fraction of that
    batch time, so that the kill falls anywhere between two commits (writing raw files,
    parsing, filing, committing, indexing). One round in five (mode "start") kills during the
    restart itself (opening, catching up the index, scanning, logging in), at a random fraction
    of the time the previous run took to commit its first batch. With nothing left to do (mode
    "idle") it kills after 0.3-2 s. The JSON of each round is appended to STATE_FILE + "l"."""
    import signal, subprocess, time
    rng = random.Random(f"{seed}-{label}-{round_}")
    before, expected, batch, kills_left = int(before), int(expected), int(batch), int(kills_left)
    try:
        state = json.load(open(state_file))
    except (OSError, ValueError):
        state = {}
    remaining = expected - before
    out = {"mode": None, "target": None, "delay": None}
    logf = open(log, "ab")
    t0 = time.monotonic()
    proc = subprocess.Popen(list(cmd), stdin=subprocess.DEVNULL, stdout=logf, stderr=logf)

    def reached(k):
        r = subprocess.run([binary, "-q", "--data", data, "show", str(k), "--raw"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode == 0:
            return True
        if b"no message" in r.stderr:
            return False
        logf.write(b"probe show %d: %s\n" % (k, r.stderr.strip()))
        return True  # another answer (a busy database...): take it as reached

    def wait_for(k):
        """Seconds since the start when #k was stored; None if the run ended (or 10 min)."""
        while proc.poll() is None and time.monotonic() - t0 < 600:
            if reached(k):
                return time.monotonic() - t0
            time.sleep(0.05)
        return None

    if remaining <= 0:
        out["mode"] = "idle"
        out["delay"] = rng.uniform(0.3, 2.0)
        time.sleep(out["delay"])
    elif state.get("t_first") and rng.random() < 0.2:
        out["mode"] = "start"
        out["delay"] = rng.uniform(0.05, 1.0) * state["t_first"]
        time.sleep(out["delay"])
    else:
        out["mode"] = "work"
        room = max(remaining - 2 * batch - 1, 1)  # leave the last batches: a kill before the end
        step = min(max(round(room * rng.uniform(0.2, 1.8) / (kills_left + 1)), 1), room)
        target = out["target"] = before + step
        t_first = wait_for(before + 1)
        if t_first is not None:
            state["t_first"] = t_first
        t_a = wait_for(target)
        measure = "batch_time" not in state or rng.random() < 0.3
        if measure and t_a is not None and target + batch < expected:
            t_b = wait_for(target + batch)
            if t_b is not None:
                state["batch_time"] = max(t_b - t_a, 0.02)
        out["delay"] = rng.random() * state.get("batch_time", 0.5)
        time.sleep(out["delay"])
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    rc = proc.wait()
    out["took"] = round(time.monotonic() - t0, 2)
    out["delay"] = round(out["delay"], 2)
    out["hit"] = rc == -signal.SIGKILL
    out["rc"] = rc
    json.dump(state, open(state_file, "w"))
    with open(state_file + "l", "a") as f:
        f.write(json.dumps(out) + "\n")
    print(out["mode"], out["target"], out["delay"], out["took"], int(out["hit"]), rc)


def get(path, *keys):
    """A value from a JSON file (keys may be list indexes)."""
    v = json.load(open(path))
    for k in keys:
        v = v[int(k)] if isinstance(v, list) else v[k]
    print(json.dumps(v) if isinstance(v, (dict, list)) else v)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])


def place(src, dest, uid, gid):
    """Copies the corpus into the Dovecot INBOX's cur/, as messages already delivered (file
    names without the S= size, flags kept)."""
    n = 0
    for path in message_files(src):
        name = os.path.basename(path)
        base, _, flags = name.partition(":2,")
        base = re.sub(r",S=\d+", "", base)
        target = os.path.join(dest, "cur", f"{base}:2,{flags}")
        with open(path, "rb") as f, open(target, "wb") as g:
            g.write(f.read())
        os.chown(target, int(uid), int(gid))
        n += 1
    print(n)


def snapshot(maildir, out):
    """Every file of the mailbox except Dovecot's own index, cache and UID list: name and hash."""
    lines = []
    for root, dirs, files in os.walk(maildir):
        dirs.sort()
        for f in sorted(files):
            if CONTROL.match(f):
                continue
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                lines.append(f"{hashlib.sha256(fh.read()).hexdigest()}  {os.path.relpath(p, maildir)}")
    open(out, "w").write("\n".join(lines) + "\n")
    print(len(lines))


def imap_state(port, out):
    """EXISTS, UIDVALIDITY, UIDNEXT and every message's UID and flags, read with EXAMINE."""
    m = imaplib.IMAP4("127.0.0.1", int(port))
    m.login("office", "secret")
    typ, data = m.select("INBOX", readonly=True)
    exists = int(data[0])
    uidvalidity = m.untagged_responses.get("UIDVALIDITY", [b"?"])[0].decode()
    uidnext = m.untagged_responses.get("UIDNEXT", [b"?"])[0].decode()
    flags = []
    if exists:
        typ, data = m.fetch("1:*", "(UID FLAGS)")
        flags = sorted(d.decode() if isinstance(d, bytes) else str(d) for d in data if d)
        flags = [re.sub(r"^\d+ ", "", f) for f in flags]
    m.logout()
    state = {"exists": exists, "uidvalidity": uidvalidity, "uidnext": uidnext, "flags": sorted(flags)}
    json.dump(state, open(out, "w"), indent=1)
    print(exists)


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"expected": lambda *a: expected(a[0], a[1], len(a) > 2 and a[2] == "imap"),
     "check-store": check_store, "crash-state": crash_state, "ingest-counts": ingest_counts, "status-done": status_done, "killround": killround, "get": get, "free-port": free_port,
     "place": place, "snapshot": snapshot, "imap-state": imap_state}[cmd](*args)
PY
py() { python3 "$PY" "$@"; }

# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------

# Messages stored (from `stats --json`).
count_messages() {
    perm "$1" stats --json >"$S/stats.json" || fail "stats failed on $1"
    local n
    n=$(sed -n 's/^  "messages": \([0-9][0-9]*\),$/\1/p' "$S/stats.json")
    [[ -n $n ]] || n=$(py get "$S/stats.json" messages)
    echo "$n"
}

# set_batch DATA B: writes [ingest] batch_size = B into the data directory's configuration.
set_batch() {
    python3 - "$1/permanence.toml" "$2" <<'EOF'
import re, sys
path, batch = sys.argv[1], sys.argv[2]
text = open(path).read()
text, n = re.subn(r"(?m)^batch_size = \d+$", f"batch_size = {batch}", text, count=1)
if n != 1:
    sys.exit("no batch_size line in " + path)
open(path, "w").write(text)
EOF
    perm "$1" config check >>"$LOG" 2>&1 || fail "config check fails after setting batch_size (see $LOG)"
}

# reached DATA K: whether message #K is stored (`show K --raw`, a few ms; ids are given in
# order, one per message, so #K is there once K messages are).
reached() {
    local out
    out=$("$BIN" -q --data "$1" show "$2" --raw 2>&1 >/dev/null) && return 0
    [[ $out == *"no message"* ]] && return 1
    echo "probe show $2: $out" >>"$LOG" # another answer (a busy database...): take it as reached
    return 0
}

# kill_rounds LABEL DATA KILLS EXPECTED BATCH CMD...: runs CMD KILLS times, each time `kill -9`ing
# it at a random moment chosen by the helper's `killround` (read it for how), and counts what
# the kills hit.
HITS=0
KILLED_WORKING=0
LEFT_UNINDEXED=0
LEFT_ORPHANS=0
declare -A MODES
# kill_summary: one line on the last kill_rounds.
kill_summary() {
    echo "$HITS kills hit a live process, $KILLED_WORKING with work left (${MODES[work]:-0} during the work, ${MODES[start]:-0} during a restart, ${MODES[idle]:-0} with nothing left); the crash left rows to index $LEFT_UNINDEXED times, raw files without row $LEFT_ORPHANS times"
}
kill_rounds() {
    local label=$1 data=$2 kills=$3 expected=$4 batch=$5
    shift 5
    local i before after start state r mode how target delay took hit rc left
    HITS=0
    KILLED_WORKING=0
    LEFT_UNINDEXED=0
    LEFT_ORPHANS=0
    MODES=()
    rm -f "$S/rounds-$label.json"
    after=$(count_messages "$data")
    for ((i = 1; i <= kills; i++)); do
        before=$after
        start=$(date +%s)
        r=$(py killround "$label" "$SEED" "$i" "$((kills - i))" "$before" "$expected" "$batch" \
            "$BIN" "$data" "$S/rounds-$label.json" "$LOG" "$@") || fail "$label: kill round $i failed"
        read -r mode target delay took hit rc <<<"$r"
        after=$(count_messages "$data")
        case $mode in
        work) how="at #$target+${delay}s" ;;
        *) how="$mode+${delay}s" ;;
        esac
        if ((hit)); then
            HITS=$((HITS + 1))
            state=killed
            # Working: there was something to do, and (daemon) no sync pass had completed since
            # the start (see idle_since below).
            if ((before < expected)) && ! idle_since "$data" "$start"; then
                KILLED_WORKING=$((KILLED_WORKING + 1))
            else
                state="killed while idle"
            fi
        else
            state="had already exited with status $rc"
        fi
        # What the crash left, before anything restarts: verify may only find what the next
        # run repairs (raw files without their row yet, rows not yet indexed), never a row
        # without its raw message, a corrupt raw message or index documents beyond the rows.
        perm "$data" verify --json >"$S/verify-crash.json" 2>>"$LOG" || true
        left=$(py crash-state "$S/verify-crash.json") || {
            cp "$S/verify-crash.json" "$S/verify-crash-$label-$i.json"
            fail "$label: after kill $i: $left (verify report: $S/verify-crash-$label-$i.json)"
        }
        [[ $left == *"to index"* ]] && LEFT_UNINDEXED=$((LEFT_UNINDEXED + 1))
        [[ $left == *"raw files"* ]] && LEFT_ORPHANS=$((LEFT_ORPHANS + 1))
        MODES[$mode]=$((${MODES[$mode]:-0} + 1))
        printf '  %s kill %2d/%d %-22s %6ss after start: %s; messages %s -> %s of %s; left: %s\n' \
            "$label" "$i" "$kills" "$how" "$took" "$state" "$before" "$after" "$expected" "$left"
        ((after >= before)) || fail "$label: kill $i lost messages: $before stored before the run, $after after"
        ((after <= expected)) || fail "$label: $after messages stored, more than the $expected distinct ones"
    done
}
IDLE_CHECK=none
# idle_since DATA START: (daemon) whether a whole sync pass completed after START, i.e. the
# daemon had caught up and was idle when it was killed.
idle_since() {
    [[ $IDLE_CHECK == status ]] || return 1
    perm "$1" status --json >"$S/status.json" 2>>"$LOG" || return 1
    py status-done "$S/status.json" "$2" any
}

# check_store LABEL DATA EXPECTED_JSON: the checks after the kills (the helper's check-store).
check_store() {
    local label=$1 data=$2 exp=$3 k
    perm "$data" verify --json >"$S/verify.json" 2>>"$LOG" && echo 0 >"$S/verify.rc" || echo $? >"$S/verify.rc"
    perm "$data" stats --json >"$S/stats.json" || fail "$label: stats failed"
    perm "$data" export --format jsonl --out "$S/export.jsonl" || fail "$label: export failed"
    perm "$data" search "" --json --limit 1 >"$S/search-all.json" || fail "$label: search \"\" failed"
    for k in personal auto_reply bulk bounce spam; do
        perm "$data" search "kind:$k" --json --limit 1 >"$S/search-$k.json" || fail "$label: search kind:$k failed"
    done
    py check-store "$S" "$exp" >"$S/check-$label.txt" || {
        sed 's/^/  /' "$S/check-$label.txt" >&2
        fail "$label: $(grep -c '^ERROR' "$S/check-$label.txt") check(s) failed (above)"
    }
    sed 's/^/  /' "$S/check-$label.txt"
}

# ---------------------------------------------------------------------------------------------
# Dovecot (as tests/dovecot.rs and /work/shared/tools/dovecot-throwaway.sh)
# ---------------------------------------------------------------------------------------------
DOVECOT=$(command -v dovecot || echo /usr/sbin/dovecot)
dovecot_start() {
    DV=$S/dovecot
    mkdir -p "$DV/mail/cur" "$DV/mail/new" "$DV/mail/tmp" "$DV/home" "$DV/run" "$DV/state"
    MU=$(id -u)
    MG=$(id -g)
    local users
    if [[ $MU == 0 ]]; then
        MU=$(id -u dovecot)
        MG=$(id -g dovecot)
        chown -R "$MU:$MG" "$DV/mail" "$DV/home"
        users=$'default_login_user = dovenull\ndefault_internal_user = dovecot'
    else
        users="default_internal_user = $(id -un)"$'\n'"default_login_user = $(id -un)"$'\n'"default_internal_group = $(id -gn)"
    fi
    PORT=$(py free-port)
    echo "office:{PLAIN}secret:$MU:$MG::$DV/home" >"$DV/passwd"
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
auth_failure_delay = 0
$users
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
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
    "$DOVECOT" -c "$DV/dovecot.conf" >>"$LOG" 2>&1 || { cat "$DV/dovecot.log" >&2 2>/dev/null; fail "dovecot did not start"; }
    local _
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
        sleep 0.1
    done
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || fail "dovecot does not accept connections on port $PORT"
    DV_MASTER=$(cat "$DV/run/master.pid")
}
# Stops Dovecot; the processes its master started (imap sessions) are then ended by pid.
dovecot_stop() {
    local children=() p _
    if [[ -n $DV_MASTER ]]; then
        for p in /proc/[0-9]*; do
            [[ $(awk '{print $4}' "$p/stat" 2>/dev/null) == "$DV_MASTER" ]] && children+=("${p#/proc/}")
        done
    fi
    "$DOVECOT" -c "$DV/dovecot.conf" stop >>"$LOG" 2>&1 || true
    for _ in $(seq 100); do
        [[ -n $DV_MASTER ]] && kill -0 "$DV_MASTER" 2>/dev/null || break
        sleep 0.1
    done
    for p in "${children[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    DV=
}

# =============================================================================================
echo "soak: N=$N KILLS=$KILLS IMAP_N=$IMAP_N SEED=$SEED batch_size $BATCH1 (ingest), $BATCH2 (daemon)"
echo "  binary: $BIN"
echo "  scratch: $S"

# ---------------------------------------------------------------------------------------------
# Part 1: ingest --maildir, killed KILLS/2 times
# ---------------------------------------------------------------------------------------------
P1=$(now)
echo "Part 1: ingest of $N generated messages, $INGEST_KILLS kill -9"
"$GEN" "$N" "$S/maildir" --seed "$SEED" >>"$LOG" 2>&1 || fail "gen_corpus failed (see $LOG)"
read -r FILES1 DISTINCT1 < <(py expected "$S/maildir" "$S/expected1.json") || fail "cannot read the corpus"
note "corpus: $FILES1 files, $DISTINCT1 distinct contents"
D1=$S/data-ingest
perm "$D1" init >>"$LOG" 2>&1 || fail "init failed"
set_batch "$D1" "$BATCH1"
IDLE_CHECK=none
kill_rounds ingest "$D1" "$INGEST_KILLS" "$DISTINCT1" "$BATCH1" "$BIN" -q --data "$D1" ingest --maildir "$S/maildir"
HITS1=$HITS
WORKING1=$KILLED_WORKING
SUMMARY1=$(kill_summary)
START=$(now)
perm "$D1" ingest --maildir "$S/maildir" --json >"$S/ingest-final.json" 2>>"$LOG" || fail "the final ingest failed (see $LOG)"
C=$(py ingest-counts "$S/ingest-final.json" "$FILES1" final) || fail "the final ingest did not account for every file: $C"
note "final ingest ($(elapsed "$START")s): $C"
check_store ingest "$D1" "$S/expected1.json"
perm "$D1" ingest --maildir "$S/maildir" --json >"$S/ingest-again.json" 2>>"$LOG" || fail "the second ingest failed"
C=$(py ingest-counts "$S/ingest-again.json" "$FILES1" again) || fail "a second ingest does not report everything known, nothing new: $C"
note "second ingest: $C"
[[ $(count_messages "$D1") == "$DISTINCT1" ]] || fail "the second ingest changed the message count"
TIME1=$(elapsed "$P1")
echo "Part 1 passed in ${TIME1}s: $INGEST_KILLS kills of ingest: $SUMMARY1"

# ---------------------------------------------------------------------------------------------
# Part 2: daemon syncing a Dovecot INBOX, killed KILLS/2 times
# ---------------------------------------------------------------------------------------------
if [[ ${SKIP_IMAP:-0} == 1 ]]; then
    echo "Part 2 skipped (SKIP_IMAP=1)"
    HITS2=0 WORKING2=0 TIME2=0 DISTINCT2=0 FILES2=0
else
    P2=$(now)
    echo "Part 2: daemon sync of $IMAP_N messages from a throwaway Dovecot, $DAEMON_KILLS kill -9"
    [[ -x $DOVECOT ]] || fail "dovecot is not installed (apt-get install dovecot-imapd), or run with SKIP_IMAP=1"
    "$GEN" "$IMAP_N" "$S/imap-src" --seed "$((SEED + 1))" >>"$LOG" 2>&1 || fail "gen_corpus failed (see $LOG)"
    dovecot_start
    py place "$S/imap-src" "$DV/mail" "$MU" "$MG" >/dev/null || fail "cannot place the corpus in the Dovecot INBOX"
    # What the IMAP server sends is the file with CRLF line ends: that is what is stored.
    read -r FILES2 DISTINCT2 < <(py expected "$DV/mail" "$S/expected2.json" imap) || fail "cannot read the mailbox"
    EXISTS=$(py imap-state "$PORT" "$S/imap-before.json") || fail "cannot read the INBOX over IMAP (see $DV/dovecot.log)"
    ((EXISTS == FILES2)) || fail "Dovecot shows $EXISTS messages, $FILES2 were placed in its INBOX"
    py snapshot "$DV/mail" "$S/mailbox-before.txt" >/dev/null || fail "cannot list the mailbox"
    note "mailbox: $EXISTS messages on 127.0.0.1:$PORT, $DISTINCT2 distinct contents"
    D2=$S/data-imap
    perm "$D2" init >>"$LOG" 2>&1 || fail "init failed"
    set_batch "$D2" "$BATCH2"
    cat >>"$D2/permanence.toml" <<TOML

[[mailbox]]
name = "soak"
host = "127.0.0.1"
port = $PORT
security = "plain"
username = "office"
password_env = "PERMANENCE_SOAK_IMAP_PW"
folders = ["INBOX"]
TOML
    export PERMANENCE_SOAK_IMAP_PW=secret
    perm "$D2" config check >>"$LOG" 2>&1 || fail "config check fails with the [[mailbox]] section (see $LOG)"
    IDLE_CHECK=status
    kill_rounds daemon "$D2" "$DAEMON_KILLS" "$DISTINCT2" "$BATCH2" "$BIN" -q --data "$D2" daemon
    HITS2=$HITS
    WORKING2=$KILLED_WORKING
    SUMMARY2=$(kill_summary)
    # Let it finish: until every message is stored and a whole pass has completed, then SIGTERM.
    START=$(now)
    "$BIN" -q --data "$D2" daemon >>"$LOG" 2>&1 &
    CHILD=$!
    LIMIT=$((300 + IMAP_N / 20))
    last=-1
    still=0
    polls=0
    while :; do
        sleep 0.5
        polls=$((polls + 1))
        kill -0 "$CHILD" 2>/dev/null || { wait "$CHILD" || true; CHILD=; fail "the daemon exited by itself (see $LOG)"; }
        if reached "$D2" "$DISTINCT2" && idle_since "$D2" "$((START / 1000000000))"; then break; fi
        ((polls % 10 == 0)) || continue
        # Every 5 s: is it still filing?
        n=$(count_messages "$D2")
        if ((n == last)); then still=$((still + 5)); else still=0; fi
        last=$n
        ((still < 120)) || fail "the daemon stopped filing at $n of $DISTINCT2 messages for 120 s (see $LOG, status: $(perm "$D2" status 2>&1 | tr '\n' ' '))"
        ((polls / 2 < LIMIT)) || fail "the daemon did not finish in $LIMIT s ($n of $DISTINCT2 messages)"
    done
    note "final daemon run caught up in $(elapsed "$START")s"
    kill -TERM "$CHILD"
    rc=0
    for _ in $(seq 600); do kill -0 "$CHILD" 2>/dev/null || break; sleep 0.1; done
    wait "$CHILD" || rc=$?
    CHILD=
    ((rc == 0)) || fail "the daemon exited with status $rc after SIGTERM"
    perm "$D2" status --json >"$S/status.json"
    py status-done "$S/status.json" "$((START / 1000000000))" final || fail "status after the sync: $(cat "$S/status.json")"
    note "status: backlog 0, no error, high-water mark at UIDNEXT"
    check_store daemon "$D2" "$S/expected2.json"
    # The office mailbox must not have changed: files (names carry the flags) and IMAP flags.
    py snapshot "$DV/mail" "$S/mailbox-after.txt" >/dev/null || fail "cannot list the mailbox"
    diff "$S/mailbox-before.txt" "$S/mailbox-after.txt" >"$S/mailbox.diff" || {
        head -20 "$S/mailbox.diff" >&2
        fail "the office mailbox was modified (files or their names/flags changed)"
    }
    py imap-state "$PORT" "$S/imap-after.json" >/dev/null
    cmp -s "$S/imap-before.json" "$S/imap-after.json" || {
        diff "$S/imap-before.json" "$S/imap-after.json" | head -20 >&2
        fail "the office mailbox was modified (EXISTS, UIDVALIDITY, UIDNEXT or flags changed)"
    }
    note "office mailbox unchanged: $(wc -l <"$S/mailbox-before.txt") files and their hashes, flags of $EXISTS messages"
    dovecot_stop
    TIME2=$(elapsed "$P2")
    echo "Part 2 passed in ${TIME2}s: $DAEMON_KILLS kills of the daemon: $SUMMARY2"
fi

# ---------------------------------------------------------------------------------------------
echo
echo "soak report (seed $SEED, batch_size $BATCH1 / $BATCH2)"
printf '  %-8s %6s messages (%s files) %3s kills, %3s hit a live process, %3s while working, %7ss\n' \
    ingest "$DISTINCT1" "$FILES1" "$INGEST_KILLS" "$HITS1" "$WORKING1" "$TIME1"
[[ ${SKIP_IMAP:-0} == 1 ]] ||
    printf '  %-8s %6s messages (%s files) %3s kills, %3s hit a live process, %3s while working, %7ss\n' \
        daemon "$DISTINCT2" "$FILES2" "$DAEMON_KILLS" "$HITS2" "$WORKING2" "$TIME2"
echo "  total $(elapsed "$T0")s: every check passed"
