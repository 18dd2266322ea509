// Package searchform is the observation search form: Target, Radius and Resolver.
package searchform

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// Field indexes, in tab order.
const (
	FieldTarget = iota
	FieldRadius
	FieldResolver
	numFields
)

// numResolvers is the number of choices of the Resolver field.
const numResolvers = 3

// resolverName is choice i of the Resolver field; "any" sends no resolver.
func resolverName(i int) string { return [numResolvers]string{"any", "SIMBAD", "NED"}[i] }

// SubmitMsg is the form's intent: run this search. The root applies it.
type SubmitMsg struct{ Search common.Search }

// Model is the search form.
type Model struct {
	c        *common.Common
	parsers  Parsers
	target   textinput.Model
	radius   textinput.Model
	resolver int
	focus    int
	errs     [numFields]string
	resolved string
	width    int
	height   int
}

// New builds the form with an empty target and the default radius.
func New(c *common.Common, p Parsers) *Model {
	m := &Model{c: c, parsers: p.withDefaults()}
	m.target = m.newInput("M101, NGC 6121 or 210.8 54.35")
	m.radius = m.newInput("0.2 deg")
	m.radius.SetValue("0.2 deg")
	m.target.CharLimit = 256
	m.radius.CharLimit = 32
	m.Focus()
	return m
}

func (m *Model) newInput(placeholder string) textinput.Model {
	st := m.c.Styles
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = placeholder
	ti.PromptStyle = st.FormInputText
	ti.TextStyle = st.FormInputText
	ti.PlaceholderStyle = st.FormPlaceholder
	ti.CompletionStyle = st.FormPlaceholder
	ti.Cursor.Style = st.FormCursor
	ti.Cursor.TextStyle = st.FormInputText
	ti.Cursor.SetMode(cursor.CursorStatic)               // no blink ticks: nothing runs while idle
	ti.KeyMap.Paste = key.NewBinding(key.WithDisabled()) // the clipboard would be the server's over SSH
	return ti
}

// SetSize sets the area the form may draw in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	iw := min(48, max(8, m.width-labelWidth-6))
	m.target.Width = iw
	m.radius.Width = min(iw, 20)
}

// Focus gives the form keyboard focus (on the field that had it).
func (m *Model) Focus() { m.setFocus(m.focus) }

// Blur removes keyboard focus from the text fields.
func (m *Model) Blur() {
	m.target.Blur()
	m.radius.Blur()
}

// Focused reports which field has focus.
func (m *Model) Focused() int { return m.focus }

// Errors returns the validation message of each field ("" when fine).
func (m *Model) Errors() [numFields]string { return m.errs }

// SetResolved shows where the last searched name resolved ("" hides it).
func (m *Model) SetResolved(s string) { m.resolved = s }

// SetTarget sets the target text (for tests and a later ":search" command).
func (m *Model) SetTarget(s string) { m.target.SetValue(s); m.target.CursorEnd() }

// SetRadius sets the radius text.
func (m *Model) SetRadius(s string) { m.radius.SetValue(s); m.radius.CursorEnd() }

// Resolver returns the chosen resolver ("" for any).
func (m *Model) Resolver() string {
	if m.resolver == 0 {
		return ""
	}
	return resolverName(m.resolver)
}

func (m *Model) setFocus(f int) {
	m.focus = (f + numFields) % numFields
	m.target.Blur()
	m.radius.Blur()
	switch m.focus {
	case FieldTarget:
		m.target.Focus()
	case FieldRadius:
		m.radius.Focus()
	}
}

// Update handles keys while the form has focus. A valid enter returns a Cmd yielding
// SubmitMsg; an invalid one marks the fields and returns nil.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	keys := m.c.Keys.Form
	switch {
	case key.Matches(km, keys.Submit):
		s, ok := m.validate()
		if !ok {
			return nil
		}
		return func() tea.Msg { return SubmitMsg{Search: s} }
	case key.Matches(km, keys.Next):
		m.setFocus(m.focus + 1)
		return nil
	case key.Matches(km, keys.Prev):
		m.setFocus(m.focus - 1)
		return nil
	case m.focus == FieldResolver:
		if key.Matches(km, keys.Resolver) {
			step := 1
			if km.Type == tea.KeyLeft {
				step = numResolvers - 1
			}
			m.resolver = (m.resolver + step) % numResolvers
		}
		return nil
	}
	in := &m.target
	if m.focus == FieldRadius {
		in = &m.radius
	}
	before := in.Value()
	var cmd tea.Cmd
	*in, cmd = in.Update(km)
	if in.Value() != before {
		m.errs[m.focus] = ""
	}
	return cmd
}
