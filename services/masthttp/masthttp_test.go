package masthttp

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestPyQuote(t *testing.T) {
	got := PyQuote("a b+c/d~e_f.g-h*i(j)k'l!m%n:o,p;q=r&s?t#u@v$w\"x", "/")
	want := `a%20b%2Bc/d~e_f.g-h%2Ai%28j%29k%27l%21m%25n%3Ao%2Cp%3Bq%3Dr%26s%3Ft%23u%40v%24w%22x`
	if got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestParseRetryAfter(t *testing.T) {
	if d := ParseRetryAfter("3"); d != 3*time.Second {
		t.Errorf("seconds: %v", d)
	}
	// An HTTP date has whole seconds: expect 9..10 s minus however long this took.
	before := time.Now()
	d := ParseRetryAfter(before.Add(10 * time.Second).UTC().Format(http.TimeFormat))
	if lo := 9*time.Second - time.Since(before); d < lo || d > 10*time.Second {
		t.Errorf("HTTP date: %v, want %v..10s", d, lo)
	}
	for _, v := range []string{"", "soon", "-1", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)} {
		if d := ParseRetryAfter(v); d != 0 {
			t.Errorf("%q: %v", v, d)
		}
	}
}

func TestMissionDownloadURL(t *testing.T) {
	for _, c := range []struct{ mission, uri, want string }{
		{"hst", "JBTAA0010/jbtaa0010_asn.fits", "https://h/search/hst/api/v0.1/retrieve_product?product_name=JBTAA0010%2Fjbtaa0010_asn.fits"},
		{"JWST", "mast:JWST/a b+c.fits", "https://h/search/jwst/api/v0.1/retrieve_product?product_name=mast%3AJWST%2Fa%20b%2Bc.fits"},
		{"roman_cgi", "x/y", "https://h/search/roman_cgi/api/v0.1/retrieve_product?product_name=x%2Fy"},
		{"classy", "mast:HLSP/classy/a.fits", "https://h/api/v0.1/Download/file?uri=mast%3AHLSP%2Fclassy%2Fa.fits"},
	} {
		got, err := MissionDownloadURL("https://h/", c.mission, c.uri)
		if err != nil || got != c.want {
			t.Errorf("%s %s: %s %v", c.mission, c.uri, got, err)
		}
	}
	if _, err := MissionDownloadURL("https://h", "iue", "lwp01234.fits"); err == nil || !strings.Contains(err.Error(), "mast:") {
		t.Errorf("iue without mast: %v", err)
	}
}

// Search API download URLs escape the whole URI the way url.QueryEscape does with
// spaces as %20, which is PyQuote with nothing safe.
func TestPyQuoteNothingSafe(t *testing.T) {
	in := "mast:HLSP/a b+c?d=e&f#g~h_i.j-k/é"
	want := "mast%3AHLSP%2Fa%20b%2Bc%3Fd%3De%26f%23g~h_i.j-k%2F%C3%A9"
	if got := PyQuote(in, ""); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

// The public bucket (protocol 12) is not a MAST host: a token never goes there, neither to
// Amazon's endpoints nor to one that merely looks like MAST's.
func TestTokenNeverGoesToTheBucket(t *testing.T) {
	hosts := TokenHosts("https://mast.stsci.edu")
	for _, raw := range []string{
		"https://stpubdata.s3.amazonaws.com/hst/public/u9o4/u9o40504m/u9o40504m_c3m.fits",
		"https://s3.amazonaws.com/stpubdata/hst/public/u9o4/u9o40504m/u9o40504m_c3m.fits",
		"https://stpubdata.s3.us-east-1.amazonaws.com/tess/public/x.fits",
		"https://mast.stsci.edu.s3.amazonaws.com/x.fits",
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if TokenAllowed(hosts, u) {
			t.Errorf("token allowed to %s", raw)
		}
	}
	if u, _ := url.Parse("https://mast.stsci.edu/api/v0.1/Download/file?uri=x"); !TokenAllowed(hosts, u) {
		t.Error("token refused to MAST itself")
	}
}
