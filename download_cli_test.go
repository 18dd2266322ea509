package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"mastui/services/sim"
)

// countingSim serves the simulator and counts the body bytes of file downloads.
func countingSim(t *testing.T) (*sim.Server, string, *atomic.Int64) {
	t.Helper()
	s, err := sim.New(sim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var sent atomic.Int64
	h := s.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "Download/file") {
			w = countingWriter{w, &sent}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return s, ts.URL, &sent
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n.Add(int64(n))
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
	if _, stderr, err := runCLI(t, args...); err != nil {
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

// TestDownloadSurvivesKill9 runs the real binary on a large queue, kills it with
// SIGKILL mid-way, resumes, and checks every file and how much was sent twice.
func TestDownloadSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	s, url, sent := countingSim(t)
	bin := filepath.Join(t.TempDir(), "mastui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	state, dir := t.TempDir(), t.TempDir()
	env := append(os.Environ(), "XDG_STATE_HOME="+state, "MASTUI_CONFIG="+filepath.Join(state, "none.json"))
	// JWST program 1073: many files; a rate cap makes the kill land mid-transfer.
	ids, _, err := runCLI(t, "query", "criteria", "obs_collection=JWST", "proposal_id=1073", "--mast-url", url, "--format", "csv", "--columns", "obsid")
	if err != nil {
		t.Fatal(err)
	}
	obsids := strings.Split(strings.TrimSpace(ids), "\n")[1:4]
	cmd := exec.Command(bin, append([]string{"download", "--mast-url", url, "--dir", dir, "--limit-rate", "20M",
		"--filter", "size=<30MB", "--filter", "guide_stars=false"}, obsids...)...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for sent.Load() < 20_000_000 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	atKill := sent.Load()
	// What the client had on disk when it died (finished files and .part files); bytes
	// the server had written into socket buffers but the client never read are not
	// "re-sent" by a resume, so they are not counted against it.
	var onDisk int64
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			onDisk += info.Size()
		}
		return nil
	})
	resume := exec.CommandContext(context.Background(), bin, "download", "--resume", "--mast-url", url, "--dir", dir)
	resume.Env = env
	if out, err := resume.CombinedOutput(); err != nil {
		t.Fatalf("resume: %v\n%s\nfirst run: %s", err, out, stderr.String())
	}
	files, total := sameAsArchive(t, s, dir)
	if total < 40_000_000 || files < 10 {
		t.Fatalf("queue too small to prove anything: %d files, %d bytes", files, total)
	}
	if atKill >= total {
		t.Fatalf("the kill came after everything was sent (%d of %d bytes)", atKill, total)
	}
	afterKill := sent.Load() - atKill
	resent := afterKill - (total - onDisk) // what the resume fetched beyond what was missing
	if resent > total/100 {
		t.Errorf("resume re-fetched %d bytes already on disk (%.2f%% of %d), want < 1%%", resent, 100*float64(resent)/float64(total), total)
	}
	t.Logf("%d files, %d bytes; killed after %d bytes served, %d on disk; resume fetched %d, %d of them again",
		files, total, atKill, onDisk, afterKill, resent)
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
	if err == nil || !strings.Contains(stderr, "login required") {
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
