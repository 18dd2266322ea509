#!/usr/bin/python3
"""Decoding time of one answer by astroquery, on the bytes a Go benchmark decoded: what
astroquery does with a catalogs API (PanSTARRS) answer, json.loads (response.json())
then astroquery.mast.services._json_to_table. Prints the best of N runs in ms.

usage: decode_vs_astroquery.py page.json [runs]
Needs Debian's python3-astroquery; prints "skip" without it.
"""
import json
import sys
import time

try:
    from astroquery.mast.services import _json_to_table
except ImportError:
    print("decode vs astroquery: skip (apt-get install python3-astroquery)")
    sys.exit(0)

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
with open(path, "rb") as f:
    body = f.read()
best = None
for _ in range(runs):
    start = time.perf_counter()
    table = _json_to_table(json.loads(body))
    took = time.perf_counter() - start
    best = took if best is None else min(best, took)
print(f"astroquery decode {len(table)} rows x {len(table.columns)} cols: {best * 1000:.1f} ms")
