package serve_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"mastui/download"
	"mastui/services/mast"
	"mastui/services/sim"
	"mastui/ui"
	"mastui/ui/serve"
	"mastui/ui/uitest"
)

// A session killed while its downloads are in flight (the client gone, its TCP
// connection reset) loses nothing: the files it queued still complete on the server, a
// new session sees them done, and once everything is shut down no goroutine is left.
func TestKilledMidDownload(t *testing.T) {
	arch := uitest.DemoArchive(t) // built before the baseline: it is kept for the test binary
	baseline := runtime.NumGoroutine()

	s, err := sim.New(sim.Options{Archive: arch})
	if err != nil {
		t.Fatal(err)
	}
	started, gate := make(chan struct{}, 64), make(chan struct{})
	h := s.Handler()
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/Download/") { // hold the files until the session is gone
			select {
			case started <- struct{}{}:
			default:
			}
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	ctx, cancel := context.WithCancel(context.Background())
	mgr, err := download.New(download.Options{Ephemeral: true, MastURL: files.URL})
	if err != nil {
		t.Fatal(err)
	}
	mgr.Start(ctx)
	shared := serve.ShareDownloads(mgr)
	dir := t.TempDir()
	ts := startServer(t, serve.Config{
		Archive:   mast.New(mast.Config{BaseURL: files.URL, PollInterval: time.Millisecond}),
		Options:   ui.Options{DownloadDir: dir, MastURL: files.URL},
		Downloads: shared.Factory,
	})

	conn, client := dialRaw(t, ts)
	tm := openTerminal(t, client, 120, 36)
	tm.WaitFor("Search observations")
	tm.Type("M101\r")
	tm.WaitFor("321 observations") // the results (the form shows "M101 → ..." too)
	tm.Type("\r")                  // the products of the first observation
	tm.WaitFor("356 products")
	// Keys one at a time: a burst of letters reaches the TUI as one text input.
	tm.Type("/") // the name filter: its five thumbnails
	tm.WaitFor("enter apply")
	tm.Type("thumb")
	tm.WaitFor("name: thumb")
	tm.Type("\r")
	tm.WaitFor("5 shown of")
	tm.Type("a")
	tm.WaitFor("5 selected")
	tm.Mark()
	tm.Type("D")
	tm.WaitFor("5 files, ")
	<-started // a download is in flight

	conn.(*net.TCPConn).SetLinger(0) // the client is killed: its connection reset
	conn.Close()
	close(gate)
	if err := mgr.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	snap := mgr.Snapshot()
	if len(snap) != 5 {
		t.Fatalf("%d items queued, want the 5 thumbnails", len(snap))
	}
	for _, st := range snap {
		fi, err := os.Stat(st.Dest)
		if st.State != download.Done || err != nil || fi.Size() != st.Size || !strings.HasSuffix(st.Dest, "_thumb.jpg") {
			t.Errorf("%s: %s %s, on disk: %v", st.Dest, st.State, st.Err, err)
		}
		if _, err := os.Stat(st.Dest + ".part"); err == nil {
			t.Errorf("%s.part left behind", st.Dest)
		}
		if !strings.HasPrefix(st.Dest, filepath.Join(dir, "mastDownload")) {
			t.Errorf("%s outside --dir", st.Dest)
		}
	}

	// Reconnecting, the user sees the queue and what finished while away.
	_, again := dialRaw(t, ts)
	back := openTerminal(t, again, 120, 36)
	back.WaitFor("Search observations")
	back.Type("\x14\x14\x14\x14\x14") // ctrl+t to the Queue tab, the last one
	back.WaitFor("0 active · 0 waiting · 5 done")
	again.Close()

	ts.stop()
	cancel()
	mgr.Close()
	shared.Wait()
	files.Close()
	settle(t, "goroutines back to the baseline", func() bool { return runtime.NumGoroutine() <= baseline })
}

// Sessions that end by a quit, a closed client and a reset connection leave no
// goroutine and no session state behind, with the shared downloads in use.
func TestDisconnectsLeakNothing(t *testing.T) {
	mgr, err := download.New(download.Options{Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	mgr.Start(ctx)
	defer mgr.Close()
	shared := serve.ShareDownloads(mgr)
	ts := startServer(t, serve.Config{MaxSessions: 3, Downloads: shared.Factory})
	// A first session (then gone) so that everything made once per process exists.
	_, first := dialRaw(t, ts)
	openTerminal(t, first, 100, 30).WaitFor("Observations")
	first.Close()
	settle(t, "no session left", func() bool { return ts.srv.Sessions() == 0 })
	baseline := runtime.NumGoroutine()

	_, quit := dialRaw(t, ts)
	q := openTerminal(t, quit, 100, 30)
	_, closed := dialRaw(t, ts)
	c := openTerminal(t, closed, 100, 30)
	reset, resetClient := dialRaw(t, ts)
	r := openTerminal(t, resetClient, 100, 30)
	for _, tm := range []*terminal{q, c, r} {
		tm.WaitFor("Observations")
	}
	q.Type("\x03") // ctrl+c: the TUI quits, the session ends
	q.WaitEnd()
	quit.Close() // as ssh does once its session ended
	closed.Close()
	reset.(*net.TCPConn).SetLinger(0)
	reset.Close()
	settle(t, "no session left", func() bool { return ts.srv.Sessions() == 0 })
	settle(t, "goroutines back to the baseline", func() bool { return runtime.NumGoroutine() <= baseline })
}
