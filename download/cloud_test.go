package download

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mastui/services/sim"
	"mastui/services/sim/cloud"
)

// pickCloud returns n public products with a cloud copy, sizes in [lo, hi], distinct.
func pickCloud(t testing.TB, n int, lo, hi int64) []sim.Product {
	t.Helper()
	a := sharedSim(t).Archive()
	var out []sim.Product
	seen := map[string]bool{}
	for i := 0; i < a.Len() && len(out) < n; i++ {
		for _, p := range a.Products(a.At(i).Obsid) {
			path := p.Collection + "/" + p.ObsIDStr + "/" + p.Filename
			if p.Exclusive() || p.Size < lo || p.Size > hi || seen[p.DataURI] || seen[path] || cloud.KeyOf(p.DataURI) == "" {
				continue
			}
			seen[p.DataURI], seen[path] = true, true
			out = append(out, p)
			if len(out) == n {
				break
			}
		}
	}
	if len(out) < n {
		t.Fatalf("only %d cloud products in [%d, %d]", len(out), lo, hi)
	}
	return out
}

// cloudItems are itemsFor with each product's copy in the simulator's bucket at base.
func cloudItems(t testing.TB, base, dir string, prods []sim.Product) []Item {
	items := itemsFor(t, base, dir, prods)
	for i := range items {
		items[i].CloudURL = base + cloud.Prefix + cloud.Bucket + "/" + cloud.KeyOf(items[i].URI)
	}
	return items
}

// manifestOf is the CSV manifest of st.
func manifestOf(t testing.TB, st []Status) string {
	var b bytes.Buffer
	if err := WriteManifestCSV(&b, st); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCloudCopyFetchedWithoutCredentials(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	items := cloudItems(t, ts.URL, t.TempDir(), pickCloud(t, 4, 3000, 200_000))
	o := fastOpts(t)
	o.Token, o.MastURL = sim.DemoToken, ts.URL // the bucket shares the MAST host here
	st := runQueue(t, newManager(t, o), items, 30*time.Second)
	checkFiles(t, items)
	for _, s := range st {
		if s.State != Done || !s.FromCloud || s.CloudErr != "" {
			t.Errorf("%s: %s from cloud %v (%s)", s.Filename, s.State, s.FromCloud, s.CloudErr)
		}
	}
	reqs := c.requests()
	if len(reqs) != len(items) {
		t.Errorf("%d requests, want one per file: %+v", len(reqs), reqs)
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r.Path, "/s3/stpubdata/") {
			t.Errorf("request to %s, want the bucket only", r.Path)
		}
		if r.Auth != "" || r.Cookie != "" {
			t.Errorf("the bucket got credentials: Authorization %q, cookie %q", r.Auth, r.Cookie)
		}
	}
	if m := manifestOf(t, st); strings.Count(m, "from the cloud: "+ts.URL+"/s3/stpubdata/") != len(items) {
		t.Errorf("manifest does not say the files came from the cloud:\n%s", m)
	}
}

func TestCloudFailureFallsBackToMAST(t *testing.T) {
	c, ts := serve(t, newSim(t, sim.Faults{BucketDown: true}).Handler())
	items := cloudItems(t, ts.URL, t.TempDir(), pickCloud(t, 4, 3000, 200_000))
	o := fastOpts(t)
	o.Token, o.MastURL = sim.DemoToken, ts.URL
	st := runQueue(t, newManager(t, o), items, 30*time.Second)
	checkFiles(t, items)
	for _, s := range st {
		if s.State != Done || s.FromCloud || !strings.Contains(s.CloudErr, "503") {
			t.Errorf("%s: %s from cloud %v (%q), want done from MAST after a 503", s.Filename, s.State, s.FromCloud, s.CloudErr)
		}
	}
	bucket, mast := 0, 0
	for _, r := range c.requests() {
		switch {
		case strings.HasPrefix(r.Path, "/s3/"):
			bucket++
			if r.Auth != "" || r.Cookie != "" {
				t.Errorf("the bucket got credentials")
			}
		case r.Path == "/api/v0.1/Download/file":
			mast++
			if r.Auth == "" {
				t.Errorf("MAST got no token")
			}
		}
	}
	if bucket != len(items) || mast != len(items) {
		t.Errorf("%d bucket and %d MAST requests, want one of each per file (no retry of a failed bucket)", bucket, mast)
	}
	if m := manifestOf(t, st); strings.Count(m, "from MAST (cloud copy: HTTP 503 Service Unavailable: SlowDown: Please reduce your request rate.)") != len(items) {
		t.Errorf("manifest does not say the files came from MAST:\n%s", m)
	}
}

