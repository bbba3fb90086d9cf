#!/bin/sh
# Reads an agenda set (a Maildir with truth.jsonl) through the real pipeline — init, ingest,
# extract, `agenda --all --json` — and scores it (scripts/agenda-score.py).
#     BIN=target/release/permanence scripts/agenda-score.sh fixtures/agenda-eval 38 [-v]
set -eu
set_dir=$1; dep=$2; shift 2
bin=${BIN:-target/debug/permanence}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$bin" --data "$d" -q init >/dev/null
sed -i "s/^departements = \[\]/departements = [\"$dep\"]/" "$d/permanence.toml"
mkdir -p "$set_dir/new" "$set_dir/tmp"
"$bin" --data "$d" -q ingest --maildir "$set_dir" >/dev/null
"$bin" --data "$d" -q extract >/dev/null
"$bin" --data "$d" -q agenda --all --json > "$d/agenda.jsonl"
python3 "$(dirname "$0")/agenda-score.py" "$set_dir/truth.jsonl" "$d/agenda.jsonl" "$@"
