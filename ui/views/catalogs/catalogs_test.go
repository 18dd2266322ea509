package catalogs

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
)

// TIC around M10 r 0.02: the name resolves in the form, the live count shows, enter
// lists the rows (header saying what ran), o sorts by Tmag, d details the row.
func TestTICAroundM10SortAndDetails(t *testing.T) {
	m := newTab(t)
	pickCatalog(t, m, "TIC")
	focusField(t, m, fTarget)
	press(t, m, "M10")
	focusField(t, m, fRadius)
	press(t, m, "0.02")
	v := m.View()
	if !strings.Contains(v, "→ 254.2877") || !strings.Contains(v, "rows match") {
		t.Fatalf("no resolved position or count in the form:\n%s", v)
	}
	count := m.st().live.Total
	press(t, m, tea.KeyEnter)
	r := m.Results()
	if m.Pane() != "results" || !r.Ready() || r.Loaded() == 0 {
		t.Fatalf("pane %s, ready %v, rows %d:\n%s", m.Pane(), r.Ready(), r.Loaded(), m.View())
	}
	if r.Total() != count {
		t.Fatalf("%d rows listed, the form counted %d", r.Total(), count)
	}
	if v := m.View(); !strings.Contains(strings.SplitN(v, "\n", 2)[0], "TIC around M10 r 0.02 deg") {
		t.Fatalf("header:\n%s", v)
	}
	for r.Grid().Current().Name() != "Tmag" {
		press(t, m, "l")
	}
	press(t, m, "o")
	tmag := r.Table().Col("Tmag")
	lowest := math.Inf(1)
	for i := range r.Loaded() {
		if !tmag.IsNull(i) {
			lowest = min(lowest, tmag.Float[i])
		}
	}
	if got := tmag.Float[r.CursorRow()]; got != lowest {
		t.Fatalf("sorted by Tmag, the first row has %v, the lowest is %v", got, lowest)
	}
	press(t, m, "d")
	if v := m.View(); !strings.Contains(v, "TESS Input Catalog identifier") || !strings.Contains(v, r.Table().Col("ID").String(r.CursorRow())) {
		t.Fatalf("no details of the row:\n%s", v)
	}
}

// Criteria: the add row completes column names and refuses unknown ones with the
// closest; a discrete column completes its values; the count follows; a value the
// catalog refuses is marked on its field and keeps enter in the form.
func TestCriteriaCompletionCountAndInlineErrors(t *testing.T) {
	m := newTab(t)
	pickCatalog(t, m, "TIC")
	press(t, m, tea.KeyCtrlN, "Tmagg", tea.KeyEnter)
	if v := m.View(); !strings.Contains(v, `no column "Tmagg" in TIC: did you mean "Tmag"?`) {
		t.Fatalf("no error for an unknown column:\n%s", v)
	}
	press(t, m, tea.KeyCtrlU, "objT", tea.KeyTab)
	if got := m.st().add.Value(); got != "objType" {
		t.Fatalf("tab completed %q", got)
	}
	press(t, m, tea.KeyEnter, "ST", tea.KeyTab)
	s := m.st()
	if f := s.form.Current(); f.Name != "objType" || f.Value() != "STAR" {
		t.Fatalf("criterion %s = %q", f.Name, f.Value())
	}
	if !strings.Contains(m.View(), "a list: STAR") {
		t.Fatalf("the discrete column's values are not offered:\n%s", m.View())
	}
	press(t, m, tea.KeyCtrlN, "Tmag", tea.KeyEnter, "<12")
	if !s.live.Known || s.live.Total <= 0 {
		t.Fatalf("no count: %+v\n%s", s.live, m.View())
	}
	res, err := m.client.CatalogCount(t.Context(), mast.CatalogQuery{Catalog: "TIC",
		Criteria: []mast.Criterion{{Name: "objType", Value: "STAR"}, {Name: "Tmag", Value: "<12"}}})
	if err != nil || res != s.live.Total {
		t.Fatalf("the form counts %d, the client %d (%v)", s.live.Total, res, err)
	}
	press(t, m, tea.KeyCtrlU, "abc")
	if v := m.View(); !strings.Contains(v, `"abc" is not a number`) {
		t.Fatalf("no inline error:\n%s", v)
	}
	press(t, m, tea.KeyEnter)
	if m.Pane() != "form" || !strings.Contains(m.View(), "Not searched:") {
		t.Fatalf("enter with a refused value searched (pane %s)", m.Pane())
	}
	press(t, m, tea.KeyCtrlD) // the bad criterion goes
	if got := len(s.crit); got != 1 || s.crit[0].Name != "objType" {
		t.Fatalf("criteria after ctrl+d: %d", got)
	}
}

// A cone-only catalog has no count line; its version is part of the search.
func TestGaiaVersionAndNoCount(t *testing.T) {
	m := newTab(t)
	pickCatalog(t, m, "Gaia")
	press(t, m, tea.KeyTab) // the version row
	press(t, m, tea.KeyLeft)
	if got := m.st().form.ByName(fVersion).Value(); got != "DR2" {
		t.Fatalf("version %s", got)
	}
	focusField(t, m, fTarget)
	press(t, m, "254.28771 -4.10031")
	if v := m.View(); strings.Contains(v, "match") || strings.Contains(v, "Counting") {
		t.Fatalf("a count line for Gaia:\n%s", v)
	}
	press(t, m, tea.KeyEnter)
	r := m.Results()
	if !r.Ready() || r.Loaded() == 0 || r.Table().Col("source_id") == nil {
		t.Fatalf("Gaia rows: %d\n%s", r.Loaded(), m.View())
	}
	if h := strings.SplitN(m.View(), "\n", 2)[0]; !strings.Contains(h, "Gaia DR2 around 254.28771 -4.10031 r 0.2 deg") {
		t.Fatalf("header %q", h)
	}
	// source_id is above 2^53: shown and copied exactly.
	id := r.Table().Col("source_id")
	if v, ok := id.Int64(0); !ok || v < 1<<53 || id.String(0) != strings.TrimSpace(id.String(0)) {
		t.Fatalf("source_id %q", id.String(0))
	}
}

