#!/usr/bin/env bash
# Offer-import benchmark (not a test): throughput and peak RSS of `archcost pricing import`
# on a >= 1 GB AmazonEC2-layout CSV, against Python's csv module doing the same filtering
# and `wc -l`, all on the same file with a warm page cache.
#
#   bench/import_bench.sh            # 1024 MB file in ${TMPDIR:-/tmp}, deleted afterwards
#   SIZE_MB=2048 KEEP=1 bench/import_bench.sh
#
# Needs: cargo, python3, GNU time (/usr/bin/time; `apt-get install time`).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-1024}
FILE=${FILE:-${TMPDIR:-/tmp}/archcost-bench-AmazonEC2-${SIZE_MB}MB.csv}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"; [ "${KEEP:-0}" = 1 ] || rm -f "$FILE"' EXIT

[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install time" >&2; exit 1; }
cargo build --release --quiet
BIN=target/release/archcost
[ -f "$FILE" ] || python3 bench/gen_ec2_offer.py "$FILE" "$SIZE_MB"
BYTES=$(stat -c %s "$FILE")
cat "$FILE" > /dev/null   # warm the page cache so every tool reads from memory

measure() { # name, command...
  local name=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  local secs rss
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  rm -f "$log"
  printf '%s\t%s\t%s\n' "$name" "$secs" "$rss"
}

{
  measure "archcost pricing import" "$BIN" pricing import "$FILE" --out "$OUT/catalog"
  measure "python3 csv (same filter)" python3 bench/py_filter.py "$FILE"
  measure "wc -l" wc -l "$FILE"
} > "$OUT/results.tsv"

echo "file: $FILE ($BYTES bytes, $(wc -l < "$FILE") lines); rows kept: $(($(wc -l < "$OUT/catalog/catalog.csv") - 1))"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo
echo "| tool | seconds | MB/s | peak RSS (MB) |"
echo "|---|---:|---:|---:|"
awk -F'\t' -v bytes="$BYTES" '{ printf "| %s | %.2f | %.0f | %.1f |\n", $1, $2, bytes/1048576/$2, $3/1024 }' "$OUT/results.tsv"
awk -F'\t' 'NR==1{a=$2} NR==2{p=$2} NR==3{w=$2} END{ printf "\narchcost vs python: %.1fx faster; vs wc -l: %.2fx of its throughput\n", p/a, w/a }' "$OUT/results.tsv"
