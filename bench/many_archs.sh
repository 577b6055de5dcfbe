#!/usr/bin/env bash
# Many architectures: N (default 200) copies of the three-tier example's architectures (renamed),
# timed through compare, breakeven, compare --format html and report. Run from the project root.
# DISTINCT=1 makes every architecture different (Lambda memory, Fargate scaling, EC2 counts), so
# no two share a cost curve: the worst case for all-pairs break-even.
set -euo pipefail
N=${N:-200}
BIN=${BIN:-./target/release/archcost}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 - "$N" "$TMP/many.toml" "${DISTINCT:-0}" <<'PY'
import re, sys
n, out, distinct = int(sys.argv[1]), sys.argv[2], sys.argv[3] == '1'
src = open('scenarios/three-tier.toml').read()
head = src[:src.index('[[architecture]]')]
blocks = ['[[architecture]]' + b for b in src[src.index('[[architecture]]'):].split('[[architecture]]')[1:]]
parts = [head]
for i in range(n):
    b = re.sub(r'name = "([^"]+)"', lambda m: f'name = "{m.group(1)}-{i}"', blocks[i % len(blocks)], count=1)
    if distinct:
        k = i // len(blocks)
        b = b.replace('memory_mb = 1024', f'memory_mb = {128 + 64 * k}')
        b = b.replace('rps_per_task = 50', f'rps_per_task = {20 + k}')
        b = b.replace('instance = "m5.large", count = 2', f'instance = "m5.large", count = {2 + k}')
    parts.append(b)
open(out, 'w').write(''.join(parts))
PY
for cmd in "compare" "breakeven --vary workload.requests_per_month" "compare --format html"; do
  /usr/bin/time -f "$N architectures${DISTINCT:+ (distinct)}, $cmd: %e s, peak RSS %M KB" $BIN $cmd "$TMP/many.toml" > /dev/null
done
/usr/bin/time -f "$N architectures${DISTINCT:+ (distinct)}, report: %e s, peak RSS %M KB" $BIN report "$TMP/many.toml" --out "$TMP/rep" > /dev/null
