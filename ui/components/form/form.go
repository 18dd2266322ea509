package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
)

// Model is a form's fields and which one has focus.
type Model struct {
	fields  []*Field
	cur     int
	focused bool // whether the form has the keys at all (its inputs show a cursor)
}

// New is a form over fields, focus on the first.
func New(fields ...*Field) *Model {
	m := &Model{fields: fields, focused: true}
	m.FocusIndex(0)
	return m
}

// Fields are the form's fields in focus order.
func (m *Model) Fields() []*Field { return m.fields }

// Len is the number of fields.
func (m *Model) Len() int { return len(m.fields) }

// Field is field i (nil out of range).
func (m *Model) Field(i int) *Field {
	if i < 0 || i >= len(m.fields) {
		return nil
	}
	return m.fields[i]
}

// SetFields replaces the fields (focus kept on the same index, or the last field).
func (m *Model) SetFields(fields ...*Field) {
	m.fields = fields
	m.FocusIndex(min(m.cur, len(fields)-1))
}

// Append adds fields at the end.
func (m *Model) Append(fields ...*Field) { m.SetFields(append(m.fields, fields...)...) }

// Focused is the index of the field with focus.
func (m *Model) Focused() int { return m.cur }

// Current is the field with focus (nil when the form has none).
func (m *Model) Current() *Field { return m.Field(m.cur) }

// Index is the index of the field named name (case-insensitive), -1 when none.
func (m *Model) Index(name string) int {
	for i, f := range m.fields {
		if strings.EqualFold(f.Name, name) {
			return i
		}
	}
	return -1
}

// ByName is the field named name (nil when none).
func (m *Model) ByName(name string) *Field { return m.Field(m.Index(name)) }

// FocusIndex gives the focus to field i, wrapping around both ends; only that field's
// input shows a cursor (and only while the form has the keys).
func (m *Model) FocusIndex(i int) {
	n := len(m.fields)
	if n == 0 {
		m.cur = 0
		return
	}
	m.cur = (i%n + n) % n
	for j, f := range m.fields {
		if j == m.cur && m.focused && f.Kind == Text {
			f.Input.Focus()
		} else {
			f.Input.Blur()
		}
	}
}

// FocusName gives the focus to the field named name, reporting whether there is one.
func (m *Model) FocusName(name string) bool {
	i := m.Index(name)
	if i >= 0 {
		m.FocusIndex(i)
	}
	return i >= 0
}

// Next and Prev move the focus one field on or back, wrapping.
func (m *Model) Next() { m.FocusIndex(m.cur + 1) }

// Prev moves the focus one field back, wrapping.
func (m *Model) Prev() { m.FocusIndex(m.cur - 1) }

// Focus gives the form the keys (the focused field's cursor shows again).
func (m *Model) Focus() { m.focused = true; m.FocusIndex(m.cur) }

// Blur takes the keys away: no input shows a cursor.
func (m *Model) Blur() { m.focused = false; m.FocusIndex(m.cur) }

// Typing reports whether typed letters go into the focused field.
func (m *Model) Typing() bool { f := m.Current(); return f != nil && f.Kind == Text }

// Navigate moves the focus on a Next/Down or Prev/Up key, reporting whether it did.
func (m *Model) Navigate(msg tea.KeyMsg, k keymap.FormNav) bool {
	switch {
	case key.Matches(msg, k.Next, k.Down):
		m.Next()
	case key.Matches(msg, k.Prev, k.Up):
		m.Prev()
	default:
		return false
	}
	return true
}

// Type gives a key to the focused text field; changed reports whether its text changed
// (its error slot is then cleared: the error was about the old text).
func (m *Model) Type(msg tea.KeyMsg) (changed bool, cmd tea.Cmd) {
	f := m.Current()
	if f == nil || f.Kind != Text {
		return false, nil
	}
	before := f.Input.Value()
	f.Input, cmd = f.Input.Update(msg)
	if f.Input.Value() == before {
		return false, cmd
	}
	f.ClearErrs()
	return true, cmd
}

// Clear empties every text field, puts every choice back on its default and clears
// every error slot.
func (m *Model) Clear() {
	for _, f := range m.fields {
		f.Input.SetValue("")
		f.Choice = f.Default
		f.ClearErrs()
	}
}

// Errors are the fields' inline errors by name (only the fields with one).
func (m *Model) Errors() map[string]string {
	out := map[string]string{}
	for _, f := range m.fields {
		if e := f.Err(); e != "" {
			out[f.Name] = e
		}
	}
	return out
}
