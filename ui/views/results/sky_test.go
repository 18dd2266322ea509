package results

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
)

// skyTable is n square footprints 0.01 deg wide in a row going east of (10, 20), every
// other one HST, the rest JWST, with a start time each.
func skyTable(n int) *model.Table {
	region := model.NewColumn("s_region", model.KindString, n)
	coll := model.NewColumn("obs_collection", model.KindString, n)
	ra := model.NewColumn("s_ra", model.KindFloat, n)
	dec := model.NewColumn("s_dec", model.KindFloat, n)
	tmin := model.NewColumn("t_min", model.KindFloat, n)
	id := model.NewColumn("obs_id", model.KindString, n)
	for i := range n {
		c := 10 + 0.02*float64(i)
		region.Str = append(region.Str, fmt.Sprintf("POLYGON ICRS %g 19.995 %g 19.995 %g 20.005 %g 20.005", c-0.005, c+0.005, c+0.005, c-0.005))
		coll.Str = append(coll.Str, map[bool]string{true: "HST", false: "JWST"}[i%2 == 0])
		ra.Float, dec.Float = append(ra.Float, c), append(dec.Float, 20)
		tmin.Float = append(tmin.Float, 59000+float64(i)*30)
		id.Str = append(id.Str, fmt.Sprintf("obs%02d", i))
	}
	return model.NewTable(id, coll, region, ra, dec, tmin)
}

// skyResults is a results view of skyTable(n), searched around (10.04, 20) r 0.06 deg,
// in w×h, without colours.
func skyResults(t *testing.T, n, w, h int) *Model {
	t.Helper()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := common.New(context.Background(), r, slog.New(slog.DiscardHandler), "test")
	m := New(c, nil, 500)
	m.SetSize(w, h)
	m.StartSearch(common.Search{Query: mast.Query{Position: &mast.Position{RA: 10.04, Dec: 20}, RadiusDeg: 0.06}, Target: "10.04 20", Radius: "0.06"})
	m.Update(answer(m.QueryID(), PageLoadedMsg{Page: 1, Result: &mast.Page{Table: skyTable(n), Page: 1, PagesFiltered: 1, RowsFiltered: int64(n)}}))
	if m.Loaded() != n {
		t.Fatalf("loaded %d", m.Loaded())
	}
	return m
}

// glyphAt is the screen column of the first g drawn on the sky, and its line (-1 when
// none); the legend and the title, which name the glyphs, do not count.
func glyphAt(view string, g string) (col, line int) {
	for i, l := range strings.Split(ansi.Strip(view), "\n") {
		if strings.Contains(l, "cursor") || strings.Contains(l, "Sky ·") { // the legend and the title name the glyphs: not marks
			continue
		}
		if k := strings.Index(l, g); k >= 0 {
			return ansi.StringWidth(l[:k]), i
		}
	}
	return -1, -1
}

func TestSkyHighlightFollowsTheCursor(t *testing.T) {
	m := skyResults(t, 5, 80, 24)
	m.Update(keyMsg("v"))
	if shown, beside := m.SkyShown(); !shown || beside {
		t.Fatalf("v at 80 columns: shown %v beside %v, want the sky in the table's place", shown, beside)
	}
	v := m.View()
	if !strings.Contains(v, "Sky · 5 footprints") {
		t.Fatalf("no sky title:\n%s", v)
	}
	x0, y0 := glyphAt(v, "◆")
	if x0 < 0 {
		t.Fatalf("no cursor mark:\n%s", ansi.Strip(v))
	}
	// Row 1 lies 0.02 deg east of row 0: east is left, so its mark is to the left.
	m.Update(keyMsg("j"))
	v = m.View()
	x1, y1 := glyphAt(v, "◆")
	if x1 >= x0 || y1 != y0 {
		t.Errorf("cursor mark moved from (%d,%d) to (%d,%d), want to the left on the same line:\n%s", x0, y0, x1, y1, ansi.Strip(v))
	}
	// Selected rows carry their own glyph (NO_COLOR reads it).
	m.Update(keyMsg(" "))
	if x, _ := glyphAt(m.View(), "●"); x < 0 {
		t.Errorf("selected row has no ● mark:\n%s", ansi.Strip(m.View()))
	}
}

