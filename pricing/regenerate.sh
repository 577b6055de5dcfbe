#!/usr/bin/env bash
# Re-derive the bundled rows that real AWS offer files cover, with the same code path as
# `archcost pricing fetch`, and show how they compare with pricing/catalog.csv.
#
#   pricing/regenerate.sh [OUT_DIR]
#
# Of the fixtures in ../shared/fixtures/aws-offers/, only the AWSELB us-east-1 offer is for a
# bundled region (us-east-1 / ap-northeast-1); the others are eu-west-2 excerpts. The imported
# catalog is written to OUT_DIR (default: a temporary directory) and diffed against the bundled
# rows of the same keys and regions. Exit 0 when they agree, 1 when a price differs.
set -euo pipefail
cd "$(dirname "$0")/.."
FIXTURES=${FIXTURES:-../shared/fixtures/aws-offers}
OFFERS=(
  "$FIXTURES/csv/AWSELB-us-east-1-20260831092255-excerpt.csv"
)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
OUT=${1:-$TMP/imported}

cargo build --quiet
BIN=target/debug/archcost
"$BIN" pricing import "${OFFERS[@]}" --region us-east-1,ap-northeast-1 --out "$OUT"

# The bundled rows of exactly the (key, region) pairs the import produced.
awk -F, 'NR == FNR { if (FNR > 1) want[$1 "," $2] = 1; next }
         FNR == 1 || (($1 "," $2) in want)' "$OUT/catalog.csv" pricing/catalog.csv > "$TMP/bundled-covered.csv"

"$BIN" pricing diff "$TMP/bundled-covered.csv" "$OUT"
changes=$("$BIN" pricing diff "$TMP/bundled-covered.csv" "$OUT" --format csv | tail -n +2 | wc -l)
if [ "$changes" -ne 0 ]; then
  echo "pricing/catalog.csv differs from the offer files in $changes row(s): update pricing/build_catalog.py's sources" >&2
  exit 1
fi
