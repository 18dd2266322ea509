#!/usr/bin/env bash
# TESScut through the download queue: `mastui tesscut cutout --coordinates "324.24368
# -27.01029" --size 5 --dir D` against `mastui sim` leaves one target pixel file per
# sector in D, named as MAST names them, with a 5x5 FLUX cube (astropy reads it when
# installed), no zip and no .part; the manifest lists them; a rerun sends nothing.
source "$(dirname "$0")/../lib.sh"
start_sim
D="$WORK/tpf"
"$BIN" tesscut cutout --coordinates "324.24368 -27.01029" --size 5 --dir "$D" --mast-url "$URL" --format csv \
  > "$WORK/manifest.csv" 2> "$WORK/err.txt" || fail "tesscut cutout exited non-zero: $(cat "$WORK/err.txt")"
n=$(find "$D" -name 'tess-s*_324.24368_-27.01029_5x5_astrocut.fits' | wc -l)
[ "$n" -ge 1 ] || fail "no target pixel file in $D: $(ls "$D")"
[ -z "$(find "$D" -name '*.zip*' -o -name '*.part')" ] || fail "zip or .part left: $(ls "$D")"
for f in "$D"/tess-s*.fits; do
  head -c 9 "$f" | grep -q "SIMPLE  =" || fail "$f is not FITS"
  grep -qF "$f,COMPLETE" "$WORK/manifest.csv" || fail "the manifest lacks $f: $(cat "$WORK/manifest.csv")"
done
ok "tesscut cutout: $n target pixel files, listed in the manifest"
if /usr/bin/python3 -c 'import astropy.io.fits' 2>/dev/null; then
  /usr/bin/python3 - "$D"/tess-s*.fits <<'PY' || fail "astropy does not read the files as 5x5 target pixel files"
import sys
from astropy.io import fits
for p in sys.argv[1:]:
    with fits.open(p) as h:
        flux = h["PIXELS"].data["FLUX"]
        assert flux.shape[1:] == (5, 5), (p, flux.shape)
        assert h["APERTURE"].data.shape == (5, 5), p
PY
  ok "astropy reads them: FLUX is a cube of 5x5 images"
fi
"$BIN" tesscut cutout --coordinates "324.24368 -27.01029" --size 5 --dir "$D" --mast-url "$URL" > "$WORK/rerun.txt" 2>&1 \
  || fail "rerun exited non-zero: $(cat "$WORK/rerun.txt")"
grep -q "already on disk" "$WORK/rerun.txt" || fail "rerun did not skip: $(cat "$WORK/rerun.txt")"
ok "a rerun finds them on disk"