func TestSkyPickMovesTheTableCursor(t *testing.T) {
	m := skyResults(t, 5, 80, 24)
	m.Update(keyMsg("v"))
	m.View()
	// The crosshair starts at the centre of the fitted view, footprint 2 (10.04, 20).
	m.Update(keyMsg(">"))
	if got := m.CursorRow(); got != 2 {
		t.Fatalf("> picked row %d, want 2 (the footprint under the crosshair)", got)
	}
	// Pan one step west (right, lower RA): a quarter of the view, past the last
	// footprint; > then picks the footprint nearest the crosshair, the westmost.
	m.Update(keyMsg("L"))
	m.Update(keyMsg(">"))
	if got := m.CursorRow(); got != 0 {
		t.Errorf("after panning west > picked row %d, want 0 (the westmost, nearest the crosshair)", got)
	}
	if !strings.Contains(ansi.Strip(m.View()), "╋") {
		t.Errorf("no crosshair after panning")
	}
}

func TestSkyFitZoomAndColour(t *testing.T) {
	m := skyResults(t, 5, 80, 24)
	m.Update(keyMsg("v"))
	fitted := ansi.Strip(m.View())
	m.Update(keyMsg("+"))
	if zoomed := ansi.Strip(m.View()); zoomed == fitted {
		t.Errorf("+ did not zoom")
	}
	m.Update(keyMsg("f"))
	if again := ansi.Strip(m.View()); again != fitted {
		t.Errorf("f did not fit again:\n%s\nwant\n%s", again, fitted)
	}
	if !strings.Contains(fitted, "■ HST") || !strings.Contains(fitted, "■ JWST") {
		t.Errorf("legend lacks the collections:\n%s", fitted)
	}
}

