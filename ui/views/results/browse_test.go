package results

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// sortTable has a float column with masked and NaN cells, an int and a string column,
// and an obsid column.
func sortTable() *model.Table {
	f := model.NewColumn("t_exptime", model.KindFloat, 6)
	f.Float = append(f.Float, 30, 10, 0, 20, nan(), 10)
	f.SetMasked(2)
	i := model.NewColumn("calib_level", model.KindInt, 6)
	i.Int = append(i.Int, 3, 1, 2, 0, 2, 1)
	i.SetMasked(3)
	s := model.NewColumn("target_name", model.KindString, 6)
	s.Str = append(s.Str, "b", "a", "c", "a", "", "B")
	id := model.NewColumn("obsid", model.KindString, 6)
	id.Str = append(id.Str, "100", "101", "102", "103", "104", "105")
	ob := model.NewColumn("obs_id", model.KindString, 6)
	ob.Str = append(ob.Str, "o0", "o1", "o2", "o3", "o4", "o5")
	u := model.NewColumn("dataURL", model.KindString, 6)
	u.Str = append(u.Str, "mast:A/0", "mast:A/1", "", "mast:A/3", "mast:A/4", "mast:A/5")
	return model.NewTable(s, i, f, id, ob, u)
}

// fromTable shows tb as page 1 of total rows, in pages of tb's size (a whole page: a
// shorter one is refused).
func fromTable(t *testing.T, tb *model.Table, total int64, w, h int) *Model {
	t.Helper()
	c := uitest.Common("")
	size := tb.Rows()
	m := New(c, nil, size)
	m.SetSize(w, h)
	m.StartSearch(common.Search{Query: mast.Query{Object: "M101"}, Target: "M101", Radius: "0.2 deg"})
	m.Update(answer(m.QueryID(), PageLoadedMsg{Page: 1, Result: &mast.Page{
		Table: tb, Page: 1, PagesFiltered: int((total + int64(size) - 1) / int64(size)), RowsFiltered: total,
	}}))
	return m
}

func order(m *Model) []int {
	out := make([]int, m.grid.Len())
	for i := range out {
		out[i] = m.RowAt(i)
	}
	return out
}

func moveToColumn(t *testing.T, m *Model, name string) {
	t.Helper()
	for range 50 {
		m.onKey(keyMsg("h"))
	}
	for i := 0; i < 50; i++ {
		if c := m.grid.Current(); c != nil && c.Name() == name {
			return
		}
		m.onKey(keyMsg("l"))
	}
	t.Fatalf("no column %s", name)
}

func TestSortOrderMaskedLast(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 120, 20)
	moveToColumn(t, m, "t_exptime")
	m.onKey(keyMsg("o"))
	// 10 (row 1), 10 (row 5, tie keeps loaded order), 20, 30, then masked (2) and NaN (4).
	if got, want := order(m), []int{1, 5, 3, 0, 2, 4}; !slices.Equal(got, want) {
		t.Fatalf("ascending %v, want %v", got, want)
	}
	if col, desc := m.SortState(); col != "t_exptime" || desc {
		t.Fatalf("sort state %s %v", col, desc)
	}
	m.onKey(keyMsg("o"))
	if got, want := order(m), []int{0, 3, 1, 5, 2, 4}; !slices.Equal(got, want) {
		t.Fatalf("descending %v, want %v (masked last too)", got, want)
	}
	m.onKey(keyMsg("o"))
	if got := order(m); !slices.Equal(got, []int{0, 1, 2, 3, 4, 5}) {
		t.Fatalf("third o should restore the loaded order: %v", got)
	}
	moveToColumn(t, m, "calib_level")
	m.onKey(keyMsg("o"))
	if got, want := order(m), []int{1, 5, 2, 4, 0, 3}; !slices.Equal(got, want) {
		t.Fatalf("ints %v, want %v", got, want)
	}
	moveToColumn(t, m, "target_name")
	m.onKey(keyMsg("o"))
	// Byte order; an empty string counts as missing.
	if got, want := order(m), []int{5, 1, 3, 0, 2, 4}; !slices.Equal(got, want) {
		t.Fatalf("strings %v, want %v", got, want)
	}
}

