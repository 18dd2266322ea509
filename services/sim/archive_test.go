package sim

import (
	"bytes"
	"context"
	"io"
	"mastui/services/testmode"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestArchiveContents(t *testing.T) {
	t.Parallel()
	// How long New takes is measured by BenchmarkNew, never asserted here. The shared
	// Seed-1 simulator is New(Options{Seed: 1}): no second archive to build.
	s, _ := sharedServer(t)
	a := s.Archive()
	if a.Len() < 20000 {
		t.Fatalf("%d observations, want at least 20000", a.Len())
	}
	colls := a.Collections()
	for _, c := range []string{"HST", "JWST", "TESS", "Kepler", "K2", "GALEX", "IUE", "SWIFT", "FUSE", "HLA", "PS1", "HLSP", "SPITZER_SHA"} {
		if colls[c] < 100 {
			t.Errorf("%s has %d observations", c, colls[c])
		}
	}
	exclusive, calibration := 0, 0
	for i := 0; i < a.Len(); i++ {
		o := a.At(i)
		if o.DataRights == "EXCLUSIVE_ACCESS" {
			exclusive++
			if o.TRelease <= ReferenceMJD {
				t.Fatalf("%s exclusive but released", o.ObsID)
			}
		}
		if o.IntentType == "calibration" {
			calibration++
		}
		if o.ObsID == "" || o.Region == "" || o.Instrument == "" || o.TMin > o.TMax || o.Obsid == 0 || o.ObjID == 0 {
			t.Fatalf("incomplete observation %+v", o)
		}
		if i > 0 && a.At(i-1).Obsid >= o.Obsid {
			t.Fatal("observations are not in obsid order")
		}
	}
	if exclusive == 0 || exclusive > a.Len()/10 || calibration == 0 {
		t.Errorf("%d exclusive, %d calibration observations", exclusive, calibration)
	}
	for _, c := range []struct {
		ra, dec, r float64
		want       int
	}{{270.92194, -24.38017, 0.02, 196}, {322.49324, 12.16683, 0.2, 1804}} {
		if idx, _ := a.Cone(c.ra, c.dec, c.r); len(idx) != c.want {
			t.Errorf("cone %v: %d, want %d (astroquery docs)", c, len(idx), c.want)
		}
	}
	if idx, _ := a.Cone(210.802429, 54.34875, 0.2); len(idx) < 200 {
		t.Errorf("M101: %d observations within 0.2 deg", len(idx))
	}
}

// Every listed product must be downloadable, with the advertised size, whichever
// observation listed it.
func TestEveryListedFileIsServedSweep(t *testing.T) {
	testmode.Sweep(t)
	s, _ := sharedServer(t)
	a := s.Archive()
	for i := 0; i < a.Len(); i += 13 {
		o := a.At(i)
		ps := a.Products(o.Obsid)
		if len(ps) == 0 {
			t.Fatalf("%s (%s) has no products", o.ObsID, o.Collection)
		}
		for k := 0; k < len(ps); k += 1 + len(ps)/6 {
			p := ps[k]
			f, err := a.File(p.DataURI)
			if err != nil {
				t.Fatalf("%s listed by %s: %v", p.DataURI, o.ObsID, err)
			}
			if f.Size != p.Size || f.Product.ObsID != p.ObsID || p.ParentObsID != o.Obsid {
				t.Fatalf("%s: size %d vs %d, owner %d vs %d", p.DataURI, f.Size, p.Size, f.Product.ObsID, p.ObsID)
			}
			if p.Filename == "" || !strings.HasPrefix(p.DataURI, "mast:") || !strings.HasSuffix(p.DataURI, p.Filename) {
				t.Fatalf("bad product %+v", p)
			}
			// astroquery sends URIs unescaped in the query string: they must need no escaping.
			if strings.IndexFunc(p.DataURI, func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(":/._-", r))
			}) >= 0 {
				t.Fatalf("URI %q needs escaping", p.DataURI)
			}
		}
	}
}

