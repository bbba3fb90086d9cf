#!/usr/bin/env bash
# Web search benchmark: the search page (query + facet counts + snippets, rendered to HTML)
# through `permanence serve`, on a store of N generated messages (examples/gen_corpus.rs,
# Isère town halls, matched against the bundled 2026 mayors file).
#
# usage: scripts/bench-web.sh [N] [ROUNDS]     N messages (default 100000), ROUNDS per query (default 30)
#
# Prints, per query, the median and 95th percentile of the full HTTP round trip on loopback
# (login first; every request is a real, logged-in GET /search?…), and the number of hits.
# KEEP=1 keeps the scratch data directory. The corpus is cached in target/bench-corpus-N.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-100000}
ROUNDS=${2:-30}
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { echo "usage: $0 [N] [ROUNDS]" >&2; exit 2; }

cargo build --release --bin permanence --example gen_corpus
corpus=target/bench-corpus-$N
if [[ ! -d $corpus/cur ]]; then
  rm -rf "$corpus.partial"
  target/release/examples/gen_corpus "$N" "$corpus.partial" --seed 1
  mv "$corpus.partial" "$corpus"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-web.XXXXXX")
if [[ ${KEEP:-0} == 1 ]]; then echo "Scratch directory kept: $WORK"; else trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT; fi
DATA=$WORK/data
P=target/release/permanence
$P --data "$DATA" init >/dev/null
sed -i 's/^departements = \[\]/departements = ["38"]/' "$DATA/permanence.toml"
$P --data "$DATA" -q officials import fixtures/rne/elus-maires-mai.csv >/dev/null
echo "Ingesting $N messages…"
/usr/bin/env time -f "ingest: %e s" $P --data "$DATA" -q ingest --maildir "$corpus" >/dev/null
echo "bench-password-123" | $P --data "$DATA" user add bench --role reader >/dev/null

$P --data "$DATA" serve --listen 127.0.0.1:0 > "$WORK/serve.out" &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(sed -n 's|^listening on \(http://[^/]*\)/$|\1|p' "$WORK/serve.out")

python3 - "$BASE" "$ROUNDS" "$N" <<'PY'
import http.cookiejar, re, statistics, sys, time, urllib.parse, urllib.request
base, rounds, n = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, "scripts")
from benchweb import login
jar, web = login(base)
queries = [
    "q=mairie",                      # very common word
    "q=subvention",                  # common
    "q=assainissement+station",      # two words
    "q=%22demande+de+subvention%22",         # phrase
    "q=mairie&theme=finances-locales",       # word + facet filter
    "q=&kind=personal&month=",               # filter only, every personal message
    "q=de%3Amaire+objet%3Avoirie",           # fields
    "q=date%3A2025-03",                      # date range
    "q=zzzzunlikely",                        # no hit
]
print(f"search page on {n} messages, {rounds} rounds each (ms, full HTTP round trip):")
print(f"{'query':44} {'median':>8} {'p95':>8} {'hits':>8}")
worst = 0.0
for q in queries:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        body = web.open(base + "/search?" + q).read().decode()
        times.append((time.perf_counter() - t) * 1000)
    hits = re.search(r'id="total">([0-9]+)', body)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    worst = max(worst, p95)
    print(f"{urllib.parse.unquote_plus(q):44} {statistics.median(times):8.1f} {p95:8.1f} {hits.group(1) if hits else '?':>8}")
print(f"worst p95: {worst:.1f} ms")
PY
