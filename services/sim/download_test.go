package sim

import (
	"bytes"
	"fmt"
	"io"
	"mastui/services/testmode"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// findProduct returns the first product of a collection satisfying ok ("" for any).
func findProduct(t *testing.T, a *Archive, coll string, ok func(o *Obs, p *Product) bool) Product {
	t.Helper()
	for i := 0; i < a.Len(); i++ {
		o := a.At(i)
		if coll != "" && o.Collection != coll || o.Target == "TESS FFI" {
			continue
		}
		for _, p := range a.Products(o.Obsid) {
			if ok(o, &p) {
				return p
			}
		}
	}
	t.Fatal("no such product")
	return Product{}
}

func get(t *testing.T, method, target string, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func fileURL(base, uri string) string { return base + "/api/v0.1/Download/file?uri=" + uri }

func expected(t *testing.T, a *Archive, uri string, off, n int64) []byte {
	t.Helper()
	size, r, err := a.FileContent(uri)
	if err != nil {
		t.Fatal(err)
	}
	n = min(n, size-off)
	b := make([]byte, n)
	if _, err := r.ReadAt(b, off); err != nil && err != io.EOF {
		t.Fatal(err)
	}
	return b
}

func TestDownloadWholeAndRangesSweep(t *testing.T) {
	testmode.Sweep(t)
	s, ts := sharedServer(t)
	a := s.Archive()
	p := findProduct(t, a, "HST", func(o *Obs, p *Product) bool {
		return strings.HasSuffix(p.Filename, "_drz.fits") && !p.Exclusive() && p.Size < 12*mB
	})
	// astroquery sends ':' and '/' unescaped.
	resp, body := get(t, "GET", fileURL(ts.URL, p.DataURI), nil)
	if resp.StatusCode != 200 || int64(len(body)) != p.Size {
		t.Fatalf("GET: HTTP %d, %d bytes, want %d", resp.StatusCode, len(body), p.Size)
	}
	if !bytes.Equal(body, expected(t, a, p.DataURI, 0, p.Size)) {
		t.Fatal("downloaded bytes differ from Archive.FileContent")
	}
	h := resp.Header
	if h.Get("Content-Length") != strconv.FormatInt(p.Size, 10) || h.Get("Accept-Ranges") != "bytes" ||
		h.Get("Content-Type") != "application/fits" || !strings.Contains(h.Get("Content-Disposition"), p.Filename) {
		t.Errorf("headers %v", h)
	}
	// Fully escaped URIs (MastMissions style) name the same file.
	resp, body2 := get(t, "GET", fileURL(ts.URL, url.QueryEscape(p.DataURI)), nil)
	if resp.StatusCode != 200 || !bytes.Equal(body, body2) {
		t.Fatalf("escaped URI: HTTP %d", resp.StatusCode)
	}
	// HEAD: headers only.
	resp, hb := get(t, "HEAD", fileURL(ts.URL, p.DataURI), nil)
	if resp.StatusCode != 200 || len(hb) != 0 || resp.ContentLength != p.Size {
		t.Fatalf("HEAD: HTTP %d, length %d, body %d", resp.StatusCode, resp.ContentLength, len(hb))
	}
	ranges := []struct {
		spec       string
		start, end int64 // inclusive end
	}{
		{"bytes=0-99", 0, 99},
		{fmt.Sprintf("bytes=%d-", p.Size-5000), p.Size - 5000, p.Size - 1},
		{fmt.Sprintf("bytes=%d-%d", 4000, 9000), 4000, 9000}, // crosses generator blocks
		{"bytes=-300", p.Size - 300, p.Size - 1},
		{fmt.Sprintf("bytes=%d-%d", p.Size-10, p.Size+1000), p.Size - 10, p.Size - 1},
	}
	for _, rg := range ranges {
		resp, b := get(t, "GET", fileURL(ts.URL, p.DataURI), map[string]string{"Range": rg.spec})
		wantCR := fmt.Sprintf("bytes %d-%d/%d", rg.start, rg.end, p.Size)
		if resp.StatusCode != http.StatusPartialContent || resp.Header.Get("Content-Range") != wantCR {
			t.Fatalf("%s: HTTP %d Content-Range %q, want 206 %q", rg.spec, resp.StatusCode, resp.Header.Get("Content-Range"), wantCR)
		}
		if !bytes.Equal(b, body[rg.start:rg.end+1]) {
			t.Fatalf("%s: wrong bytes", rg.spec)
		}
	}
	for _, bad := range []string{fmt.Sprintf("bytes=%d-", p.Size), "bytes=500-100", "pages=1-2"} {
		resp, _ := get(t, "GET", fileURL(ts.URL, p.DataURI), map[string]string{"Range": bad})
		if resp.StatusCode != http.StatusRequestedRangeNotSatisfiable || resp.Header.Get("Content-Range") != fmt.Sprintf("bytes */%d", p.Size) {
			t.Errorf("%s: HTTP %d %q, want 416", bad, resp.StatusCode, resp.Header.Get("Content-Range"))
		}
	}
}

func TestDownloadNotFoundAndAuth(t *testing.T) {
	t.Parallel()
	s, ts := newTestServer(t, Options{Seed: 1, Tokens: []string{"extra-token"}})
	for _, u := range []string{"mast:HST/product/nosuchfile_drz.fits", "mast:JWST/product/jw99999001001_02101_00001_nrcb1_cal.fits", ""} {
		resp, _ := get(t, "GET", fileURL(ts.URL, u), nil)
		if resp.StatusCode != http.StatusNotFound && !(u == "" && resp.StatusCode == http.StatusBadRequest) {
			t.Errorf("%q: HTTP %d, want 404", u, resp.StatusCode)
		}
	}
	p := findProduct(t, s.Archive(), "", func(o *Obs, p *Product) bool {
		return p.Exclusive() && p.Size < 2*mB
	})
	resp, _ := get(t, "GET", fileURL(ts.URL, p.DataURI), nil)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("exclusive file without token: HTTP %d, want 401", resp.StatusCode)
	}
	resp, _ = get(t, "HEAD", fileURL(ts.URL, p.DataURI), map[string]string{"Cookie": "mast_token=wrong"})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("exclusive file with a bad token: HTTP %d, want 401", resp.StatusCode)
	}
	for _, hdr := range []map[string]string{
		{"Cookie": "mast_token=" + DemoToken},
		{"Authorization": "Bearer " + DemoToken},
		{"Authorization": "Bearer extra-token"},
	} {
		resp, b := get(t, "GET", fileURL(ts.URL, p.DataURI), hdr)
		if resp.StatusCode != 200 || int64(len(b)) != p.Size {
			t.Fatalf("%v: HTTP %d, %d bytes", hdr, resp.StatusCode, len(b))
		}
	}
}

