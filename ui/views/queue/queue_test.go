package queue_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"mastui/download"
	"mastui/model"
	"mastui/model/config"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/queue"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func newPanel(t *testing.T, w, h int, st ...download.Status) (*queue.Model, *uitest.Downloads, *common.Common) {
	t.Helper()
	c := uitest.Common("")
	dl := uitest.NewDownloads(st...)
	m := queue.New(c, dl)
	m.SetClock(func() time.Time { return now })
	m.SetSize(w, h)
	if m.Init() == nil {
		t.Fatal("Init does not listen")
	}
	return m, dl, c
}

func key(s string) tea.KeyMsg {
	switch s {
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func TestPanelGolden(t *testing.T) {
	m, _, _ := newPanel(t, 130, 12, uitest.DemoStatuses(now.Add(4*time.Second))...)
	golden.RequireEqual(t, []byte(m.View()))
}

func TestPanelSummaryAndTotals(t *testing.T) {
	m, _, _ := newPanel(t, 130, 12, uitest.DemoStatuses(now.Add(4*time.Second))...)
	tt := m.Totals()
	if tt.Active != 1 || tt.Queued != 2 || tt.Paused != 1 || tt.Done != 1 || tt.Failed != 1 {
		t.Fatalf("totals %+v", tt)
	}
	if got := m.Summary(); got != "3↓ 60%" {
		t.Errorf("summary %q", got)
	}
	if m.Pending() != 3 {
		t.Errorf("pending %d", m.Pending())
	}
}

func TestUnavailableAndEmpty(t *testing.T) {
	c := uitest.Common("")
	m := queue.New(c, nil)
	m.SetSize(80, 10)
	if m.Init() != nil || m.Listen() != nil || m.Available() {
		t.Fatal("nil downloads listens")
	}
	if v := m.View(); !strings.Contains(v, "unavailable") {
		t.Errorf("view %q", v)
	}
	if m.Update(key("p")) != nil {
		t.Error("p without downloads does something")
	}
	m2, _, _ := newPanel(t, 80, 10)
	if v := m2.View(); !strings.Contains(v, "No downloads yet") {
		t.Errorf("empty view %q", v)
	}
}

// Listen delivers one event per Cmd; Update upserts it and re-arms; a closed stream
// ends the chain.
func TestListenRearms(t *testing.T) {
	m, dl, _ := newPanel(t, 100, 10)
	cmd := m.Listen()
	for i := range 3 {
		st := download.Status{Item: download.Item{ID: fmt.Sprint("id", i%2), Filename: "f.fits"}, State: download.Active, Done: int64(i)}
		dl.Ch <- download.ProgressEvent{Status: st}
		msg := cmd()
		ev, ok := msg.(queue.EventMsg)
		if !ok {
			t.Fatalf("event %d: got %T", i, msg)
		}
		if cmd = m.Update(ev); cmd == nil {
			t.Fatalf("event %d: not re-armed", i)
		}
	}
	if m.Len() != 2 || m.Statuses()[0].Done != 2 {
		t.Fatalf("statuses %+v", m.Statuses())
	}
	dl.Ch <- download.StateEvent{Status: download.Status{Item: download.Item{ID: "id0"}, State: download.Done, Done: 9}}
	m.Update(cmd().(queue.EventMsg))
	if s := m.Statuses()[0]; s.State != download.Done {
		t.Fatalf("state event lost: %+v", s)
	}
	close(dl.Ch)
	if msg := m.Listen()(); msg != (queue.ClosedMsg{}) {
		t.Fatalf("closed stream: %T", msg)
	}
}

func run(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	return cmd()
}

func TestKeysCallManager(t *testing.T) {
	m, dl, c := newPanel(t, 130, 12, uitest.DemoStatuses(now)...)
	press := func(k string) tea.Msg {
		msg := run(t, m.Update(key(k)))
		if a, ok := msg.(queue.ActionMsg); ok {
			if cmd := m.Update(a); cmd != nil {
				return cmd()
			}
		}
		return msg
	}
	press("p")    // a: active → pause
	press("x")    // cancel a
	press("r")    // retry a
	press("P")    // something runs → pause all
	press("R")    // retry failed
	press("down") // b
	press("down") // c: paused → resume
	press("p")
	if msg := press("o"); msg == nil || !strings.Contains(msg.(common.ToastMsg).Text, "copied path") {
		t.Errorf("o: %v", msg)
	}
	if got := c.Clipboard.(*uitest.Clipboard).Last(); got != "/data/mastDownload/JWST/jw01073/jw01073001001_02101_00002_nrcb1_cal.fits" {
		t.Errorf("copied %q", got)
	}
	press("c")
	want := []string{"pause a", "cancel a", "retry a", "pause-all", "retry-failed", "resume c", "clear", "clear-failed"}
	if got := dl.Calls(); !slices.Equal(got, want) {
		t.Errorf("calls\n got %v\nwant %v", got, want)
	}
	if m.Len() != 4 { // the done, failed and login-required items were cleared and the snapshot reloaded
		t.Errorf("after clear: %d items", m.Len())
	}
	if _, ok := run(t, m.Update(key("esc"))).(queue.BackMsg); !ok {
		t.Error("esc does not go back")
	}
	// Nothing runs: P resumes all.
	m2, dl2, _ := newPanel(t, 100, 10, download.Status{Item: download.Item{ID: "z"}, State: download.Paused})
	m2.Update(run(t, m2.Update(key("P"))))
	if got := dl2.Calls(); !slices.Equal(got, []string{"resume-all"}) {
		t.Errorf("P with nothing running: %v", got)
	}
	// A refused control is a toast.
	dl2.Err = fmt.Errorf("pause: %w", download.ErrState)
	msg := run(t, m2.Update(run(t, m2.Update(key("x")))))
	if tm, ok := msg.(common.ToastMsg); !ok || tm.Level != common.LevelWarn || !strings.Contains(tm.Text, "Could not cancel") {
		t.Errorf("refusal: %#v", msg)
	}
}

func TestCursorWindow(t *testing.T) {
	var st []download.Status
	for i := range 50 {
		st = append(st, download.Status{Item: download.Item{ID: fmt.Sprint(i), Filename: fmt.Sprintf("file%02d.fits", i)}, State: download.Queued})
	}
	m, _, _ := newPanel(t, 80, 10, st...)
	for range 20 {
		m.Update(key("j"))
	}
	v := m.View()
	if lines := strings.Split(v, "\n"); len(lines) != 10 || !strings.Contains(v, "▸· file20.fits") || strings.Contains(v, "file11.fits") {
		t.Fatalf("window:\n%s", v)
	}
	m.Update(key("G"))
	if m.Cursor() != 49 || !strings.Contains(m.View(), "file49") {
		t.Fatal("G")
	}
	m.Update(key("g"))
	if m.Cursor() != 0 || !strings.Contains(m.View(), "file00") {
		t.Fatal("g")
	}
}

func TestResizeMatrix(t *testing.T) {
	st := uitest.DemoStatuses(now.Add(4 * time.Second))
	for _, w := range []int{0, 1, 20, 40, 60, 80, 100, 130, 200} {
		for _, h := range []int{0, 1, 2, 3, 5, 8, 24} {
			m, _, _ := newPanel(t, w, h, st...)
			lines := strings.Split(m.View(), "\n")
			if h >= 2 && len(lines) > h {
				t.Errorf("%dx%d: %d lines", w, h, len(lines))
			}
			if w < 60 {
				continue // the root cuts lines below its minimum width
			}
			for _, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Errorf("%dx%d: line of %d cells: %q", w, h, lw, l)
				}
			}
		}
	}
}

