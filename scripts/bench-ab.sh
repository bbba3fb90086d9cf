#!/usr/bin/env bash
# Paired A/B benchmark of two `permanence` binaries on the same synthetic mailbox: ingest into a
# fresh data directory, `verify`, `backup` into a fresh directory, and `person erase` of the
# corpus's busiest sender of personal mail (on a fresh
# copy of the ingested directory each time). Runs alternate A B A B … (PAIRS pairs, default 3)
# on one machine, and the report gives each side's median and the ratio B/A of the medians.
#
# usage: scripts/bench-ab.sh OLD_BINARY NEW_BINARY [N]     N messages, default 20000
#
# Environment: PAIRS=3, SEED=1, KEEP=1 (keep the scratch directory).
# The corpus comes from examples/gen_corpus.rs (built in release if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

A=$(realpath "$1")
B=$(realpath "$2")
N=${3:-20000}
PAIRS=${PAIRS:-3}
SEED=${SEED:-1}

gen=${CARGO_TARGET_DIR:-target}/release/examples/gen_corpus
[[ -x $gen ]] || cargo build --release --example gen_corpus
corpus=${CARGO_TARGET_DIR:-target}/bench-corpus-$N
[[ $SEED == 1 ]] || corpus+=-s$SEED
if [[ ! -d $corpus/cur ]]; then
  rm -rf "$corpus.partial"
  "$gen" "$N" "$corpus.partial" --seed "$SEED" >/dev/null
  mv "$corpus.partial" "$corpus"
fi
corpus=$(realpath "$corpus")

scratch=$(mktemp -d)
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$scratch"' EXIT

# seconds BINARY ARGS…: wall-clock seconds of one run (output discarded, failures fatal).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$scratch/stderr" || { cat "$scratch/stderr" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

declare -A times
# The busiest sender of personal mail (a person, not MAILER-DAEMON), from a first ingest by A
# (the same corpus gives the same answer to both).
"$A" --data "$scratch/probe" -q ingest --maildir "$corpus" >/dev/null
sender=$("$A" --data "$scratch/probe" export --format jsonl |
  python3 -c 'import sys,json,collections; c=collections.Counter(m["from"]["address"] for m in map(json.loads, sys.stdin) if m["kind"] == "personal"); print(c.most_common(1)[0][0])')
echo "corpus: $N messages ($corpus); erasing $sender"

for pair in $(seq "$PAIRS"); do
  for side in A B; do
    bin=${!side}
    dir=$scratch/$side-$pair
    times[$side,ingest]+="$(seconds "$bin" --data "$dir" -q ingest --maildir "$corpus") "
    times[$side,verify]+="$(seconds "$bin" --data "$dir" -q verify) "
    times[$side,backup]+="$(seconds "$bin" --data "$dir" -q backup "$dir-backup") "
    rm -rf "$dir-backup"
    cp -a "$dir" "$dir-erase"
    times[$side,erase]+="$(seconds "$bin" --data "$dir-erase" -q person erase "$sender" --yes) "
    rm -rf "$dir" "$dir-erase"
  done
done

printf '%-8s %10s %10s %8s   (runs: A | B)\n' step "A median" "B median" "B/A"
for step in ingest verify backup erase; do
  a=$(tr ' ' '\n' <<<"${times[A,$step]}" | grep . | median)
  b=$(tr ' ' '\n' <<<"${times[B,$step]}" | grep . | median)
  printf '%-8s %9.2fs %9.2fs %8.2f   (%s| %s)\n' "$step" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { print b / a }')" \
    "${times[A,$step]}" "${times[B,$step]}"
done
