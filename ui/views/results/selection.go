package results

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// OpenProductsMsg is the intent to list the products of observations: Obsids are the
// values of the obsid column (what Mast.Caom.Products takes), Labels their obs_id.
type OpenProductsMsg struct {
	Obsids []string
	Labels []string
}

// Selected is the number of selected observations (every loaded row can be selected:
// the selection is the grid's).
func (m *Model) Selected() int { return m.grid.Selection().Count() }

// SelectedRows lists the selected table rows in loaded order.
func (m *Model) SelectedRows() []int { return m.grid.Selection().Selected() }

// openProducts asks for the products of the selected observations, or of the one under
// the cursor when none is selected.
func (m *Model) openProducts() tea.Cmd {
	rows := m.SelectedRows()
	if len(rows) == 0 {
		if r := m.grid.CursorRow(); r >= 0 {
			rows = []int{r}
		}
	}
	if len(rows) == 0 {
		return m.noRow()
	}
	p := m.profile
	idc := m.table.Col(p.IDColumn)
	if idc == nil {
		return common.Toast(common.LevelError, "These results have no "+p.IDColumn+" column: products cannot be listed")
	}
	label := m.table.Col(p.LabelColumn)
	msg := OpenProductsMsg{}
	for _, r := range rows {
		id := strings.TrimSpace(idc.String(r))
		if id == "" {
			continue
		}
		msg.Obsids = append(msg.Obsids, id)
		if label != nil {
			msg.Labels = append(msg.Labels, label.String(r))
		} else {
			msg.Labels = append(msg.Labels, id)
		}
	}
	if len(msg.Obsids) == 0 {
		return common.Toast(common.LevelWarn, "The chosen "+p.Noun+" have no "+p.IDColumn)
	}
	return func() tea.Msg { return msg }
}

// copyCell copies the raw value of the cell under both cursors (full precision, not
// the rounded display).
func (m *Model) copyCell() tea.Cmd {
	r, col := m.grid.CursorRow(), m.grid.Current()
	if r < 0 {
		return m.noRow()
	}
	if col == nil {
		return nil
	}
	if col.Src.IsNull(r) {
		return common.Toast(common.LevelWarn, col.Name()+" has no value here")
	}
	return m.c.Copy(col.Name(), col.Src.String(r))
}

// copyColumn copies the named column of the row under the cursor.
func (m *Model) copyColumn(name string) tea.Cmd {
	r := m.grid.CursorRow()
	if r < 0 {
		return m.noRow()
	}
	if name == "" {
		return common.Toast(common.LevelWarn, "Nothing to copy: these "+m.profile.Noun+" have no such column")
	}
	c := m.table.Col(name)
	if c == nil || c.IsMasked(r) || c.String(r) == "" {
		return common.Toast(common.LevelWarn, "No "+name+" for this row")
	}
	return m.c.Copy(name, c.String(r))
}
