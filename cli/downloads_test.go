package cli

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"mastui/download"
	"mastui/download/service"
)

// userService runs the user's download service in this process (a fresh runtime dir,
// the journal of the test's state dir) and turns the service on for the commands. The
// returned channel gets Serve's result.
func userService(t *testing.T, opts download.Options) (*service.Server, <-chan error) {
	t.Helper()
	rt, err := os.MkdirTemp("", "mrt") // short: a socket path holds ~107 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(rt) })
	t.Setenv("XDG_RUNTIME_DIR", rt)
	t.Setenv("MASTUI_DOWNLOAD_SERVICE", "on")
	srv, err := service.Listen(service.ServerOptions{Idle: -1, Manager: opts})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done, finished := make(chan error, 1), make(chan struct{})
	go func() {
		defer close(finished)
		done <- srv.Serve(ctx)
	}()
	t.Cleanup(func() { cancel(); <-finished })
	return srv, done
}

// `mastui download` with the service on queues in the service (not in its own process),
// waits for its files, and reports as before, leaving alone what another program
// finished in the queue; `downloads status` lists them, `downloads clear` forgets them,
// `downloads stop` ends the service.
func TestDownloadThroughTheService(t *testing.T) {
	isolatedState(t)
	s, url, _ := countingSim(t)
	srv, done := userService(t, download.Options{})
	other := download.Item{URL: url + "/api/v0.1/Download/file?uri=mast:X/other.fits", Dest: filepath.Join(t.TempDir(), "other.fits")}
	if _, err := srv.Manager().AddAll(other); err != nil { // another program's, failed (no such file)
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, stderr, err := runCLI(t, "download", "2003544716", "--mast-url", url, "--filter", "size=<5MB", "--dir", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "downloaded, 0 already on disk, 0 failed; manifest: "+dir) {
		t.Errorf("summary:\n%s", stderr)
	}
	files, _ := sameAsArchive(t, s, dir)
	if queued := len(srv.Manager().Snapshot()); files < 5 || queued != files+1 {
		t.Fatalf("%d files on disk, %d in the service's queue (want them and the other program's)", files, queued)
	}
	// Again: its own finished items are checked against the disk again, the other's stay.
	if _, stderr, err = runCLI(t, "download", "2003544716", "--mast-url", url, "--filter", "size=<5MB", "--dir", dir); err != nil || !strings.Contains(stderr, "0 downloaded, "+strconv.Itoa(files)+" already on disk") {
		t.Fatalf("rerun: %v\n%s", err, stderr)
	}
	if _, ok := srv.Manager().Status(download.ItemID(other.URL, other.Dest)); !ok {
		t.Fatal("mastui download cleared another program's download from the queue")
	}
	if _, _, err := runCLI(t, "downloads", "clear", "failed"); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "downloads", "status", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != files+1 || recs[0][1] != "State" {
		t.Fatalf("status: %v\n%s", err, out)
	}
	for _, r := range recs[1:] {
		if (r[1] != "done" && r[1] != "skipped") || r[2] != "100%" || !strings.HasPrefix(r[7], dir) {
			t.Errorf("status row %q", r)
		}
	}
	if _, _, err := runCLI(t, "downloads", "clear"); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Manager().Snapshot()); n != 0 {
		t.Errorf("%d items left after clear", n)
	}
	_, stderr, err = runCLI(t, "downloads", "stop")
	if err != nil || !strings.Contains(stderr, "stopped") {
		t.Fatalf("stop: %v\n%s", err, stderr)
	}
	if err := <-done; err != nil {
		t.Fatalf("Serve after stop: %v", err)
	}
	_, stderr, err = runCLI(t, "downloads", "stop")
	if err != nil || !strings.Contains(stderr, "no download service is running") {
		t.Fatalf("stop again: %v\n%s", err, stderr)
	}
}

// `downloads watch --exit-when-done` prints a plain line per state change (no terminal
// here) and ends once nothing is queued or active.
func TestDownloadsWatchFollowsTheQueueToItsEnd(t *testing.T) {
	isolatedState(t)
	s, url, _ := countingSim(t)
	userService(t, download.Options{})
	uri, size := productURI(t, s, ".fits", 50_000)
	c, err := service.Connect(context.Background(), service.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	it := download.Item{URL: download.FileURL(url, uri), Dest: filepath.Join(t.TempDir(), filepath.Base(uri)), Size: size}
	if _, err := c.AddAll(it); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "downloads", "watch", "--exit-when-done")
	if err != nil {
		t.Fatal(err)
	}
	last := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.Contains(out, "done       "+download.ItemID(it.URL, it.Dest)+" "+filepath.Base(uri)) && !strings.Contains(last[0], " 1/1 files") {
		t.Errorf("watch never showed the download done:\n%s", out)
	}
	if !strings.Contains(last[len(last)-1], " 1/1 files") || strings.Contains(out, "\r") || strings.Contains(out, "\033") {
		t.Errorf("watch output:\n%q", out)
	}
	if fi, err := os.Stat(it.Dest); err != nil || fi.Size() != size {
		t.Errorf("the file: %v %v", fi, err)
	}
}

// The controls take an ID prefix and report what they cannot do.
func TestDownloadsControlsByIDPrefix(t *testing.T) {
	isolatedState(t)
	srv, _ := userService(t, download.Options{MaxAttempts: 1, RetryBase: time.Millisecond})
	c, err := service.Connect(context.Background(), service.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Nothing listens on port 1: the item fails at its first attempt.
	it := download.Item{URL: "http://127.0.0.1:1/nothing.fits", Dest: filepath.Join(t.TempDir(), "nothing.fits")}
	if _, err := c.AddAll(it); err != nil {
		t.Fatal(err)
	}
	id := download.ItemID(it.URL, it.Dest)
	waitState := func(want download.State) {
		t.Helper()
		for ev := range c.Events() {
			if s := ev.EventStatus(); s.ID == id && s.State == want {
				return
			}
		}
		t.Fatalf("events closed before %s", want)
	}
	waitState(download.Failed)
	if _, _, err := runCLI(t, "downloads", "pause", id[:6]); err == nil || !strings.Contains(err.Error(), "item is failed") {
		t.Errorf("pause of a failed download: %v", err)
	}
	if _, _, err := runCLI(t, "downloads", "cancel"); err == nil || !strings.Contains(err.Error(), "give one download ID") {
		t.Errorf("cancel without an ID: %v", err)
	}
	if _, _, err := runCLI(t, "downloads", "retry", "ffffffffffff"); err == nil || !strings.Contains(err.Error(), "no download") {
		t.Errorf("retry of an unknown ID: %v", err)
	}
	if _, _, err := runCLI(t, "downloads", "retry", id[:6]); err != nil {
		t.Fatal(err)
	}
	waitState(download.Failed) // queued again, and failed again
	if _, _, err := runCLI(t, "downloads", "clear", "failed"); err != nil {
		t.Fatal(err)
	}
	if st := srv.Manager().Snapshot(); len(st) != 0 {
		t.Errorf("left after clear failed: %+v", st)
	}
}
