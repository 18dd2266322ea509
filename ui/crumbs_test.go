package ui_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/uitest"
)

// placeLine is the header's second line: breadcrumbs and the row position.
func placeLine(v string) string { return strings.Split(v, "\n")[1] }

// The header's second line follows the user: the form, the search's place with the
// cursor's row of every row the search matches, the products of the selection and their
// filter panel, and back.
func TestBreadcrumbsAndRowPosition(t *testing.T) {
	m := newApp(withObsid{&uitest.Archive{Rows: 1200}}, 400)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	settle(t, m, m.Init())
	if l := placeLine(m.View()); !strings.Contains(l, "Observations › search form") || strings.Contains(l, "row") {
		t.Fatalf("form: %q", l)
	}
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	send(t, m, key("j"), key("j"))
	if l := placeLine(m.View()); !strings.Contains(l, "Observations › M101") || !strings.HasSuffix(strings.TrimSpace(l), "row 3 of 1,200") {
		t.Fatalf("results: %q", l)
	}
	space := tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	send(t, m, space, space, tea.KeyMsg{Type: tea.KeyEnter})
	if l := placeLine(m.View()); !strings.Contains(l, "Observations › M101 › products of 2") || !strings.Contains(l, "row 1 of 6") {
		t.Fatalf("products: %q", l)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyTab})
	if l := placeLine(m.View()); !strings.Contains(l, "products of 2 › filters") {
		t.Fatalf("filter panel: %q", l)
	}
	send(t, m, key("?"))
	if l := placeLine(m.View()); !strings.Contains(l, "filters › help") {
		t.Fatalf("help: %q", l)
	}
}

// The results' title says what was searched: the resolved target with the radius, and
// every criterion.
func TestResultsTitleShowsRadiusAndCriteria(t *testing.T) {
	m := newApp(&uitest.Archive{Rows: 50}, 400)
	send(t, m, tea.WindowSizeMsg{Width: 160, Height: 30})
	settle(t, m, m.Init())
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyCtrlU})
	send(t, m, typeText("3 arcmin")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyTab}) // resolver, collection, instrument
	send(t, m, typeText("NIRCAM*")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	title := strings.Split(m.View(), "\n")[2]
	for _, want := range []string{"M101 → 210.802429 +54.348750", "r 3 arcmin", "instrument_name NIRCAM*"} {
		if !strings.Contains(title, want) {
			t.Fatalf("title lacks %q: %q", want, title)
		}
	}
}
