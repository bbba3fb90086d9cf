#!/usr/bin/env bash
# Web latency under load: 8 clients on the triage, search, case list, case and dashboard pages,
# first on an idle server, then while `permanence ingest` files 20,000 more messages into the
# same data directory (the daemon's batch transactions and index commits compete with pages).
#
# usage: scripts/bench-web-load.sh BINARY... [-- BASE_N INGEST_N IDLE_SECONDS]
#
#   BINARY...      one or more `permanence` binaries; each is measured in turn, and the list
#                  is run ROUNDS times (default 3) in the same order: A B A B A B (paired runs).
#   BASE_N         messages ingested before the server starts (default 7000)
#   INGEST_N       messages ingested while the clients run (default 20000)
#   IDLE_SECONDS   how long the idle phase lasts (default 20)
#
# Every run starts from an empty data directory: `init`, the Isère mayors, BASE_N messages of
# examples/gen_corpus.rs (seed 1), a reader account; then `serve`, one login shared by the
# 8 client threads (as a collaborateur with several tabs), the idle phase, and the load phase
# that ends when the ingest of INGEST_N messages (seed 2) ends. Prints, per binary and phase,
# requests, median, 95th percentile and the longest wait (ms), the ingest time, and at the end
# the medians over the rounds. ROUNDS=N changes the number of rounds; KEEP=1 keeps the scratch
# directories.
set -euo pipefail
cd "$(dirname "$0")/.."

BINARIES=()
while [[ $# -gt 0 && $1 != -- ]]; do BINARIES+=("$(realpath "$1")"); shift; done
[[ ${1:-} == -- ]] && shift
BASE_N=${1:-7000}
INGEST_N=${2:-20000}
IDLE=${3:-20}
ROUNDS=${ROUNDS:-3}
[[ ${#BINARIES[@]} -gt 0 ]] || { echo "usage: $0 BINARY... [-- BASE_N INGEST_N IDLE_SECONDS]" >&2; exit 2; }
for b in "${BINARIES[@]}"; do [[ -x $b ]] || { echo "not executable: $b" >&2; exit 2; }; done

cargo build --release --example gen_corpus
for spec in "$BASE_N:1" "$INGEST_N:2"; do
  n=${spec%:*}; seed=${spec#*:}
  corpus=target/bench-corpus-$n-seed$seed
  if [[ ! -d $corpus/cur ]]; then
    rm -rf "$corpus.partial"
    "${CARGO_TARGET_DIR:-target}/release/examples/gen_corpus" "$n" "$corpus.partial" --seed "$seed" >/dev/null
    mv "$corpus.partial" "$corpus"
  fi
done
BASE=target/bench-corpus-$BASE_N-seed1
MORE=target/bench-corpus-$INGEST_N-seed2
RESULTS=$(mktemp "${TMPDIR:-/tmp}/bench-web-load.XXXXXX.tsv")

run_one() {
  local P=$1 WORK DATA SERVER URL
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-web-load.XXXXXX")
  DATA=$WORK/data
  "$P" --data "$DATA" init >/dev/null
  sed -i 's/^departements = \[\]/departements = ["38"]/' "$DATA/permanence.toml"
  "$P" --data "$DATA" -q officials import fixtures/rne/elus-maires-mai.csv >/dev/null
  "$P" --data "$DATA" -q ingest --maildir "$BASE" >/dev/null
  echo "bench-password-123" | "$P" --data "$DATA" user add bench --role reader >/dev/null
  "$P" --data "$DATA" serve --listen 127.0.0.1:0 > "$WORK/serve.out" 2>"$WORK/serve.err" &
  SERVER=$!
  for _ in $(seq 200); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
  URL=$(sed -n 's|^listening on \(http://[^/]*\)/$|\1|p' "$WORK/serve.out")
  python3 - "$URL" "$IDLE" "$P" "$DATA" "$MORE" "$RESULTS" <<'PY'
import http.cookiejar, random, re, statistics, subprocess, sys, threading, time
import urllib.parse, urllib.request
base, idle, binary, data, more, results = sys.argv[1], float(sys.argv[2]), *sys.argv[3:]
sys.path.insert(0, "scripts")
from benchweb import login
jar, web = login(base)
cases = sorted(set(int(c) for c in re.findall(r'href="/case/(\d+)"', web.open(base + "/cases").read().decode())))
pages = ["/", "/search?q=mairie", "/search?q=subvention+%C3%A9cole", "/cases", "/dashboard", "CASE"]
def client(seed, stop, out):
    rng = random.Random(seed)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    n = seed
    while not stop.is_set():
        kind = path = pages[n % len(pages)]
        n += 1
        if path == "CASE":
            path = "/case/%d" % rng.choice(cases)
        t = time.perf_counter()
        try:
            with opener.open(base + path, timeout=120) as r:
                r.read()
                ok = r.status == 200
        except Exception:
            ok = False
        out.append(((time.perf_counter() - t) * 1000, ok, kind))
def phase(name, until):
    stop = threading.Event()
    outs = [[] for _ in range(8)]
    threads = [threading.Thread(target=client, args=(i, stop, outs[i])) for i in range(8)]
    for th in threads: th.start()
    extra = until()
    stop.set()
    for th in threads: th.join()
    times = sorted(t for o in outs for t, ok, _ in o)
    errors = sum(1 for o in outs for t, ok, _ in o if not ok)
    by_page = {}
    for o in outs:
        for t, _, kind in o:
            by_page.setdefault(kind, []).append(t)
    pages_p95 = "  ".join(f"{k}:{sorted(v)[min(len(v) - 1, int(len(v) * 0.95))]:.0f}" for k, v in sorted(by_page.items()))
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    row = [binary, name, len(times), errors, statistics.median(times), p95, times[-1], extra]
    with open(results, "a") as f:
        f.write("\t".join(str(x) for x in row) + "\n")
    print(f"{binary.split('/')[-1]:24} {name:5} {len(times):6} req {errors:3} err  median {statistics.median(times):7.1f}  p95 {p95:7.1f}  max {times[-1]:7.1f} ms  {extra}")
    print(f"{'':24} {name:5} p95 per page (ms): {pages_p95}")
phase("idle", lambda: time.sleep(idle) or "")
def ingest():
    t = time.perf_counter()
    subprocess.run([binary, "--data", data, "-q", "ingest", "--maildir", more], check=True, stdout=subprocess.DEVNULL)
    return f"ingest {time.perf_counter() - t:.1f} s"
phase("load", ingest)
PY
  kill $SERVER 2>/dev/null || true
  wait $SERVER 2>/dev/null || true
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}

for round in $(seq "$ROUNDS"); do
  for P in "${BINARIES[@]}"; do run_one "$P"; done
done

echo
echo "Medians over $ROUNDS rounds (ms):"
python3 - "$RESULTS" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    b, phase, n, err, med, p95, mx, extra = line.rstrip("\n").split("\t")
    rows[(b, phase)].append((float(med), float(p95), float(mx), int(err), extra))
for (b, phase), v in rows.items():
    print(f"{b.split('/')[-1]:24} {phase:5} median {statistics.median(x[0] for x in v):7.1f}  p95 {statistics.median(x[1] for x in v):7.1f}  max {statistics.median(x[2] for x in v):7.1f}  errors {sum(x[3] for x in v)}  {' / '.join(x[4] for x in v if x[4])}")
PY
rm -f "$RESULTS"
