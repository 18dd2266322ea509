package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"mastui/services/sim"
)

const (
	hstObsid   = "2003544716" // HST products, all with a cloud copy
	swiftObsid = "3300000000" // SWIFT products, none in the cloud
)

// bucketSim serves a simulator with faults f and records the paths of the requests,
// with the token they carried.
func bucketSim(t *testing.T, f sim.Faults) (string, func() []string) {
	t.Helper()
	isolatedState(t)
	t.Setenv("MASTUI_CLOUD_URL", "")
	t.Setenv("MASTUI_MAST_URL", "")
	s, err := sim.New(sim.Options{Archive: demoArchive(t), Faults: f})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		rec := r.Method + " " + r.URL.Path
		if r.Header.Get("Authorization") != "" {
			rec += " +token"
		}
		seen = append(seen, rec)
		mu.Unlock()
		s.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), seen...) }
}

func TestCloudURIsPrintsCopiesAndNamesTheRest(t *testing.T) {
	url, _ := bucketSim(t, sim.Faults{})
	stdout, stderr, err := runCLI(t, "cloud-uris", hstObsid, swiftObsid, "--mast-url", url, "--filter", "extension=fits,gz")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 5 {
		t.Fatalf("stdout:\n%s", stdout)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "s3://stpubdata/hst/public/jbv8/") {
			t.Errorf("line %q, want an s3://stpubdata/hst/public/jbv8/... URI", l)
		}
	}
	if !strings.Contains(stderr, "no cloud copy (no cloud path): mast:SWIFT/product/") || strings.Contains(stderr, "mast:HST/") {
		t.Errorf("stderr does not name exactly the SWIFT products:\n%s", stderr)
	}
	https, _, err := runCLI(t, "cloud-uris", hstObsid, "--mast-url", url, "--https", "--unique")
	if err != nil || !strings.HasPrefix(https, url+"/s3/stpubdata/hst/public/jbv8/") {
		t.Errorf("--https: %v\n%s", err, https)
	}
}

func TestCloudURIsFailsWhenNoProductHasACopy(t *testing.T) {
	url, _ := bucketSim(t, sim.Faults{})
	stdout, stderr, err := runCLI(t, "cloud-uris", swiftObsid, "--mast-url", url)
	if err == nil || !strings.Contains(err.Error(), "has a copy in the cloud") || stdout != "" {
		t.Fatalf("err %v, stdout %q, stderr:\n%s", err, stdout, stderr)
	}
}

// treeSums maps each downloaded file's path (below mastDownload) to its sha256.
func treeSums(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	root := filepath.Join(dir, "mastDownload")
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		rel, _ := filepath.Rel(root, p)
		sums[rel] = hex.EncodeToString(h[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

func lastManifest(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "mastDownload_manifest_*.csv"))
	if len(m) == 0 {
		t.Fatal("no manifest")
	}
	sort.Strings(m)
	b, err := os.ReadFile(m[len(m)-1])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDownloadCloudFilesAreMASTsFiles(t *testing.T) {
	url, requests := bucketSim(t, sim.Faults{})
	t.Setenv("MAST_API_TOKEN", sim.DemoToken)
	viaMAST, viaCloud := t.TempDir(), t.TempDir()
	args := []string{"download", hstObsid, swiftObsid, "--mast-url", url, "--filter", "size=<3MB"}
	if _, stderr, err := runCLI(t, append(args, "--dir", viaMAST)...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	t.Setenv("XDG_STATE_HOME", t.TempDir()) // a queue of its own
	before := len(requests())
	if _, stderr, err := runCLI(t, append(args, "--dir", viaCloud, "--cloud")...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	a, b := treeSums(t, viaMAST), treeSums(t, viaCloud)
	if len(a) < 5 || len(a) != len(b) {
		t.Fatalf("%d files via MAST, %d with --cloud", len(a), len(b))
	}
	for p, sum := range a {
		if b[p] != sum {
			t.Errorf("%s: sha256 %s via MAST, %s with --cloud", p, sum, b[p])
		}
	}
	fromBucket, fromMAST := 0, 0
	for _, r := range requests()[before:] {
		switch {
		case strings.HasPrefix(r, "GET /s3/stpubdata/"):
			fromBucket++
			if strings.HasSuffix(r, "+token") {
				t.Errorf("%s: the token went to the bucket", r)
			}
		case strings.HasPrefix(r, "GET /api/v0.1/Download/file"):
			fromMAST++
		}
	}
	m := lastManifest(t, viaCloud)
	if fromBucket == 0 || fromMAST == 0 || strings.Count(m, "from the cloud: "+url+"/s3/stpubdata/hst/") != fromBucket {
		t.Errorf("%d files from the bucket, %d from MAST (the SWIFT ones); manifest:\n%s", fromBucket, fromMAST, m)
	}
}

func TestDownloadCloudFallsBackWhenTheBucketFails(t *testing.T) {
	url, requests := bucketSim(t, sim.Faults{BucketDown: true})
	dir := t.TempDir()
	_, stderr, err := runCLI(t, "download", hstObsid, "--mast-url", url, "--filter", "size=<3MB", "--dir", dir, "--cloud")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files := treeSums(t, dir)
	m := lastManifest(t, dir)
	if n := strings.Count(m, "from MAST (cloud copy: HTTP 503 Service Unavailable: SlowDown"); n != len(files) || len(files) < 3 {
		t.Errorf("%d files, %d said to come from MAST after a 503:\n%s", len(files), n, m)
	}
	bucket := 0
	for _, r := range requests() {
		if strings.HasPrefix(r, "GET /s3/") {
			bucket++
		}
	}
	if bucket != len(files) {
		t.Errorf("%d bucket requests for %d files: a failed bucket is asked once per file", bucket, len(files))
	}
}

func TestDownloadCloudIsNotAnExport(t *testing.T) {
	url, _ := bucketSim(t, sim.Faults{})
	_, _, err := runCLI(t, "download", hstObsid, "--mast-url", url, "--cloud", "--urls", filepath.Join(t.TempDir(), "u.txt"))
	if err == nil || !strings.Contains(err.Error(), "--cloud fetches files") {
		t.Fatalf("err %v", err)
	}
}
