#!/usr/bin/env bash
# Offer import with Reserved terms on AmazonRDS files (issue 21 item 7): paired runs of
# `archcost pricing import` and Python's csv module doing the same filtering
# (bench/py_filter_rds.py), alternated on the same file with a warm page cache.
#   bench/import_rds_pairs.sh FILE [RUNS=3] [BIN...]
# FILE: from bench/gen_rds_offer.py (MIX=realistic or MIX=relevant). Each BIN (default
# ./target/release/archcost) runs once per round, then Python; prints wall seconds, user and
# system CPU seconds and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=$1
RUNS=${2:-3}
shift $(( $# >= 2 ? 2 : 1 ))
BINS=("$@")
[ ${#BINS[@]} -gt 0 ] || BINS=(./target/release/archcost)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
cat "$FILE" > /dev/null
for r in $(seq "$RUNS"); do
  for b in "${BINS[@]}"; do
    rm -rf "$OUT/cat"
    /usr/bin/time -f "round $r	$b	%e s	%U user	%S sys	%M KB" "$b" pricing import "$FILE" --out "$OUT/cat" 2>&1 >/dev/null | tail -1
  done
  /usr/bin/time -f "round $r	python3 csv	%e s	%U user	%S sys	%M KB" python3 bench/py_filter_rds.py "$FILE" 2>&1 | tail -1
done
