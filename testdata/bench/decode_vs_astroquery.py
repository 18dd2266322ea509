#!/usr/bin/python3
"""astroquery decoding a Portal page: json.loads + discovery_portal._json_to_table (what
every Portal query runs per page), best of N, in nanoseconds.

usage: decode_vs_astroquery.py page.json [runs]
Prints "astroquery-decode-ns <n>", or "skip" without python3-astroquery.
"""
import sys
import time
import warnings

warnings.simplefilter("ignore")
try:
    import json
    from astroquery.mast.discovery_portal import _json_to_table
except ImportError:
    print("skip")
    sys.exit(0)
body = open(sys.argv[1], "rb").read()
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
best = None
for _ in range(runs):
    t0 = time.perf_counter_ns()
    t = _json_to_table(json.loads(body))
    dt = time.perf_counter_ns() - t0
    best = dt if best is None else min(best, dt)
assert len(t) == 50000, len(t)
print("astroquery-decode-ns", best)
