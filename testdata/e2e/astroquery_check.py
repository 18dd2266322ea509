#!/usr/bin/python3
"""Checks `mastui sim` with a real MAST client: Debian's astroquery, unchanged.

usage: astroquery_check.py path/to/mastui
Prints one line per check and exits non-zero if any fails. Values asserted are those the
simulator's archive is built to reproduce from the astroquery documentation.
"""
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import warnings

warnings.simplefilter("ignore")
sim = subprocess.Popen([sys.argv[1], "sim", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
line = sim.stdout.readline()
assert line.startswith("listening on http://"), line
url = line.split()[-1]
cfg = tempfile.mkdtemp()
os.makedirs(f"{cfg}/astropy")
with open(f"{cfg}/astropy/astroquery.cfg", "w") as f:
    f.write(f"[mast]\nserver = {url}\n")
os.environ["XDG_CONFIG_HOME"] = cfg
from astroquery.mast import Observations  # noqa: E402


def check_count_m15():
    n = Observations.query_region_count("322.49324 12.16683")
    assert n == 1804, n


def check_m8_small_radius():
    t = Observations.query_object("M8", radius=".02 deg")
    assert len(t) == 196, len(t)
    assert Observations.query_object_count("M8", radius=".02 deg") == 196


def check_criteria_wildcard_and_separator():
    t = Observations.query_criteria(filters=["*UV", "Kepler"], objectname="M101")
    assert len(t) > 0
    assert all(f.endswith("UV") or f == "Kepler" for f in t["filters"]), set(t["filters"])


def check_osten_ranges():
    t = Observations.query_criteria(dataproduct_type=["image"], proposal_pi="Osten*", s_dec=[43.5, 45.5])
    assert len(t) > 0
    assert all(43.5 <= d <= 45.5 for d in t["s_dec"])


def check_missions():
    m = Observations.list_missions()
    assert {"HST", "JWST", "TESS", "GALEX"} <= set(m), m


def check_mast_missions():
    from astroquery.mast import MastMissions
    t = MastMissions(mission="hst").query_criteria(
        sci_obs_type="IMAGE", sci_instrume="!COS", sci_spec_1234=["F150W", "F105W", "F110W"], sci_dec=">0",
        sci_actual_duration="1000..2000", sci_targname="*GAL*", select_cols=["sci_targname", "sci_dec"])
    assert len(t) > 0
    for row in t:
        assert "GAL" in row["sci_targname"] and row["sci_dec"] > 0, row
    for mission, kw, want in [("jwst", {"instrume": "NIRCAM"}, 772), ("iue", {"camera": "SWP"}, 629),
                              ("ullyses", {"host_galaxy_name": "SMC"}, 255), ("classy", {"z": "<0.01"}, 15),
                              ("roman", {"optical_element": "F158"}, 216)]:
        n = len(MastMissions(mission=mission).query_criteria(**kw))
        assert n == want, (mission, n, want)


def check_products_download():
    obs = Observations.query_criteria(obs_collection="HST", proposal_id="12062")
    prods = Observations.get_product_list(obs[:2])
    small = prods[prods["size"] < 3_000_000][:3]
    assert len(small) > 0
    d = tempfile.mkdtemp()
    man = Observations.download_products(small, download_dir=d)
    for path, status, row in zip(man["Local Path"], man["Status"], small):
        assert status == "COMPLETE", status
        assert os.path.getsize(path) == int(row["size"]), path
        if path.endswith(".fits"):
            with open(path, "rb") as fh:
                assert fh.read(9) == b"SIMPLE  =", path
            assert os.path.getsize(path) % 2880 == 0


def check_tesscut_sectors():
    from astropy.coordinates import SkyCoord
    from astroquery.mast import Tesscut
    t = Tesscut.get_sectors(coordinates=SkyCoord(324.24368, -27.01029, unit="deg"))
    assert (t["sectorName"][0], t["sector"][0], t["camera"][0], t["ccd"][0]) == ("tess-s0001-1-3", 1, 1, 3), t
    t = Tesscut.get_sectors(objectname="TIC 32449963")
    assert t["sectorName"][0] == "tess-s0010-1-4", t
    t = Tesscut.get_sectors(objectname="Ceres", moving_target=True, mt_type="smallbody")
    assert list(t["sector"]) == [43, 44], t


def check_tesscut_get_cutouts():
    from astropy.coordinates import SkyCoord
    from astroquery.mast import Tesscut
    hdus = Tesscut.get_cutouts(coordinates=SkyCoord(107.18696, -70.50919, unit="deg"), size=5, sector=1)
    assert len(hdus) == 1, len(hdus)
    h = hdus[0]
    assert [x.name for x in h] == ["PRIMARY", "PIXELS", "APERTURE"], h.info()
    assert h[1].data["FLUX"].shape[1:] == (5, 5), h[1].data["FLUX"].shape
    assert len(h[1].columns) == 12 and h[2].data.shape == (5, 5)
    hdus = Tesscut.get_cutouts(objectname="TIC 32449963", size=5)
    assert hdus[0][0].header["SECTOR"] == 10, hdus[0][0].header


def check_tesscut_download_cutouts():
    from astropy.coordinates import SkyCoord
    from astropy.io import fits
    import astropy.units as u
    from astroquery.mast import Tesscut
    d = tempfile.mkdtemp()
    with contextlib.redirect_stdout(io.StringIO()):  # astroquery prints "Inflating..."
        man = Tesscut.download_cutouts(coordinates=SkyCoord(107.18696, -70.50919, unit="deg"), size=[5, 7] * u.arcmin,
                                       sector=1, path=d)
    assert len(man) == 1, man
    path = man["Local Path"][0]
    assert os.path.basename(path) == "tess-s0001-4-3_107.18696_-70.50919_14x20_astrocut.fits", path
    with fits.open(path) as h:
        h.verify("exception")
        assert h[1].data["FLUX"].shape[1:] == (14, 20), h[1].data["FLUX"].shape
    assert not [f for f in os.listdir(d) if f.endswith(".zip")], os.listdir(d)


def check_zcut():
    from astropy.coordinates import SkyCoord
    from astropy.io import fits
    from astroquery.mast import Zcut
    pos = SkyCoord(189.2, 62.2, unit="deg")
    assert Zcut.get_surveys(pos) == ["candels_gn_60mas", "candels_gn_30mas", "goods_north"]
    d = tempfile.mkdtemp()
    with contextlib.redirect_stdout(io.StringIO()):
        man = Zcut.download_cutouts(pos, size=[20, 30], survey="goods_north", path=d)
    assert len(man) == 1, man
    with fits.open(man["Local Path"][0]) as h:
        h.verify("exception")
        assert [x.name for x in h[1:]] == ["CUTOUT"] * 4 and h[1].data.shape == (20, 30), h.info()
    with contextlib.redirect_stdout(io.StringIO()):
        man = Zcut.download_cutouts(pos, size=30, survey="candels_gn_30mas", cutout_format="png", path=d, invert=True)
    assert len(man) == 2 and all(p.endswith("_astrocut.png") for p in man["Local Path"]), man


failed = 0
try:
    for name, fn in list(globals().items()):
        if name.startswith("check_"):
            try:
                fn()
                print(f"ok    astroquery {name[6:]}")
            except Exception as e:  # noqa: BLE001
                failed += 1
                print(f"FAIL  astroquery {name[6:]}: {type(e).__name__}: {e}")
finally:
    sim.kill()
sys.exit(1 if failed else 0)
