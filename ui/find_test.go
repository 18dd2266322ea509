package ui_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/ui/uitest"
)

// ctrl+f finds text in the loaded rows: only the rows holding it stay (case-insensitive,
// any shown column), the count says how many of the loaded rows; esc clears the find
// (the results stay), a second esc goes back to the form as before.
func TestFindFiltersLoadedRows(t *testing.T) {
	m := started(t, &uitest.Archive{Rows: 1200}, 120, 30)
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlF})
	send(t, m, typeText("field3")...)
	r := m.Results()
	if r.Grid().Len() == 0 || r.Grid().Len() >= r.Loaded() {
		t.Fatalf("find kept %d of %d rows", r.Grid().Len(), r.Loaded())
	}
	for i := range r.Grid().Len() {
		if !strings.Contains(r.Table().Col("target_name").String(r.Grid().Row(i)), "FIELD3") {
			t.Fatalf("row %d does not hold FIELD3", r.Grid().Row(i))
		}
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter}) // keep it; the table has the keys again
	v := m.View()
	if !strings.Contains(v, "find “field3”") || !strings.Contains(v, "of 400 loaded rows") || m.Focus() != "results" {
		t.Fatalf("after enter:\n%s", v)
	}
	send(t, m, key("j")) // the table moves, nothing typed
	if r.FindText() != "field3" || r.Grid().Cursor() != 1 {
		t.Fatalf("j: find %q, cursor %d", r.FindText(), r.Grid().Cursor())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if r.Finding() || r.Grid().Len() != r.Loaded() || m.Focus() != "results" {
		t.Fatalf("esc: finding %v, %d of %d rows, focus %s", r.Finding(), r.Grid().Len(), r.Loaded(), m.Focus())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Focus() != "form" {
		t.Fatalf("second esc: focus %s", m.Focus())
	}
}

// G while pages remain asks to load them all: n goes to the last loaded row, y loads
// every page and then goes to the last row.
func TestEndAsksToLoadAll(t *testing.T) {
	a := &uitest.Archive{Rows: 1200}
	m := started(t, a, 120, 30)
	send(t, m, key("G"))
	if q := m.Results().LoadAllQuestion(); !strings.Contains(q, "Load all 1,200 observations (2 more pages)? y/n") || !strings.Contains(m.View(), q) {
		t.Fatalf("G asked %q:\n%s", q, m.View())
	}
	send(t, m, key("n")) // the last loaded row (the next page then comes as usual)
	if r := m.Results(); r.Grid().Cursor() != 399 {
		t.Fatalf("n: cursor %d, loaded %d", r.Grid().Cursor(), r.Loaded())
	}
	send(t, m, key("g"), key("G"))
	if q := m.Results().LoadAllQuestion(); !strings.Contains(q, "(1 more page)") {
		t.Fatalf("second G asked %q", q)
	}
	send(t, m, key("y"))
	r := m.Results()
	if r.Loaded() != 1200 || r.Grid().Cursor() != 1199 {
		t.Fatalf("y: loaded %d, cursor %d", r.Loaded(), r.Grid().Cursor())
	}
	if l := placeLine(m.View()); !strings.Contains(l, "row 1,200 of 1,200") {
		t.Fatalf("position: %q", l)
	}
	send(t, m, key("G")) // everything is loaded: no question
	if q := m.Results().LoadAllQuestion(); q != "" {
		t.Fatalf("G asked again: %q", q)
	}
}

func TestFindScreen(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(&uitest.Archive{Rows: 1200}, 400), teatest.WithInitialTermSize(120, 24))
	search(t, tm, "M101")
	tm.Type("|")
	tm.Type("nircam")
	waitText(t, tm, "of 400 loaded rows")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}
