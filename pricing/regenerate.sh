#!/usr/bin/env bash
# Rebuild the bundled price catalog in one command, then check it.
#
#   PRICE_WATCHER=DIR AWS_PRICE=DIR EC2_SHOP=DIR EC2INSTANCES_INFO=DIR pricing/regenerate.sh
#   pricing/regenerate.sh --pw DIR --lk DIR --ys DIR --vt DIR
#
# Each DIR is a copy of the repository pricing/snapshots.py pins (a `git clone --mirror` is
# enough; the pinned commit is read with `git show`, so newer history does not matter):
#   PRICE_WATCHER      https://github.com/QuinnyPig/aws-price-watcher
#   AWS_PRICE          https://github.com/lamngockhuong/aws-price
#   EC2_SHOP           https://github.com/yeo/ec2.shop
#   EC2INSTANCES_INFO  https://github.com/vantage-sh/ec2instances.info
# pricing/excerpts/ holds whole lines of a newer snapshot that is read from the repository itself
# (addisonj/pricesim src/catalog/aws/ec2.gen.ts @ cbdb5051, us-east-1 c8i/m8i/r8i, 2026-09-24).
# To refresh the prices, move the pins in pricing/snapshots.py to newer commits first.
#
# Steps: build_catalog.py writes pricing/regions/*.csv, pricing/sources.csv and
# pricing/COVERAGE.md only if every quality check passes (into a temporary directory, then
# renamed into place); the files are re-checked; the AWS offer excerpts in tests/fixtures are
# imported with `archcost pricing import` and compared with the bundled rows they cover; the
# catalog tests run. Exit 0 when all of that passes.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 pricing/build_catalog.py "$@"
python3 pricing/build_catalog.py --check-only

cargo build --quiet --locked
BIN=target/debug/archcost
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# AWS Price List offer files (grade A) against the bundled rows of the same keys and regions.
"$BIN" pricing import tests/fixtures/aws-offers/csv/AWSELB-us-east-1-20260831092255-excerpt.csv \
  tests/fixtures/aws-offers/csv/AmazonRDS-eu-west-2-20260904172716-excerpt.csv \
  tests/fixtures/aws-offers/csv/AmazonApiGateway-eu-west-2-20260831092134.csv \
  --region us-east-1,eu-west-2 --out "$TMP/imported" 2>/dev/null
for region in us-east-1 eu-west-2; do
  "$BIN" pricing show --region "$region" --format csv > "$TMP/bundled-$region.csv"
done
awk -F, 'NR == FNR { if (FNR > 1) want[$1 "," $2] = 1; next }
         FNR == 1 && !header++ || (($1 "," $2) in want)' \
  "$TMP/imported/catalog.csv" "$TMP/bundled-us-east-1.csv" "$TMP/bundled-eu-west-2.csv" > "$TMP/covered.csv"
"$BIN" pricing diff "$TMP/covered.csv" "$TMP/imported"
changes=$("$BIN" pricing diff "$TMP/covered.csv" "$TMP/imported" --format csv | tail -n +2 | wc -l)
compared=$(($(wc -l < "$TMP/covered.csv") - 1))
echo "offer files vs bundled: $compared bundled row(s) compared, $changes differ (a difference is a price that moved between the snapshots and the offer file; listed above)"

cargo test --quiet --locked catalog::
