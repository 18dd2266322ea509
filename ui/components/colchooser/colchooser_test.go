package colchooser

import (
	"reflect"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"mastui/ui/uitest"
)

func TestChooserReorderToggleApply(t *testing.T) {
	c := uitest.Common("")
	items := []Item{{Name: "a", On: true}, {Name: "b", On: true}, {Name: "c"}}
	m := New(c, "Columns", items, []Item{{Name: "a", On: true}, {Name: "b", On: true}, {Name: "c", On: true}})
	m.SetSize(60, 15)
	k := c.Keys.Chooser
	press := func(s string) Action { return m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}, k) }
	press("j")
	press("K") // b first
	press("j")
	press("j")
	press(" ") // show c
	if got := m.Chosen(); !reflect.DeepEqual(got, []string{"b", "a", "c"}) {
		t.Fatalf("chosen %v", got)
	}
	if a := m.Update(tea.KeyMsg{Type: tea.KeyShiftUp}, k); a != None || m.Chosen()[1] != "c" {
		t.Fatalf("shift+up: %v", m.Chosen())
	}
	for _, it := range m.Items() {
		it.On = false
	}
	press("R")
	if got := m.Chosen(); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Fatalf("reset %v", got)
	}
	if v := m.View(); lipgloss.Width(v) > 60 || lipgloss.Height(v) > 15 {
		t.Fatalf("view %dx%d", lipgloss.Width(v), lipgloss.Height(v))
	}
	if m.Update(tea.KeyMsg{Type: tea.KeyEnter}, k) != Apply || m.Update(tea.KeyMsg{Type: tea.KeyEsc}, k) != Cancel {
		t.Fatal("enter/esc")
	}
	for range 3 {
		press(" ")
		press("j")
	}
	if m.Update(tea.KeyMsg{Type: tea.KeyEnter}, k) != None {
		t.Fatal("applied a choice showing no column")
	}
}
