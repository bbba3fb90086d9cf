#!/usr/bin/env bash
# Officials import benchmark: a national-size municipal-councillors file (~500,000 rows, the
# published 16-column layout) built from the real Gers / Loire-Atlantique excerpt by renaming
# people and spreading them over other départements, imported with `permanence officials
# import`, then imported again (idempotent re-import). Target: under 30 s.
#
# usage: scripts/bench-officials.sh [ROWS]   (default 500000; needs ../shared/data/rne or RNE_CM=path)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-500000}
SRC=${RNE_CM:-fixtures/rne/elus-conseillers-municipaux-cm.32-44.csv}
[[ -f $SRC ]] || SRC=../shared/data/rne/elus-conseillers-municipaux-cm.32-44.csv
cargo build --release --bin permanence
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-officials.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
python3 scripts/make-national-councillors.py "$SRC" "$ROWS" "$WORK/cm.csv"
echo "file: $(wc -l <"$WORK/cm.csv") lines, $(du -h "$WORK/cm.csv" | cut -f1)"
for run in first re-import; do
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/rss" target/release/permanence --data "$WORK/data" -q officials import "$WORK/cm.csv" >"$WORK/out"
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); r=int(sys.argv[3]); print(f'{sys.argv[4]:<10} {r} rows in {s:.1f} s = {r/s:,.0f} rows/s, peak RSS {int(open(sys.argv[5]).read().split()[-1])//1024} MB')" "$start" "$end" "$ROWS" "$run" "$WORK/rss"
  head -1 "$WORK/out"
done
