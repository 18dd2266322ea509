package cli

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"mastui/services/sim"
)

// countingSim serves the simulator and counts the body bytes of file downloads.
func countingSim(t *testing.T) (*sim.Server, string, *sentBytes) {
	t.Helper()
	return simWith(t, sim.Faults{})
}

// sentBytes counts the bytes of file bodies the simulator sent. Load waits for the
// handlers still running: a client can have read a whole body, and its command ended,
// before the server's last Write returned and was counted.
type sentBytes struct {
	mu     sync.Mutex
	done   *sync.Cond
	active int
	n      int64
}

func newSentBytes() *sentBytes {
	s := &sentBytes{}
	s.done = sync.NewCond(&s.mu)
	return s
}

func (s *sentBytes) begin() { s.mu.Lock(); s.active++; s.mu.Unlock() }

func (s *sentBytes) end() {
	s.mu.Lock()
	s.active--
	s.mu.Unlock()
	s.done.Broadcast()
}

func (s *sentBytes) add(n int) { s.mu.Lock(); s.n += int64(n); s.mu.Unlock() }

// Load is the bytes sent once no body is being sent.
func (s *sentBytes) Load() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.active > 0 {
		s.done.Wait()
	}
	return s.n
}

type countingWriter struct {
	http.ResponseWriter
	n *sentBytes
}

func (c countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n.add(n)
	return n, err
}

func (c countingWriter) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// sameAsArchive compares every downloaded file with the simulator's bytes.
func sameAsArchive(t *testing.T, s *sim.Server, dir string) (files int, bytesTotal int64) {
	t.Helper()
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.Contains(path, "mastDownload"+string(os.PathSeparator)) {
			return err
		}
		if strings.HasSuffix(path, ".part") {
			t.Errorf("leftover %s", path)
			return nil
		}
		coll, obs := filepath.Base(filepath.Dir(filepath.Dir(path))), filepath.Base(filepath.Dir(path))
		_ = obs
		uri := "mast:" + coll + "/product/" + filepath.Base(path)
		size, r, err := s.Archive().FileContent(uri)
		if err != nil {
			t.Errorf("%s: %v", uri, err)
			return nil
		}
		want, _ := io.ReadAll(io.NewSectionReader(r, 0, size))
		got, _ := os.ReadFile(path)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the archive (%d vs %d bytes)", path, len(got), len(want))
		}
		files++
		bytesTotal += size
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, bytesTotal
}

func TestDownloadCLIFilesMatchAndRerunSkips(t *testing.T) {
	s, url, sent := countingSim(t)
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("MASTUI_CONFIG", t.TempDir()+"/none.json")
	dir := t.TempDir()
	args := []string{"download", "2003544716", "--mast-url", url, "--filter", "size=<5MB", "--dir", dir}
	if _, stderr, err := runCLI(t, append(args, "--fsync")...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files, _ := sameAsArchive(t, s, dir)
	if files < 5 {
		t.Fatalf("only %d files downloaded", files)
	}
	before := sent.Load()
	_, stderr, err := runCLI(t, args...)
	if err != nil || !strings.Contains(stderr, "0 downloaded, "+strconv.Itoa(files)+" already on disk") {
		t.Fatalf("rerun: %v\n%s", err, stderr)
	}
	if sent.Load() != before {
		t.Errorf("rerun fetched %d bytes; complete files must be skipped", sent.Load()-before)
	}
	m, _ := filepath.Glob(filepath.Join(dir, "mastDownload_manifest_*.csv"))
	if len(m) == 0 {
		t.Fatal("no manifest")
	}
	b, _ := os.ReadFile(m[len(m)-1])
	if !strings.HasPrefix(string(b), "Local Path,Status,Message,URL\n") || !strings.Contains(string(b), ",COMPLETE,") {
		t.Errorf("manifest:\n%s", b)
	}
}

func TestDownloadExclusiveNeedsTokenFromEnv(t *testing.T) {
	s, url, _ := countingSim(t)
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("MASTUI_CONFIG", t.TempDir()+"/none.json")
	t.Setenv("MAST_API_TOKEN", "")
	out, _, err := runCLI(t, "query", "criteria", "obs_collection=HST", "dataRights=EXCLUSIVE_ACCESS", "--mast-url", url, "--format", "csv", "--columns", "obsid")
	if err != nil {
		t.Fatal(err)
	}
	id := strings.Split(strings.TrimSpace(out), "\n")[1]
	dir := t.TempDir()
	args := []string{"download", id, "--mast-url", url, "--dir", dir, "--filter", "size=<5MB", "--filter", "extension=fits"}
	_, stderr, err := runCLI(t, args...)
	if err == nil || !strings.Contains(stderr, "login required: ") || !strings.Contains(err.Error(), "run mastui login") {
		t.Fatalf("without a token: err=%v\n%s", err, stderr)
	}
	m, _ := filepath.Glob(filepath.Join(dir, "mastDownload_manifest_*.csv"))
	if b, _ := os.ReadFile(m[0]); !strings.Contains(string(b), ",ERROR,") {
		t.Errorf("manifest lacks ERROR rows:\n%s", b)
	}
	t.Setenv("MAST_API_TOKEN", sim.DemoToken)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("with the token: %v\n%s", err, stderr)
	}
	if files, _ := sameAsArchive(t, s, dir); files == 0 {
		t.Fatal("no files with the token")
	}
}

