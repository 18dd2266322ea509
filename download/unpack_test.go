package download

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mastui/services/cutouts"
	"mastui/services/sim"
)

// The documentation's TESScut position (seed 003): one sector, tess-s0001-1-3.
const tessRA, tessDec = 324.24368, -27.01029

// cutoutItem is a TESScut cutout of n×n pixels at the seed's position in sector 1 (or
// the sectors given; it is in 1, 27, 53, 79 and 105), queued to unpack into dir.
func cutoutItem(t testing.TB, base, dir string, n int, sectors ...int) Item {
	t.Helper()
	if len(sectors) == 0 {
		sectors = []int{1}
	}
	u, err := cutouts.TESScutURL(base, cutouts.TESScutCutout{
		Target: cutouts.Target{RA: tessRA, Dec: tessDec}, Size: cutouts.Size{X: float64(n), Y: float64(n), Units: cutouts.Pixels}, Sectors: sectors,
	})
	if err != nil {
		t.Fatal(err)
	}
	it := Item{URL: u, Dest: filepath.Join(dir, "tesscut_"+ItemID(u, "")[:8]+".zip"), Root: dir, Unpack: UnpackCutouts}
	it.ID = ItemID(it.URL, it.Dest)
	return it
}

// memberName is the target pixel file TESScut names for an n×n cutout at the position.
func memberName(n int) string {
	return fmt.Sprintf("tess-s0001-1-3_324.24368_-27.01029_%dx%d_astrocut.fits", n, n)
}

// checkTPF asserts path is a target pixel file whose FLUX is nx × ny pixels.
func checkTPF(t testing.TB, path string, nx, ny int) {
	t.Helper()
	lc, err := cutouts.ReadLightCurve(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if lc.Pixels != [2]int{nx, ny} || len(lc.Flux) == 0 {
		t.Fatalf("%s: FLUX of %v pixels with %d cadences, want %dx%d", path, lc.Pixels, len(lc.Flux), nx, ny)
	}
}

// zipBytes is what the simulator answers to a cutout GET, fetched directly.
func zipBytes(t testing.TB, u string) []byte {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %v", u, resp.StatusCode, err)
	}
	return b
}

func noFile(t testing.TB, p string) {
	t.Helper()
	if _, err := os.Lstat(p); err == nil {
		t.Errorf("%s is left on disk", p)
	}
}

// A cutout item is fetched, unpacked into its directory (the member named as TESScut
// names it, a target pixel file of the requested size), and its zip removed; its files
// are journaled with the done record and listed in the manifest, one row each.
func TestCutoutItemUnpacks(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	it := cutoutItem(t, ts.URL, dir, 5)
	o := fastOpts(t)
	st := runQueue(t, newManager(t, o), []Item{it}, 30*time.Second)
	if st[0].State != Done {
		t.Fatalf("%s: %s", st[0].State, st[0].Err)
	}
	want := filepath.Join(dir, memberName(5))
	if len(st[0].Files) != 1 || st[0].Files[0] != want {
		t.Fatalf("files %q, want [%s]", st[0].Files, want)
	}
	checkTPF(t, want, 5, 5)
	noFile(t, it.Dest)
	noFile(t, it.Dest+partSuffix)
	noFile(t, want+partSuffix)
	rows := ManifestRows(st)
	if len(rows) != 1 || rows[0].LocalPath != want || rows[0].Status != "COMPLETE" {
		t.Fatalf("manifest %+v", rows)
	}
	// A later process knows the files from the journal.
	m := newManager(t, o)
	if s, _ := m.Status(it.ID); s.State != Done || len(s.Files) != 1 || s.Files[0] != want {
		t.Fatalf("replayed: %s %q", s.State, s.Files)
	}
}

