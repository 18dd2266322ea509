package searchform

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model/history"
)

// Tab is the history's name for the Observations form's searches.
const Tab = "observations"

// Snapshot is the form's search as typed, for the history and saved searches.
func (m *Model) Snapshot() history.Search {
	s := history.Search{
		Tab:      Tab,
		Target:   m.fields[FieldTarget].value(),
		Resolver: m.Resolver(),
	}
	if s.Target != "" {
		s.Radius = strings.TrimSpace(m.fields[FieldRadius].Input.Value())
	}
	crits, _ := m.criteria()
	for _, c := range crits {
		s.Criteria = append(s.Criteria, history.Criterion{Name: c.Name, Value: c.Value})
	}
	return s
}

// Apply fills the form with a search (from the history or a saved one): target,
// radius, resolver and criteria, a criterion on a column the form lacks getting its own
// row. The check and count follow as after typing.
func (m *Model) Apply(s history.Search) tea.Cmd {
	m.Reset()
	m.setText(FieldTarget, s.Target)
	if s.Radius != "" {
		m.setText(FieldRadius, s.Radius)
	}
	for i := 0; i < numResolvers; i++ {
		if strings.EqualFold(resolverName(i), s.Resolver) {
			m.resolver = i
		}
	}
	for _, c := range s.Criteria {
		i := m.fieldOf(c.Name)
		if i < 0 {
			m.addCriterion(c.Name)
			if i = m.fieldOf(c.Name); i < 0 {
				continue // not a column: addCriterion marked the add row
			}
		}
		if m.fields[i].kind == kindCollection {
			var keys []string
			for _, k := range strings.Split(c.Value, ",") {
				keys = append(keys, strings.TrimSpace(k))
			}
			m.coll.SetSelected(keys...)
			continue
		}
		m.setText(i, c.Value)
	}
	m.setFocus(FieldTarget)
	m.relayout()
	return m.edited()
}

// fieldOf is the index of the field of column col (case-blind), -1 when none.
func (m *Model) fieldOf(col string) int {
	for i, f := range m.fields {
		if f.col != "" && strings.EqualFold(f.col, col) {
			return i
		}
	}
	return -1
}

// recallStep moves the walk through the history by dir (↑ -1, ↓ +1); false when the
// key is not the walk's (no history, or ↓ while not walking), so it moves the focus.
func (m *Model) recallStep(dir int) (bool, tea.Cmd) {
	if m.form.Focused() != FieldTarget || m.c.History == nil {
		return false, nil
	}
	s, put, ok, err := m.recall.Step(dir, func() ([]history.Entry, error) {
		entries, _, err := m.c.History.History(Tab)
		return entries, err
	}, m.Snapshot)
	switch {
	case err != nil:
		return true, note("Search history unavailable", err)
	case !put:
		return ok, nil
	}
	walk := m.recall
	cmd := m.Apply(s) // Apply resets the form, not the walk
	m.recall = walk
	return true, cmd
}

// recentTargets are the targets of the history, newest first (completions of the
// target field).
func (m *Model) recentTargets() []string {
	if m.c.History == nil {
		return nil
	}
	t, err := m.c.History.Targets(Tab)
	if err != nil {
		return nil
	}
	return t
}
