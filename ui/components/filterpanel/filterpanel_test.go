package filterpanel

import (
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"mastui/model"
	"mastui/ui/uitest"
)

func TestPanelToFilters(t *testing.T) {
	m := New(uitest.Common(""))
	m.SetFlag("mrp_only", "Other", "recommended only", "true")
	m.SetText("name", "Other", "name:", "", nil)
	m.SetToggles("productType", "Type", []Option{{Value: "SCIENCE", Count: 5}, {Value: "AUXILIARY", Count: 3}, {Value: "PREVIEW"}})
	m.SetToggles("calib_level", "Level", []Option{{Value: "1"}, {Value: "2"}})
	if items := m.Items(); items[0].Key != "productType" || items[3].Key != "calib_level" || items[5].Key != "mrp_only" {
		t.Fatalf("toggle groups come first, in order: %+v", items)
	}
	if m.Filters() != nil {
		t.Fatal("nothing chosen filters something")
	}
	m.SetOn("productType", "SCIENCE", true)
	m.SetOn("productType", "PREVIEW", true)
	m.SetOn("calib_level", "2", true)
	m.SetOn("mrp_only", "", true)
	_ = m.SetTextValue("name", "_cal")
	want := model.Filters{
		{Key: "productType", Values: []string{"SCIENCE", "PREVIEW"}},
		{Key: "calib_level", Values: []string{"2"}},
		{Key: "mrp_only", Values: []string{"true"}},
		{Key: "name", Values: []string{"_cal"}},
	}
	if got := m.Filters(); !reflect.DeepEqual(got, want) {
		t.Fatalf("filters %v, want %v", got, want)
	}
	// New data keeps the choices, also of values it no longer has.
	m.SetToggles("productType", "Type", []Option{{Value: "SCIENCE", Count: 1}, {Value: "INFO", Count: 2}})
	if got := m.Filters()[0].Values; !reflect.DeepEqual(got, []string{"SCIENCE", "PREVIEW"}) {
		t.Fatalf("choices lost: %v", got)
	}
	m.ClearAll()
	if m.Filters() != nil {
		t.Fatal("ClearAll left filters")
	}
}

func TestPanelKeysAndView(t *testing.T) {
	c := uitest.Common("")
	m := New(c)
	m.SetToggles("productType", "Type", []Option{{Value: "SCIENCE", Label: "SCIENCE", Count: 1204}, {Value: "AUXILIARY", Label: "AUXILIARY", Count: 0}})
	m.SetText("size", "Other", "size:", "(e.g. <= 5 GB)", nil)
	m.SetSize(26, 8)
	m.SetFocused(true)
	if changed, handled := m.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}); !changed || !handled {
		t.Fatal("space did not toggle")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if !m.Editing() {
		t.Fatal("enter on a text filter did not edit it")
	}
	for _, r := range "<= 5 GB" {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if changed, _ := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); !changed || m.Editing() {
		t.Fatal("enter did not apply the text")
	}
	v := m.View()
	if lipgloss.Width(v) != 26 || lipgloss.Height(v) != 8 {
		t.Fatalf("panel %dx%d:\n%s", lipgloss.Width(v), lipgloss.Height(v), v)
	}
	for _, want := range []string{"filters (2)", "[x] SCIENCE", "1,204", "[ ] AUXILIARY", "size: <= 5 GB"} {
		if !strings.Contains(v, want) {
			t.Fatalf("no %q in\n%s", want, v)
		}
	}
}
