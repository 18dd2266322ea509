package missions

import (
	tea "github.com/charmbracelet/bubbletea"
)

// OpenExport opens the export dialog of the shown mission's table in view (":export
// csv"): its products when they have the keys, else its results (leaving the form).
func (m *Model) OpenExport(format string) tea.Cmd {
	s := m.st()
	if s.pane == paneProducts {
		return s.products.OpenExport(format)
	}
	cmd := s.results.OpenExport(format)
	if s.results.ExportOpen() && s.pane != paneResults {
		s.pane = paneResults
		m.focusField(s)
	}
	return cmd
}
