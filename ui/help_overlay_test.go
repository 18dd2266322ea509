package ui_test

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/uitest"
)

// At 80x24 the results' keys do not fit: the overlay says there is more and scrolls to
// it with pgdn and ↓ (it said "more in a larger terminal" and could not scroll).
func TestHelpOverlayScrolls(t *testing.T) {
	m := started(t, &uitest.Archive{Rows: 50}, 80, 24)
	send(t, m, key("?"))
	top := m.View()
	if !strings.Contains(top, "more ↓") || strings.Contains(top, "ctrl+c") {
		t.Fatalf("the top of the overlay:\n%s", top)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyPgDown}, tea.KeyMsg{Type: tea.KeyPgDown}, tea.KeyMsg{Type: tea.KeyDown})
	end := m.View()
	if !m.HelpVisible() || !strings.Contains(end, "more ↑") || !regexp.MustCompile(`ctrl\+c +quit`).MatchString(end) {
		t.Fatalf("after pgdn: visible %v\n%s", m.HelpVisible(), end)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc}, key("?")) // opens at the top again
	if v := m.View(); strings.Contains(v, "more ↑") {
		t.Fatalf("reopened scrolled:\n%s", v)
	}
}

// O, the Observations tab's key, is among the global keys of the overlay on the other
// tabs (it worked and the palette had it, the overlay did not).
func TestHelpOverlayListsTheObservationsKey(t *testing.T) {
	m := started(t, &uitest.Archive{Rows: 50}, 120, 36)
	send(t, m, key("w"), key("?"))
	if v := m.View(); !regexp.MustCompile(`O +Observations tab`).MatchString(v) {
		t.Fatalf("no O in the overlay on the queue:\n%s", v)
	}
}

// The form's status line keeps its primary action, enter search, at 80 and 120 columns
// ("ctrl+r reset form" stayed, enter search went), and the overlays show their own hints.
func TestStatusLineKeepsThePrimaryAction(t *testing.T) {
	for _, w := range []int{80, 120} {
		m := newApp(&uitest.Archive{Rows: 50}, 400)
		send(t, m, tea.WindowSizeMsg{Width: w, Height: 24})
		lines := strings.Split(m.View(), "\n")
		if last := lines[len(lines)-1]; !strings.Contains(last, "enter search") || !strings.Contains(last, "quit") {
			t.Errorf("%d columns: %q", w, last)
		}
	}
	m := started(t, &uitest.Archive{Rows: 50}, 80, 24)
	send(t, m, key("?"))
	lines := strings.Split(m.View(), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "scroll down") || strings.Contains(last, "new search") {
		t.Errorf("the help overlay's status line: %q", last)
	}
}
