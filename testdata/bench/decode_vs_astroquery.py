#!/usr/bin/python3
"""astroquery decoding one answer, on the bytes a Go benchmark decoded: json.loads (what
response.json() does) then the table builder astroquery runs on that kind of answer.
Best of N runs, printed as "astroquery-decode-ns <n>".

usage: decode_vs_astroquery.py portal|catalogs page.json [runs]
  portal    a Portal (Mashup) page: discovery_portal._json_to_table
  catalogs  a catalogs API (PanSTARRS) answer: services._json_to_table
Prints "skip" without Debian's python3-astroquery.
"""
import json
import sys
import time
import warnings

warnings.simplefilter("ignore")
kind, path = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
try:
    if kind == "portal":
        from astroquery.mast.discovery_portal import _json_to_table
    elif kind == "catalogs":
        from astroquery.mast.services import _json_to_table
    else:
        sys.exit("unknown answer kind %r: portal or catalogs" % kind)
except ImportError:
    print("skip")
    sys.exit(0)
body = open(path, "rb").read()
best = None
for _ in range(runs):
    t0 = time.perf_counter_ns()
    table = _json_to_table(json.loads(body))
    took = time.perf_counter_ns() - t0
    best = took if best is None else min(best, took)
assert len(table) == 50000, len(table)
print("astroquery-decode-ns", best)