func TestCloudWithoutCopyFallsBackToMAST(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	items := cloudItems(t, ts.URL, t.TempDir(), pickCloud(t, 1, 3000, 200_000))
	items[0].CloudURL += ".missing"
	st := runQueue(t, newManager(t, fastOpts(t)), items, 30*time.Second)
	checkFiles(t, items)
	if s := st[0]; s.State != Done || s.FromCloud || !strings.Contains(s.CloudErr, "HTTP 404 Not Found: NoSuchKey: The specified key does not exist.") {
		t.Fatalf("%s from cloud %v (%q), want done from MAST after a 404", s.State, s.FromCloud, s.CloudErr)
	}
}

func TestCloudResumeSendsRangeToTheBucket(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	it := cloudItems(t, ts.URL, t.TempDir(), pickCloud(t, 1, 150_000, 400_000))[0]
	const have = 100_000
	if err := os.MkdirAll(filepath.Dir(it.Dest), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(it.Dest+partSuffix, content(t, it.URI)[:have], 0o644); err != nil {
		t.Fatal(err)
	}
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	if st[0].State != Done || !st[0].FromCloud {
		t.Fatalf("state %s, from cloud %v: %s %s", st[0].State, st[0].FromCloud, st[0].Err, st[0].CloudErr)
	}
	checkFiles(t, []Item{it})
	reqs := c.requests()
	if len(reqs) != 1 || !strings.HasPrefix(reqs[0].Path, "/s3/") || reqs[0].Range != fmt.Sprintf("bytes=%d-", have) {
		t.Fatalf("requests %+v, want one to the bucket with Range bytes=%d-", reqs, have)
	}
	if got, want := c.bytes.Load(), it.Size-have; got != want {
		t.Fatalf("served %d bytes, want only the missing %d", got, want)
	}
}

// A copy cut off mid-body is resumed from the bucket (the cut made progress), never
// handed to MAST.
func TestCloudCutOffResumesFromTheBucket(t *testing.T) {
	c, ts := serve(t, newSim(t, sim.Faults{DropAfterBytes: 60_000}).Handler())
	it := cloudItems(t, ts.URL, t.TempDir(), pickCloud(t, 1, 150_000, 400_000))[0]
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	if st[0].State != Done || !st[0].FromCloud {
		t.Fatalf("state %s, from cloud %v: %s %s", st[0].State, st[0].FromCloud, st[0].Err, st[0].CloudErr)
	}
	checkFiles(t, []Item{it})
	reqs := c.requests()
	if len(reqs) < 3 {
		t.Fatalf("%d requests, want the file in cuts of 60000 bytes", len(reqs))
	}
	for i, r := range reqs {
		if !strings.HasPrefix(r.Path, "/s3/") {
			t.Errorf("request %d went to %s, want the bucket", i, r.Path)
		}
		if want := fmt.Sprintf("bytes=%d-", i*60_000); i > 0 && r.Range != want {
			t.Errorf("request %d: Range %q, want %q", i, r.Range, want)
		}
	}
}

// The fallback is journaled: a later run's manifest still says the file came from MAST.
func TestCloudFallbackSurvivesTheJournal(t *testing.T) {
	_, ts := serve(t, newSim(t, sim.Faults{BucketDown: true}).Handler())
	items := cloudItems(t, ts.URL, t.TempDir(), pickCloud(t, 1, 3000, 200_000))
	o := fastOpts(t)
	m := newManager(t, o)
	runQueue(t, m, items, 30*time.Second)
	m.Close()
	again := newManager(t, o)
	st := again.Snapshot()
	if len(st) != 1 || st[0].State != Done || st[0].FromCloud || !strings.Contains(st[0].CloudErr, "503") {
		t.Fatalf("replayed %+v, want done from MAST after a 503", st)
	}
}