func TestSinkItems(t *testing.T) {
	dl := uitest.NewDownloads()
	dir := t.TempDir()
	s := queue.Sink{Downloads: dl, Dir: dir, MastURL: "http://sim.test/"}
	refs := []model.ProductRef{
		{URI: "mast:JWST/product/jw01073-o001_t001_nircam_f277w_i2d.fits", Filename: "jw01073-o001_t001_nircam_f277w_i2d.fits",
			ObsCollection: "JWST", ObsID: "jw01073-o001_t001_nircam_f277w", Size: 2100, ProductType: "SCIENCE"},
		{URI: "mast:HST/product/u9o40504m_drz.fits", Filename: "u9o40504m_drz.fits", ObsCollection: "HST", ObsID: "u9o40504m", Size: 7, ProductType: "CALIBRATION"},
	}
	if res, err := s.Enqueue(refs); err != nil || res.Added != 2 {
		t.Fatal(res, err)
	}
	want := []download.Item{
		{URL: "http://sim.test/api/v0.1/Download/file?uri=mast:JWST/product/jw01073-o001_t001_nircam_f277w_i2d.fits",
			Dest: filepath.Join(dir, "mastDownload", "JWST", "jw01073-o001_t001_nircam_f277w", "jw01073-o001_t001_nircam_f277w_i2d.fits"),
			Root: dir, Size: 2100, URI: refs[0].URI, Filename: refs[0].Filename, Collection: "JWST", ObsID: "jw01073-o001_t001_nircam_f277w", ProductType: "SCIENCE"},
		{URL: "http://sim.test/api/v0.1/Download/file?uri=mast:HST/product/u9o40504m_drz.fits",
			Dest: filepath.Join(dir, "mastDownload", "HST", "u9o40504m", "u9o40504m_drz.fits"),
			Root: dir, Size: 7, URI: refs[1].URI, Filename: refs[1].Filename, Collection: "HST", ObsID: "u9o40504m", ProductType: "CALIBRATION"},
	}
	if !slices.Equal(dl.Added, want) {
		t.Errorf("items\n got %+v\nwant %+v", dl.Added, want)
	}
	for i := range want {
		if want[i].URL != download.FileURL("http://sim.test", refs[i].URI) {
			t.Errorf("URL %d is not FileURL", i)
		}
	}
	flat := queue.Sink{Downloads: uitest.NewDownloads(), Dir: dir, Flat: true}
	items, err := flat.Items(refs[1:])
	if err != nil || items[0].Dest != filepath.Join(dir, "u9o40504m_drz.fits") || !strings.HasPrefix(items[0].URL, config.DefaultMastURL+"/") {
		t.Errorf("flat: %+v %v", items, err)
	}
	space := &download.SpaceError{Dir: dir, Need: 10, Free: 1}
	dl.Err = space
	if _, err := s.Enqueue(refs); !errors.As(err, &space) {
		t.Errorf("space error lost: %v", err)
	}
}

