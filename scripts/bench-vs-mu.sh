#!/usr/bin/env bash
# Paired ingest benchmark, every stage on: `permanence ingest --maildir` (into a data directory
# that already holds the national officials directories) against `mu index` and `notmuch new`
# on the same Maildir, on one machine. After one untimed warm-up of each tool, PAIRS rounds run
# permanence, mu, notmuch, permanence, mu, notmuch … (A B C A B C), each into a fresh store;
# the report gives each tool's median seconds, messages per second, peak resident memory
# (the largest of the runs), and permanence's speed as a multiple of mu's and notmuch's.
#
# usage: scripts/bench-vs-mu.sh [N] [CORPUS]
#   N       messages (default 20000)
#   CORPUS  gen     examples/gen_corpus.rs, a generated French office Maildir (default)
#           public  the public real-world mail of ../shared/data/mail (CPython's email test
#                   messages and mail-parser's corpus, 374 files), repeated until N messages,
#                   each copy with its own Message-ID (nothing in the code was tuned to it)
#
# Environment:
#   BIN=path       the permanence binary (default: build target/release/permanence)
#   PAIRS=3        counted rounds
#   DIRECTORY=national  national: the 2026 national mayors file (≈ 35,000) and a 500,000-row
#                  municipal councillors file (built from the real Gers / Loire-Atlantique
#                  excerpt, people renamed and spread over the départements, as
#                  scripts/bench-officials.sh), plus the bundled deputies, senators and
#                  departmental councillors; office: only the bundled Isère files
#   NOTMUCH=1      include notmuch in every round (default 1; 0 leaves it out: it is
#                  10-30 times slower than the others here, a round then takes minutes)
#   KEEP=1         keep the scratch directory
# Needs mu (maildir-utils), notmuch and GNU time: `apt-get install maildir-utils notmuch time`.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-20000}
CORPUS=${2:-gen}
PAIRS=${PAIRS:-3}
DIRECTORY=${DIRECTORY:-national}
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { echo "usage: $0 [N] [gen|public]" >&2; exit 2; }
for tool in mu notmuch /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install maildir-utils notmuch time" >&2; exit 1; }
done

target=${CARGO_TARGET_DIR:-target}
if [[ -z ${BIN:-} ]]; then
  cargo build --release --bin permanence --example gen_corpus
  BIN=$target/release/permanence
fi
BIN=$(realpath "$BIN")

# --- corpus ----------------------------------------------------------------------------
case $CORPUS in
gen)
  corpus=$target/bench-corpus-$N
  if [[ ! -d $corpus/cur ]]; then
    [[ -x $target/release/examples/gen_corpus ]] || cargo build --release --example gen_corpus
    rm -rf "$corpus.partial"
    "$target/release/examples/gen_corpus" "$N" "$corpus.partial" --seed 1 >/dev/null
    mv "$corpus.partial" "$corpus"
  fi
  ;;
public)
  corpus=$target/bench-public-$N
  if [[ ! -d $corpus/cur ]]; then
    rm -rf "$corpus.partial"
    python3 - ../shared/data/mail "$N" "$corpus.partial" <<'PY'
import os, re, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs)
mails = [open(p, "rb").read() for p in files]
mails = [m for m in mails if m.strip()]
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(out, sub))
mid = re.compile(rb"^message-id:[^\n]*\n(?:[ \t][^\n]*\n)*", re.I | re.M)
for i in range(n):
    m = mails[i % len(mails)]
    split = m.find(b"\n\n")
    if split < 0:
        split = len(m)
    head, body = m[:split + 1], m[split + 1:]
    head = mid.sub(b"", head)
    nl = b"\r\n" if b"\r\n" in head else b"\n"
    head = b"Message-ID: <bench-%d-%d@public.invalid>" % (i, i % len(mails)) + nl + head
    with open(os.path.join(out, "cur", f"{i:08d}.bench:2,S"), "wb") as f:
        f.write(head + body)
PY
    mv "$corpus.partial" "$corpus"
  fi
  ;;
*) echo "unknown corpus $CORPUS (gen or public)" >&2; exit 2 ;;
esac
corpus=$(realpath "$corpus")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-vs-mu.XXXXXX")
if [[ ${KEEP:-0} == 1 ]]; then echo "scratch: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

