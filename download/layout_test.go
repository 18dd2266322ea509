package download

import (
	"path/filepath"
	"strings"
	"testing"

	"mastui/model"
)

func TestSanitizeName(t *testing.T) {
	cases := map[string]string{
		"u9o40504m_c3m.fits":              "u9o40504m_c3m.fits",
		"../../etc/passwd":                "passwd",
		"/etc/passwd":                     "passwd",
		`C:\Windows\system32\drivers.sys`: "drivers.sys",
		"..":                              "",
		".":                               "",
		"":                                "",
		"a/b/..":                          "",
		"evil\x1b[31mred\x07.fits":        "evil[31mred.fits",
		"line\nbreak\r.txt":               "linebreak.txt",
		"bidi\u202etxt.exe":               "biditxt.exe",
		"bad\xffutf8.fits":                "badutf8.fits",
		"fitscut.cgi?red=x&format=fits":   "fitscut.cgi_red=x&format=fits",
		"-rf.fits":                        "_rf.fits",
		".hidden":                         "hidden",
		"trailing. . ":                    "trailing",
		"CON.txt":                         "_CON.txt",
		"lpt1":                            "_lpt1",
		"a<b>c:d\"e|f*g":                  "a_b_c_d_e_f_g",
		"ünïcödé_ok.fits":                 "ünïcödé_ok.fits",
	}
	for in, want := range cases {
		if got := SanitizeName(in); got != want {
			t.Errorf("SanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("x", 300) + ".fits"
	if got := SanitizeName(long); len(got) != 200 || !strings.HasSuffix(got, ".fits") {
		t.Errorf("long name: %d bytes %q", len(got), got[len(got)-10:])
	}
}

func TestPathFor(t *testing.T) {
	dir := t.TempDir()
	it := Item{URI: "mast:HST/product/u9o40504m_c3m.fits", Filename: "u9o40504m_c3m.fits", Collection: "HST", ObsID: "U9O40504M"}
	got, err := PathFor(dir, it, false)
	if want := filepath.Join(dir, "mastDownload", "HST", "U9O40504M", "u9o40504m_c3m.fits"); err != nil || got != want {
		t.Fatalf("PathFor = %q, %v; want %q", got, err, want)
	}
	if got, _ := PathFor(dir, it, true); got != filepath.Join(dir, "u9o40504m_c3m.fits") {
		t.Fatalf("flat: %q", got)
	}
	hostile := Item{Filename: "../../../etc/passwd", Collection: "../..", ObsID: "/abs/olute"}
	got, err = PathFor(dir, hostile, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "mastDownload", "_", "_abs_olute", "passwd"); got != want {
		t.Fatalf("hostile item: %q, want %q", got, want)
	}
	if _, err := PathFor(dir, Item{URI: "mast:HST/product/.."}, false); err == nil {
		t.Fatal("a name that sanitizes to nothing must be refused")
	}
	noName := Item{URI: "mast:JWST/product/jw01_cal.fits", Collection: "JWST"}
	if got, _ := PathFor(dir, noName, false); got != filepath.Join(dir, "mastDownload", "JWST", "unknown", "jw01_cal.fits") {
		t.Fatalf("URI fallback: %q", got)
	}
}

func TestFileURLEscapesLikeAstroquery(t *testing.T) {
	got := FileURL("https://mast.stsci.edu/", "mast:HLA/url/cgi-bin/fitscut.cgi?red=a&x=1 2")
	want := "https://mast.stsci.edu/api/v0.1/Download/file?uri=mast:HLA/url/cgi-bin/fitscut.cgi%3Fred%3Da%26x%3D1%202"
	if got != want {
		t.Fatalf("FileURL = %q\nwant     %q", got, want)
	}
}

// A product row with an unusable file name falls back to a name from its URI instead of
// failing the whole batch.
func TestProductItemsFallBackToURINames(t *testing.T) {
	dir := t.TempDir()
	ref := func(uri, name string) model.ProductRef {
		return model.ProductRef{URI: uri, Filename: name, ObsCollection: "HST", ObsID: "o1", Size: 2880}
	}
	refs := []model.ProductRef{
		ref("mast:HST/product/good.fits", "good.fits"),
		ref("mast:HST/product/dotdot.fits", ".."),
		ref("mast:HST/product/sneaky.fits", "sneaky.fits.part"),
		ref("mast:HST/product/a_b.fits", "a?b.fits"),
		ref("mast:HST/product/other.fits", "a_b.fits"), // sanitizes to the name above
		ref("mast:HST/product/x/same.fits", "same.fits"),
		ref("mast:HST/product/y/same.fits", "same.fits"), // and its URI names the same file
		ref("mast:HST/product/good.fits", "good.fits"),   // the same product twice
	}
	items, err := ProductItems("https://mast.stsci.edu", dir, false, refs)
	if err != nil {
		t.Fatal(err)
	}
	obs := filepath.Join(dir, "mastDownload", "HST", "o1")
	want := []string{"good.fits", "dotdot.fits", "sneaky.fits", "a_b.fits", "other.fits", "same.fits"}
	for i, w := range want {
		if items[i].Dest != filepath.Join(obs, w) {
			t.Errorf("%q: %s, want %s", refs[i].Filename, items[i].Dest, w)
		}
	}
	if d := filepath.Base(items[6].Dest); d == "same.fits" || !strings.HasPrefix(d, "same_") || !strings.HasSuffix(d, ".fits") {
		t.Errorf("second same.fits: %s, want same_<hash>.fits", d)
	}
	if items[7].Dest != items[0].Dest {
		t.Errorf("the same product twice got two paths: %s, %s", items[0].Dest, items[7].Dest)
	}
	m := newManager(t, Options{Ephemeral: true, FreeSpace: func(string) (int64, error) { return 1 << 40, nil }})
	res, err := m.AddAll(items...)
	if err != nil || res.Added != 7 || res.Duplicates != 1 {
		t.Fatalf("AddAll: %+v, %v", res, err)
	}
}