// simWith serves a simulator with download faults and counts the body bytes of file
// downloads.
func simWith(t *testing.T, f sim.Faults) (*sim.Server, string, *sentBytes) {
	t.Helper()
	s, err := sim.New(sim.Options{Archive: demoArchive(t), Faults: f})
	if err != nil {
		t.Fatal(err)
	}
	sent := newSentBytes()
	h := s.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "Download/file") {
			sent.begin()
			defer sent.end()
			w = countingWriter{w, sent}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return s, ts.URL, sent
}

// productURI finds a public product of at least lo bytes whose name ends in ext.
func productURI(t *testing.T, s *sim.Server, ext string, lo int64) (string, int64) {
	t.Helper()
	p, ok := s.Archive().FindProduct(func(p sim.Product) bool {
		return !p.Exclusive() && p.Size >= lo && p.Size < 4*lo && strings.HasSuffix(p.Filename, ext)
	})
	if !ok {
		t.Fatalf("no %s product", ext)
	}
	return p.DataURI, p.Size
}

func isolatedState(t *testing.T) string {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("MASTUI_CONFIG", filepath.Join(state, "none.json"))
	t.Setenv("MAST_API_TOKEN", "")
	return state
}

// A body without Content-Length that ends cleanly halfway is not called saved: no size
// from HEAD either, and a text file has no end marker, so it is kept as unverified and
// the command fails.
func TestDownloadFileCutShortWithoutLengthIsNotComplete(t *testing.T) {
	isolatedState(t)
	s, url, _ := simWith(t, sim.Faults{TruncateAfterBytes: 20_000, NoContentLength: true})
	uri, _ := productURI(t, s, ".txt", 60_000)
	dir := t.TempDir()
	_, stderr, err := runCLI(t, "download-file", uri, "--out", dir, "--mast-url", url)
	if err == nil || strings.Contains(stderr, "saved "+filepath.Join(dir, filepath.Base(uri))+"\n") || !strings.Contains(stderr, "may be incomplete") {
		t.Fatalf("err %v\n%s", err, stderr)
	}
}

// download-file skips a file already complete on disk (astroquery's cache=True): one
// HEAD, no body.
func TestDownloadFileSkipsCompleteFile(t *testing.T) {
	isolatedState(t)
	s, url, sent := countingSim(t)
	uri, size := productURI(t, s, ".fits", 50_000)
	dir := t.TempDir()
	args := []string{"download-file", uri, "--out", dir, "--mast-url", url}
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if sent.Load() != size {
		t.Fatalf("first run sent %d bytes, want %d", sent.Load(), size)
	}
	_, stderr, err := runCLI(t, args...)
	if err != nil || !strings.Contains(stderr, "already on disk") {
		t.Fatalf("second run: %v\n%s", err, stderr)
	}
	if sent.Load() != size {
		t.Fatalf("the second run fetched %d bytes again", sent.Load()-size)
	}
}

func manifestsIn(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "mastDownload_manifest_*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// exclusiveObsid is an HST observation with exclusive-access products.
func exclusiveObsid(t *testing.T, url string) string {
	out, _, err := runCLI(t, "query", "criteria", "obs_collection=HST", "dataRights=EXCLUSIVE_ACCESS", "--mast-url", url, "--format", "csv", "--columns", "obsid")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(out), "\n")[1]
}