func TestUnverifiedShown(t *testing.T) {
	st := download.Status{Item: download.Item{ID: "u", Filename: "fitscut.cgi_red=x", Dest: "/d/fitscut.cgi_red=x"}, State: download.Unverified,
		Done: 20000, Total: 20000, Err: "nothing proves the file whole: the server sent no size"}
	m, _, _ := newPanel(t, 120, 8, st)
	if v := m.View(); !strings.Contains(v, "1 unverified") || !strings.Contains(v, "saved, unverified: nothing proves") {
		t.Errorf("view:\n%s", v)
	}
	if got := m.Summary(); got != "1 unverified" {
		t.Errorf("summary %q", got)
	}
}

func TestSourceShownForCloudItems(t *testing.T) {
	fromCloud := download.Status{Item: download.Item{ID: "c", Filename: "a_raw.fits", Dest: "/d/a_raw.fits", CloudURL: "https://b/a_raw.fits"},
		State: download.Done, FromCloud: true, Done: 10, Total: 10}
	fellBack := download.Status{Item: download.Item{ID: "m", Filename: "b_raw.fits", Dest: "/d/b_raw.fits", CloudURL: "https://b/b_raw.fits"},
		State: download.Done, CloudErr: "HTTP 503", Done: 10, Total: 10}
	plain := download.Status{Item: download.Item{ID: "p", Filename: "c_raw.fits", Dest: "/d/c_raw.fits"}, State: download.Done, Done: 10, Total: 10}
	m, _, _ := newPanel(t, 120, 8, fromCloud, fellBack, plain)
	lines := map[string]string{}
	for _, l := range strings.Split(m.View(), "\n") {
		for _, f := range []string{"a_raw", "b_raw", "c_raw"} {
			if strings.Contains(l, f) {
				lines[f] = l
			}
		}
	}
	if !strings.Contains(lines["a_raw"], "cloud done") || !strings.Contains(lines["b_raw"], "MAST  done") ||
		strings.Contains(lines["c_raw"], "cloud") || strings.Contains(lines["c_raw"], "MAST") {
		t.Errorf("lines %q", lines)
	}
}