// Adding a finished cutout again, after the queue forgot it (the CLI clears finished
// items before each run), finds its files on disk: skipped, no request. Once a file is
// gone, the cutout is fetched again.
func TestCutoutRerunSkipsWithoutRequest(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	it := cutoutItem(t, ts.URL, dir, 4)
	o := fastOpts(t)
	runQueue(t, newManager(t, o), []Item{it}, 30*time.Second)
	served := c.reqs.Load()

	again := func() Status {
		t.Helper()
		m := newManager(t, o) // a new process: replays the journal
		if err := m.ClearFinished(); err != nil {
			t.Fatal(err)
		}
		return runQueue(t, m, []Item{it}, 30*time.Second)[0]
	}
	s := again()
	if s.State != Skipped || len(s.Files) != 1 || c.reqs.Load() != served {
		t.Fatalf("%s %q after %d requests, want skipped without a request", s.State, s.Files, c.reqs.Load()-served)
	}
	if rows := ManifestRows([]Status{s}); len(rows) != 1 || rows[0].Message != "already on disk" {
		t.Fatalf("manifest %+v", rows)
	}
	s = again() // skipped twice: the files survive a second clear
	if s.State != Skipped || c.reqs.Load() != served {
		t.Fatalf("second rerun: %s after %d requests", s.State, c.reqs.Load()-served)
	}
	if err := os.Remove(s.Files[0]); err != nil {
		t.Fatal(err)
	}
	s = again()
	if s.State != Done || c.reqs.Load() != served+1 {
		t.Fatalf("with the file gone: %s after %d requests, want done after one", s.State, c.reqs.Load()-served)
	}
	checkTPF(t, s.Files[0], 4, 4)
}

// KeepZip keeps the service's zip, byte for byte, beside its members; a rerun with the
// member gone unpacks the kept zip again without a request.
func TestCutoutKeepZip(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	it := cutoutItem(t, ts.URL, dir, 3)
	it.KeepZip = true
	o := fastOpts(t)
	st := runQueue(t, newManager(t, o), []Item{it}, 30*time.Second)
	if st[0].State != Done {
		t.Fatalf("%s: %s", st[0].State, st[0].Err)
	}
	got, err := os.ReadFile(it.Dest)
	if err != nil || !bytes.Equal(got, zipBytes(t, it.URL)) {
		t.Fatalf("kept zip differs from the service's answer (%v)", err)
	}
	if rows := ManifestRows(st); len(rows) != 2 || rows[1].LocalPath != it.Dest {
		t.Fatalf("manifest %+v, want the member and the zip", rows)
	}
	served := c.reqs.Load()
	if err := os.Remove(st[0].Files[0]); err != nil {
		t.Fatal(err)
	}
	m := newManager(t, o)
	if err := m.ClearFinished(); err != nil {
		t.Fatal(err)
	}
	s := runQueue(t, m, []Item{it}, 30*time.Second)[0]
	if s.State != Skipped || c.reqs.Load() != served {
		t.Fatalf("%s after %d requests, want skipped, unpacked from the kept zip", s.State, c.reqs.Load()-served)
	}
	checkTPF(t, s.Files[0], 3, 3)
}

// The service's "no data" answer (HTTP 200, JSON {"msg"}) fails the item at once with
// the service's message; nothing is left on disk.
func TestCutoutNoDataFailsWithMessage(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	it := cutoutItem(t, ts.URL, dir, 5, 99) // the position is not in sector 99
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	s := st[0]
	if s.State != Failed || !strings.Contains(s.Err, "TESScut") || !strings.Contains(s.Err, "no data") {
		t.Fatalf("%s %q, want failed with TESScut's message", s.State, s.Err)
	}
	if c.reqs.Load() != 1 {
		t.Fatalf("%d requests: a no-data answer is not retried", c.reqs.Load())
	}
	noFile(t, it.Dest+partSuffix)
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("%d files left in the directory", len(ents))
	}
}

