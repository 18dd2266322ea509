package observations

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model/history"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/searchform"
)

// rememberTab is the tab with a saved-search store in a temporary directory and M101
// typed in the form.
func rememberTab(t *testing.T, width int) *Model {
	t.Helper()
	c := uitest.Common("")
	c.History = history.Open(t.TempDir())
	m := New(c, &uitest.Archive{Rows: 40}, searchform.Parsers{}, 20, 0, nil)
	m.SetSize(width, 30)
	m.Focus()
	for _, r := range "M101" {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return m
}

// toastOf is the text of the one toast cmd shows.
func toastOf(t *testing.T, cmd tea.Cmd) string {
	t.Helper()
	for _, msg := range uitest.Messages(cmd) {
		if toast, ok := msg.(common.ToastMsg); ok {
			return toast.Text
		}
	}
	t.Fatal("no toast")
	return ""
}

// Saving over a name says the search saved under it was replaced; opening a name with
// nothing saved says how to save one here (the user's key), not "in the TUI".
func TestSaveAndOpenToastsSpeakToTheTUIUser(t *testing.T) {
	m := rememberTab(t, 100)
	if got := toastOf(t, m.OpenSaved("nosuch")); got != `no saved search "nosuch" (none saved yet: ctrl+s saves the form's search)` {
		t.Errorf(":open with nothing saved: %q", got)
	}
	if got := toastOf(t, m.SaveSearch("m101-all")); got != "saved m101-all · mastui query --saved m101-all" {
		t.Errorf("first save: %q", got)
	}
	if got := toastOf(t, m.SaveSearch("m101-all")); got != "saved m101-all (replaced the search saved under that name)" {
		t.Errorf("second save: %q", got)
	}
}

// The save prompt shows a bad name's error whole on an 80-column screen.
func TestSavePromptErrorFitsEightyColumns(t *testing.T) {
	m := rememberTab(t, 80)
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlS})
	if m.Remembering() != "save" {
		t.Fatalf("ctrl+s opened %q", m.Remembering())
	}
	for _, r := range "m101 all" {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if v := m.View(); !strings.Contains(v, `bad name "m101 all": use 1-64 letters, digits, - _ . + (e.g. m101-all)`) {
		t.Errorf("the error is not whole:\n%s", v)
	}
}
