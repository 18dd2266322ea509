package download

import (
	"path/filepath"
	"strings"
	"testing"
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
