#!/usr/bin/env bash
# Issue 18's scale benchmark: one data directory of N generated messages (default 1,000,000),
# and every figure the issue asks of it, each command timed with its peak memory.
#
# usage: scripts/bench-million.sh [N] [SECONDS]
#
#   N        messages of examples/gen_corpus.rs (seed 1, Isère town halls, the office's own
#            directory: the bundled 2026 mayors file), default 1000000
#   SECONDS  how long the 8 web clients run (default 60)
#
# Prints, in order: the ingest (time, rate, peak memory, and the rate per 100,000 messages from a
# sampler reading the database), re-reading the same Maildir (all known), the disk footprint
# (raw packs + database + index against the Maildir's own bytes), the search page (README query
# list, one client, 30 rounds, median and p95), the triage / case list / case / official
# timeline (the official with most messages) / commune / dashboard pages with 8 concurrent
# clients (p95 per page), then `verify`, `backup` (first, then incremental after 1,000 more
# messages), `reindex`, `person erase` of the correspondent whose message count is closest to
# 2,000, and `retention run` (automatic mail older than 12 months).
#
# Before the pages, one official is given 5,000 more letters (scripts/prolific.py: the
# generator spreads mail over every town hall, so its busiest official has a few hundred), so
# that the official timeline is timed on an official with 5,000 messages; that ingest is timed
# too.
#
# BIN=path uses that binary instead of building one; KEEP=1 keeps the scratch directory
# (`$TMPDIR/bench-million.*`). REUSE=DATA_DIR starts from a data directory a previous KEEP=1
# run left (N must be its corpus size, for the disk figure): no generation, ingest or re-read,
# everything after them, with BIN (to measure a change without the hour-long ingest, or to
# finish a run that stopped); with PAGES_ONLY=1 it stops after the search and the pages (giving
# the busiest official 5,000 letters first if nobody has them). The Maildir is generated into
# target/bench-corpus-N (about 5 KB a message: 5 GB for a million), never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
SECONDS_LOAD=${2:-60}
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { echo "usage: $0 [N] [SECONDS]" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

TARGET=${CARGO_TARGET_DIR:-target}
if [[ -z ${BIN:-} ]]; then
  cargo build --release --bin permanence --example gen_corpus
  BIN=$TARGET/release/permanence
fi
P=$(realpath "$BIN")
GEN=$TARGET/release/examples/gen_corpus
corpus_for() {
  local n=$1 seed=$2 dir=target/bench-corpus-$1
  [[ $seed == 1 ]] || dir=target/bench-corpus-$1-seed$seed
  if [[ ! -d $dir/cur ]]; then
    [[ -x $GEN ]] || cargo build --release --example gen_corpus >&2
    rm -rf "$dir.partial"
    "$GEN" "$n" "$dir.partial" --seed "$seed" >&2
    mv "$dir.partial" "$dir"
  fi
  echo "$dir"
}
REUSE=${REUSE:-}
PAGES_ONLY=${PAGES_ONLY:-}
[[ -z $PAGES_ONLY || -n $REUSE ]] || { echo "PAGES_ONLY=1 needs REUSE=DATA_DIR" >&2; exit 2; }
[[ -z $REUSE || -f $REUSE/permanence.sqlite3 ]] || { echo "REUSE: no data directory at $REUSE" >&2; exit 2; }
if [[ -z $PAGES_ONLY ]]; then
  CORPUS=$(corpus_for "$N" 1)
  MORE=$(corpus_for 1000 2)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-million.XXXXXX")
SERVER=
cleanup() {
  [[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null || true
  if [[ ${KEEP:-0} == 1 ]]; then echo "Scratch directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
DATA=${REUSE:-$WORK/data}
DB=$DATA/permanence.sqlite3

# timed LABEL COMMAND...: runs it, prints "LABEL: S s, peak M MB" and keeps S in $LAST.
timed() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/out" 2> "$WORK/err" || {
    echo "$label failed:"; cat "$WORK/err"; exit 1; }
  read -r LAST KB < "$WORK/time"
  printf '%-34s %9.1f s   peak %6d MB\n' "$label" "$LAST" $((KB / 1024))
}

echo "permanence: $P"
[[ -z $REUSE ]] || echo "reusing: $DATA"
if [[ -z $REUSE ]]; then
echo "corpus: $CORPUS ($(du -sh "$CORPUS" | cut -f1))"
"$P" --data "$DATA" init >/dev/null
sed -i 's/^departements = \[\]/departements = ["38"]/' "$DATA/permanence.toml"
"$P" --data "$DATA" -q officials import fixtures/rne/elus-maires-mai.csv >/dev/null

# The sampler: messages stored every 20 s, to see whether the cost per message grows.
python3 - "$DB" "$WORK/samples" <<'PY' &
import os, sqlite3, sys, time
db, out = sys.argv[1], sys.argv[2]
start = time.time()
with open(out, "w") as f:
    while True:
        time.sleep(20)
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            n = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
            conn.close()
        except Exception:
            continue
        f.write(f"{time.time() - start:.0f} {n}\n"); f.flush()
PY
SAMPLER=$!
timed "ingest of $N" "$P" --data "$DATA" -q ingest --maildir "$CORPUS"
INGEST=$LAST
kill $SAMPLER 2>/dev/null || true
python3 - "$WORK/samples" "$N" "$INGEST" <<'PY'
import sys
samples = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
n, total = int(sys.argv[2]), float(sys.argv[3])
print(f"  rate overall: {n / total:,.0f} msgs/s")
step = max(100_000, n // 10)
mark, prev = step, (0.0, 0.0)
for t, count in samples:
    if count >= mark:
        print(f"  up to {int(count):>9,}: {(count - prev[1]) / max(t - prev[0], 1e-9):7,.0f} msgs/s")
        prev = (t, count)
        while mark <= count:
            mark += step
PY

timed "re-read (all known)" "$P" --data "$DATA" -q ingest --maildir "$CORPUS"
python3 -c "import sys; print(f'  re-read rate: {int(sys.argv[1]) / float(sys.argv[2]):,.0f} msgs/s (goal 50,000)')" "$N" "$LAST"
fi # REUSE

if [[ -z $PAGES_ONLY ]]; then

mail=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f\n", s}')
raw=$(du -sb "$DATA/raw" | cut -f1)
db=$(du -cb "$DB"* | tail -1 | cut -f1)
index=$(du -sb "$DATA/index" | cut -f1)
python3 - "$mail" "$raw" "$db" "$index" <<'PY'
import sys
mail, raw, db, index = map(int, sys.argv[1:])
mb = lambda b: f"{b / 1e6:,.0f} MB"
print(f"disk: mail {mb(mail)}; raw {mb(raw)}, database {mb(db)}, index {mb(index)}: "
      f"total {mb(raw + db + index)} = {(raw + db + index) / mail:.2f}x the mail (goal <= 2x)")
PY

fi # PAGES_ONLY (the disk)

timed "prolific official (5,000 letters)" python3 scripts/prolific.py "$DB" "$WORK/prolific" 5000
sed 's/^/  /' "$WORK/out"
if [[ -d $WORK/prolific/cur ]]; then
  timed "ingest of those 5,000 letters" "$P" --data "$DATA" -q ingest --maildir "$WORK/prolific"
fi

# The reader account (a kept data directory already has it).
"$P" --data "$DATA" user list 2>/dev/null | grep -q '^bench\b' ||
  echo "bench-password-123" | "$P" --data "$DATA" user add bench --role reader >/dev/null
"$P" --data "$DATA" serve --listen 127.0.0.1:0 > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER=$!
for _ in $(seq 600); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's|^listening on \(http://[^/]*\)/$|\1|p' "$WORK/serve.out")
python3 - "$URL" "$DB" "$SECONDS_LOAD" <<'PY'
import http.cookiejar, random, re, sqlite3, statistics, sys, threading, time
import urllib.parse, urllib.request
base, db, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
sys.path.insert(0, "scripts")
from benchweb import login, p95
jar, web = login(base)
queries = ["q=mairie", "q=subvention", "q=assainissement+station", "q=%22demande+de+subvention%22",
           "q=mairie&theme=finances-locales", "q=&kind=personal&month=", "q=de%3Amaire+objet%3Avoirie",
           "q=date%3A2025-03", "q=zzzzunlikely"]
print("search page, one client, 30 rounds (ms, full HTTP round trip):")
worst = 0.0
for q in queries:
    times = []
    for _ in range(30):
        t = time.perf_counter()
        body = web.open(base + "/search?" + q).read().decode()
        times.append((time.perf_counter() - t) * 1000)
    hits = re.search(r'id="total">([0-9]+)', body)
    worst = max(worst, p95(times))
    print(f"  {urllib.parse.unquote_plus(q):36} median {statistics.median(times):7.1f}  p95 {p95(times):7.1f}  hits {hits.group(1) if hits else '?'}")
print(f"  worst p95: {worst:.1f} ms (goal 30 ms)")

conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
official, n_official = conn.execute(
    "SELECT official, count(*) FROM message_officials WHERE official IS NOT NULL "
    "GROUP BY official ORDER BY 2 DESC LIMIT 1").fetchone()
commune, n_commune = conn.execute(
    "SELECT code, count(*) FROM message_communes GROUP BY code ORDER BY 2 DESC LIMIT 1").fetchone()
cases = [r[0] for r in conn.execute("SELECT id FROM cases ORDER BY random() LIMIT 2000")]
conn.close()
print(f"pages, 8 clients for {seconds:.0f} s (official {official}: {n_official} messages; commune {commune}: {n_commune}):")
pages = {"triage": lambda r: "/", "cases": lambda r: "/cases", "case": lambda r: f"/case/{r.choice(cases)}",
         "official": lambda r: f"/official/{official}", "commune": lambda r: f"/commune/{commune}",
         "dashboard": lambda r: "/dashboard"}
names = list(pages)
def client(seed, stop, out):
    rng = random.Random(seed)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    n = seed
    while not stop.is_set():
        kind = names[n % len(names)]
        n += 1
        t = time.perf_counter()
        try:
            with opener.open(base + pages[kind](rng), timeout=120) as r:
                r.read()
                ok = r.status == 200
        except Exception:
            ok = False
        out.append((kind, (time.perf_counter() - t) * 1000, ok))
stop = threading.Event()
outs = [[] for _ in range(8)]
threads = [threading.Thread(target=client, args=(i, stop, outs[i])) for i in range(8)]
for th in threads: th.start()
time.sleep(seconds)
stop.set()
for th in threads: th.join()
rows = [x for o in outs for x in o]
worst = 0.0
for kind in names:
    times = [t for k, t, _ in rows if k == kind]
    errors = sum(1 for k, _, ok in rows if k == kind and not ok)
    worst = max(worst, p95(times))
    print(f"  {kind:10} {len(times):6} requests {errors:3} errors  median {statistics.median(times):7.1f}  p95 {p95(times):7.1f} ms")
print(f"  worst p95: {worst:.1f} ms (goal 100 ms)")
PY
kill "$SERVER" 2>/dev/null || true
wait "$SERVER" 2>/dev/null || true
SERVER=
[[ -z $PAGES_ONLY ]] || exit 0

timed "verify" "$P" --data "$DATA" verify
timed "backup (first)" "$P" --data "$DATA" -q backup "$WORK/backup"
du -sh "$WORK/backup" | awk '{print "  backup size: " $1}'
"$P" --data "$DATA" -q ingest --maildir "$MORE" >/dev/null
timed "backup (incremental, +1,000)" "$P" --data "$DATA" -q backup "$WORK/backup"
timed "reindex" "$P" --data "$DATA" -q reindex
read -r ADDRESS COUNT < <(python3 - "$DB" <<'PY'
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
row = conn.execute("SELECT from_addr, count(*) AS n FROM messages WHERE from_addr != '' "
                   "GROUP BY from_addr ORDER BY abs(n - 2000) LIMIT 1").fetchone()
print(row[0], row[1])
PY
)
timed "person erase ($COUNT messages)" "$P" --data "$DATA" person erase "$ADDRESS" --yes --as bench
grep -v '^$' "$WORK/out" | tail -3 | sed 's/^/  /'
sed -i 's/^automatic_months = 0/automatic_months = 12/' "$DATA/permanence.toml"
timed "retention run (automatic > 12 months)" "$P" --data "$DATA" retention run
grep -v '^$' "$WORK/out" | head -5 | sed 's/^/  /'
timed "verify (after erasure, retention)" "$P" --data "$DATA" verify
