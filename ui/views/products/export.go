package products

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/components/exportdialog"
)

// OpenExport opens the export dialog over the products shown (the filters apply) with
// format chosen ("" keeps the last one): `e`, or a palette command such as `:export csv`.
func (m *Model) OpenExport(format string) tea.Cmd {
	if len(m.shown) == 0 {
		return common.Toast(common.LevelWarn, "Nothing to export: no product is shown")
	}
	m.export.SetSize(m.width, m.height)
	m.export.Open(exportdialog.Options{
		Format: format, Noun: "products", Selected: len(m.SelectedRows()), Loaded: len(m.shown), All: "all shown", Dir: m.c.ExportDir,
		Base: "mastui_products_" + m.p.Name + "_" + m.c.Now().Format("20060102_150405"),
	})
	return nil
}

// exportKey drives the open dialog; a confirmed request writes the file.
func (m *Model) exportKey(msg tea.KeyMsg) tea.Cmd {
	req := m.export.Update(msg)
	if req == nil {
		return nil
	}
	rows := m.shown
	if req.Selection {
		rows = m.SelectedRows()
	}
	return exportdialog.Write(m.c, m.table.Select(rows), *req, "products")
}

// ExportOpen reports whether the export dialog is open.
func (m *Model) ExportOpen() bool { return m.export.IsOpen() }