// download --resume retries the failed items (here: a token set since), writes its
// manifest next to the files (not in the current directory), and with nothing left to
// resume writes nothing.
func TestDownloadResumeRetriesFailedNextToFiles(t *testing.T) {
	isolatedState(t)
	s, url, _ := countingSim(t)
	id := exclusiveObsid(t, url)
	dir := t.TempDir()
	_, stderr, err := runCLI(t, "download", id, "--mast-url", url, "--dir", dir, "--filter", "size=<5MB", "--filter", "extension=fits")
	if err == nil || !strings.Contains(stderr, "login required") {
		t.Fatalf("without a token: %v\n%s", err, stderr)
	}
	cwd := t.TempDir()
	t.Chdir(cwd)
	t.Setenv("MAST_API_TOKEN", sim.DemoToken)
	if _, stderr, err := runCLI(t, "download", "--resume", "--mast-url", url); err != nil {
		t.Fatalf("resume with the token: %v\n%s", err, stderr)
	}
	if files, _ := sameAsArchive(t, s, dir); files == 0 {
		t.Fatal("the failed files were not retried")
	}
	if n := len(manifestsIn(t, dir)); n != 2 {
		t.Errorf("%d manifests next to the files, want 2 (the failed run and the resume)", n)
	}
	if m := manifestsIn(t, cwd); len(m) != 0 {
		t.Errorf("manifest written in the current directory: %v", m)
	}
	_, stderr, err = runCLI(t, "download", "--resume", "--mast-url", url)
	if err != nil || !strings.Contains(stderr, "nothing to resume") {
		t.Fatalf("resume with nothing to do: %v\n%s", err, stderr)
	}
	if len(manifestsIn(t, dir)) != 2 || len(manifestsIn(t, cwd)) != 0 {
		t.Error("a resume with nothing to do wrote a manifest")
	}
}

func TestDownloadClearFailed(t *testing.T) {
	isolatedState(t)
	_, url, _ := countingSim(t)
	dir := t.TempDir()
	if _, _, err := runCLI(t, "download", exclusiveObsid(t, url), "--mast-url", url, "--dir", dir, "--filter", "size=<5MB", "--filter", "extension=fits"); err == nil {
		t.Fatal("exclusive files without a token downloaded")
	}
	_, stderr, err := runCLI(t, "download", "--clear-failed")
	if err != nil || !regexp.MustCompile(`^[1-9]\d* failed downloads? cleared`).MatchString(stderr) {
		t.Fatalf("clear-failed: %v\n%s", err, stderr)
	}
	t.Setenv("MAST_API_TOKEN", sim.DemoToken)
	if _, stderr, err := runCLI(t, "download", "--resume", "--mast-url", url); err != nil || !strings.Contains(stderr, "nothing to resume") {
		t.Fatalf("resume after clearing: %v\n%s", err, stderr)
	}
}

func TestDownloadInputLimits(t *testing.T) {
	isolatedState(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--workers", "1000000"}, "--workers: give 1 to 64"},
		{[]string{"--workers", "0"}, "--workers: give 1 to 64"},
		{[]string{"--limit-rate", "0.5"}, "below 1 byte per second"},
		{[]string{"--limit-rate", "0.0001k"}, "below 1 byte per second"},
		{[]string{"--limit-rate", "NaN"}, "expected a rate"},
	} {
		for _, cmd := range [][]string{{"download", "2003544716"}, {"mission", "download", "--mission", "jwst", "jw01234001001"}} {
			_, _, err := runCLI(t, append(append(cmd, "--mast-url", "http://127.0.0.1:1"), c.args...)...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%v %v: %v, want an error saying %q", cmd, c.args, err, c.want)
			}
		}
	}
}

// Credentials in --mast-url never reach the journal, the manifests or the exports.
func TestMastURLCredentialsStayOut(t *testing.T) {
	state := isolatedState(t)
	s, url, _ := countingSim(t)
	withCreds := strings.Replace(url, "http://", "http://alice:s3cr3t-pw@", 1)
	dir := t.TempDir()
	args := []string{"download", "2003544716", "--mast-url", withCreds, "--filter", "size=<2MB", "--dir", dir}
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if files, _ := sameAsArchive(t, s, dir); files == 0 {
		t.Fatal("nothing downloaded")
	}
	script := filepath.Join(dir, "get.sh")
	if _, stderr, err := runCLI(t, append(args, "--curl", script)...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, root := range []string{state, dir} {
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || strings.Contains(p, "mastDownload"+string(os.PathSeparator)) {
				return err
			}
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte("s3cr3t-pw")) {
				t.Errorf("%s holds the password from --mast-url", p)
			}
			return nil
		})
	}
}
