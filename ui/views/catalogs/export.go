package catalogs

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// OpenExport opens the export dialog of the table in view (":export csv"): the advanced
// view's answer, an HSC view, or the catalog's results (leaving the form for them).
func (m *Model) OpenExport(format string) tea.Cmd {
	if m.showAdvanced {
		a := m.adv()
		if a.results == nil {
			return common.Toast(common.LevelWarn, "Nothing to export: no service request ran")
		}
		cmd := a.results.OpenExport(format)
		if a.results.ExportOpen() {
			a.pane = paneResults
			a.form.Blur()
			a.editor.Blur()
		}
		return cmd
	}
	s := m.st()
	if v := s.view(); v != nil {
		return v.OpenExport(format)
	}
	cmd := s.results.OpenExport(format)
	if s.results.ExportOpen() {
		s.pane = paneResults
		s.form.Blur()
	}
	return cmd
}