func TestServedFITSStructureSweep(t *testing.T) {
	testmode.Sweep(t)
	s, ts := sharedServer(t)
	for _, coll := range []string{"HST", "JWST", "TESS"} {
		p := findProduct(t, s.Archive(), coll, func(o *Obs, p *Product) bool {
			return strings.HasSuffix(p.Filename, ".fits") && !p.Exclusive() && p.Size < 20*mB
		})
		_, b := get(t, "GET", fileURL(ts.URL, p.DataURI), nil)
		if len(b)%2880 != 0 || len(b) < 2*2880 {
			t.Fatalf("%s: %d bytes is not whole FITS records", p.Filename, len(b))
		}
		hdr := map[string]string{}
		end := -1
		for i := 0; i < 2880/80; i++ {
			c := string(b[i*80 : (i+1)*80])
			key := strings.TrimSpace(c[:8])
			if key == "END" {
				end = i
				if strings.TrimSpace(c) != "END" || strings.TrimSpace(string(b[(i+1)*80:2880])) != "" {
					t.Fatalf("%s: END card or padding not blank", p.Filename)
				}
				break
			}
			if c[8:10] != "= " {
				t.Fatalf("%s: card %d %q lacks a value indicator", p.Filename, i, c)
			}
			v, _, _ := strings.Cut(c[10:], " /")
			hdr[key] = strings.Trim(strings.TrimSpace(v), "'")
			hdr[key] = strings.TrimSpace(hdr[key])
		}
		if end < 0 || !strings.HasPrefix(string(b[:80]), "SIMPLE  =                    T") {
			t.Fatalf("%s: not a FITS primary header: %.80q", p.Filename, b)
		}
		n1, _ := strconv.Atoi(hdr["NAXIS1"])
		n2, _ := strconv.Atoi(hdr["NAXIS2"])
		if hdr["BITPIX"] != "16" || hdr["NAXIS"] != "2" || 2880+n1*n2*2 != len(b) {
			t.Errorf("%s: BITPIX %s NAXIS %s %dx%d for %d bytes", p.Filename, hdr["BITPIX"], hdr["NAXIS"], n1, n2, len(b))
		}
		if hdr["FILENAME"] != p.Filename || hdr["TELESCOP"] == "" || hdr["INSTRUME"] == "" || hdr["TARGNAME"] == "" ||
			hdr["RA_TARG"] == "" || hdr["DEC_TARG"] == "" || len(hdr["DATE-OBS"]) != 10 {
			t.Errorf("%s: header %v", p.Filename, hdr)
		}
	}
}

