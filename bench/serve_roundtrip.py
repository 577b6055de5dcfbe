#!/usr/bin/env python3
"""API round trip of `archcost serve`: start the server on a free loopback port, then time N
requests per endpoint over one keep-alive connection (as the page's fetches go), each with a
different what-if so nothing can be cached, and print p50 / p99 / max in milliseconds.

    cargo build --release
    python3 bench/serve_roundtrip.py target/release/archcost scenarios/three-tier.toml 200

Endpoints timed: /api/compare (the JSON of `compare --format json`) and /api/view (what the
page fetches when a control moves: the whole report HTML with both SVG charts).
Python 3 standard library only.
"""
import http.client
import statistics
import sys
import time
import urllib.parse

import serve_proc


def percentile(values, p):
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    binary, scenario = argv[0], argv[1]
    n = int(argv[2]) if len(argv) > 2 else 200
    with serve_proc.running(binary, scenario) as (proc, host):
        conn = http.client.HTTPConnection(host)

        def get(path):
            t = time.perf_counter_ns()
            conn.request("GET", path, headers={"Host": host})
            r = conn.getresponse()
            body = r.read()
            ms = (time.perf_counter_ns() - t) / 1e6
            if r.status != 200:
                raise SystemExit(f"{path}: {r.status} {body[:200]!r}")
            return ms

        print(f"{binary} serve {scenario}: {n} requests per endpoint after 20 warm-up")
        for endpoint in ["/api/compare", "/api/view"]:
            for i in range(20):
                get(f"{endpoint}?workload.requests_per_month={10_000_000 + i}")
            times = []
            for i in range(n):
                # A different what-if each time: volume and memory move like a slider does.
                q = urllib.parse.urlencode(
                    {
                        "workload.requests_per_month": 1_000_000 + 997_331 * i,
                        "architecture.serverless.app.memory_mb": 128 + (i * 64) % 4096,
                    }
                )
                times.append(get(f"{endpoint}?{q}"))
            print(
                f"{endpoint:14} p50 {statistics.median(times):7.2f} ms   "
                f"p99 {percentile(times, 99):7.2f} ms   max {max(times):7.2f} ms"
            )
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
