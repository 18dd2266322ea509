# readback.py FORMAT PATH: reads a table written by mastui with astropy and prints what
# astropy made of it as JSON (column name, dtype kind, unit, description, values with
# masked cells as null), for format_astropy_test.go.
import json, math, sys, warnings
warnings.simplefilter("error")  # a warning from the reader is a failure
from astropy.table import Table
fmt, path = sys.argv[1], sys.argv[2]
t = Table.read(path, format={"ecsv": "ascii.ecsv", "votable": "votable", "csv": "ascii.csv"}[fmt])
out = []
for name in t.colnames:
    col = t[name]
    mask = getattr(col, "mask", None)
    vals = []
    for i, v in enumerate(col):
        if mask is not None and bool(mask[i]):
            vals.append(None)
        elif col.dtype.kind in "iu":
            vals.append(str(int(v)))  # as text: exact beyond 2^53
        elif col.dtype.kind == "f":
            vals.append(None if math.isnan(v) else float(v))
        elif col.dtype.kind == "b":
            vals.append(bool(v))
        else:
            vals.append(str(v))
    kind = "U" if col.dtype.kind in "UOS" else col.dtype.kind  # text: str, object (VOTable unicodeChar) or bytes
    out.append({"name": name, "kind": kind, "unit": str(col.unit or ""),
                "description": col.description or "", "values": vals})
print(json.dumps(out))