func TestSkyBesideTheTableWhenWide(t *testing.T) {
	m := skyResults(t, 5, 160, 48)
	m.Update(keyMsg("v"))
	if _, beside := m.SkyShown(); !beside {
		t.Fatal("not beside at 160 columns")
	}
	v := m.View()
	lines := strings.Split(v, "\n")
	if len(lines) != 48 {
		t.Fatalf("%d lines, want 48", len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 160 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
	s := ansi.Strip(v)
	if !strings.Contains(s, "obs00") || !strings.Contains(s, "Sky · 5 footprints") {
		t.Errorf("want the table and the sky side by side:\n%s", s)
	}
}

func TestTimelineStripUnderTheTable(t *testing.T) {
	m := skyResults(t, 5, 100, 24)
	m.Update(keyMsg("m"))
	v := ansi.Strip(m.View())
	lines := strings.Split(v, "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines, want 24", len(lines))
	}
	tail := strings.Join(lines[len(lines)-4:], "\n")
	for _, want := range []string{"HST", "JWST", "▲", "2020-05-31", "2020-09-28"} {
		if !strings.Contains(tail, want) {
			t.Errorf("timeline lacks %q:\n%s", want, tail)
		}
	}
}

func TestCatalogRowsBecomeOtherViewsOverlay(t *testing.T) {
	m := skyResults(t, 3, 80, 24)
	cat := NewWithProfile(m.c, nil, 500, Profile{Name: "catalogs.TIC", Noun: "rows", Sources: true})
	cat.SetSize(80, 24)
	cat.StartSearch(common.Search{Target: "x", Fetch: func(context.Context, int, int) (*mast.Page, error) { return nil, nil }})
	ra := model.NewColumn("ra", model.KindFloat, 2)
	ra.Float = append(ra.Float, 10.02, 10.03)
	dec := model.NewColumn("dec", model.KindFloat, 2)
	dec.Float = append(dec.Float, 20.01, 19.99)
	mag := model.NewColumn("Tmag", model.KindFloat, 2)
	mag.Float = append(mag.Float, 8, 14)
	cat.Update(answer(cat.QueryID(), PageLoadedMsg{Page: 1, Result: &mast.Page{Table: model.NewTable(ra, dec, mag), Page: 1, PagesFiltered: 1, RowsFiltered: 2}}))
	if got := m.c.SkySources("catalogs.TIC"); got != nil {
		t.Errorf("the catalog view overlays its own rows: %v", got)
	}
	src := m.c.SkySources(m.Name())
	if len(src) != 2 || src[0].Mag != 8 || src[1].Pos.Dec != 19.99 {
		t.Fatalf("sources %+v", src)
	}
	m.Update(keyMsg("v"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "2 sources") {
		t.Errorf("legend does not count the overlay:\n%s", v)
	}
}

// Zoomed in on one footprint, moving the table's cursor to one out of view pans the sky
// to it: the highlight is never lost.
func TestSkyFollowsTheCursorOutOfView(t *testing.T) {
	m := skyResults(t, 5, 80, 24)
	m.Update(keyMsg("v"))
	for range 6 {
		m.Update(keyMsg("+"))
	}
	m.Update(keyMsg("G")) // the last row, 0.04 deg east of the centre: far out of view now
	if m.CursorRow() != 4 {
		t.Fatalf("cursor row %d", m.CursorRow())
	}
	if x, _ := glyphAt(m.View(), "◆"); x < 0 {
		t.Errorf("the cursor's footprint is out of view:\n%s", ansi.Strip(m.View()))
	}
}

// A click on a footprint in the sky panel puts the table's cursor on its row, in the
// table's place (80 columns) and beside the table (160); a click on empty sky does not
// move it, and the wheel over the sky zooms instead of scrolling.
func TestSkyClickPicksTheFootprint(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprint(size[0]), func(t *testing.T) {
			m := skyResults(t, 5, size[0], size[1])
			m.Update(keyMsg("v"))
			for range 3 {
				m.Update(keyMsg("j"))
			}
			x3, y3 := glyphAt(m.View(), "◆") // row 3's centre on the screen
			if x3 < 0 {
				t.Fatalf("no cursor mark:\n%s", ansi.Strip(m.View()))
			}
			m.Update(keyMsg("g"))
			if m.CursorRow() != 0 {
				t.Fatalf("g: cursor on %d", m.CursorRow())
			}
			m.View()
			m.Click(x3, y3)
			if got := m.CursorRow(); got != 3 {
				t.Fatalf("click at (%d,%d) on row 3's footprint put the cursor on %d:\n%s", x3, y3, got, ansi.Strip(m.View()))
			}
			m.Click(x3, size[1]-3) // the sky's bottom, far south of the row of footprints
			if got := m.CursorRow(); got != 3 {
				t.Errorf("a click on empty sky moved the cursor to %d", got)
			}
			before := ansi.Strip(m.View())
			m.Wheel(x3, y3, -1)
			if m.CursorRow() != 3 || ansi.Strip(m.View()) == before {
				t.Errorf("the wheel over the sky: cursor %d, zoomed %v", m.CursorRow(), ansi.Strip(m.View()) != before)
			}
		})
	}
}

// skyCell is the "cell 1.2′" of the sky's title ("" when none shows).
func skyCell(view string) string {
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if i := strings.Index(l, "· cell "); i >= 0 && strings.Contains(l, "Sky ·") {
			f := strings.Fields(l[i+len("· cell "):])
			return f[0]
		}
	}
	return ""
}

