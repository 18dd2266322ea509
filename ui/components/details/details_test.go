package details

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"mastui/ui/uitest"
)

func TestDetailsScrollAndFit(t *testing.T) {
	c := uitest.Common("")
	m := New(c)
	var fs []Field
	for i := 0; i < 30; i++ {
		fs = append(fs, Field{Label: "Label " + string(rune('A'+i)), Name: "col", Value: strings.Repeat("v", i), Unit: "deg", Desc: "a long description of the field"})
	}
	m.SetSize(60, 8)
	m.SetContent("jw01073", fs)
	v := m.View()
	lines := strings.Split(v, "\n")
	if len(lines) != 8 || !strings.Contains(lines[0], "details · jw01073") || !strings.Contains(lines[0], "1–7 of 30") {
		t.Fatalf("view:\n%s", v)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 60 {
			t.Fatalf("line wider than 60: %q", l)
		}
	}
	k := c.Keys.Details.Scroll
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")}, k)
	if m.Offset() != 23 || !strings.Contains(m.View(), "24–30 of 30") {
		t.Fatalf("G: offset %d", m.Offset())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyPgUp}, k)
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("k")}, k)
	if m.Offset() != 16 {
		t.Fatalf("pgup k: offset %d", m.Offset())
	}
	if !strings.Contains(m.View(), " deg") {
		t.Fatal("unit missing")
	}
}
