package products

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// Update handles batch answers and filter recomputes (addressed to BatchTask and
// RecomputeTask: only the newest request's answer is taken) and keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.TabMsg:
		answer, ok := m.req.Take(msg)
		if !ok {
			return nil
		}
		switch answer := answer.(type) {
		case BatchMsg:
			return m.onBatch(msg.Req, answer)
		case RecomputeMsg:
			m.recompute()
		case CloudMsg:
			return m.onCloud(answer)
		}
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return nil
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	if m.export.IsOpen() {
		return m.exportKey(msg)
	}
	if m.panel.Editing() {
		changed, _ := m.panel.Update(msg)
		if !m.panel.Editing() && !m.focusPanel {
			m.panel.SetFocused(false)
		}
		if changed {
			return m.filtersChanged()
		}
		return nil
	}
	k := m.c.Keys.Products
	if m.PanelFocused() {
		if changed, handled := m.panel.Update(msg); handled {
			if changed {
				return m.filtersChanged()
			}
			return nil
		}
		if key.Matches(msg, m.c.Keys.Filters.Leave) {
			m.setPanelFocus(false)
			return nil
		}
	} else if m.table != nil && m.grid.Update(msg, k.Table) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		m.Cancel()
		return func() tea.Msg { return BackMsg{} }
	case key.Matches(msg, k.Retry):
		return m.Retry()
	case m.table == nil:
		return nil
	case key.Matches(msg, k.Select):
		m.toggleSelect()
	case key.Matches(msg, k.SelectAll):
		m.selectShown(true)
	case key.Matches(msg, k.SelectNone):
		m.selectNone()
	case key.Matches(msg, k.Invert):
		m.invertShown()
	case key.Matches(msg, k.Queue):
		return m.sendToQueue()
	case key.Matches(msg, k.Unique):
		return m.toggleUnique()
	case key.Matches(msg, k.Panel):
		m.showPanel = !m.showPanel
		m.setPanelFocus(m.showPanel && m.focusPanel)
		m.layout()
	case key.Matches(msg, k.Focus):
		if !m.showPanel {
			m.showPanel = true
			m.layout()
		}
		m.setPanelFocus(!m.focusPanel)
	case key.Matches(msg, k.Name):
		if !m.showPanel {
			m.showPanel = true
			m.layout()
		}
		m.panel.SetFocused(true)
		m.panel.StartEdit(keyName)
	case key.Matches(msg, k.Clear):
		m.panel.ClearAll()
		return m.filtersChanged()
	case key.Matches(msg, k.Copy):
		return m.copyURI()
	case key.Matches(msg, k.CopyS3):
		return m.copyS3()
	case key.Matches(msg, k.ExportS3):
		return m.exportS3()
	case key.Matches(msg, k.Export):
		return m.OpenExport("")
	case key.Matches(msg, k.Cloud):
		return m.toggleCloud()
	}
	return nil
}

func (m *Model) setPanelFocus(on bool) {
	m.focusPanel = on
	m.panel.SetFocused(on)
}