// Without Content-Length the zip's own end proves it whole (no HEAD: it would make the
// service compute the cutout again); a body that ends early is resumed with Range.
func TestCutoutUnknownSize(t *testing.T) {
	for _, f := range []sim.Faults{{NoContentLength: true}, {NoContentLength: true, TruncateAfterBytes: 50_000}} {
		c, ts := serve(t, newSim(t, f).Handler())
		it := cutoutItem(t, ts.URL, t.TempDir(), 6)
		st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
		if st[0].State != Done {
			t.Fatalf("%+v: %s %s", f, st[0].State, st[0].Err)
		}
		checkTPF(t, st[0].Files[0], 6, 6)
		ranges := 0
		for _, r := range c.requests() {
			if r.Method == http.MethodHead {
				t.Fatalf("%+v: a HEAD was sent to the cutout service", f)
			}
			if r.Range != "" {
				ranges++
			}
		}
		if f.TruncateAfterBytes > 0 && ranges == 0 {
			t.Fatalf("%+v: the cut-short zip was not resumed", f)
		}
	}
}

// A cutout the service takes longer to compute than the stall timeout is not killed:
// until the answer starts, ComputeTimeout applies. The stall timeout is a second, so a
// loaded machine's pauses while the answer streams are not stalls (150 ms were, under
// -race beside other tests); the compute takes three.
func TestCutoutSlowComputeIsNotAStall(t *testing.T) {
	c, ts := serve(t, newSim(t, sim.Faults{CutoutLatency: 3 * time.Second}).Handler())
	o := fastOpts(t)
	o.StallTimeout = time.Second
	it := cutoutItem(t, ts.URL, t.TempDir(), 5)
	st := runQueue(t, newManager(t, o), []Item{it}, 30*time.Second)
	if st[0].State != Done || c.reqs.Load() != 1 {
		t.Fatalf("%s %q after %d requests, want done at the first", st[0].State, st[0].Err, c.reqs.Load())
	}
}

// A burst of 14 cutouts with 14 workers keeps to TESScut's 10 requests in flight: none
// is refused with 503.
func TestCutoutBurstKeepsTESScutLimit(t *testing.T) {
	s := newSim(t, sim.Faults{CutoutLatency: 300 * time.Millisecond})
	_, ts := serve(t, s.Handler())
	dir := t.TempDir()
	items := make([]Item, cutouts.MaxConcurrentTESScut+2) // two more than MAST lets run at once
	for i := range items {
		// One pixel each, at positions 36" apart: a burst of small cutouts, as a target
		// list asks (the limit counts requests, not bytes).
		u, err := cutouts.TESScutURL(ts.URL, cutouts.TESScutCutout{
			Target: cutouts.Target{RA: tessRA + 0.01*float64(i), Dec: tessDec}, Size: cutouts.Size{X: 1, Y: 1, Units: cutouts.Pixels}, Sectors: []int{1},
		})
		if err != nil {
			t.Fatal(err)
		}
		items[i] = Item{URL: u, Dest: filepath.Join(dir, fmt.Sprintf("tesscut_%d.zip", i)), Root: dir, Unpack: UnpackCutouts}
		items[i].ID = ItemID(items[i].URL, items[i].Dest)
	}
	o := fastOpts(t)
	o.Workers, o.PerHost = len(items), len(items)
	st := runQueue(t, newManager(t, o), items, 60*time.Second)
	if got := statesOf(st); got[Done] != len(items) {
		t.Fatalf("states %v", got)
	}
	stats := s.CutoutStats()
	if stats.MaxInFlight > cutouts.MaxConcurrentTESScut || stats.Rejected != 0 {
		t.Fatalf("%+v: more than %d TESScut requests at once", stats, cutouts.MaxConcurrentTESScut)
	}
	names := map[string]bool{}
	for _, s := range st {
		checkTPF(t, s.Files[0], 1, 1)
		names[filepath.Base(s.Files[0])] = true
	}
	if len(names) != len(items) {
		t.Fatalf("%d distinct target pixel files from %d cutouts", len(names), len(items))
	}
}

