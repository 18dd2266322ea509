package results

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/export"
	"mastui/ui/common"
	"mastui/ui/components/exportdialog"
)

// OpenExport opens the export dialog over the rows shown (every loaded row, or those a
// find keeps) with format chosen ("" keeps the last one): `e`, or a palette command
// such as `:export ecsv`.
func (m *Model) OpenExport(format string) tea.Cmd {
	switch {
	case m.state != stateReady || m.Loaded() == 0:
		return common.Toast(common.LevelWarn, "Nothing to export: no "+m.profile.Noun+" loaded")
	case m.grid.Len() == 0:
		return common.Toast(common.LevelWarn, "Nothing to export: "+m.noRowReason())
	}
	m.openExport(format)
	return nil
}

func (m *Model) openExport(format string) {
	all := "" // the dialog's "all loaded"
	if m.find.text != "" {
		all = "all shown" // under a find, "all" is the rows it keeps, as in products
	}
	m.export.SetSize(m.width, m.height)
	m.export.Open(exportdialog.Options{
		Format: format, Noun: m.profile.Noun, Selected: len(m.exportRows(true)), Loaded: m.grid.Len(), All: all, Dir: m.c.ExportDir,
		Base: "mastui_" + strings.ReplaceAll(m.profile.Name, ".", "_") + "_" + m.c.Now().Format("20060102_150405"),
	})
}

// exportKey drives the open dialog; a confirmed request writes the file.
func (m *Model) exportKey(msg tea.KeyMsg) tea.Cmd {
	req := m.export.Update(msg)
	if req == nil {
		return nil
	}
	rows := m.exportRows(req.Selection)
	return exportdialog.Write(m.c, m.table.Select(rows), *req, m.profile.Noun)
}

// exportRows are the rows to write in the table's display order: the rows shown (every
// loaded one, or those a find keeps), or only the selected ones of them.
func (m *Model) exportRows(selection bool) []int {
	rows := make([]int, 0, m.grid.Len())
	for i := range m.grid.Len() {
		if r := m.grid.Row(i); !selection || m.grid.Selection().Has(r) {
			rows = append(rows, r)
		}
	}
	return rows
}

// ExportOpen reports whether the export dialog is open.
func (m *Model) ExportOpen() bool { return m.export.IsOpen() }

// Typing reports whether typed letters go to a text field (the export dialog's path).
func (m *Model) Typing() bool { return m.export.IsOpen() }

// copyCommand copies the search as a `mastui` command line or, when python, as an
// astroquery snippet. Neither holds a token: both read MAST_API_TOKEN when they need one.
func (m *Model) copyCommand(python bool) tea.Cmd {
	s := m.search
	var line string
	switch {
	case s.Mission != nil && python:
		line = export.MissionPython(*s.Mission)
	case s.Mission != nil:
		line = export.CommandLine(export.MissionArgs(*s.Mission), serverFlags(m.c.ServerLabel)...)
	case s.Fetch != nil: // a catalog search: its query is the Catalogs tab's
		return common.Toast(common.LevelWarn, "Copy as a command is not available for catalog searches yet")
	case python:
		line = export.ObservationsPython(s.Query, m.floatColumn)
	default:
		line = export.CommandLine(export.ObservationsArgs(s.Query), serverFlags(m.c.ServerLabel)...)
	}
	if line == "" {
		return common.Toast(common.LevelWarn, "No search to copy")
	}
	if python {
		return m.c.Copy("astroquery snippet", line)
	}
	return m.c.Copy("mastui command", line)
}

// floatColumn says whether a criterion column is numeric (a [min, max] for astroquery),
// from the loaded table's column types.
func (m *Model) floatColumn(name string) bool {
	c := m.table.Col(name)
	return c != nil && c.Kind == model.KindFloat
}

// serverFlags point a copied command at the session's server: --demo for the demo
// archive, --mast-url for another than MAST (the label holds no credentials).
func serverFlags(label string) []string {
	switch label {
	case "", "MAST":
		return nil
	case "demo":
		return []string{"--demo"}
	}
	return []string{"--mast-url", label}
}
