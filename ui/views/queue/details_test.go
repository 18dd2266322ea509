package queue_test

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"mastui/download"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/queue"
)

// failingItem goes through three attempts: two retryable errors, then a failure.
func failingItem(m *queue.Model, clock *time.Time) {
	it := download.Item{ID: "bad", URL: "https://user:secret@mast.example/api/v0.1/Download/file?uri=mast:HST/product/o6au02nkq_raw.fits",
		Dest: "/data/mastDownload/HST/o6au02nkq/o6au02nkq_raw.fits", Filename: "o6au02nkq_raw.fits", URI: "mast:HST/product/o6au02nkq_raw.fits", Size: 2 << 20}
	for i, st := range []download.Status{
		{Item: it, State: download.Active, Attempt: 1},
		{Item: it, State: download.Queued, Attempt: 1, Err: "HTTP 503 Service Unavailable"},
		{Item: it, State: download.Active, Attempt: 2, Err: "HTTP 503 Service Unavailable"},
		{Item: it, State: download.Queued, Attempt: 2, Err: "connection reset by peer"},
		{Item: it, State: download.Failed, Attempt: 3, Err: "HTTP 404 Not Found"},
	} {
		*clock = now.Add(time.Duration(i) * 3 * time.Second)
		m.Update(queue.EventMsg{Event: download.StateEvent{Status: st}})
	}
}

// TestQueueDetailsGolden: enter shows the download under the cursor below the list: its
// URL without credentials, its path, and every attempt with its time and error.
func TestQueueDetailsGolden(t *testing.T) {
	m, _, _ := newPanel(t, 130, 30, uitest.DemoStatuses(now.Add(4*time.Second))...)
	clock := now
	m.SetClock(func() time.Time { return clock })
	failingItem(m, &clock)
	m.Update(key("f")) // failed only: the demo's failure and ours
	m.Update(key("down"))
	m.Update(key("enter"))
	v := m.View()
	if strings.Contains(v, "secret") {
		t.Fatalf("a credential on screen:\n%s", v)
	}
	golden.RequireEqual(t, []byte(v))
}

// TestFailedOnlyFilter: f lists only the failed downloads, and keys act on them.
func TestFailedOnlyFilter(t *testing.T) {
	m, _, _ := newPanel(t, 130, 12, uitest.DemoStatuses(now)...)
	m.Update(key("f"))
	v := m.View()
	if !strings.Contains(v, "failed only") || strings.Contains(v, "nircam") || !strings.Contains(v, "o6au02nkq_raw.fits") {
		t.Fatalf("failed only:\n%s", v)
	}
	m.Update(key("f"))
	if !strings.Contains(m.View(), "nircam") {
		t.Fatalf("f again does not list them all:\n%s", m.View())
	}
}

// TestOpenFolder: with an opener (a local display) F opens the item's folder; without
// one (SSH, no display) the toast prints the path and the clipboard gets it.
func TestOpenFolder(t *testing.T) {
	m, _, c := newPanel(t, 130, 12, uitest.DemoStatuses(now)...)
	c.Opener = nil
	toast := run(t, m.Update(key("F"))).(common.ToastMsg)
	dir := "/data/mastDownload/JWST/jw01073"
	if toast.Text != "Folder: "+dir+" (path copied)" || c.Clipboard.(*uitest.Clipboard).Last() != dir {
		t.Errorf("no opener: toast %q, clipboard %q", toast.Text, c.Clipboard.(*uitest.Clipboard).Last())
	}
	var opened string
	c.Opener = func(d string) error { opened = d; return nil }
	run(t, m.Update(key("F")))
	if opened != dir {
		t.Errorf("opened %q", opened)
	}
}

// TestQueueDetailsWrapsLongErrorGolden: at 80 columns a cutout's long error is shown
// whole over several lines of the details, not cut with … (the walkthrough's "the…").
func TestQueueDetailsWrapsLongErrorGolden(t *testing.T) {
	m, _, _ := newPanel(t, 80, 30)
	clock := now
	m.SetClock(func() time.Time { return clock })
	it := download.Item{ID: "cut", URL: "https://mast.example/tesscut/api/v0.1/astrocut?ra=10&dec=20&y=9999&x=9999&sector=1",
		Dest: "/data/tesscut/tesscut_s0001_10_20_9999x9999px.zip", Filename: "tesscut_s0001_10_20_9999x9999px.zip"}
	const reason = "HTTP 400 Bad Request: cutout of 9999x9999 pixels: the simulator serves 1 to 100 pixels a side"
	for _, st := range []download.Status{
		{Item: it, State: download.Active, Attempt: 1},
		{Item: it, State: download.Failed, Attempt: 1, Err: reason},
	} {
		m.Update(queue.EventMsg{Event: download.StateEvent{Status: st}})
	}
	m.Update(key("enter"))
	v := m.View()
	if !strings.Contains(strings.Join(strings.Fields(v), " "), "pixels a side") {
		t.Fatalf("the error is cut:\n%s", v)
	}
	golden.RequireEqual(t, []byte(v))
}
