package missions

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Update handles the tab's answers (whatever has focus) and keys (when focused).
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ColumnsMsg:
		return m.onColumns(msg)
	case PageMsg:
		return m.onPage(msg)
	case tea.KeyMsg:
		if m.results {
			return m.resultsKey(msg)
		}
		return m.formKey(msg)
	}
	return nil
}

func (m *Model) resultsKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Missions
	s := m.st()
	if key.Matches(msg, k.Back, k.Search) {
		m.results = false
		m.focusField(s)
		return nil
	}
	if s.table != nil && s.grid.Update(msg, k.Table) {
		return m.maybeFetch(s)
	}
	return nil
}

func (m *Model) formKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Missions
	s := m.st()
	n := 3 + len(s.fields)
	switch {
	case key.Matches(msg, k.Submit):
		return m.submit()
	case key.Matches(msg, k.Back):
		if s.searched {
			m.results = true
			m.focusField(s)
		}
		return nil
	case key.Matches(msg, k.Next, k.Down):
		s.cur = (s.cur + 1) % n
		m.focusField(s)
		return nil
	case key.Matches(msg, k.Prev, k.Up):
		s.cur = (s.cur + n - 1) % n
		m.focusField(s)
		return nil
	case key.Matches(msg, k.Reset):
		s.targets.SetValue("")
		s.radius.SetValue("")
		for i := range s.fields {
			s.fields[i].in.SetValue("")
		}
		s.formErr = ""
		return nil
	}
	if s.cur == 0 {
		if key.Matches(msg, k.Cycle) {
			step := 1
			if msg.Type == tea.KeyLeft {
				step = len(Names) - 1
			}
			m.mission = (m.mission + step) % len(Names)
			ns := m.st()
			ns.cur = 0
			m.focusField(ns)
			return m.Open()
		}
		return nil
	}
	in := m.input(s)
	if in == nil {
		return nil
	}
	var cmd tea.Cmd
	*in, cmd = in.Update(msg)
	s.formErr = ""
	return cmd
}

// input is the text input under the form cursor (nil on the picker row).
func (m *Model) input(s *state) *textinput.Model {
	switch {
	case s.cur == 1:
		return &s.targets
	case s.cur == 2:
		return &s.radius
	case s.cur >= 3 && s.cur-3 < len(s.fields):
		return &s.fields[s.cur-3].in
	}
	return nil
}

// focusField gives the cursor to the input under the form cursor only.
func (m *Model) focusField(s *state) {
	s.cur = min(s.cur, 2+len(s.fields))
	s.targets.Blur()
	s.radius.Blur()
	for i := range s.fields {
		s.fields[i].in.Blur()
	}
	if in := m.input(s); in != nil && !m.results {
		in.Focus()
	}
}
