package results

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/services/mast"
)

func TestCellFormats(t *testing.T) {
	f := model.NewColumn("t_min", model.KindFloat, 3)
	f.Float = append(f.Float, 59897.5, 0, 0)
	f.SetMasked(1)
	f.Float[2] = nan()
	col := &column{src: f, format: formatOf("t_min", model.KindFloat)}
	for i, want := range []string{"2022-11-14", "--", "--"} {
		if got := cellText(col, i); got != want {
			t.Errorf("t_min row %d: %q, want %q", i, got, want)
		}
	}
	e := model.NewColumn("t_exptime", model.KindFloat, 1)
	e.Float = append(e.Float, 1288.44)
	if got := cellText(&column{src: e, format: formatOf("t_exptime", model.KindFloat)}, 0); got != "1288.4" {
		t.Errorf("t_exptime %q", got)
	}
	s := model.NewColumn("target_name", model.KindString, 1)
	s.Str = append(s.Str, "M\x1b[2J101\x07")
	if got := cellText(&column{src: s}, 0); got != "M101" {
		t.Errorf("sanitized %q", got)
	}
}

func nan() float64 { var z float64; return z / z }

func TestWriteCellTruncatesByWidth(t *testing.T) {
	for _, tc := range []struct {
		in    string
		w     int
		right bool
		want  string
	}{
		{"HST", 6, false, "HST   "},
		{"12.5", 6, true, "  12.5"},
		{"M101-A-VERY-LONG", 8, false, "M101-A-…"},
		{"銀河銀河銀河", 7, false, "銀河銀…"},  // wide runes: 3 × 2 cells + "…" = 7
		{"銀河銀河銀河", 8, false, "銀河銀… "}, // a wide rune does not fit in 1 cell: pad
	} {
		var b strings.Builder
		writeCell(&b, tc.in, tc.w, tc.right)
		if got := b.String(); got != tc.want || ansi.StringWidth(got) != tc.w {
			t.Errorf("writeCell(%q, %d) = %q (width %d), want %q", tc.in, tc.w, got, ansi.StringWidth(got), tc.want)
		}
	}
}

func TestKeyColumnsFirstAndWidthsCached(t *testing.T) {
	m := loaded(t, 1000, 120, 30)
	if m.cols[0].header != "obs_collection" || m.cols[7].header != "t_min" || m.cols[11].header != "distance" {
		t.Fatalf("column order: %v %v %v", m.cols[0].header, m.cols[7].header, m.cols[11].header)
	}
	if len(m.cols) != 40 {
		t.Fatalf("%d columns", len(m.cols))
	}
	for _, c := range m.cols {
		if c.width < 1 || c.width > c.cap {
			t.Errorf("%s: width %d cap %d", c.header, c.width, c.cap)
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

func TestScrollKeepsFirstColumnPinned(t *testing.T) {
	m := loaded(t, 100, 80, 20)
	for i := 0; i < 100; i++ {
		m.onKey(keyMsg("l"))
	}
	vis := m.visibleColumns()
	if vis[0].col.header != "obs_collection" {
		t.Fatalf("first column not pinned: %s", vis[0].col.header)
	}
	if last := vis[len(vis)-1]; last.idx != len(m.cols)-1 || last.w != last.col.width {
		t.Fatalf("scrolled past or short of the last column: %+v", last)
	}
	for i := 0; i < 100; i++ {
		m.onKey(keyMsg("h"))
	}
	if m.colOff != 0 {
		t.Fatalf("colOff %d", m.colOff)
	}
}

func TestNavigationClamps(t *testing.T) {
	m := loaded(t, 100, 80, 20)
	m.onKey(keyMsg("k"))
	if m.cursor != 0 {
		t.Fatal("up from the top moved")
	}
	m.onKey(keyMsg("G"))
	if m.cursor != 99 || m.top != 100-m.rowsHeight() {
		t.Fatalf("G: cursor %d top %d", m.cursor, m.top)
	}
	m.onKey(keyMsg("j"))
	if m.cursor != 99 {
		t.Fatal("down past the end moved")
	}
	m.onKey(keyMsg("g"))
	m.onKey(keyMsgType("pgdown"))
	if m.cursor != m.rowsHeight() {
		t.Fatalf("pgdn: cursor %d", m.cursor)
	}
}

func TestStaleAndWrongPageDropped(t *testing.T) {
	m := loaded(t, 10, 80, 20)
	id := m.QueryID()
	m.StartSearch(m.search)
	if m.Update(PageLoadedMsg{QueryID: id, Page: 1, Result: &mast.Page{Table: wideTable(5)}}) != nil || m.Loaded() != 0 {
		t.Fatal("stale page applied")
	}
	if m.Update(PageLoadedMsg{QueryID: m.QueryID(), Page: 3, Result: &mast.Page{Table: wideTable(5)}}); m.Loaded() != 0 {
		t.Fatal("a page nobody asked for was applied")
	}
}
