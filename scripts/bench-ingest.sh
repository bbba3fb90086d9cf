#!/usr/bin/env bash
# Ingestion benchmark: `permanence ingest` against notmuch and mu on the same synthetic
# Maildir (examples/gen_corpus.rs), measured in one run on a warm page cache.
#
# usage: scripts/bench-ingest.sh [N]        N messages, default 50000
#
# Environment:
#   INSTALL=1          apt-get install notmuch, maildir-utils (mu) and time first
#   SKIP_PERMANENCE=1  leave permanence out (e.g. while the binary is being written)
#   SEED=S             corpus seed (default 1); the corpus is cached in target/bench-corpus-N[-sS]
#   KEEP=1             keep the scratch directory (data dirs, databases, logs)
#
# Each tool indexes into a fresh store; each is then run a second time on the same
# store ("re-run"), which measures how fast already-known mail is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-50000}
SEED=${SEED:-1}
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { echo "usage: $0 [N]" >&2; exit 2; }

install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@"
}

if [[ ${INSTALL:-0} == 1 ]]; then
  install_packages notmuch maildir-utils time
elif [[ ! -x /usr/bin/time ]]; then
  install_packages time
fi

# --- build and corpus --------------------------------------------------------

build_targets=(--example gen_corpus)
[[ ${SKIP_PERMANENCE:-0} == 1 ]] || build_targets+=(--bin permanence)
cargo build --release "${build_targets[@]}"

corpus=target/bench-corpus-$N
[[ $SEED == 1 ]] || corpus+=-s$SEED
if [[ -d $corpus/cur ]]; then
  echo "Reusing cached corpus $corpus"
else
  rm -rf "$corpus.partial"
  target/release/examples/gen_corpus "$N" "$corpus.partial" --seed "$SEED"
  mv "$corpus.partial" "$corpus"
fi
MAILDIR=$(realpath "$corpus")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-ingest.XXXXXX")
if [[ ${KEEP:-0} == 1 ]]; then
  echo "Scratch directory kept: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

# Read every message once so that no tool pays for the first cold read.
find "$MAILDIR" -type f -print0 | xargs -0 cat >/dev/null

# --- measurement ---------------------------------------------------------------

rows=()         # "tool|seconds|peak RSS in KB"
declare -A rate # tool -> msgs/s, for the ratios

# measure TOOL COMMAND...: runs COMMAND under /usr/bin/time, output to $WORK/TOOL.log.
measure() {
  local tool=$1 slug
  shift
  slug=${tool//[^a-zA-Z0-9]/_}
  local log=$WORK/$slug.log stats=$WORK/$slug.time
  echo "== $tool: $*"
  if ! /usr/bin/time -o "$stats" -f '%e %M' "$@" >"$log" 2>&1; then
    echo "$tool failed (log: $log):" >&2
    tail -n 20 "$log" >&2
    return 1
  fi
  local seconds rss_kb
  read -r seconds rss_kb < <(tail -n 1 "$stats")
  rows+=("$tool|$seconds|$rss_kb")
  rate[$tool]=$(awk -v n="$N" -v s="$seconds" 'BEGIN { printf "%.1f", n / (s > 0 ? s : 0.01) }')
  # Progress meters use carriage returns; show the last few real lines.
  tr '\r' '\n' <"$log" | grep -v '^ *$' | tail -n 3 | sed 's/^/   /'
}

if [[ ${SKIP_PERMANENCE:-0} != 1 ]]; then
  measure "permanence" target/release/permanence --data "$WORK/permanence-data" ingest --maildir "$MAILDIR"
  measure "permanence (re-run)" target/release/permanence --data "$WORK/permanence-data" ingest --maildir "$MAILDIR"
fi

if command -v notmuch >/dev/null; then
  # The database lives outside the mail root, so the cached corpus is never written to.
  # notmuch does not create a separate database.path itself: make it first.
  mkdir -p "$WORK/notmuch-db"
  cat >"$WORK/notmuch-config" <<EOF
[database]
path=$WORK/notmuch-db
mail_root=$MAILDIR
[user]
name=Bench
primary_email=bench@example.invalid
[new]
tags=unread;inbox;
ignore=
[maildir]
synchronize_flags=true
EOF
  export NOTMUCH_CONFIG=$WORK/notmuch-config
  measure "notmuch" notmuch new
  measure "notmuch (re-run)" notmuch new
  echo "   notmuch count: $(notmuch count '*')"
else
  echo "== notmuch not installed, skipped (INSTALL=1 installs it)"
fi

if command -v mu >/dev/null; then
  mu init --maildir="$MAILDIR" --muhome="$WORK/mu" --my-address=bench@example.invalid >/dev/null
  measure "mu" mu index --muhome="$WORK/mu"
  measure "mu (re-run)" mu index --muhome="$WORK/mu"
  echo "   mu store: $(mu info store --muhome="$WORK/mu" | grep -o 'messages in store *| *[0-9]*' | grep -o '[0-9]*$') messages"
else
  echo "== mu not installed, skipped (INSTALL=1 installs maildir-utils)"
fi

# --- report --------------------------------------------------------------------

echo
echo "Corpus: $N messages, $(du -sh "$MAILDIR" | cut -f1), seed $SEED ($MAILDIR)"
printf '%-22s %9s %9s %10s %13s\n' tool messages seconds msgs/s "peak RSS MB"
for row in "${rows[@]}"; do
  IFS='|' read -r tool seconds rss_kb <<<"$row"
  printf '%-22s %9d %9.2f %10.1f %13.1f\n' "$tool" "$N" "$seconds" "${rate[$tool]}" \
    "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')"
done

ratio() {
  local other=$1
  if [[ -n ${rate[permanence]:-} && -n ${rate[$other]:-} ]]; then
    awk -v a="${rate[permanence]}" -v b="${rate[$other]}" -v o="$other" \
      'BEGIN { printf "permanence ÷ %-8s %6.2f× (msgs/s)\n", o, a / b }'
  fi
}
echo
ratio mu
ratio notmuch