func TestSortKeepsCursorRowAndSaysWhenPartial(t *testing.T) {
	m := fromTable(t, sortTable(), 1804, 160, 20)
	m.onKey(keyMsg("j"))
	m.onKey(keyMsg("j")) // row 2
	moveToColumn(t, m, "target_name")
	m.onKey(keyMsg("o"))
	if m.Cursor() != 0 || m.CursorRow() != 5 {
		t.Fatalf("sorting should show the top: cursor %d on row %d", m.Cursor(), m.CursorRow())
	}
	m.onKey(keyMsg("j"))
	m.onKey(keyMsg("j")) // row 3 ("a")
	if v := m.View(); !strings.Contains(v, "sorted over 6 loaded of 1,804") {
		t.Fatalf("no partial-sort notice:\n%s", v)
	}
	// A new page re-sorts everything loaded.
	more := sortTable()
	m.Update(answer(m.QueryID(), PageLoadedMsg{Page: 2, Result: &mast.Page{Table: more}}))
	if m.Loaded() != 12 || m.grid.Len() != 12 || m.CursorRow() != 3 {
		t.Fatalf("grid shows %d of %d, cursor row %d", m.grid.Len(), m.Loaded(), m.CursorRow())
	}
	name := m.table.Col("target_name")
	got := []string{}
	for _, r := range order(m) {
		got = append(got, name.Str[r])
	}
	if want := []string{"B", "B", "a", "a", "a", "a", "b", "b", "c", "c", "", ""}; !slices.Equal(got, want) {
		t.Fatalf("after page 2: %q", got)
	}
}

func TestSelectionCounts(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 120, 20)
	m.onKey(keyMsg(" ")) // row 0, moves down
	m.onKey(keyMsg(" ")) // row 1
	if m.Selected() != 2 || !slices.Equal(m.SelectedRows(), []int{0, 1}) || m.Cursor() != 2 {
		t.Fatalf("selected %d %v cursor %d", m.Selected(), m.SelectedRows(), m.Cursor())
	}
	if !strings.Contains(m.Counts(), "2 selected") {
		t.Fatalf("counts %q", m.Counts())
	}
	m.onKey(keyMsg("i"))
	if !slices.Equal(m.SelectedRows(), []int{2, 3, 4, 5}) {
		t.Fatalf("inverted %v", m.SelectedRows())
	}
	m.onKey(keyMsg("a"))
	if m.Selected() != 6 {
		t.Fatalf("all %d", m.Selected())
	}
	m.onKey(keyMsg("A"))
	if m.Selected() != 0 || m.SelectedRows() != nil {
		t.Fatalf("none %d", m.Selected())
	}
}

func TestEnterOpensProductsOfSelection(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 120, 20)
	msg := cmdMsg(t, m.onKey(tea.KeyMsg{Type: tea.KeyEnter}))
	op, ok := msg.(OpenProductsMsg)
	if !ok || !slices.Equal(op.Obsids, []string{"100"}) || !slices.Equal(op.Labels, []string{"o0"}) {
		t.Fatalf("enter without selection: %#v", msg)
	}
	m.onKey(keyMsg("j"))
	m.onKey(keyMsg(" "))
	m.onKey(keyMsg("j"))
	m.onKey(keyMsg(" "))
	op = cmdMsg(t, m.onKey(tea.KeyMsg{Type: tea.KeyEnter})).(OpenProductsMsg)
	if !slices.Equal(op.Obsids, []string{"101", "103"}) {
		t.Fatalf("obsids %v", op.Obsids)
	}
}

func TestCopyCellObsIDAndURL(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 120, 20)
	clip := m.c.Clipboard.(*uitest.Clipboard)
	moveToColumn(t, m, "t_exptime")
	toast := cmdMsg(t, m.onKey(keyMsg("y"))).(common.ToastMsg)
	if clip.Last() != "30" || toast.Text != "copied t_exptime 30" {
		t.Fatalf("y: %q %q", clip.Last(), toast.Text)
	}
	cmdMsg(t, m.onKey(keyMsg("Y")))
	if clip.Last() != "o0" {
		t.Fatalf("Y: %q", clip.Last())
	}
	cmdMsg(t, m.onKey(keyMsg("u")))
	if clip.Last() != "mast:A/0" {
		t.Fatalf("u: %q", clip.Last())
	}
	m.onKey(keyMsg("j"))
	m.onKey(keyMsg("j"))
	if toast := cmdMsg(t, m.onKey(keyMsg("u"))).(common.ToastMsg); toast.Level != common.LevelWarn || clip.Last() != "mast:A/0" {
		t.Fatalf("empty dataURL copied: %+v", toast)
	}
}

func TestColumnChooserAppliesAndAsksToSave(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 120, 30)
	m.onKey(keyMsg("c"))
	if !m.Capturing() || m.Chooser() == nil {
		t.Fatal("c did not open the chooser")
	}
	// Columns in display order: target_name, calib_level, t_exptime, obs_id, obsid, dataURL.
	m.onKey(keyMsg(" ")) // hide target_name
	m.onKey(keyMsg("j"))
	m.onKey(keyMsg("J")) // calib_level moves below t_exptime
	m.onKey(keyMsg("j"))
	m.onKey(keyMsg("j"))
	m.onKey(keyMsg(" ")) // hide obsid
	msg := cmdMsg(t, m.onKey(tea.KeyMsg{Type: tea.KeyEnter}))
	want := []string{"t_exptime", "calib_level", "obs_id", "dataURL"}
	cc, ok := msg.(ColumnsChosenMsg)
	if !ok || cc.Table != "observations" || !slices.Equal(cc.Columns, want) {
		t.Fatalf("chosen %#v, want %v", msg, want)
	}
	if got := m.ShownColumns(); !slices.Equal(got, want) || m.Capturing() {
		t.Fatalf("shown %v", got)
	}
	// esc cancels without changes.
	m.onKey(keyMsg("c"))
	m.onKey(keyMsg(" "))
	if m.onKey(tea.KeyMsg{Type: tea.KeyEsc}) != nil || !slices.Equal(m.ShownColumns(), want) {
		t.Fatal("esc changed the columns")
	}
	// A saved choice applies to the next search; unknown names are ignored.
	m.SetColumnChoice([]string{"nope", "obs_id", "t_exptime"})
	if got := m.ShownColumns(); !slices.Equal(got, []string{"obs_id", "t_exptime"}) {
		t.Fatalf("choice %v", got)
	}
}

