package sim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mastui/services/sim/cloud"
	"mastui/services/testmode"
)

// pathLookup asks the simulator's path_lookup for uris.
func pathLookup(t *testing.T, base string, uris ...string) map[string]struct {
	StatusCode int     `json:"status_code"`
	Path       *string `json:"path"`
} {
	t.Helper()
	q := url.Values{"uri": uris, "use_cloud_path": {"True"}}
	resp, body := get(t, http.MethodGet, base+"/api/v0.1/path_lookup/?"+q.Encode(), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("path_lookup: %d %s", resp.StatusCode, body)
	}
	var out map[string]struct {
		StatusCode int     `json:"status_code"`
		Path       *string `json:"path"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBucketServesTheBytesOfDownloadFileSweep(t *testing.T) {
	testmode.Sweep(t)
	s, ts := sharedServer(t)
	a := s.Archive()
	for _, coll := range []string{"HST", "JWST", "TESS", "Kepler", "K2", "GALEX", "PS1"} {
		p := findProduct(t, a, coll, func(o *Obs, p *Product) bool { return !p.Exclusive() && p.Size < 3<<20 })
		ans := pathLookup(t, ts.URL, p.DataURI)
		e, ok := ans[p.DataURI]
		if !ok || e.StatusCode != 200 || e.Path == nil || !strings.HasPrefix(*e.Path, "/") {
			t.Fatalf("%s: path_lookup %+v", p.DataURI, ans)
		}
		key := strings.TrimPrefix(*e.Path, "/")
		_, viaMAST := get(t, http.MethodGet, ts.URL+"/api/v0.1/Download/file?uri="+pyQuote(p.DataURI), nil)
		resp, viaBucket := get(t, http.MethodGet, ts.URL+"/s3/stpubdata/"+key, nil)
		if resp.StatusCode != 200 || !bytes.Equal(viaBucket, viaMAST) || int64(len(viaMAST)) != p.Size {
			t.Errorf("%s: bucket %d, %d bytes; MAST %d bytes; product %d", coll, resp.StatusCode, len(viaBucket), len(viaMAST), p.Size)
		}
		resp, part := get(t, http.MethodGet, ts.URL+"/s3/stpubdata/"+key, map[string]string{"Range": "bytes=100-"})
		if resp.StatusCode != http.StatusPartialContent || !bytes.Equal(part, viaMAST[100:]) {
			t.Errorf("%s: Range answered %d with %d bytes", coll, resp.StatusCode, len(part))
		}
		resp, body := get(t, http.MethodHead, ts.URL+"/s3/stpubdata/"+key, nil)
		if resp.StatusCode != 200 || resp.ContentLength != p.Size || len(body) != 0 {
			t.Errorf("%s: HEAD %d, length %d", coll, resp.StatusCode, resp.ContentLength)
		}
	}
}

func TestPathLookupHasNoPathWithoutAPublicCopy(t *testing.T) {
	s, ts := sharedServer(t)
	swift := findProduct(t, s.Archive(), "SWIFT", func(o *Obs, p *Product) bool { return true })
	excl := findProduct(t, s.Archive(), "HST", func(o *Obs, p *Product) bool { return p.Exclusive() })
	ans := pathLookup(t, ts.URL, swift.DataURI, excl.DataURI, "mast:HST/product/nosuchfile_raw.fits")
	if len(ans) != 3 {
		t.Fatalf("answer %+v, want an entry per URI", ans)
	}
	for u, e := range ans {
		if e.StatusCode != 404 || e.Path != nil {
			t.Errorf("%s: %+v, want status 404 and path null", u, e)
		}
	}
	// Nor does the bucket serve an exclusive-access file under the key it would have.
	resp, body := get(t, http.MethodGet, ts.URL+"/s3/stpubdata/"+cloud.KeyOf(excl.DataURI), nil)
	if resp.StatusCode != 404 || !strings.Contains(string(body), "<Code>NoSuchKey</Code>") {
		t.Errorf("exclusive file from the bucket: %d %s", resp.StatusCode, body)
	}
}

func TestBucketErrorsAndListing(t *testing.T) {
	_, ts := sharedServer(t)
	resp, body := get(t, http.MethodGet, ts.URL+"/s3/stpubdata/hst/public/nope/nope/nope.fits", nil)
	if resp.StatusCode != 404 || resp.Header.Get("Content-Type") != "application/xml" || !strings.Contains(string(body), "<Code>NoSuchKey</Code>") {
		t.Errorf("missing key: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if resp, body = get(t, http.MethodGet, ts.URL+"/s3/otherbucket/x", nil); resp.StatusCode != 404 || !strings.Contains(string(body), "NoSuchBucket") {
		t.Errorf("other bucket: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, http.MethodGet, ts.URL+"/s3/stpubdata?list-type=2&delimiter=/", nil)
	var list struct {
		Prefixes []string `xml:"CommonPrefixes>Prefix"`
	}
	if err := xml.Unmarshal(body, &list); err != nil || resp.StatusCode != 200 {
		t.Fatalf("list: %d %v %s", resp.StatusCode, err, body)
	}
	if got := strings.Join(list.Prefixes, " "); got != "galex/ hst/ jwst/ k2/ kepler/ panstarrs/ tess/" {
		t.Errorf("top-level prefixes %q", got)
	}
	_, body = get(t, http.MethodGet, ts.URL+"/s3/stpubdata/?list-type=2&delimiter=/&prefix=panstarrs/", nil)
	list.Prefixes = nil
	if err := xml.Unmarshal(body, &list); err != nil || strings.Join(list.Prefixes, " ") != "panstarrs/ps1/" {
		t.Errorf("prefix panstarrs/: %v %s", err, body)
	}
}

func TestBucketFaultAnswers503(t *testing.T) {
	s, ts := newTestServer(t, Options{Faults: Faults{BucketDown: true}})
	p := findProduct(t, s.Archive(), "HST", func(o *Obs, p *Product) bool { return !p.Exclusive() })
	resp, body := get(t, http.MethodGet, ts.URL+"/s3/stpubdata/"+cloud.KeyOf(p.DataURI), nil)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "<Code>SlowDown</Code>") {
		t.Errorf("bucket down: %d %s", resp.StatusCode, body)
	}
	if resp, _ = get(t, http.MethodGet, ts.URL+"/api/v0.1/Download/file?uri="+pyQuote(p.DataURI), nil); resp.StatusCode != 200 {
		t.Errorf("MAST itself failed too: %d", resp.StatusCode)
	}
}

func TestCloudKeysRoundTrip(t *testing.T) {
	for _, uri := range []string{
		"mast:HST/product/u9o40504m_c3m.fits",
		"mast:KEPLER/url/missions/kepler/lightcurves/0118/011804465/kplr011804465-2009131164759_llc.fits",
		"mast:PS1/product/rings.v3.skycell.1902.001.stk.g.unconv.fits",
	} {
		key := cloud.KeyOf(uri)
		if key == "" || cloud.URIOf(key) != uri {
			t.Errorf("%s -> %q -> %q", uri, key, cloud.URIOf(key))
		}
	}
	if k := cloud.KeyOf("mast:HST/product/u9o40504m_c3m.fits"); k != "hst/public/u9o4/u9o40504m/u9o40504m_c3m.fits" {
		t.Errorf("HST key %s", k)
	}
	for _, bad := range []string{"mast:SWIFT/product/x.fits", "mast:HST/product/../x.fits", "mast:HST/product/a/b.fits"} {
		if k := cloud.KeyOf(bad); k != "" {
			t.Errorf("%s has key %s", bad, k)
		}
	}
	if u := cloud.URIOf("hst/public/xxxx/other/u9o40504m_c3m.fits"); u != "" {
		t.Errorf("a key in the wrong directory names %s", u)
	}
}
