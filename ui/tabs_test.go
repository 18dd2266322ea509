package ui_test

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui"
	"mastui/ui/uitest"
)

// The registry names the tabs in tab-bar order; the names are what --tab takes.
func TestTabNames(t *testing.T) {
	if got, want := ui.TabNames(), []string{"observations", "missions", "catalogs", "cutouts", "duplicates", "queue"}; !slices.Equal(got, want) {
		t.Fatalf("TabNames() = %v, want %v", got, want)
	}
}

// Options.StartTab opens the app on that tab (its tab marked in the header, its screen
// drawn, what it needs fetched); an unknown or empty name opens the first.
func TestStartTab(t *testing.T) {
	for _, c := range []struct {
		start, tab, header, screen string
	}{
		{"", "observations", "[Observations]", "Search observations"},
		{"observations", "observations", "[Observations]", "Search observations"},
		{"missions", "missions", "[Missions]", "queryable hst columns"},
		{"catalogs", "catalogs", "[Catalogs]", "Catalogs are unavailable in this session"},
		{"cutouts", "cutouts", "[Cutouts]", "No listing yet"},
		{"duplicates", "duplicates", "[Duplicates]", "No check yet"},
		{"queue", "queue", "[Queue]", "Downloads unavailable"},
		{"nosuchtab", "observations", "[Observations]", "Search observations"},
	} {
		t.Run(c.start, func(t *testing.T) {
			m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{StartTab: c.start})
			send(t, m, tea.WindowSizeMsg{Width: 110, Height: 30})
			settle(t, m, m.Init())
			v := m.View()
			if m.Tab() != c.tab || !strings.Contains(strings.SplitN(v, "\n", 2)[0], c.header) || !strings.Contains(v, c.screen) {
				t.Fatalf("StartTab %q: tab %s, screen:\n%s", c.start, m.Tab(), v)
			}
		})
	}
}

// ctrl+t goes round the tabs in registry order, from text fields too; the queue's esc
// goes back to the tab it was opened from.
func TestNextTabGoesRound(t *testing.T) {
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{})
	send(t, m, tea.WindowSizeMsg{Width: 110, Height: 30})
	settle(t, m, m.Init())
	var seen []string
	for range 7 {
		send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT})
		seen = append(seen, m.Tab())
	}
	if want := []string{"missions", "catalogs", "cutouts", "duplicates", "queue", "observations", "missions"}; !slices.Equal(seen, want) {
		t.Fatalf("ctrl+t went %v, want %v", seen, want)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT}) // Catalogs
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT}) // Cutouts
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT}) // Duplicates
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT}) // the queue, opened from the Duplicates tab
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Tab() != "duplicates" {
		t.Fatalf("esc in the queue went to %s", m.Tab())
	}
}