// HSC: enter (or m) on a row lists the measurements of its match, S its spectra, and D
// queues the chosen spectra as files of HLA laid out as astroquery does.
func TestHSCMatchesAndSpectraQueued(t *testing.T) {
	m := newTab(t)
	focusField(t, m, fTarget)
	press(t, m, "M10", tea.KeyTab, "0.01", tea.KeyEnter)
	r := m.Results()
	if !r.Ready() || r.Loaded() == 0 {
		t.Fatalf("HSC rows %d:\n%s", r.Loaded(), m.View())
	}
	id := r.Table().Col("MatchID").String(r.CursorRow())
	press(t, m, tea.KeyEnter)
	mt := m.Matches()
	if m.Pane() != "matches" || mt == nil || !mt.Ready() || mt.Loaded() == 0 {
		t.Fatalf("pane %s:\n%s", m.Pane(), m.View())
	}
	for i := range mt.Loaded() {
		if got := mt.Table().Col("MatchID").String(i); got != id {
			t.Fatalf("measurement %d of match %s, want %s", i, got, id)
		}
	}
	press(t, m, tea.KeyEsc)
	if m.Pane() != "results" {
		t.Fatalf("esc from the matches went to %s", m.Pane())
	}
	press(t, m, "S")
	sp := m.Spectra()
	if m.Pane() != "spectra" || sp == nil || !sp.Ready() || sp.Loaded() == 0 {
		t.Fatalf("no spectra of match %s:\n%s", id, m.View())
	}
	intents := press(t, m, " ", "D")
	var q *common.QueueItemsMsg
	for _, msg := range intents {
		if v, ok := msg.(common.QueueItemsMsg); ok {
			q = &v
		}
	}
	if q == nil {
		t.Fatalf("D sent %v", intents)
	}
	dir := t.TempDir()
	items, err := q.Items(dir, false)
	if err != nil || len(items) != 1 {
		t.Fatalf("items %v, %v", items, err)
	}
	name := sp.Table().Col("DatasetName").String(sp.SelectedRows()[0])
	if want := filepath.Join(dir, "mastDownload", "HSC", name+".fits"); items[0].Dest != want || !strings.Contains(items[0].URL, "/cgi-bin/") {
		t.Fatalf("item %s from %s, want %s", items[0].Dest, items[0].URL, want)
	}
}

// PanSTARRS criteria are read and checked against the table's columns before anything
// is sent; a cone search lists rows.
func TestPanstarrsCriteriaCheckedFirst(t *testing.T) {
	m := newTab(t)
	pickCatalog(t, m, "PanSTARRS")
	press(t, m, tea.KeyCtrlN, "nDetections", tea.KeyEnter, "abc")
	focusField(t, m, fTarget)
	press(t, m, "M10", tea.KeyEnter)
	if m.Pane() != "form" || !strings.Contains(m.View(), "is not a number") {
		t.Fatalf("a bad PanSTARRS value was not caught (pane %s):\n%s", m.Pane(), m.View())
	}
	focusField(t, m, "nDetections")
	press(t, m, tea.KeyCtrlU, ">=2", tea.KeyEnter)
	r := m.Results()
	if m.Pane() != "results" || !r.Ready() || r.Loaded() == 0 {
		t.Fatalf("PanSTARRS rows %d:\n%s", r.Loaded(), m.View())
	}
	nd := r.Table().Col("nDetections")
	for i := range r.Loaded() {
		if v, _ := nd.Int64(i); v < 2 {
			t.Fatalf("row %d has nDetections %d", i, v)
		}
	}
}

// A search that fails says why in the view and as a toast; the form is one esc away.
func TestFailedSearchShowsTheCause(t *testing.T) {
	m := newTab(t)
	pickCatalog(t, m, Other)
	press(t, m, tea.KeyTab, "NoSuchCatalog")
	focusField(t, m, fTarget)
	press(t, m, "M10")
	intents := press(t, m, tea.KeyEnter)
	if v := m.View(); m.Pane() != "results" || !strings.Contains(v, "Search failed") || !strings.Contains(v, "NoSuchCatalog") {
		t.Fatalf("pane %s:\n%s", m.Pane(), v)
	}
	if len(intents) == 0 {
		t.Fatal("no toast")
	}
	if _, ok := intents[0].(common.ToastMsg); !ok {
		t.Fatalf("intents %v", intents)
	}
	press(t, m, tea.KeyEsc)
	if m.Pane() != "form" {
		t.Fatalf("esc went to %s", m.Pane())
	}
}

// CatalogHere (the N key of any results row) searches the shown catalog there.
func TestCatalogHereSearchesAroundThePosition(t *testing.T) {
	m := newTab(t)
	pickCatalog(t, m, "TIC")
	settle(t, m, m.CatalogHere(common.CatalogHereMsg{Position: mast.Position{RA: 254.28771, Dec: -4.10031}, Label: "NGA_M10"}))
	r := m.Results()
	if m.Pane() != "results" || !r.Ready() || r.Loaded() == 0 {
		t.Fatalf("pane %s:\n%s", m.Pane(), m.View())
	}
	if h := strings.SplitN(m.View(), "\n", 2)[0]; !strings.Contains(h, "TIC around 254.287710 -4.100310 r 0.2 deg") {
		t.Fatalf("header %q", h)
	}
}