func TestDownloadFaults(t *testing.T) {
	t.Parallel()
	s, ts := newTestServer(t, Options{Seed: 1, Faults: Faults{IgnoreRange: true, NoContentLength: true,
		ErrorEvery: 2, ErrorStatus: 429, HTMLErrors: true, ErrorPaths: []string{"/whoami"}, PageSizeCap: 7}})
	p := findProduct(t, s.Archive(), "HST", func(o *Obs, p *Product) bool { return !p.Exclusive() && p.Size > 100*kB && p.Size < 1*mB })
	resp, b := get(t, "GET", fileURL(ts.URL, p.DataURI), map[string]string{"Range": "bytes=100-"})
	if resp.StatusCode != 200 || int64(len(b)) != p.Size || resp.Header.Get("Accept-Ranges") != "" {
		t.Fatalf("IgnoreRange: HTTP %d, %d bytes, Accept-Ranges %q", resp.StatusCode, len(b), resp.Header.Get("Accept-Ranges"))
	}
	if resp.ContentLength != -1 {
		t.Errorf("NoContentLength: length %d", resp.ContentLength)
	}
	var codes []int
	for i := 0; i < 4; i++ {
		resp, b := get(t, "GET", ts.URL+"/whoami", nil)
		codes = append(codes, resp.StatusCode)
		if resp.StatusCode == 429 && (resp.Header.Get("Retry-After") == "" || !bytes.Contains(b, []byte("<html>"))) {
			t.Errorf("429 without Retry-After or HTML body: %v %s", resp.Header, b)
		}
	}
	if fmt.Sprint(codes) != "[200 429 200 429]" {
		t.Errorf("ErrorEvery 2: statuses %v", codes)
	}

	// PageSizeCap silently serves fewer rows than the page size promises.
	pg := query(t, ts.URL, map[string]any{"service": "Mast.Caom.Cone", "params": map[string]any{"ra": 270.92194, "dec": -24.38017, "radius": 0.02},
		"format": "json", "pagesize": 50, "page": 1})
	if len(pg.Data) != 7 || pg.Paging.PagesFiltered != 4 || pg.Paging.RowsFiltered != 196 {
		t.Errorf("PageSizeCap 7: %d rows, paging %+v", len(pg.Data), pg.Paging)
	}

	_, ts2 := newTestServer(t, Options{Seed: 1, Faults: Faults{DropAfterBytes: 5000}})
	r2, err := http.Get(fileURL(ts2.URL, p.DataURI))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r2.Body)
	r2.Body.Close()
	if err == nil || len(got) >= int(p.Size) {
		t.Fatalf("DropAfterBytes: read %d of %d bytes, err %v; want a cut connection", len(got), p.Size, err)
	}
}

func TestTruncateAfterEndsCleanly(t *testing.T) {
	t.Parallel()
	s, ts := newTestServer(t, Options{Seed: 1, Faults: Faults{TruncateAfterBytes: 5000}})
	p := findProduct(t, s.Archive(), "HST", func(o *Obs, p *Product) bool { return !p.Exclusive() && p.Size > 100*kB && p.Size < 1*mB })
	head, _ := get(t, "HEAD", fileURL(ts.URL, p.DataURI), nil)
	if head.ContentLength != p.Size {
		t.Errorf("HEAD announces %d bytes, want the whole %d", head.ContentLength, p.Size)
	}
	resp, err := http.Get(fileURL(ts.URL, p.DataURI))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || len(got) != 5000 || resp.ContentLength != -1 {
		t.Fatalf("GET: %d bytes, Content-Length %d, err %v; want 5000 bytes ending cleanly without a length", len(got), resp.ContentLength, err)
	}
}
