package missions

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/views/products"
	"mastui/ui/views/results"
)

// Update handles keys (while the tab is focused) and the answers of the missions' forms,
// results and products, each addressed to the mission that asked (TabMsg.To is the
// mission's name), whichever mission is shown.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.TabMsg:
		s := m.states[msg.To]
		if s == nil {
			m.c.Logger.Warn("missions: answer for an unknown mission", "to", msg.To)
			return nil
		}
		return common.Address(s.mission, 0, m.answer(s, msg.Msg))
	case tea.KeyMsg:
		cmd := m.key(m.st(), msg)
		// The picker may have moved to another mission: what the key started is its.
		return common.Address(m.st().mission, 0, cmd)
	}
	return nil
}

// answer handles an answer for mission s.
func (m *Model) answer(s *state, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.TabMsg:
		switch msg.To {
		case results.PageTask, results.PreviewTask:
			return s.results.Update(msg)
		case products.BatchTask, products.RecomputeTask:
			return s.products.Update(msg)
		}
		// An answer of the form's requests: only the newest is taken.
		inner, ok := s.req.Take(msg)
		if !ok {
			return nil
		}
		switch inner := inner.(type) {
		case ColumnsMsg:
			return m.onColumns(s, inner)
		case LiveTickMsg:
			return m.onLiveTick(s)
		case form.CountMsg:
			s.live.Got(inner)
		}
	case results.MetadataMsg:
		return s.results.Update(msg)
	case results.OpenProductsMsg:
		s.pane = paneProducts
		return s.products.Start(msg.Obsids, msg.Labels)
	case products.BackMsg:
		if s.pane == paneProducts {
			s.pane = paneResults
		}
	}
	return nil
}

// key handles a key for the mission shown.
func (m *Model) key(s *state, msg tea.KeyMsg) tea.Cmd {
	switch s.pane {
	case paneResults:
		return m.resultsKey(s, msg)
	case paneProducts:
		return s.products.Update(msg)
	}
	return m.formKey(s, msg)
}

func (m *Model) resultsKey(s *state, msg tea.KeyMsg) tea.Cmd {
	k, rk := m.c.Keys.Missions, m.c.Keys.Results
	if !s.results.Holds(msg) && key.Matches(msg, k.Back, k.Search, rk.Back, rk.Search) {
		s.pane = paneForm
		m.focusField(s)
		return nil
	}
	return s.results.Update(msg)
}

func (m *Model) formKey(s *state, msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Missions
	if s.jump.Active() {
		return m.jumpKey(s, msg)
	}
	if key.Matches(msg, k.Up, k.Down) {
		dir := 1
		if key.Matches(msg, k.Up) {
			dir = -1
		}
		if ok, cmd := m.recallStep(s, dir); ok {
			return cmd
		}
	} else {
		s.recall.Stop() // an edit (or a move) ends the walk through the history
	}
	switch {
	case key.Matches(msg, k.Jump):
		s.jump.Start(s.form)
		return nil
	case key.Matches(msg, k.Submit):
		return m.submit()
	case key.Matches(msg, k.Back):
		if s.results.QueryID() > 0 { // a search has run
			s.pane = paneResults
			m.focusField(s)
		}
		return nil
	case s.form.Navigate(msg, k.FormNav):
		return nil
	case key.Matches(msg, k.Reset):
		s.form.Clear()
		s.formErr = ""
		return m.edited(s)
	}
	switch s.form.Focused() {
	case rowPicker:
		if key.Matches(msg, k.Cycle) {
			names := Names()
			step := 1
			if msg.Type == tea.KeyLeft {
				step = len(names) - 1
			}
			m.mission = (m.mission + step) % len(names)
			ns := m.st()
			ns.form.FocusIndex(rowPicker)
			ns.pane = paneForm
			m.focusField(ns)
			return m.open()
		}
		return nil
	case rowResolver:
		if key.Matches(msg, k.Cycle) {
			step := 1
			if msg.Type == tea.KeyLeft {
				step = -1
			}
			s.form.Current().Cycle(step)
			return m.edited(s)
		}
		return nil
	}
	changed, cmd := s.form.Type(msg)
	if !changed {
		return cmd
	}
	s.formErr = ""
	return tea.Batch(cmd, m.edited(s))
}

// focusField shows the cursor in the focused field only while the form is shown.
func (m *Model) focusField(s *state) {
	s.recall.Stop()
	if s.pane == paneForm {
		s.form.Focus()
	} else {
		s.form.Blur()
	}
}
