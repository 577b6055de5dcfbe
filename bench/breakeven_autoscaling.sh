#!/usr/bin/env bash
# Break-even over N autoscaling architectures (issue 21 item 7): every architecture scales its
# app tier by the hour (Fargate rps_per_task + min/max tasks, or EC2 rps_per_instance + min/max)
# with its own capacity per task/instance, so their cost curves are staircases that cross each
# other thousands of times over the default range of workload.requests_per_month.
#
# Usage: [N=50] [RUNS=1] [BIN=./target/release/archcost] [KEEP_OUT=file.json] bench/breakeven_autoscaling.sh
#   N=50 bench/breakeven_autoscaling.sh            # times ./target/release/archcost once
#   N=200 RUNS=3 BIN=/tmp/old/archcost bench/breakeven_autoscaling.sh
# Builds nothing: run `cargo build --release` first (or point BIN at another binary; compare
# two binaries by running the script once with each, back to back). Needs python3 and GNU time
# (/usr/bin/time). Prints, per run, the wall clock, the CPU time (user + sys: steadier than the
# wall clock on a busy machine; break-even uses both cores) and peak RSS, then the number of
# crossings, the load average and the first 16 hex digits of the JSON output's sha256 (the
# same for every binary that reports the same crossings).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-50}
RUNS=${RUNS:-1}
BIN=${BIN:-./target/release/archcost}
[ -x "$BIN" ] || { echo "no executable $BIN: run cargo build --release first, or set BIN=" >&2; exit 2; }
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
  /usr/bin/time -f "$N autoscaling architectures, breakeven: %e s wall, %U s user + %S s sys CPU, peak RSS %M KB" \
    "$BIN" breakeven "$TMP/auto.toml" --vary workload.requests_per_month --format json > "$TMP/out.json"
  if [ -n "${KEEP_OUT:-}" ]; then cp "$TMP/out.json" "$KEEP_OUT"; fi
done
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); c=d['breakeven']; print(len(c), 'crossings')" "$TMP/out.json"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
sha256sum "$TMP/out.json" | cut -c1-16
