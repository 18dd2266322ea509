package results

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// feed runs cmd and hands every message it yields back to the view, until none is left.
func feed(m *Model, cmd tea.Cmd) {
	for i := 0; cmd != nil && i < 20; i++ {
		var next []tea.Cmd
		for _, msg := range uitest.Messages(cmd) {
			next = append(next, m.Update(msg))
		}
		cmd = tea.Batch(next...)
	}
}

// TestPreviewShowsTheFITSHeaderAndImage: v opens the details pane with the row's FITS
// header read with Range requests and its preview image as blocks; the next row's comes
// when the cursor moves, and a row seen before is not fetched again.
func TestPreviewShowsTheFITSHeaderAndImage(t *testing.T) {
	m := New(uitest.Common(""), uitest.SimArchive(t), 500)
	m.SetSize(100, 60)
	feed(m, m.StartSearch(common.Search{Query: mast.Query{Object: "M101"}, Target: "M101"}))
	first := -1
	for i := 0; i < m.Loaded(); i++ {
		if f, j := m.previewSources(i); strings.HasSuffix(f, ".fits") && j != "" {
			first = i
			break
		}
	}
	if first < 0 {
		t.Fatal("no row with a FITS dataURL and a jpegURL")
	}
	for m.grid.CursorRow() != first {
		m.onKey(keyMsg("j"))
	}
	feed(m, m.onKey(keyMsg("p")))
	v := m.View()
	for _, want := range []string{"FITS primary header · ", "SIMPLE  = T", "BITPIX  = ", "bytes read"} {
		if !strings.Contains(v, want) {
			t.Fatalf("no %q in\n%s", want, v)
		}
	}
	if strings.Contains(v, "No preview image") || !strings.ContainsAny(v, "░▒▓█") {
		t.Errorf("no image drawn:\n%s", v)
	}
	if len(m.previews) != 1 {
		t.Fatalf("%d previews cached", len(m.previews))
	}
	feed(m, m.onKey(keyMsg("j")))
	feed(m, m.onKey(keyMsg("k")))
	if got := len(m.previews); got > 2 || m.req.Running(PreviewTask) {
		t.Errorf("%d previews cached after moving down and back", got)
	}
	m.onKey(keyMsg("p"))
	if strings.Contains(m.View(), "FITS primary header") {
		t.Error("v did not turn the preview off")
	}
}
