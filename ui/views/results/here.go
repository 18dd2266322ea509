package results

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// catalogHere asks for a catalog cone search around the row under the cursor.
func (m *Model) catalogHere() tea.Cmd {
	r := m.grid.CursorRow()
	if r < 0 {
		return m.noRow()
	}
	pos, ok := PositionOf(m.table, r)
	if !ok {
		return common.Toast(common.LevelWarn, "This row has no position to search around")
	}
	msg := common.CatalogHereMsg{Position: pos, Label: m.rowLabel(r)}
	return func() tea.Msg { return msg }
}

// cutoutsHere asks for the Cutouts tab at the position of the row under the cursor.
func (m *Model) cutoutsHere() tea.Cmd {
	r := m.grid.CursorRow()
	if r < 0 {
		return m.noRow()
	}
	pos, ok := PositionOf(m.table, r)
	if !ok {
		return common.Toast(common.LevelWarn, "This row has no position to cut out around")
	}
	msg := common.CutoutsHereMsg{Position: pos, Label: m.rowLabel(r)}
	return func() tea.Msg { return msg }
}

// rowLabel names table row r for messages: its target, else its label column, else
// its position.
func (m *Model) rowLabel(r int) string {
	for _, name := range []string{"target_name", m.profile.LabelColumn} {
		if c := columnFold(m.table, name); name != "" && c != nil && !c.IsNull(r) && strings.TrimSpace(c.String(r)) != "" {
			return common.Sanitize(c.String(r))
		}
	}
	if pos, ok := PositionOf(m.table, r); ok {
		return common.FormatPosition(pos)
	}
	return ""
}