func TestDetailsPaneSplitAndOverlay(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 100, 30)
	m.archive = &uitest.Archive{Rows: 6}
	msg := cmdMsg(t, m.onKey(keyMsg("d")))
	m.Update(msg)
	if shown, focused := m.DetailsShown(); !shown || focused {
		t.Fatalf("split pane: shown %v focused %v", shown, focused)
	}
	v := m.View()
	if !strings.Contains(v, "─ details · o0") || !strings.Contains(v, "The t_exptime of the observation.") {
		t.Fatalf("no details:\n%s", v)
	}
	if lipgloss.Height(v) > 30 {
		t.Fatalf("%d lines", lipgloss.Height(v))
	}
	m.onKey(tea.KeyMsg{Type: tea.KeyTab})
	if !m.Capturing() {
		t.Fatal("tab did not focus the details")
	}
	m.onKey(tea.KeyMsg{Type: tea.KeyEsc})
	m.SetSize(100, 12) // too short: the pane covers the table and takes the keys
	if _, focused := m.DetailsShown(); !focused {
		t.Fatal("overlay without focus")
	}
	m.onKey(tea.KeyMsg{Type: tea.KeyEsc})
	if shown, _ := m.DetailsShown(); shown {
		t.Fatal("esc did not close the overlay")
	}
}

func cmdMsg(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	return cmd()
}

// BenchmarkResultsKeypressSorted is BenchmarkResultsKeypress with the rows sorted, a
// selection and the details pane open.
func BenchmarkResultsKeypressSorted(b *testing.B) {
	m := loaded(b, 100_000, 200, 58)
	m.grid.SetColumnCursor(7)
	m.cycleSort()
	m.grid.Selection().SetAll(true)
	m.showDetails = true
	m.layout()
	m.grid.MoveTo(50_000)
	j := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m.Cursor() >= 99_999 {
			m.grid.MoveTo(0)
		}
		m.Update(j)
		if v := m.View(); ansi.StringWidth(strings.SplitN(v, "\n", 2)[0]) > 200 {
			b.Fatal("too wide")
		}
	}
}

// The next page is requested half a page before the end of the loaded rows (at least
// two screens), so it usually arrives before the cursor gets there.
func TestPrefetchHalfAPageAhead(t *testing.T) {
	c := uitest.Common("")
	m := New(c, &uitest.Archive{Rows: 2000}, 400)
	m.SetSize(100, 30)
	m.StartSearch(common.Search{Query: mast.Query{Object: "M101"}, Target: "M101", Radius: "0.2 deg"})
	p, _ := (&uitest.Archive{Rows: 2000}).SearchPage(context.Background(), mast.Query{}, 1, 400)
	m.Update(answer(m.QueryID(), PageLoadedMsg{Page: 1, Result: p}))
	m.grid.MoveTo(199)
	if m.maybeFetch() != nil || m.Inflight() != 0 {
		t.Fatal("fetched more than half a page ahead")
	}
	m.onKey(keyMsg("j"))
	if m.Inflight() != 2 {
		t.Fatalf("no prefetch at row 200 of 400 (inflight %d)", m.Inflight())
	}
}

// After sorting on a long column name with rows still to load, the title shortens the
// sort notice rather than dropping the column indicator (issue 9: "▸ col N of M" went).
func TestTitleKeepsColumnIndicatorWhenSorted(t *testing.T) {
	str := func(name string, vals ...string) *model.Column {
		c := model.NewColumn(name, model.KindString, len(vals))
		c.Str = append(c.Str, vals...)
		return c
	}
	tb := model.NewTable(str("obs_collection", "HST", "JWST"), str("target_classification", "Galaxy;Spiral", "Star"), str("obsid", "1", "2"))
	for _, w := range []int{120, 100, 80} {
		m := fromTable(t, tb, 1804, w, 20)
		moveToColumn(t, m, "target_classification")
		m.onKey(keyMsg("o"))
		title := strings.Split(m.View(), "\n")[0]
		if !strings.Contains(title, "col 2 of 3") || !strings.Contains(title, "↑") || ansi.StringWidth(title) > w {
			t.Errorf("width %d: title %q", w, title)
		}
	}
}
