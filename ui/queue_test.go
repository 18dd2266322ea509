package ui_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/download"
	"mastui/model"
	"mastui/services/mast"
	"mastui/services/sim"
	"mastui/ui"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/queue"
)

var queueNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func newQueueApp(dl common.Downloads) *ui.Model {
	m := ui.NewModel(uitest.Common(""), &uitest.Archive{Rows: 1200}, ui.Options{PageSize: 400, ServerLabel: "demo", Downloads: dl})
	m.Queue().SetClock(func() time.Time { return queueNow })
	return m
}

// The panel opens with w from the results, keeps its summary in the header tab, and esc
// goes back.
func TestQueueScreen(t *testing.T) {
	m := newQueueApp(uitest.NewDownloads(uitest.DemoStatuses(queueNow.Add(4 * time.Second))...))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(130, 24))
	search(t, tm, "M101")
	tm.Type("w")
	waitText(t, tm, "login required")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// toResults builds the app over dl, sized, with a search submitted (results focused).
func toResults(dl common.Downloads) *ui.Model {
	m := newQueueApp(dl)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	m.Init()
	m.Update(searchformSubmit(common.Search{Target: "M101"}))
	return m
}

func TestQueueToggle(t *testing.T) {
	m := newQueueApp(uitest.NewDownloads(uitest.DemoStatuses(queueNow)...))
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	m.Init()
	m.Update(key("w")) // the form has focus: w is typed, not a command
	if m.Focus() != "form" {
		t.Fatalf("w left the form: %s", m.Focus())
	}
	if !strings.Contains(m.View(), "Queue (3↓ 60%)") {
		t.Fatalf("header without summary:\n%s", m.View())
	}
	m = toResults(uitest.NewDownloads(uitest.DemoStatuses(queueNow)...))
	m.Update(key("w"))
	if m.Focus() != "queue" || !strings.Contains(m.View(), "login required") {
		t.Fatalf("w did not open the panel: %s\n%s", m.Focus(), m.View())
	}
	m.Update(key("?"))
	if v := m.View(); !strings.Contains(v, "Download queue") || !strings.Contains(v, "retry all failed") {
		t.Errorf("help overlay without the queue keys:\n%s", v)
	}
	m.Update(key("?"))
	m.Update(key("w"))
	if m.Focus() != "results" {
		t.Fatalf("w did not close the panel: %s", m.Focus())
	}
	m.Update(key("w"))
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	for _, msg := range run(cmd) {
		m.Update(msg)
	}
	if m.Focus() != "results" {
		t.Fatalf("esc did not close the panel: %s", m.Focus())
	}
	// Without an engine the panel says so.
	m2 := ui.NewModel(uitest.Common(""), &uitest.Archive{Rows: 10}, ui.Options{})
	m2.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	m2.Update(searchformSubmit(common.Search{Target: "M101"}))
	m2.Update(key("w"))
	if !strings.Contains(m2.View(), "Downloads unavailable") {
		t.Errorf("no engine:\n%s", m2.View())
	}
}

