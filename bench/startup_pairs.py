#!/usr/bin/env python3
"""Paired whole-process timing: run `BIN --version` and `BIN ARGS...` alternately N times and
report the medians and the median of the per-pair ratio (so machine noise hits both alike).

    python3 bench/startup_pairs.py target/release/archcost 500 compare scenarios/three-tier.toml

Python 3 standard library only; stdout of both commands is discarded.
"""
import statistics
import subprocess
import sys
import time


def run(cmd):
    t = time.perf_counter_ns()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter_ns() - t) / 1e6


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    binary, n, args = argv[0], int(argv[1]), argv[2:]
    for _ in range(20):  # warm-up: page cache, dynamic loader
        run([binary, "--version"])
        run([binary] + args)
    floor, work, ratio = [], [], []
    for _ in range(n):
        a = run([binary, "--version"])
        b = run([binary] + args)
        floor.append(a)
        work.append(b)
        ratio.append(b / a)
    q = lambda xs: "median %.2f ms, p10 %.2f, p90 %.2f" % (
        statistics.median(xs), statistics.quantiles(xs, n=10)[0], statistics.quantiles(xs, n=10)[-1])
    print("%s --version: %s" % (binary, q(floor)))
    print("%s %s: %s" % (binary, " ".join(args), q(work)))
    print("ratio per pair: median %.2f (p10 %.2f, p90 %.2f), %d pairs" % (
        statistics.median(ratio), statistics.quantiles(ratio, n=10)[0],
        statistics.quantiles(ratio, n=10)[-1], n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
