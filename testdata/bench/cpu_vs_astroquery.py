#!/usr/bin/python3
"""CPU of whole processes, mastui against astroquery, on the same simulator and the same
queries, each writing CSV: user+sys seconds of the child process (its rusage), the best
of N runs, and the ratio astroquery/mastui (the target is >= 10).

usage: cpu_vs_astroquery.py path/to/mastui [runs]
Needs Debian's python3-astroquery; prints "skip" without it.
"""
import csv
import os
import resource
import subprocess
import sys
import tempfile

mastui = os.path.abspath(sys.argv[1])
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
try:
    import astroquery.mast  # noqa: F401
except ImportError:
    print("cpu vs astroquery: skip (apt-get install python3-astroquery)")
    sys.exit(0)

work = tempfile.mkdtemp()
sim = subprocess.Popen([mastui, "sim", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
url = sim.stdout.readline().split()[-1]
cfg = os.path.join(work, "config")
os.makedirs(f"{cfg}/astropy")
with open(f"{cfg}/astropy/astroquery.cfg", "w") as f:
    f.write(f"[mast]\nserver = {url}\n")
env = dict(os.environ, XDG_CONFIG_HOME=cfg, XDG_STATE_HOME=os.path.join(work, "state"),
           MASTUI_CONFIG=os.path.join(work, "none.json"))


def cpu(argv, out):
    """user+sys seconds of one child process run to completion (best of `runs`); the
    process writes its CSV to out (mastui on stdout, the script by name)."""
    best = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(out, "w") as f:
            subprocess.run(argv, env=env, check=True, stdout=f, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = t if best is None else min(best, t)
    return best


def rows(path):
    with open(path) as f:
        return sum(1 for _ in csv.reader(f)) - 1


colls = subprocess.run([mastui, "collections", "--mast-url", url, "--format", "csv"], env=env, check=True,
                       capture_output=True, text=True).stdout.split()[1:]
obs_csv = os.path.join(work, "obs.csv")
subprocess.run([mastui, "query", "criteria", "obs_collection=" + ",".join(colls), "--mast-url", url,
                "--format", "csv", "--columns", "all"], env=env, check=True, stdout=open(obs_csv, "w"))
with open(obs_csv) as f:
    obsids = [r["obsid"] for r in csv.DictReader(f) if r["obs_collection"] in ("JWST", "HST")][:500]

aq = os.path.join(work, "aq.py")
with open(aq, "w") as f:
    f.write("""import sys, warnings, numpy
warnings.simplefilter("ignore")
from astroquery.mast import Observations
what, out = sys.argv[1], sys.argv[2]
if what == "criteria":
    t = Observations.query_criteria(obs_collection=sys.argv[3].split(","))
else:
    t = Observations.get_product_list(numpy.array(sys.argv[3].split(",")))
t.write(out, format="csv", overwrite=True)
""")

cases = [
    ("query criteria (every collection) -> CSV",
     [mastui, "query", "criteria", "obs_collection=" + ",".join(colls), "--mast-url", url, "--format", "csv",
      "--columns", "all"],
     ["/usr/bin/python3", aq, "criteria", os.path.join(work, "a1.csv"), ",".join(colls)],
     os.path.join(work, "m1.csv"), os.path.join(work, "a1.csv")),
    ("product lists of 500 observations -> CSV",
      [mastui, "products", *obsids, "--mast-url", url, "--format", "csv", "--columns", "all"],
     ["/usr/bin/python3", aq, "products", os.path.join(work, "a2.csv"), ",".join(obsids)],
     os.path.join(work, "m2.csv"), os.path.join(work, "a2.csv")),
]
try:
    for name, m_argv, a_argv, m_out, a_out in cases:
        m, a = cpu(m_argv, m_out), cpu(a_argv, os.devnull)
        nm, na = rows(m_out), rows(a_out)
        if nm != na:
            print(f"cpu {name}: row counts differ: mastui {nm}, astroquery {na}")
            sys.exit(1)
        print(f"cpu {name:44s} {nm:7d} rows  mastui {m:6.2f} s  astroquery {a:6.2f} s  "
              f"ratio {a / m:5.1f}x {'ok' if a / m >= 10 else 'MISSED'} (target >= 10x)")
finally:
    sim.kill()