// TestDeterminism: a simulator built afresh with seed 1 answers as the shared one does
// (searches, products, a file's bytes, the whole Mast.Caom.All answer), so every run of
// every test sees the same archive.
func TestDeterminismSweep(t *testing.T) {
	testmode.Sweep(t)
	t.Parallel()
	run := func(fresh bool) (string, []byte, []byte) {
		_, ts := sharedServer(t)
		if fresh {
			_, ts = freshServer(t, Options{Seed: 1})
		}
		cone := invokeRaw(t, ts.URL, `{"service": "Mast.Caom.Cone", "params": {"ra": 83.82208, "dec": -5.39111, "radius": 0.2}, "format": "json", "pagesize": 50000, "page": 1}`)
		p := decodePortal(t, cone)
		prods := invokeRaw(t, ts.URL, `{"service": "Mast.Caom.Products", "params": {"obsid": "`+str(p.Data[0]["obsid"])+`"}, "format": "json", "pagesize": 50000, "page": 1}`)
		pp := decodePortal(t, prods)
		_, file := get(t, "GET", fileURL(ts.URL, str(pp.Data[0]["dataURI"])), nil)
		return string(cone) + string(prods), file, invokeRaw(t, ts.URL, `{"service": "Mast.Caom.All", "params": {}, "format": "extjs"}`)
	}
	a1, f1, all1 := run(false)
	a2, f2, all2 := run(true)
	if a1 != a2 || !bytes.Equal(f1, f2) || !bytes.Equal(all1, all2) {
		t.Fatal("two simulators with the same seed answer differently")
	}
	// That another seed gives another archive is archive.TestSeedChangesArchive: it
	// needs no second whole archive.
}

func TestConcurrentRequests(t *testing.T) {
	t.Parallel()
	_, ts := newTestServer(t, Options{Seed: 1, Executing: 1})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req := `{"service": "Mast.Caom.Cone", "params": {"ra": 10.684708, "dec": 41.26875, "radius": 0.2}, "format": "json", "pagesize": 100, "page": 1, "cacheBreaker": "c` + string(rune('a'+i)) + `"}`
			for n := 0; n < 2; n++ {
				code, _ := postForm(t, ts.URL+"/api/v0/invoke", "request="+pyQuote(req))
				if code != 200 {
					t.Errorf("HTTP %d", code)
				}
			}
		}(i)
	}
	wg.Wait()
}

func TestMainPrintsListeningLine(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Main(ctx, []string{"--listen", "127.0.0.1:0", "--seed", "3", "--latency", "1ms", "--executing", "0"}, pw, io.Discard)
		pw.Close()
	}()
	line := make([]byte, 0, 64)
	buf := make([]byte, 1)
	for {
		if _, err := pr.Read(buf); err != nil {
			t.Fatal(err)
		}
		if buf[0] == '\n' {
			break
		}
		line = append(line, buf[0])
	}
	url, ok := strings.CutPrefix(string(line), "listening on http://")
	if !ok || !strings.HasPrefix(url, "127.0.0.1:") {
		t.Fatalf("first line %q", line)
	}
	resp, err := http.Get("http://" + url + "/whoami")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("whoami: HTTP %d", resp.StatusCode)
	}
	go io.Copy(io.Discard, pr)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // a hang guard, not a speed check
		t.Fatal("Main did not return after cancel")
	}
	if err := Main(context.Background(), []string{"--bogus"}, io.Discard, io.Discard); err == nil {
		t.Error("unknown flag accepted")
	}
}

func TestStartAndStop(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, _ := sharedServer(t) // the default archive (seed 1), built once
	base, stop, err := Start(ctx, "127.0.0.1:0", Options{Archive: s.Archive()})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(base + "/whoami")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	stop()
	stop() // idempotent
	if _, err := http.Get(base + "/whoami"); err == nil {
		t.Error("server still answers after stop")
	}
}