# --- the data directory every permanence run starts from ---------------------------------
template=$WORK/template
"$BIN" --data "$template" -q init --go-live 1970-01-01 >/dev/null
sed -i 's/^departements = \[\]/departements = ["38"]/' "$template/permanence.toml"
officials=(fixtures/rne/elus-maires-mai.csv fixtures/rne/elus-deputes-dep.csv
  fixtures/rne/elus-senateurs-sen.csv fixtures/rne/elus-conseillers-departementaux-cd.csv)
if [[ $DIRECTORY == national ]]; then
  mayors=../shared/data/rne/2026-04-28/elus-maires-mai.csv
  [[ -f $mayors ]] || { echo "national mayors file missing: $mayors" >&2; exit 1; }
  python3 scripts/make-national-councillors.py fixtures/rne/elus-conseillers-municipaux-cm.32-44.csv 500000 "$WORK/cm.csv"
  officials+=("$mayors" "$WORK/cm.csv")
fi
for file in "${officials[@]}"; do
  "$BIN" --data "$template" -q officials import "$file" >/dev/null
done
directory=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM officials").fetchone()[0])' "$template/permanence.sqlite3")

# Read every message once so that no tool pays for the first cold read.
find "$corpus" -type f -print0 | xargs -0 cat >/dev/null

# --- runs --------------------------------------------------------------------------------
declare -A secs rss
# run TOOL: one fresh-store run of TOOL, timed; appends seconds and peak RSS (KB).
run() {
  local tool=$1 dir=$WORK/run-$1
  rm -rf "$dir"
  case $tool in
  permanence)
    cp -a "$template" "$dir"
    set -- "$BIN" --data "$dir" -q ingest --maildir "$corpus"
    ;;
  mu)
    mkdir -p "$dir"
    mu init --maildir="$corpus" --muhome="$dir" --my-address=bench@example.invalid >/dev/null
    set -- mu index --muhome="$dir" --quiet
    ;;
  notmuch)
    mkdir -p "$dir/db"
    printf '[database]\npath=%s/db\nmail_root=%s\n[user]\nname=Bench\nprimary_email=bench@example.invalid\n[new]\ntags=unread;inbox;\n[maildir]\nsynchronize_flags=false\n' \
      "$dir" "$corpus" >"$dir/config"
    set -- env NOTMUCH_CONFIG="$dir/config" notmuch new --quiet
    ;;
  esac
  if ! /usr/bin/time -o "$WORK/time" -f '%e %M' "$@" >"$WORK/log" 2>&1; then
    echo "$tool failed:" >&2
    tail -n 20 "$WORK/log" >&2
    exit 1
  fi
  local s k
  read -r s k < <(tail -n 1 "$WORK/time")
  secs[$tool]+="$s "
  rss[$tool]+="$k "
  if [[ $tool == permanence ]]; then
    stored=$("$BIN" --data "$dir" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["messages"])')
  fi
  rm -rf "$dir"
}

tools=(permanence mu)
[[ ${NOTMUCH:-1} == 0 ]] || tools+=(notmuch)
echo "corpus: $N messages ($CORPUS, $(du -sh "$corpus" | cut -f1)), officials directory: $directory ($DIRECTORY)"
for tool in "${tools[@]}"; do run "$tool"; done # warm-up
for tool in "${tools[@]}"; do secs[$tool]=""; rss[$tool]=""; done
for pair in $(seq "$PAIRS"); do
  for tool in "${tools[@]}"; do run "$tool"; done
  echo "round $pair: $(for t in "${tools[@]}"; do printf '%s %s s  ' "$t" "$(awk '{print $NF}' <<<"${secs[$t]}")"; done)"
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
maxkb() { tr ' ' '\n' | grep . | sort -n | tail -n 1; }
echo
printf '%-11s %9s %10s %12s   %s\n' tool "median s" "msgs/s" "peak RSS MB" "runs (s)"
declare -A rate
for tool in "${tools[@]}"; do
  m=$(median <<<"${secs[$tool]}")
  rate[$tool]=$(awk -v n="$N" -v s="$m" 'BEGIN { printf "%.1f", n / s }')
  printf '%-11s %9.2f %10.1f %12.1f   %s\n' "$tool" "$m" "${rate[$tool]}" \
    "$(awk -v k="$(maxkb <<<"${rss[$tool]}")" 'BEGIN { print k / 1024 }')" "${secs[$tool]}"
done
echo "permanence stored $stored messages"
for other in "${tools[@]:1}"; do
  awk -v a="${rate[permanence]}" -v b="${rate[$other]}" -v o="$other" \
    'BEGIN { printf "permanence speed ÷ %s speed: %.2f×\n", o, a / b }'
done
