package cutouts

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
)

// keyIs reports whether msg is one of the bindings.
func keyIs(msg tea.KeyMsg, b ...key.Binding) bool { return key.Matches(msg, b...) }

// Update handles keys (while focused) and the answers of the tab's requests.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.TabMsg:
		inner, ok := m.req.Take(msg) // only each task's newest answer
		if !ok {
			return nil
		}
		switch inner := inner.(type) {
		case ListMsg:
			return m.onList(inner)
		case CurveMsg:
			return m.onCurve(inner)
		case RefreshMsg:
			m.refreshStatus()
			return m.watch()
		}
	case tea.KeyMsg:
		switch m.pane {
		case paneList:
			return m.listKey(msg)
		case paneDetails:
			return m.detailsKey(msg)
		}
		return m.formKey(msg)
	}
	return nil
}

// listKey handles a key in the sector or survey list.
func (m *Model) listKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Cutouts
	if keyIs(msg, k.Back) {
		m.req.Cancel(listTask)
		m.setPane(paneForm)
		return nil
	}
	if m.list == nil || m.list.rows() == 0 {
		return nil
	}
	if m.grid.Update(msg, k.Table) {
		return nil
	}
	sel := m.grid.Selection()
	switch {
	case keyIs(msg, k.Select):
		m.grid.ToggleCursor()
	case keyIs(msg, k.SelectAll):
		sel.SetAll(true)
	case keyIs(msg, k.SelectNone):
		sel.SetAll(false)
	case keyIs(msg, k.Queue):
		return m.queue()
	case keyIs(msg, k.Open):
		return m.openCurve()
	}
	return nil
}

// detailsKey scrolls the header cards; esc goes back to the list.
func (m *Model) detailsKey(msg tea.KeyMsg) tea.Cmd {
	if keyIs(msg, m.c.Keys.Cutouts.Back, m.c.Keys.Details.Close) {
		m.setPane(paneList)
		return m.watch()
	}
	m.details.Update(msg, m.c.Keys.Details.Scroll)
	return nil
}

// CutoutsHere implements common.CutoutsOpener: TESScut at the position (the size as it
// is), its sectors listed.
func (m *Model) CutoutsHere(msg common.CutoutsHereMsg) tea.Cmd {
	f := m.form
	f.Field(rowService).Choice = 0 // TESScut
	f.Field(rowMoving).Choice = 0
	m.syncRows()
	f.Field(rowTarget).SetValue(common.FormatPosition(msg.Position))
	f.FocusIndex(rowTarget)
	sp, err := m.read(true)
	if err != nil {
		m.formErr = "Not listed: " + err.Error()
		m.setPane(paneForm)
		return nil
	}
	label := common.FormatPosition(msg.Position)
	if msg.Label != "" && msg.Label != label {
		label = common.Sanitize(msg.Label) + " (" + label + ")"
	}
	sp.target = mast.CutoutTarget{Position: &msg.Position}
	return m.fetch(sp, label)
}