func quits(cmd tea.Cmd) bool {
	for _, msg := range run(cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// Quitting asks first only while downloads are active or waiting; only y then quits.
func TestQuitConfirmation(t *testing.T) {
	for _, c := range []struct {
		st   []download.Status
		asks bool
	}{
		{uitest.DemoStatuses(queueNow), true},
		{uitest.DemoStatuses(queueNow)[1:2], true},  // queued only
		{uitest.DemoStatuses(queueNow)[2:5], false}, // paused, done, failed
		{nil, false},
	} {
		m := toResults(uitest.NewDownloads(c.st...))
		_, cmd := m.Update(key("q"))
		if q := quits(cmd); m.ConfirmingQuit() != c.asks || q == c.asks {
			t.Errorf("%d statuses: asks %v, quits %v", len(c.st), m.ConfirmingQuit(), q)
		}
		if !c.asks {
			continue
		}
		if v := m.View(); !strings.Contains(v, "active — ") || !strings.Contains(v, "resume on the next start. Quit? y/n") {
			t.Errorf("no question:\n%s", v)
		}
		if _, cmd := m.Update(key("n")); quits(cmd) || m.ConfirmingQuit() {
			t.Error("n quit or kept asking")
		}
		m.Update(key("q"))
		if _, cmd := m.Update(key("y")); !quits(cmd) {
			t.Error("y did not quit")
		}
	}
	m := toResults(uitest.NewDownloads(uitest.DemoStatuses(queueNow)...))
	m.Update(key("q"))
	if v := m.View(); !strings.Contains(v, "3 downloads active — they will resume on the next start. Quit? y/n") {
		t.Errorf("wording:\n%s", v)
	}
}

// A queue that outlives the session (the download service) goes on without it: quitting
// does not ask.
func TestQuitDoesNotAskWhenTheQueueIsDetached(t *testing.T) {
	m := ui.NewModel(uitest.Common(""), &uitest.Archive{Rows: 1200}, ui.Options{PageSize: 400, Downloads: uitest.NewDownloads(uitest.DemoStatuses(queueNow)...), DownloadsDetached: true})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	m.Init()
	m.Update(searchformSubmit(common.Search{Target: "M101"}))
	if _, cmd := m.Update(key("q")); !quits(cmd) || m.ConfirmingQuit() {
		t.Errorf("q with a detached queue: quits %v, asks %v", quits(cmd), m.ConfirmingQuit())
	}
}

// A real engine against the simulator: three small products sent with D end up on disk,
// the panel following the engine's events through its re-armed Listen.
func TestQueueDownloadsWithSimulator(t *testing.T) {
	s, err := sim.New(sim.Options{Archive: demoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client := mast.New(mast.Config{BaseURL: ts.URL, PollInterval: time.Millisecond})
	refs := smallProducts(ctx, t, client, 3)

	mgr, err := download.New(download.Options{Ephemeral: true, MastURL: ts.URL})
	if err != nil {
		t.Fatal(err)
	}
	defer mgr.Close()
	mgr.Start(ctx)
	dir := t.TempDir()
	c := uitest.Common("")
	c.Ctx = ctx
	m := ui.NewModel(c, client, ui.Options{Downloads: mgr, DownloadDir: dir, MastURL: ts.URL})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	m.Init()
	m.Update(common.QueueProductsMsg{Products: refs})
	cmd := common.Address(queue.ID, 0, m.Queue().Listen()) // as the root's Init addresses it
	for m.Queue().Len() < 3 || m.Queue().Totals().Done < 3 {
		msgs := make(chan tea.Msg, 1)
		go func() { msgs <- cmd() }()
		select {
		case msg := <-msgs:
			_, cmd = m.Update(msg)
			if cmd == nil {
				t.Fatalf("Listen not re-armed after %T", msg)
			}
		case <-ctx.Done():
			t.Fatalf("downloads did not finish: %+v", m.Queue().Statuses())
		}
	}
	for _, st := range m.Queue().Statuses() {
		if st.State != download.Done {
			t.Errorf("%s: %s %s", st.Filename, st.State, st.Err)
		}
		if !strings.HasPrefix(st.Dest, dir+string(os.PathSeparator)+"mastDownload") {
			t.Errorf("dest %s outside %s/mastDownload", st.Dest, dir)
		}
		if fi, err := os.Stat(st.Dest); err != nil || fi.Size() != st.Size {
			t.Errorf("%s on disk: %v (size %d, want %d)", st.Dest, err, sizeOf(fi), st.Size)
		}
	}
	if v := m.View(); !strings.Contains(v, "Queue") {
		t.Errorf("view:\n%s", v)
	}
}

func sizeOf(fi os.FileInfo) int64 {
	if fi == nil {
		return -1
	}
	return fi.Size()
}

// smallProducts lists the products of M101 observations and returns the n smallest
// distinct public files of known size.
func smallProducts(ctx context.Context, t *testing.T, a *mast.Client, n int) []model.ProductRef {
	t.Helper()
	page, err := a.SearchPage(ctx, mast.Query{Object: "M101"}, 1, 20)
	if err != nil {
		t.Fatal(err)
	}
	col := page.Table.Col("obsid")
	var obsids []string
	for i := range min(5, col.Len()) {
		if col.Str != nil {
			obsids = append(obsids, col.Str[i])
		} else {
			obsids = append(obsids, fmt.Sprint(col.Int[i]))
		}
	}
	tab, err := a.Products(ctx, obsids, mast.ProductOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]int, tab.Rows())
	for i := range rows {
		rows[i] = i
	}
	var refs []model.ProductRef
	seen := map[string]bool{} // observations share files: one download each
	for _, r := range model.ProductRefs(tab, rows) {
		if !seen[r.URI] && r.Size > 0 && r.DataRights != "EXCLUSIVE_ACCESS" && r.DataRights != "RESTRICTED" {
			seen[r.URI] = true
			refs = append(refs, r)
		}
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].Size < refs[j].Size })
	if len(refs) < n {
		t.Fatalf("only %d products", len(refs))
	}
	return refs[:n]
}

// toProducts opens the products of every result (1,200 rows, 801 unique files) in an
// app with the given options.
func toProducts(t *testing.T, opts ui.Options) *ui.Model {
	t.Helper()
	opts.PageSize = 400
	m := ui.NewModel(clocked(), withObsid{&uitest.Archive{Rows: 1200}}, opts)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	send(t, m, key("a"), tea.KeyMsg{Type: tea.KeyEnter})
	if m.Focus() != "products" || m.Products().Rows() != 1200 {
		t.Fatalf("focus %s, %d products", m.Focus(), m.Products().Rows())
	}
	return m
}

// A session whose queue is unavailable (the journal held by another mastui) says so at
// D instead of "queued".
func TestQueueUnavailableSaysSoAtD(t *testing.T) {
	m := toProducts(t, ui.Options{DownloadsUnavailable: "download journal /s/downloads.jsonl is in use by another mastui session"})
	send(t, m, key("U"), key("a"), key("D"))
	if toast := m.Toast(); strings.Contains(toast, "files, ") || !strings.Contains(toast, "Not queued") || !strings.Contains(toast, "in use by another mastui") {
		t.Fatalf("toast %q, want it to say nothing was queued and why", toast)
	}
}

// D reports what was added, what was already queued and what was listed twice.
func TestQueueToastCountsWhatWasAdded(t *testing.T) {
	dl, err := download.New(download.Options{Ephemeral: true, FreeSpace: func(string) (int64, error) { return 1 << 40, nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer dl.Close()
	m := toProducts(t, ui.Options{Downloads: dl, DownloadDir: t.TempDir()})
	send(t, m, key("a"), key("D")) // every row, the shared files listed once per observation
	if toast, want := m.Toast(), "801 of 1,200 files queued (1.2 MB) · 399 duplicates"; toast != want {
		t.Fatalf("first D: %q, want %q", toast, want)
	}
	send(t, m, key("D"))
	if toast, want := m.Toast(), "0 of 1,200 files queued · 801 already queued · 399 duplicates"; toast != want {
		t.Fatalf("second D: %q, want %q", toast, want)
	}
	if n := dl.Totals().Queued; n != 801 {
		t.Fatalf("%d items queued, want 801", n)
	}
}

// A session whose downloads run in its own process because the download service could
// not be reached says so once, at start, in a toast.
func TestDownloadsNoticeShowsAtStart(t *testing.T) {
	dl := uitest.NewDownloads()
	notice := "Download service unavailable (socket path too long): downloads run in this process and stop with it."
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{Downloads: dl, DownloadsNotice: notice})
	send(t, m, tea.WindowSizeMsg{Width: 160, Height: 30})
	settle(t, m, m.Init())
	if toast := m.Toast(); !strings.Contains(toast, "Download service unavailable") {
		t.Fatalf("toast %q, want the notice", toast)
	}
}
