package searchform

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/uitest"
)

func typeInto(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func submit(m *Model) (SubmitMsg, bool) {
	cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd == nil {
		return SubmitMsg{}, false
	}
	msg, ok := cmd().(SubmitMsg)
	return msg, ok
}

func TestEmptyTargetIsRejected(t *testing.T) {
	m := New(uitest.Common(""), Parsers{})
	m.SetSize(100, 20)
	if _, ok := submit(m); ok {
		t.Fatal("empty target submitted")
	}
	if e := m.Errors()[FieldTarget]; !strings.Contains(e, "target is empty") {
		t.Fatalf("error %q", e)
	}
	if !strings.Contains(m.View(), "✗ target is empty") {
		t.Fatalf("error not drawn:\n%s", m.View())
	}
	typeInto(m, "M")
	if m.Errors()[FieldTarget] != "" {
		t.Fatal("editing the field did not clear its error")
	}
}

func TestNameSearchBuildsQuery(t *testing.T) {
	m := New(uitest.Common(""), Parsers{})
	m.SetSize(100, 20)
	typeInto(m, "  NGC 6121 ")
	msg, ok := submit(m)
	if !ok {
		t.Fatalf("not submitted: %v", m.Errors())
	}
	s := msg.Search
	if s.Query.Object != "NGC 6121" || s.Query.RadiusDeg != 0.2 || s.Query.Resolver != "" || s.Radius != "0.2 deg" {
		t.Fatalf("search %+v", s)
	}
}

func TestParserHooksAreUsed(t *testing.T) {
	called := ""
	p := Parsers{
		Coordinates: func(s string) (mast.Position, error) { called += "c"; return mast.Position{RA: 1, Dec: 2}, nil },
		Radius:      func(s string) (float64, error) { called += "r"; return 0, errors.New("hook says no") },
	}
	m := New(uitest.Common(""), p)
	m.SetSize(100, 20)
	typeInto(m, "1 2")
	if _, ok := submit(m); ok {
		t.Fatal("submitted despite the radius hook's error")
	}
	if called != "cr" || m.Errors()[FieldRadius] != "hook says no" || m.Focused() != FieldRadius {
		t.Fatalf("called %q errors %v focus %d", called, m.Errors(), m.Focused())
	}
}

func TestResolverCycles(t *testing.T) {
	m := New(uitest.Common(""), Parsers{})
	m.SetSize(100, 20)
	m.Update(tea.KeyMsg{Type: tea.KeyShiftTab}) // wraps to Resolver
	if m.Focused() != FieldResolver {
		t.Fatalf("focus %d", m.Focused())
	}
	want := []string{"SIMBAD", "NED", "", "NED"}
	keys := []tea.KeyMsg{{Type: tea.KeySpace}, {Type: tea.KeyRight}, {Type: tea.KeySpace}, {Type: tea.KeyLeft}}
	for i, k := range keys {
		m.Update(k)
		if got := m.Resolver(); got != want[i] {
			t.Fatalf("step %d: resolver %q, want %q", i, got, want[i])
		}
	}
	if !strings.Contains(m.View(), "● NED") {
		t.Fatalf("choice not marked:\n%s", m.View())
	}
}
