#!/usr/bin/env bash
# Regenerate rules/communes/{communes.tsv,anciennes.tsv,epci.tsv,SOURCE.md} from the npm
# package @etalab/decoupage-administratif (data under Licence Ouverte 2.0, Etalab).
#
#   DECOUPAGE_VERSION  package version for current communes (default pinned below)
#   HISTORY_VERSION    package version providing data/historique-communes.json, used
#                      to name former communes; empty string = no `ancienne` rows
#   GAZETTEER_DATE     date written in SOURCE.md (default: today, UTC)
#   OUT_DIR            output directory (default: <repo>/rules/communes)
#
# Needs node/npm (only `npm pack`, nothing is installed) and python3.
set -euo pipefail

DECOUPAGE_VERSION="${DECOUPAGE_VERSION:-6.0.0}"
# 0.8.0 is the last release that ships historique-communes.json (COG history to 2019).
HISTORY_VERSION="${HISTORY_VERSION-0.8.0}"
PKG="@etalab/decoupage-administratif"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
OUT_DIR="${OUT_DIR:-$repo/rules/communes}"
GAZETTEER_DATE="${GAZETTEER_DATE:-$(date -u +%F)}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# fetch VERSION DIR -> extracts the package into DIR/package, prints the tarball integrity
fetch() {
  local version="$1" dir="$2"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent --json "$PKG@$version" 2>/dev/null >pack.json)
  tar -xzf "$dir"/*.tgz -C "$dir"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["integrity"])' "$dir/pack.json"
}

echo "fetching $PKG@$DECOUPAGE_VERSION" >&2
integrity="$(fetch "$DECOUPAGE_VERSION" "$tmp/cur")"
got="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$tmp/cur/package/package.json")"
[ "$got" = "$DECOUPAGE_VERSION" ] || { echo "expected $DECOUPAGE_VERSION, got $got" >&2; exit 1; }

hist_args=()
if [ -n "$HISTORY_VERSION" ]; then
  echo "fetching $PKG@$HISTORY_VERSION (history file)" >&2
  hist_integrity="$(fetch "$HISTORY_VERSION" "$tmp/hist")"
  hist_args=(--historique "$tmp/hist/package/data/historique-communes.json"
             --hist-version "$HISTORY_VERSION" --hist-integrity "$hist_integrity")
fi

mkdir -p "$tmp/out"
python3 "$here/make_gazetteer.py" \
  --communes "$tmp/cur/package/data/communes.json" \
  --epci "$tmp/cur/package/data/epci.json" \
  --out "$tmp/out" --version "$DECOUPAGE_VERSION" --integrity "$integrity" \
  --date "$GAZETTEER_DATE" "${hist_args[@]}"

mkdir -p "$OUT_DIR"
for f in communes.tsv anciennes.tsv epci.tsv SOURCE.md; do
  mv "$tmp/out/$f" "$OUT_DIR/$f"
done
echo "wrote $OUT_DIR" >&2
