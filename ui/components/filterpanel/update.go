package filterpanel

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Update handles a key while the panel has focus; changed reports that the filters
// changed (the parent recomputes the rows), handled that the key was the panel's.
func (m *Model) Update(msg tea.KeyMsg) (changed, handled bool) {
	if m.editing >= 0 {
		return m.editKey(msg), true
	}
	k := m.c.Keys.Filters
	switch {
	case key.Matches(msg, k.Down):
		m.cursor++
		m.clamp()
	case key.Matches(msg, k.Up):
		m.cursor--
		m.clamp()
	case key.Matches(msg, k.Toggle):
		if m.cursor >= len(m.items) {
			return false, true
		}
		it := &m.items[m.cursor]
		if it.Kind == Text {
			m.StartEdit(it.Key)
			return false, true
		}
		it.On = !it.On
		return true, true
	case key.Matches(msg, k.Clear):
		if m.cursor >= len(m.items) {
			return false, true
		}
		g := m.items[m.cursor].Key
		for i := range m.items {
			if m.items[i].Key == g {
				changed = changed || m.items[i].On || m.items[i].Text != ""
				m.items[i].On, m.items[i].Text, m.items[i].Err = false, "", ""
			}
		}
		return changed, true
	default:
		return false, false
	}
	return false, true
}

// StartEdit opens the text filter key for typing (the cursor moves to it).
func (m *Model) StartEdit(key string) bool {
	for i, it := range m.items {
		if it.Key == key && it.Kind == Text {
			m.cursor, m.editing = i, i
			m.clamp()
			m.input.Placeholder = m.holders[key]
			// "▸ label " before the input, the cursor cell after it.
			m.input.Width = max(1, m.innerWidth()-ansi.StringWidth(it.Label)-4)
			m.input.SetValue(it.Text)
			m.input.CursorEnd()
			m.input.Focus()
			return true
		}
	}
	return false
}

func (m *Model) cancelEdit() {
	if m.editing >= 0 && m.editing < len(m.items) {
		m.items[m.editing].Err = "" // the text kept is the one applied before
	}
	m.editing = -1
	m.input.Blur()
}

// editKey applies a key to the text being typed: enter applies (when it parses), esc
// cancels, anything else types.
func (m *Model) editKey(msg tea.KeyMsg) bool {
	k := m.c.Keys.TextInput
	it := &m.items[m.editing]
	switch {
	case key.Matches(msg, k.Cancel):
		m.cancelEdit()
		return false
	case key.Matches(msg, k.Apply):
		text := m.input.Value()
		if _, err := m.parse(it.Key, text); err != nil && text != "" {
			it.Err = err.Error() // keep typing
			return false
		}
		changed := text != it.Text || it.Err != ""
		it.Text, it.Err = text, ""
		m.cancelEdit()
		return changed
	}
	m.input, _ = m.input.Update(msg)
	it.Err = ""
	return false
}

// Click acts on the line drawn at y (relative to the panel: 0 is its top border) as
// space would there: a toggle flips, a text filter opens for typing. changed reports
// that the filters changed.
func (m *Model) Click(y int) (changed bool) {
	ls := m.lines()
	j := m.top + y - 1
	if y < 1 || y > m.innerHeight() || j >= len(ls) || ls[j].item < 0 || ls[j].err {
		return false
	}
	m.cursor = ls[j].item
	m.clamp()
	changed, _ = m.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	return changed
}