// A process killed (SIGKILL) in the middle of a cutout's zip leaves its .part; the next
// process resumes it with Range from where the disk stops: the zip byte-exact, its member
// a whole target pixel file.
func TestCutoutKill9MidZipResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	c, ts := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	it := cutoutItem(t, ts.URL, dir, 8)
	it.KeepZip = true // to compare the zip byte for byte
	full := zipBytes(t, it.URL)
	half := len(full) / 2
	if half < 2*fillSize {
		t.Fatalf("a zip of %d bytes is too small to be cut in the middle", len(full))
	}
	c.hook = func(w http.ResponseWriter, r *http.Request, n int64) bool {
		if r.Header.Get("Range") != "" {
			return false
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Length", fmt.Sprint(len(full)))
		w.WriteHeader(http.StatusOK)
		w.Write(full[:half])
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the rest never comes: the client is killed waiting for it
		return true
	}
	journal := filepath.Join(t.TempDir(), "downloads.jsonl")
	cfg := filepath.Join(t.TempDir(), "child.json")
	b, _ := json.Marshal(map[string]any{"Journal": journal, "Items": []Item{it}})
	if err := os.WriteFile(cfg, b, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), crashEnv+"="+cfg)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The engine writes what it has every 64 KiB (or 50 ms while bytes flow): a quarter of
	// the zip on disk means the transfer is well under way.
	waitFor(t, "a quarter of the zip in the .part", 30*time.Second, func() bool { return partSize(it) >= int64(half/2) })
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	have := partSize(it)
	if have <= 0 || have > int64(half) {
		t.Fatalf("%d bytes in the .part after the kill, %d sent", have, half)
	}

	before := c.reqs.Load()
	st := runQueue(t, newManager(t, Options{JournalPath: journal, RetryBase: time.Millisecond}), nil, 30*time.Second)
	if len(st) != 1 || st[0].State != Done {
		t.Fatalf("after the kill: %+v", st)
	}
	reqs := c.requests()[before:]
	if len(reqs) != 1 || reqs[0].Range != fmt.Sprintf("bytes=%d-", have) {
		t.Fatalf("requests %+v, want one resuming from byte %d", reqs, have)
	}
	if got, _ := os.ReadFile(it.Dest); !bytes.Equal(got, full) {
		t.Fatalf("the resumed zip (%d bytes) differs from the service's (%d)", len(got), len(full))
	}
	checkTPF(t, filepath.Join(dir, memberName(8)), 8, 8)
}

// A journal written before unpacked items had files (or by a mastui that does not know
// the "files" op) replays: the item keeps its state, and a later rerun simply fetches.
func TestCutoutJournalWithoutFilesReplays(t *testing.T) {
	o := fastOpts(t)
	it, err := normalize(cutoutItem(t, "http://127.0.0.1:1", t.TempDir(), 5))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(it)
	lines := `{"op":"journal","v":1}` + "\n" + `{"op":"add","item":` + string(b) + `}` + "\n" +
		`{"op":"state","id":"` + it.ID + `","state":"done","size":1234}` + "\n" +
		`{"op":"files","id":"gone","files":["/nonexistent/a.fits"]}` + "\n"
	if err := os.MkdirAll(filepath.Dir(o.JournalPath), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(o.JournalPath, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	m := newManager(t, o)
	s, ok := m.Status(it.ID)
	if !ok || s.State != Done || s.Files != nil {
		t.Fatalf("replayed %v: %s %q", ok, s.State, s.Files)
	}
	if len(m.unpacked) != 0 {
		t.Fatalf("remembered files of an item whose files are gone: %v", m.unpacked)
	}
}

// TESScut's 503 (its limit reached by another of the user's clients) is retried after
// its Retry-After, like any 503.
func TestCutout503IsRetried(t *testing.T) {
	c, ts := serve(t, newSim(t, sim.Faults{ErrorEvery: 2, ErrorPaths: []string{"/tesscut/"}}).Handler())
	dir := t.TempDir()
	items := []Item{cutoutItem(t, ts.URL, dir, 2), cutoutItem(t, ts.URL, dir, 3)}
	st := runQueue(t, newManager(t, fastOpts(t)), items, 30*time.Second)
	if got := statesOf(st); got[Done] != 2 {
		t.Fatalf("states %v: %q %q", got, st[0].Err, st[1].Err)
	}
	if n := c.reqs.Load(); n < 3 {
		t.Fatalf("%d requests: the 503 was not retried", n)
	}
}
