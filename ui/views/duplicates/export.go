package duplicates

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/dupcheck"
	"mastui/ui/common"
)

// exportExt is the file extension of an export format.
var exportExt = map[string]string{dupcheck.FormatMarkdown: ".md", dupcheck.FormatCSV: ".csv", dupcheck.FormatJSON: ".json"}

// export writes the report of the checks finished so far, in format ("": the form's), to
// dupcheck-<time><ext> in the export directory, off the UI goroutine; a toast says where.
func (m *Model) export(format string) tea.Cmd {
	r := m.run
	results := r.finished()
	if len(results) == 0 {
		return common.Toast(common.LevelWarn, "Nothing to export yet: no target has been checked")
	}
	if format == "" {
		format = m.form.Field(rowExport).Value()
	}
	name := "dupcheck-" + m.c.Now().Format("20060102-150405") + exportExt[format]
	path := filepath.Join(m.cfg.Dir, name)
	done, total := r.done, len(r.targets)
	return m.req.Run(exportTask, "writing the report", func(context.Context) tea.Msg {
		var b bytes.Buffer
		if err := dupcheck.WriteReport(&b, results, format); err != nil {
			return ExportedMsg{Err: err}
		}
		if err := writeNew(path, b.Bytes()); err != nil {
			return ExportedMsg{Err: err}
		}
		if done < total {
			path += fmt.Sprintf(" (%d of %d targets: the others still run)", done, total)
		}
		return ExportedMsg{Path: path}
	})
}

// ExportFormats are the report's formats, offered by the palette's :export.
func (m *Model) ExportFormats() []string {
	return []string{dupcheck.FormatMarkdown, dupcheck.FormatCSV, dupcheck.FormatJSON}
}

// OpenExport writes the report as :export FORMAT asks (markdown, csv or json; "" is
// the form's choice), as e does.
func (m *Model) OpenExport(format string) tea.Cmd {
	if format == "" {
		return m.export("")
	}
	if _, ok := exportExt[format]; !ok {
		return common.Toast(common.LevelWarn, fmt.Sprintf("The duplicates report is written as %s, %s or %s, not %s",
			dupcheck.FormatMarkdown, dupcheck.FormatCSV, dupcheck.FormatJSON, format))
	}
	return m.export(format)
}

// writeNew writes a file that must not exist yet (an earlier report is never replaced).
func writeNew(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
