package ui_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/uitest"
)

func click(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft}
}

func wheel(x, y int, b tea.MouseButton) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionPress, Button: b}
}

// lineWith is the screen line holding text, and its column (-1, -1 when none).
func lineWith(v, text string) (y, x int) {
	for i, l := range strings.Split(v, "\n") {
		if j := strings.Index(l, text); j >= 0 {
			return i, len([]rune(l[:j]))
		}
	}
	return -1, -1
}

// Clicks go through the root's layout: a tab's name in the tab bar opens it; in the
// results a click puts the cursor on the row drawn there and the wheel scrolls; in the
// products a click on a filter toggles it.
func TestMouseThroughTheRoot(t *testing.T) {
	m := started(t, withObsid{&uitest.Archive{Rows: 1200}}, 120, 30)
	v := m.View()
	y, x := lineWith(v, "Missions")
	send(t, m, click(x+2, y))
	if m.Tab() != "missions" {
		t.Fatalf("click on Missions at %d,%d: tab %s", x+2, y, m.Tab())
	}
	y, x = lineWith(m.View(), "Observations")
	send(t, m, click(x, y))
	if m.Tab() != "observations" {
		t.Fatalf("click on Observations: tab %s", m.Tab())
	}

	y, _ = lineWith(m.View(), "M101-FIELD4") // the fifth row
	send(t, m, click(20, y))
	if c := m.Results().Grid().Cursor(); c != 4 {
		t.Fatalf("click on the fifth row: cursor %d", c)
	}
	if l := placeLine(m.View()); !strings.Contains(l, "row 5 of 1,200") {
		t.Fatalf("position after the click: %q", l)
	}
	send(t, m, wheel(20, y, tea.MouseButtonWheelDown))
	if c := m.Results().Grid().Cursor(); c != 7 {
		t.Fatalf("wheel down: cursor %d", c)
	}
	send(t, m, wheel(20, y, tea.MouseButtonWheelUp), wheel(20, y, tea.MouseButtonWheelUp))
	if c := m.Results().Grid().Cursor(); c != 1 {
		t.Fatalf("wheel up twice: cursor %d", c)
	}

	send(t, m, tea.KeyMsg{Type: tea.KeyEnter}) // the products of the row under the cursor
	y, x = lineWith(m.View(), "[ ] SCIENCE")
	if y < 0 {
		t.Fatalf("no SCIENCE toggle:\n%s", m.View())
	}
	send(t, m, click(x+1, y))
	on := false
	for _, it := range m.Products().Panel().Items() {
		if it.Value == "SCIENCE" {
			on = it.On
		}
	}
	if !on || !strings.Contains(m.View(), "[x] SCIENCE") {
		t.Fatalf("click did not toggle SCIENCE:\n%s", m.View())
	}
}
