package results

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/components/colchooser"
)

// ColumnsChosenMsg is the intent to remember a column choice (the root applies it).
type ColumnsChosenMsg = common.ColumnsChosenMsg

// openChooser lists the shown columns in order, then the hidden ones.
func (m *Model) openChooser() {
	if len(m.all) == 0 {
		return
	}
	shown := m.grid.Columns()
	items := make([]colchooser.Item, 0, len(m.all))
	for _, c := range shown {
		items = append(items, colchooser.Item{Name: c.Name(), Label: c.Src.Meta.Label, On: true})
	}
	for _, c := range m.all {
		if !slices.Contains(shown, c) {
			items = append(items, colchooser.Item{Name: c.Name(), Label: c.Src.Meta.Label})
		}
	}
	defaults := make([]colchooser.Item, len(m.all))
	for i, c := range m.all {
		defaults[i] = colchooser.Item{Name: c.Name(), Label: c.Src.Meta.Label, On: true}
	}
	m.chooser = colchooser.New(m.c, "Columns of "+m.chooserTitle(), items, defaults)
	m.layout()
}

func (m *Model) chooserKey(msg tea.KeyMsg) tea.Cmd {
	switch m.chooser.Update(msg, m.c.Keys.Chooser) {
	case colchooser.Cancel:
		m.chooser = nil
	case colchooser.Apply:
		cols := m.chooser.Chosen()
		m.chooser = nil
		m.choice = cols
		m.applyChoice()
		m.layout()
		table := m.profile.Name
		return func() tea.Msg { return ColumnsChosenMsg{Table: table, Columns: slices.Clone(cols)} }
	}
	return nil
}

func (m *Model) chooserTitle() string {
	if m.profile.Mission != "" {
		return m.profile.Mission + " " + m.profile.Noun
	}
	return m.profile.Noun
}

// Chooser is the open column chooser (nil when closed; for tests).
func (m *Model) Chooser() *colchooser.Model { return m.chooser }
