package searchform

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"mastui/services/mast"
	"mastui/ui/components/form"
)

// Collections come from the facets with their counts; space chooses, typing filters,
// and the value is a comma list.
func TestCollectionMultiSelect(t *testing.T) {
	m := newForm(t, newFake(), 120, 40)
	keys := m.c.Keys.Form
	m.setFocus(FieldResolver)
	press(m, keys.Down)
	if m.Focused() != FieldCollection {
		t.Fatalf("focus %d", m.Focused())
	}
	v := m.View()
	for _, s := range []string{"[ ] HST", "500", "[ ] GALEX", "300"} {
		if !strings.Contains(v, s) {
			t.Fatalf("list lacks %q:\n%s", s, v)
		}
	}
	press(m, keys.Toggle) // HST, the biggest, is first
	typeInto(m, "te")     // filter: TESS
	press(m, keys.Toggle)
	if got := strings.Join(m.Collections(), ","); got != "HST,TESS" {
		t.Fatalf("chosen %q", got)
	}
	if v := m.View(); !strings.Contains(v, "filter: te") || strings.Contains(v, "GALEX") {
		t.Fatalf("filter not applied:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	crits, _ := m.criteria()
	if len(crits) != 1 || crits[0] != (mast.Criterion{Name: "obs_collection", Value: "HST,TESS"}) {
		t.Fatalf("criteria %+v", crits)
	}
	if !strings.Contains(m.View(), "[x] HST  [x] TESS") {
		t.Fatalf("summary:\n%s", m.View())
	}
	// ↓ walks down the grid's column, then leaves the field.
	for i := 0; i < 10 && m.Focused() == FieldCollection; i++ {
		press(m, keys.Down)
	}
	if m.Focused() != FieldInstrument {
		t.Fatalf("↓ did not leave the list: focus %d", m.Focused())
	}
}

// "+ add criterion" completes column names from the metadata, says "did you mean" for
// unknown ones, and added rows can be removed.
func TestAddCriterion(t *testing.T) {
	a := newFake()
	m := newForm(t, a, 120, 40)
	keys := m.c.Keys.Form
	press(m, keys.Add)
	if m.Focused() != m.addIndex() {
		t.Fatalf("ctrl+n focus %d", m.Focused())
	}
	typeInto(m, "obs_i")
	if v := m.View(); !strings.Contains(v, "▸ obs_id") {
		t.Fatalf("no suggestion:\n%s", v)
	}
	press(m, keys.Next) // completes
	if got := m.fields[m.addIndex()].Input.Value(); got != "obs_id" || m.Focused() != m.addIndex() {
		t.Fatalf("tab gave %q, focus %d", got, m.Focused())
	}
	press(m, keys.Submit)
	i := m.Focused()
	if m.FocusedColumn() != "obs_id" || !m.fields[i].added || m.NumFields() != numFixed+2 {
		t.Fatalf("not added: focus %d %q", i, m.FocusedColumn())
	}
	if !strings.Contains(m.View(), "obs_id") {
		t.Fatalf("row not drawn:\n%s", m.View())
	}
	// A fixed field's column focuses that field.
	press(m, keys.Add)
	typeInto(m, "filters")
	press(m, keys.Submit)
	if m.Focused() != FieldFilters || m.NumFields() != numFixed+2 {
		t.Fatalf("filters: focus %d, %d fields", m.Focused(), m.NumFields())
	}
	// Unknown names get a suggestion and are not added.
	press(m, keys.Add)
	typeInto(m, "distanse")
	press(m, keys.Submit)
	if e := m.Errors()[m.addIndex()]; e != `unknown column "distanse": did you mean "distance"?` {
		t.Fatalf("error %q", e)
	}
	// ctrl+d removes the added row (and only added rows).
	m.setFocus(i)
	drive(t, m, tea.Batch(typeInto(m, "jw*")...))
	drive(t, m, press(m, keys.Remove))
	if m.NumFields() != numFixed+1 {
		t.Fatalf("%d fields after ctrl+d", m.NumFields())
	}
	m.setFocus(FieldFilters)
	press(m, keys.Remove)
	if m.NumFields() != numFixed+1 {
		t.Fatal("ctrl+d removed a fixed field")
	}
}

// Known values of a facet column complete on tab, member by member; more tabs cycle.
func TestValueCompletion(t *testing.T) {
	m := newForm(t, newFake(), 120, 40)
	m.setFocus(FieldRights)
	typeInto(m, "!pu")
	if v := m.View(); !strings.Contains(v, "tab completes: PUBLIC") {
		t.Fatalf("no known values in the help:\n%s", v)
	}
	press(m, m.c.Keys.Form.Next)
	if got := m.fields[FieldRights].Input.Value(); got != "!PUBLIC" || m.Focused() != FieldRights {
		t.Fatalf("completed %q focus %d", got, m.Focused())
	}
	press(m, m.c.Keys.Form.Next) // nothing left to complete: next field
	if m.Focused() == FieldRights {
		t.Fatal("tab stayed")
	}
	m.setFocus(FieldProduct)
	typeInto(m, "image, ")
	typeInto(m, "s")
	press(m, m.c.Keys.Form.Next)
	if got := m.fields[FieldProduct].Input.Value(); got != "image, spectrum" {
		t.Fatalf("completed %q", got)
	}
}

// ↑/↓ move by screen rows in two columns, one field at a time in one column.
func TestVerticalMoves(t *testing.T) {
	m := newForm(t, nil, 120, 40)
	keys := m.c.Keys.Form
	m.setFocus(FieldFilters)
	press(m, keys.Down)
	if m.Focused() != FieldCalib {
		t.Fatalf("↓ from Filters: %d", m.Focused())
	}
	press(m, keys.Up)
	press(m, keys.Up)
	if m.Focused() != FieldCollection {
		t.Fatalf("↑↑ from Calib: %d", m.Focused())
	}
	m.SetSize(70, 40)
	m.setFocus(FieldFilters)
	press(m, keys.Down)
	if m.Focused() != FieldProduct {
		t.Fatalf("one column ↓ from Filters: %d", m.Focused())
	}
}

// The form scrolls to the focused field when it is taller than its area.
func TestScrollsToFocus(t *testing.T) {
	m := newForm(t, newFake(), 70, 13)
	m.setFocus(FieldRights)
	v := m.View()
	if !strings.Contains(v, "▸ Data rights") || !strings.Contains(v, "more ↑") {
		t.Fatalf("focus not scrolled into view:\n%s", v)
	}
	m.setFocus(FieldTarget)
	if v := m.View(); !strings.Contains(v, "▸ Target") || !strings.Contains(v, "more ↓") {
		t.Fatalf("did not scroll back:\n%s", v)
	}
}

// Whatever the size and state, the view never exceeds its area.
func TestResizeMatrix(t *testing.T) {
	t.Parallel()
	states := map[string]func(t *testing.T) *Model{
		"fresh": func(t *testing.T) *Model { return newForm(t, newFake(), 100, 30) },
		"collection-open": func(t *testing.T) *Model {
			m := newForm(t, newFake(), 100, 30)
			opts := make([]mast.FacetValue, 60)
			for i := range opts {
				opts[i] = mast.FacetValue{Key: fmt.Sprintf("COLLECTION_%02d_WITH_A_LONG_NAME", i), Count: int64(100000 - i)}
			}
			m.Update(FacetsMsg{Facets: map[string][]mast.FacetValue{"obs_collection": opts}})
			m.setFocus(FieldCollection)
			for i := 0; i < 5; i++ {
				press(m, m.c.Keys.Form.Toggle)
				m.Update(tea.KeyMsg{Type: tea.KeyRight})
			}
			return m
		},
		"errors": func(t *testing.T) *Model {
			m := newForm(t, newFake(), 100, 30)
			fill(t, m, FieldTarget, "999 99")
			fill(t, m, FieldRadius, "1 parsec with a very long explanation that goes on")
			for _, i := range []int{FieldInstrument, FieldFilters, FieldExposure, FieldRights} {
				m.fields[i].SetErrFrom(form.Remote, strings.Repeat("a very long reason why this value is wrong ", 4))
			}
			press(m, m.c.Keys.Form.Submit)
			return m
		},
		"add-completion": func(t *testing.T) *Model {
			m := newForm(t, newFake(), 100, 30)
			press(m, m.c.Keys.Form.Add)
			typeInto(m, "s")
			press(m, m.c.Keys.Form.Next)
			return m
		},
		"many-added": func(t *testing.T) *Model {
			m := newForm(t, newFake(), 100, 30)
			for _, c := range []string{"obs_id", "distance", "s_ra", "proposal_id", "t_min", "calib_level"} {
				press(m, m.c.Keys.Form.Add)
				typeInto(m, c)
				press(m, m.c.Keys.Form.Submit)
				typeInto(m, strings.Repeat("x", 80))
			}
			m.SetResolved("M101 → 210.802429 +54.348750 (SIMBAD)")
			return m
		},
	}
	for name, mk := range states {
		t.Run(name, func(t *testing.T) {
			m := mk(t)
			check := func(w, h int) {
				m.SetSize(w, h)
				v := m.View()
				if gw, gh := lipgloss.Width(v), lipgloss.Height(v); gw > w || gh > h {
					t.Fatalf("%dx%d: view is %dx%d:\n%s", w, h, gw, gh, v)
				}
				if !strings.Contains(v, "▸") && h >= 13 {
					t.Fatalf("%dx%d: the focused field is not shown:\n%s", w, h, v)
				}
			}
			for w := 60; w <= 200; w += 7 {
				for h := 15; h <= 60; h += 5 {
					check(w, h)
				}
			}
			check(200, 60)
			check(60, 13) // the root's smallest body
			for _, s := range [][2]int{{40, 10}, {20, 5}, {1, 1}} {
				check(s[0], s[1])
			}
			m.SetSize(0, 0)
			if v := m.View(); v != "" {
				t.Fatalf("0x0: %q", v)
			}
		})
	}
}

// Tab completes once; the next tab moves on, whatever else would match (issue 9: tab in
// a completed field cycled the completions forever).
func TestTabCompletesThenMovesOn(t *testing.T) {
	m := newForm(t, newFake(), 120, 40)
	keys := m.c.Keys.Form
	m.setFocus(FieldIntent)
	typeInto(m, "c") // calibration (prefix), science (contains c)
	press(m, keys.Next)
	if got := m.fields[FieldIntent].Input.Value(); got != "calibration" || m.Focused() != FieldIntent {
		t.Fatalf("first tab: %q, focus %d", got, m.Focused())
	}
	press(m, keys.Next)
	if got := m.fields[FieldIntent].Input.Value(); got != "calibration" || m.Focused() == FieldIntent {
		t.Fatalf("second tab: %q, focus %d (want the next field)", got, m.Focused())
	}
	// A value typed in full moves on at the first tab, though others contain it.
	m.setFocus(FieldIntent)
	m.fields[FieldIntent].Input.SetValue("calibration")
	press(m, keys.Next)
	if got := m.fields[FieldIntent].Input.Value(); got != "calibration" || m.Focused() == FieldIntent {
		t.Fatalf("tab in a complete value: %q, focus %d", got, m.Focused())
	}
}

// On "+ add criterion" (ctrl+n) tab completes the column name, ↑/↓ pick another of the
// listed ones, and the next tab adds the criterion and moves into its row.
func TestAddRowTabCompletesThenAdds(t *testing.T) {
	m := newForm(t, newFake(), 120, 40)
	keys := m.c.Keys.Form
	press(m, keys.Add)
	typeInto(m, "i") // obs_id, distance (the other columns with an i have fields)
	press(m, keys.Next)
	add := m.fields[m.addIndex()]
	if got := add.Input.Value(); got != "obs_id" || m.Focused() != m.addIndex() {
		t.Fatalf("first tab: %q, focus %d", got, m.Focused())
	}
	press(m, keys.Down)
	if got := add.Input.Value(); got != "distance" || m.Focused() != m.addIndex() {
		t.Fatalf("↓ picked %q, focus %d", got, m.Focused())
	}
	press(m, keys.Next)
	if m.FocusedColumn() != "distance" || !m.fields[m.Focused()].added {
		t.Fatalf("second tab: focus %d %q, want the new distance row", m.Focused(), m.FocusedColumn())
	}
	if add.Input.Value() != "" {
		t.Fatalf("add row still holds %q", add.Input.Value())
	}
}
