#!/usr/bin/env bash
# Attachment text (issue 19): what extraction costs per attachment kind, and its effect on ingest.
#
# usage: scripts/bench-extract.sh
#   1. per kind: N copies (unique Message-IDs) of each fixture mail of fixtures/attachments/mail
#      (N=50; 10 for OCR), ingested, then `extract` timed with `[extract] threads = 1`:
#      milliseconds per attachment;
#   2. ingest of 300 messages each carrying a text-layer PDF: OLD (a build without the
#      extraction queue, if given) against BIN, A B A B, three pairs after a warm-up, medians;
#      then `extract` of those 300 with the default two children.
#
# Environment: BIN (default: build target/release/permanence), OLD (optional: the binary to pair
# the ingest against). Needs poppler-utils, tesseract-ocr, tesseract-ocr-fra, python3, bc.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
if [[ -z ${BIN:-} ]]; then
  cargo build --release --bin permanence
  BIN=$target/release/permanence
fi
BIN=$(realpath "$BIN")
fixtures=$(realpath fixtures/attachments/mail)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-extract.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# copies MAIL N DIR: N copies of MAIL in the Maildir DIR, each with its own Message-ID.
copies() {
  rm -rf "$3" && mkdir -p "$3/cur" "$3/new" "$3/tmp"
  python3 - "$1" "$2" "$3" <<'PY'
import re, sys
mail, n, out = open(sys.argv[1], "rb").read(), int(sys.argv[2]), sys.argv[3]
for i in range(n):
    body = re.sub(rb"(?im)^message-id:[^\r\n]*", b"Message-ID: <bench-%d@extract.invalid>" % i, mail, count=1)
    open(f"{out}/cur/{i:05d}.eml:2,S", "wb").write(body)
PY
}
now() { date +%s.%N; }

echo "== per attachment kind (threads = 1)"
for m in 01-deliberation:50 06-convention:50 07-compte-rendu:50 08-budget-xlsx:50 10-lettre-rtf:50 \
  11-invitation-ics:50 12-winmail-dat:50 02-courrier-scanne:10 03-scan-page-png:10 04-scan-page-jpg:10; do
  name=${m%%:*} n=${m##*:}
  copies "$fixtures/$name.eml" "$n" corpus
  rm -rf d && "$BIN" --data d -q init --go-live 1970-01-01 >/dev/null
  sed -i 's/^threads = 2/threads = 1/' d/permanence.toml
  "$BIN" --data d -q ingest --maildir corpus >/dev/null
  s=$(now); "$BIN" --data d -q extract; e=$(now)
  printf '%-22s %8.1f ms per attachment (%s copies)\n' "$name" "$(echo "($e - $s) * 1000 / $n" | bc -l)" "$n"
done

echo "== ingest of 300 messages with a text-layer PDF each"
copies "$fixtures/01-deliberation.eml" 300 corpus
run() { # run BINARY LABEL
  rm -rf d && "$1" --data d -q init --go-live 1970-01-01 >/dev/null
  s=$(now); "$1" --data d -q ingest --maildir corpus >/dev/null; e=$(now)
  echo "$2 $(echo "$e - $s" | bc -l)"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
labels=(new)
[[ -n ${OLD:-} ]] && labels=(old new)
declare -A times
for round in 0 1 2 3; do
  for l in "${labels[@]}"; do
    b=$BIN; [[ $l == old ]] && b=$(realpath "$OLD")
    t=$(run "$b" "$l" | cut -d' ' -f2)
    [[ $round -gt 0 ]] && times[$l]+="$t "
  done
done
for l in "${labels[@]}"; do
  echo "ingest ($l): median $(tr ' ' '\n' <<<"${times[$l]}" | grep . | median) s (runs ${times[$l]})"
done
s=$(now); "$BIN" --data d -q extract; e=$(now)
echo "extract of the 300 PDFs (threads = 2): $(echo "$e - $s" | bc -l) s"
