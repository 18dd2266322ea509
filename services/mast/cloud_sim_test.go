package mast_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"mastui/services/mast"
	"mastui/services/sim"
	"mastui/services/wire"
)

// cloudURIs are n public product URIs of collection from the demo archive.
func cloudURIs(t *testing.T, collection string, n int) []string {
	t.Helper()
	a := demoArchive(t)
	var out []string
	seen := map[string]bool{}
	for i := 0; i < a.Len() && len(out) < n; i++ {
		if a.At(i).Collection != collection {
			continue
		}
		for _, p := range a.Products(a.At(i).Obsid) {
			if !p.Exclusive() && !seen[p.DataURI] && len(out) < n {
				seen[p.DataURI] = true
				out = append(out, p.DataURI)
			}
		}
	}
	if len(out) < n {
		t.Fatalf("only %d %s products", len(out), collection)
	}
	return out
}

// cloudRecorder serves the simulator (or answer, when it handles the request) and
// records every request.
type cloudRecorder struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (c *cloudRecorder) serve(t *testing.T, answer func(w http.ResponseWriter, r *http.Request) bool) string {
	t.Helper()
	s, err := sim.New(sim.Options{Archive: demoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.reqs = append(c.reqs, r.Clone(context.Background()))
		c.mu.Unlock()
		if answer == nil || !answer(w, r) {
			s.Handler().ServeHTTP(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

func (c *cloudRecorder) requests() []*http.Request {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*http.Request(nil), c.reqs...)
}

func TestCloudCopiesInBatchesOf40WithoutToken(t *testing.T) {
	var rec cloudRecorder
	base := rec.serve(t, nil)
	hst := cloudURIs(t, "HST", 90)
	swift := cloudURIs(t, "SWIFT", 5)
	uris := append(append([]string{}, hst...), swift...)
	c := mast.New(mast.Config{BaseURL: base, Token: func() string { return sim.DemoToken }})
	copies, err := c.CloudCopies(context.Background(), uris, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(copies) != len(uris) {
		t.Fatalf("%d answers for %d URIs", len(copies), len(uris))
	}
	for i, cp := range copies {
		switch {
		case cp.URI != uris[i]:
			t.Errorf("answer %d is for %s, want %s (order kept)", i, cp.URI, uris[i])
		case i < len(hst) && (!strings.HasPrefix(cp.Key, "hst/public/") || cp.Missing != ""):
			t.Errorf("%s: key %q (%s), want hst/public/...", cp.URI, cp.Key, cp.Missing)
		case i >= len(hst) && (cp.Key != "" || cp.Missing != "no cloud path"):
			t.Errorf("%s: key %q (%s), want no cloud copy", cp.URI, cp.Key, cp.Missing)
		}
	}
	if got := mast.S3URI(copies[0].Key); !strings.HasPrefix(got, "s3://stpubdata/hst/public/") {
		t.Errorf("S3 URI %s", got)
	}
	var lookups, heads []int
	for _, r := range rec.requests() {
		if r.Header.Get("Authorization") != "" || r.Header.Get("Cookie") != "" {
			t.Errorf("%s %s carried the token", r.Method, r.URL.Path)
		}
		switch {
		case r.URL.Path == "/api/v0.1/path_lookup/":
			q := r.URL.Query()
			if q.Get("use_cloud_path") != "True" {
				t.Errorf("path_lookup without use_cloud_path=True: %s", r.URL.RawQuery)
			}
			lookups = append(lookups, len(q["uri"]))
		case r.Method == http.MethodHead && strings.HasPrefix(r.URL.Path, "/s3/stpubdata/hst/public/"):
			heads = append(heads, 1)
		default:
			t.Errorf("unexpected request %s %s", r.Method, r.URL)
		}
	}
	if len(lookups) != 3 || lookups[0] != 40 || lookups[1] != 40 || lookups[2] != 15 {
		t.Errorf("path_lookup batches %v, want [40 40 15]", lookups)
	}
	if len(heads) != len(hst) {
		t.Errorf("%d HEAD checks, want one per key found (%d)", len(heads), len(hst))
	}
}

func TestCloudCopyMissingFromTheBucket(t *testing.T) {
	var rec cloudRecorder
	uri := cloudURIs(t, "HST", 1)[0]
	base := rec.serve(t, func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasPrefix(r.URL.Path, "/api/v0.1/path_lookup") {
			return false
		}
		w.Write([]byte(`{"` + uri + `": {"status_code": 200, "path": "/hst/public/gone/gone.fits", "extra": [1]}}`))
		return true
	})
	c := mast.New(mast.Config{BaseURL: base})
	copies, err := c.CloudCopies(context.Background(), []string{uri}, true)
	if err != nil {
		t.Fatal(err)
	}
	if copies[0].Key != "" || copies[0].Missing != "not in the bucket" {
		t.Fatalf("copy %+v, want none: the bucket has no such key", copies[0])
	}
	// Without the check, path_lookup's answer is taken as it is.
	if copies, err = c.CloudCopies(context.Background(), []string{uri}, false); err != nil || copies[0].Key != "hst/public/gone/gone.fits" {
		t.Fatalf("copies %+v, %v", copies, err)
	}
}

func TestCloudPathLookupBadShapes(t *testing.T) {
	const uri = "mast:HST/product/u9o40504m_c3m.fits"
	for _, tc := range []struct{ name, body, field string }{
		{"list", `[]`, ""},
		{"missing entry", `{"mast:HST/product/other.fits": {"path": null}}`, uri},
		{"entry not an object", `{"` + uri + `": "/hst/x.fits"}`, uri},
		{"path a number", `{"` + uri + `": {"status_code": 200, "path": 12}}`, uri + ".path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rec cloudRecorder
			base := rec.serve(t, func(w http.ResponseWriter, r *http.Request) bool {
				w.Write([]byte(tc.body))
				return true
			})
			_, err := mast.New(mast.Config{BaseURL: base}).CloudCopies(context.Background(), []string{uri}, false)
			var se *wire.ShapeError
			if !errors.As(err, &se) || se.Service != "path_lookup" || se.Field != tc.field {
				t.Fatalf("error %v, want a shape error of path_lookup naming %q", err, tc.field)
			}
			if !strings.Contains(err.Error(), "path_lookup") {
				t.Errorf("message %q does not name the service", err)
			}
		})
	}
}

func TestCloudURLFollowsTheBaseURL(t *testing.T) {
	for _, tc := range []struct{ base, cloud, want string }{
		{"", "", "https://stpubdata.s3.amazonaws.com"},
		{"http://127.0.0.1:8080", "", "http://127.0.0.1:8080/s3/stpubdata"},
		{"http://127.0.0.1:8080", "https://mirror.example/stpubdata/", "https://mirror.example/stpubdata"},
	} {
		c := mast.New(mast.Config{BaseURL: tc.base, CloudURL: tc.cloud})
		if got := c.CloudURL(); got != tc.want {
			t.Errorf("base %q cloud %q: %s, want %s", tc.base, tc.cloud, got, tc.want)
		}
	}
	c := mast.New(mast.Config{})
	if got := c.ObjectURL("hst/public/a b/x+y.fits"); got != "https://stpubdata.s3.amazonaws.com/hst/public/a%20b/x%2By.fits" {
		t.Errorf("object URL %s", got)
	}
}
