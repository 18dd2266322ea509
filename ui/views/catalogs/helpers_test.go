package catalogs

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/ui/common"
	"mastui/ui/uitest"
)

func init() {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

// newTab is the tab over the real client on the simulator, on a test clock, sized and
// focused.
func newTab(t *testing.T) *Model {
	t.Helper()
	c, _ := uitest.ClockedCommon("")
	m := New(c, uitest.SimArchive(t), nil)
	m.SetSize(120, 36)
	settle(t, m, m.Focus())
	return m
}

// run runs cmd and its batches, firing the test clock's timers shorter than a second
// (the form's pause in typing; not toast expiry), and returns the answers.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, run(c)...)
		}
		return out
	case common.TimerMsg:
		if msg.Delay < time.Second {
			return run(msg.Fire)
		}
		return nil
	case common.ListenMsg:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

// settle feeds the answers of cmd back into m (as the root would: its own addressed
// answers; intents are returned) until nothing is left.
func settle(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var intents []tea.Msg
	for i := 0; i < 50 && cmd != nil; i++ {
		var next []tea.Cmd
		for _, msg := range run(common.Address(ID, 0, cmd)) {
			if tm, ok := msg.(common.TabMsg); ok && tm.To == ID {
				next = append(next, m.Update(tm.Msg))
				continue
			}
			intents = append(intents, msg)
		}
		cmd = tea.Batch(next...)
	}
	return intents
}

// press sends keys (a string is typed rune by rune; tea.KeyType values are keys).
func press(t *testing.T, m *Model, keys ...any) []tea.Msg {
	t.Helper()
	var intents []tea.Msg
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			for _, r := range k {
				intents = append(intents, settle(t, m, m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))...)
			}
		case tea.KeyType:
			intents = append(intents, settle(t, m, m.Update(tea.KeyMsg{Type: k}))...)
		default:
			t.Fatalf("press: %T", k)
		}
	}
	return intents
}

// pickCatalog moves the picker to name (the focus on the picker row).
func pickCatalog(t *testing.T, m *Model, name string) {
	t.Helper()
	for range len(Names()) {
		if m.Catalog() == name {
			return
		}
		press(t, m, tea.KeyRight)
	}
	t.Fatalf("no catalog %s in the picker", name)
}

// focusField moves the form's focus to the field named name.
func focusField(t *testing.T, m *Model, name string) {
	t.Helper()
	s := m.st()
	for range s.form.Len() {
		if s.form.Current().Name == name {
			return
		}
		press(t, m, tea.KeyTab)
	}
	t.Fatalf("no field %s", name)
}