// The sky's keys are the session's bindings, shared by every results view: another
// tab's view laid out (the root resizes every tab when a toast shows or expires) must
// not turn them off in the view whose sky shows.
func TestSkyKeysSurviveAnotherViewsLayout(t *testing.T) {
	m := skyResults(t, 5, 120, 36)
	other := New(m.c, nil, 500) // another tab's results, its sky hidden
	m.Update(keyMsg("v"))
	fitted := skyCell(m.View())
	if fitted == "" {
		t.Fatalf("no sky:\n%s", ansi.Strip(m.View()))
	}
	m.SetSize(120, 36) // a toast showed: the root lays out every tab in turn
	other.SetSize(120, 36)
	zoomHint := false
	for _, b := range m.Hints() {
		zoomHint = zoomHint || b.Enabled() && b.Help().Desc == m.c.Keys.Sky.ZoomIn.Help().Desc
	}
	if !zoomHint {
		t.Errorf("the hints lack the sky's zoom after another view's layout")
	}
	m.Update(keyMsg("+"))
	zoomed := skyCell(m.View())
	if zoomed == fitted {
		t.Fatalf("+ after another view's layout: cell still %s", zoomed)
	}
	m.SetSize(120, 36) // the toast expired
	other.SetSize(120, 36)
	m.Update(keyMsg("f"))
	if again := skyCell(m.View()); again != fitted {
		t.Errorf("f after the toast expired: cell %s, want %s", again, fitted)
	}
}

// A resize fits a sky the user has not zoomed to its new size; a zoomed one keeps its
// scale, and f fits it to the new size.
func TestSkyFitsAgainOnResize(t *testing.T) {
	m := skyResults(t, 5, 80, 24)
	m.Update(keyMsg("v"))
	small := skyCell(m.View())
	m.SetSize(160, 48)
	big := skyCell(m.View())
	if big == small {
		t.Fatalf("80x24 → 160x48: cell still %s", big)
	}
	m.SetSize(80, 24)
	if back := skyCell(m.View()); back != small {
		t.Errorf("back to 80x24: cell %s, want %s", back, small)
	}
	m.Update(keyMsg("+"))
	zoomed := skyCell(m.View())
	m.SetSize(160, 48)
	if kept := skyCell(m.View()); kept != zoomed {
		t.Errorf("a zoomed sky resized: cell %s, want the user's %s", kept, zoomed)
	}
	m.Update(keyMsg("f"))
	if fit := skyCell(m.View()); fit != big {
		t.Errorf("f at 160x48: cell %s, want %s", fit, big)
	}
}

// In the table's place (80×24) the sky's title names the cursor's row, which follows j;
// beside the table (which shows the row) it does not.
func TestSkyTitleNamesTheCursorRow(t *testing.T) {
	m := skyResults(t, 5, 80, 24)
	m.Update(keyMsg("v"))
	if title := strings.Split(ansi.Strip(m.View()), "\n")[1]; !strings.Contains(title, "◆ obs00") {
		t.Errorf("title %q lacks the cursor's row", title)
	}
	m.Update(keyMsg("j"))
	if title := strings.Split(ansi.Strip(m.View()), "\n")[1]; !strings.Contains(title, "◆ obs01") {
		t.Errorf("after j: title %q", title)
	}
	m.SetSize(160, 48)
	if v := ansi.Strip(m.View()); strings.Contains(v, "◆ obs01") {
		t.Errorf("beside the table the title names the row again")
	}
}

// A table without a collection column (a mission's) is coloured by its instrument;
// with neither, the legend names no group (no "■ (none)").
func TestSkyLegendWithoutCollection(t *testing.T) {
	for _, instr := range []bool{true, false} {
		m := skyResults(t, 4, 80, 24)
		full := m.table
		cols := []*model.Column{full.Col("obs_id"), full.Col("s_region"), full.Col("s_ra"), full.Col("s_dec")}
		if instr {
			c := model.NewColumn("sci_instrume", model.KindString, 4)
			c.Str = append(c.Str, "STIS", "COS", "STIS", "COS")
			cols = append(cols, c)
		}
		m.table = model.NewTable(cols...)
		m.resort()
		m.Update(keyMsg("v"))
		v := ansi.Strip(m.View())
		legend := strings.Split(v, "\n")[strings.Count(v, "\n")]
		switch {
		case strings.Contains(legend, "(none)"):
			t.Errorf("instrument %v: legend %q", instr, legend)
		case instr && !strings.Contains(legend, "■ STIS"):
			t.Errorf("a mission's legend lacks its instruments: %q", legend)
		}
	}
}
