package observations

import (
	tea "github.com/charmbracelet/bubbletea"
)

// OpenExport opens the export dialog of the table in view (":export csv"): the products
// when they have the keys, else the results (leaving the form for them).
func (m *Model) OpenExport(format string) tea.Cmd {
	if m.part == partProducts {
		return m.products.OpenExport(format)
	}
	cmd := m.results.OpenExport(format)
	if m.results.ExportOpen() {
		m.setPart(partResults)
	}
	return cmd
}
