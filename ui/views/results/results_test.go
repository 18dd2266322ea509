package results

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/grid"
)

func TestCellFormats(t *testing.T) {
	f := model.NewColumn("t_min", model.KindFloat, 3)
	f.Float = append(f.Float, 59897.5, 0, 0)
	f.SetMasked(1)
	f.Float[2] = nan()
	col := grid.NewColumn(f, "", formatOf("t_min", model.KindFloat), 10)
	for i, want := range []string{"2022-11-14", "--", "--"} {
		if got := col.Text(i); got != want {
			t.Errorf("t_min row %d: %q, want %q", i, got, want)
		}
	}
	e := model.NewColumn("t_exptime", model.KindFloat, 1)
	e.Float = append(e.Float, 1288.44)
	if got := grid.NewColumn(e, "", formatOf("t_exptime", model.KindFloat), 10).Text(0); got != "1288.4" {
		t.Errorf("t_exptime %q", got)
	}
	s := model.NewColumn("target_name", model.KindString, 1)
	s.Str = append(s.Str, "M\x1b[2J101\x07")
	if got := grid.NewColumn(s, "", grid.FormatDefault, 10).Text(0); got != "M101" {
		t.Errorf("sanitized %q", got)
	}
}

func nan() float64 { var z float64; return z / z }

func TestKeyColumnsFirstAndWidthsCached(t *testing.T) {
	m := loaded(t, 1000, 120, 30)
	cols := m.grid.Columns()
	if cols[0].Header != "obs_collection" || cols[7].Header != "t_min" || cols[11].Header != "distance" {
		t.Fatalf("column order: %v %v %v", cols[0].Header, cols[7].Header, cols[11].Header)
	}
	if len(cols) != 40 {
		t.Fatalf("%d columns", len(cols))
	}
	for _, c := range cols {
		if c.Width < 1 || c.Width > c.Cap {
			t.Errorf("%s: width %d cap %d", c.Header, c.Width, c.Cap)
		}
	}
	v := m.View()
	if lines := strings.Split(v, "\n"); len(lines) != 30 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 120 {
			t.Fatalf("line wider than 120: %q", l)
		}
	}
}

func TestColumnCursorKeepsFirstColumnPinned(t *testing.T) {
	m := loaded(t, 100, 80, 20)
	for i := 0; i < 100; i++ {
		m.onKey(keyMsg("l"))
	}
	g := m.grid
	vis := g.VisibleColumns()
	if vis[0].Col.Header != "obs_collection" {
		t.Fatalf("first column not pinned: %s", vis[0].Col.Header)
	}
	if g.ColumnCursor() != len(g.Columns())-1 {
		t.Fatalf("column cursor %d", g.ColumnCursor())
	}
	if last := vis[len(vis)-1]; last.Index != len(g.Columns())-1 || last.W != last.Col.Width {
		t.Fatalf("scrolled past or short of the last column: %+v", last)
	}
	for i := 0; i < 100; i++ {
		m.onKey(keyMsg("h"))
	}
	if g.ColOffset() != 0 || g.ColumnCursor() != 0 {
		t.Fatalf("colOff %d cursor %d", g.ColOffset(), g.ColumnCursor())
	}
	// Every column the cursor passes is fully visible on the way.
	for i := 1; i < len(g.Columns()); i++ {
		m.onKey(keyMsg("l"))
		found := false
		for _, v := range g.VisibleColumns() {
			if v.Index == i {
				found = v.W == v.Col.Width
			}
		}
		if !found {
			t.Fatalf("column %d under the cursor is not fully visible", i)
		}
	}
}

func TestNavigationClamps(t *testing.T) {
	m := loaded(t, 100, 80, 20)
	g := m.grid
	m.onKey(keyMsg("k"))
	if g.Cursor() != 0 {
		t.Fatal("up from the top moved")
	}
	m.onKey(keyMsg("G"))
	if g.Cursor() != 99 || g.Top() != 100-g.RowsHeight() {
		t.Fatalf("G: cursor %d top %d", g.Cursor(), g.Top())
	}
	m.onKey(keyMsg("j"))
	if g.Cursor() != 99 {
		t.Fatal("down past the end moved")
	}
	m.onKey(keyMsg("g"))
	m.onKey(keyMsgType("pgdown"))
	if g.Cursor() != g.RowsHeight() {
		t.Fatalf("pgdn: cursor %d", g.Cursor())
	}
}

func TestStaleAndWrongPageDropped(t *testing.T) {
	m := loaded(t, 10, 80, 20)
	id := m.QueryID()
	m.StartSearch(m.search)
	if m.Update(answer(id, PageLoadedMsg{Page: 1, Result: &mast.Page{Table: wideTable(5)}})) != nil || m.Loaded() != 0 {
		t.Fatal("stale page applied")
	}
	if m.Update(answer(m.QueryID()+1, PageLoadedMsg{Page: 3, Result: &mast.Page{Table: wideTable(5)}})); m.Loaded() != 0 {
		t.Fatal("a page nobody asked for was applied")
	}
}

// answer is the answer of page request req, addressed as the view's Requests do.
func answer(req uint64, p PageLoadedMsg) common.TabMsg {
	return common.TabMsg{To: PageTask, Req: req, Msg: p}
}
