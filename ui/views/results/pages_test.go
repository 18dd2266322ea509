package results

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// shortPages is an archive whose pages from 2 on hold only keep rows (a server capping
// pages silently, astroquery#2788).
type shortPages struct {
	uitest.Archive
	keep int
}

func (a *shortPages) SearchPage(ctx context.Context, q mast.Query, page, size int) (*mast.Page, error) {
	p, err := a.Archive.SearchPage(ctx, q, page, size)
	if err == nil && page >= 2 {
		p.Table = p.Table.Select(seqRows(min(a.keep, p.Table.Rows())))
	}
	return p, err
}

func seqRows(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// TestShortPageIsNotShown: a page with fewer rows than the total promises is refused
// with a message, not appended (the next page would start a whole page later and rows
// would be skipped silently), and r asks for the same page again.
func TestShortPageIsNotShown(t *testing.T) {
	a := &shortPages{Archive: uitest.Archive{Rows: 2000}, keep: 50}
	m := New(uitest.Common(""), a, 400)
	m.SetSize(100, 30)
	load := func(cmd tea.Cmd) tea.Msg { return cmd() }
	msg := load(m.StartSearch(common.Search{Query: mast.Query{Object: "M101"}, Target: "M101", Radius: "0.2 deg"}))
	m.Update(msg)
	if m.Loaded() != 400 {
		t.Fatalf("page 1: %d rows loaded", m.Loaded())
	}
	m.grid.MoveTo(399)
	cmd := m.maybeFetch()
	if cmd == nil || m.Inflight() != 2 {
		t.Fatalf("page 2 not requested (inflight %d)", m.Inflight())
	}
	toast, ok := cmdMsg(t, m.Update(cmd())).(common.ToastMsg)
	if !ok || toast.Level != common.LevelError ||
		!strings.Contains(toast.Text, "the server returned 50 of the 400 rows of page 2 (2,000 matching)") {
		t.Fatalf("toast %+v", toast)
	}
	if m.Loaded() != 400 || m.maybeFetch() != nil {
		t.Fatalf("short page shown (%d rows loaded) or paging went on", m.Loaded())
	}
	if m.Retry(); m.Inflight() != 2 {
		t.Errorf("retry asks for page %d, want 2 again", m.Inflight())
	}
	// A short first page fails the search.
	m.StartSearch(common.Search{Query: mast.Query{Object: "M101"}})
	m.Update(answer(m.QueryID(), PageLoadedMsg{Page: 1,
		Result: &mast.Page{Table: uitest.Observations(0, 10), RowsFiltered: 321, PagesFiltered: 1}}))
	if m.state != stateFailed || m.err == nil || !strings.Contains(m.err.Error(), "10 of the 321 rows of page 1") {
		t.Errorf("short first page: state %v, err %v", m.state, m.err)
	}
}
