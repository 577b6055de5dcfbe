#!/usr/bin/env bash
# Break-even over N autoscaling architectures (issue 21 item 7): every architecture scales its
# app tier by the hour (Fargate rps_per_task + min/max tasks, or EC2 rps_per_instance + min/max)
# with its own capacity per task/instance, so their cost curves are staircases that cross each
# other thousands of times over the default range of workload.requests_per_month.
#   N=50 bench/breakeven_autoscaling.sh            # times ./target/release/archcost once
#   N=200 RUNS=3 BIN=/tmp/old/archcost bench/breakeven_autoscaling.sh
# Prints the wall clock and peak RSS (GNU time) and the number of crossings found.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-50}
RUNS=${RUNS:-1}
BIN=${BIN:-./target/release/archcost}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 - "$N" "$TMP/auto.toml" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
src = open('scenarios/three-tier.toml').read()
parts = [src[:src.index('[[architecture]]')]]
for i in range(n):
    if i % 2 == 0:
        k = i // 2
        app = (f'app = {{ service = "fargate", vcpu = 0.5, memory_gb = 1.0, rps_per_task = {20 + 3 * k}, '
               f'min_tasks = {1 + k % 3}, max_tasks = {200 + k} }}')
        web = 'web = { service = "alb" }'
    else:
        k = i // 2
        app = (f'app = {{ service = "ec2", instance = "m5.large", rps_per_instance = {15 + 2 * k}, '
               f'min = {1 + k % 2}, max = {300 + k} }}')
        web = 'web = { service = "alb" }'
    parts.append(f'[[architecture]]\nname = "auto-{i}"\n{web}\n{app}\n'
                 'db  = { service = "rds", engine = "mysql", instance = "db.t4g.medium", multi_az = true }\n\n')
open(out, 'w').write(''.join(parts))
PY
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "$N autoscaling architectures, breakeven: %e s, peak RSS %M KB" \
    "$BIN" breakeven "$TMP/auto.toml" --vary workload.requests_per_month --format json > "$TMP/out.json"
  [ -n "${KEEP_OUT:-}" ] && cp "$TMP/out.json" "$KEEP_OUT"
done
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); c=d['breakeven']; print(len(c), 'crossings')" "$TMP/out.json"
sha256sum "$TMP/out.json" | cut -c1-16
