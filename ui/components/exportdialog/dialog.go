// Package exportdialog is the export dialog of the results and products tables (`e`):
// the format (CSV, ECSV, VOTable, JSON), the rows (the selection or every loaded row)
// and the file path, by default a new file in the download directory. Enter writes the
// file in the background (services/export.WriteFile) and a toast names its path.
package exportdialog

import (
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/export"
	"mastui/ui/common"
	"mastui/ui/components/textfield"
)

// Dialog rows.
const (
	rowFormat = iota
	rowScope
	rowPath
	rowCount
)

// ScopeSelection is the rows choice of the selected rows only.
const ScopeSelection = "selection"

// Options open the dialog for one table.
type Options struct {
	Noun     string // "observations", "products"
	Selected int    // selected rows (0: the selection row is not offered)
	Loaded   int    // every loaded row
	All      string // what the rows without a selection are ("" is "all loaded")
	Dir      string // the default directory ("" is the current one)
	Base     string // the default file name without extension ("mastui_observations_…")
	Format   string // the format chosen first ("" keeps the last one; e.g. from `:export ecsv`)
}

// Request is what the user asked for.
type Request struct {
	Format    string // a model.ExportFormats name
	Selection bool   // only the selected rows
	Path      string
}

// Model is the dialog; closed until Open.
type Model struct {
	c       *common.Common
	open    bool
	opts    Options
	row     int
	format  int
	scopes  []string
	scope   int
	path    textinput.Model
	errMsg  string
	formats []string
	width   int
	height  int
}

// New builds a closed dialog.
func New(c *common.Common) *Model {
	return &Model{c: c, formats: model.ExportFormats(), path: textfield.New(c.Styles, "file path", 0)}
}

// Open shows the dialog for a table: the selection when there is one, else all rows.
func (m *Model) Open(o Options) {
	m.open, m.opts, m.row, m.errMsg = true, o, rowFormat, ""
	for i, f := range m.formats {
		if f == o.Format {
			m.format = i
		}
	}
	if m.opts.All == "" {
		m.opts.All = "all loaded"
	}
	m.scopes = []string{m.opts.All}
	m.scope = 0
	if o.Selected > 0 {
		m.scopes = []string{ScopeSelection, m.opts.All}
	}
	dir := o.Dir
	if dir == "" {
		dir = "."
	}
	m.path.SetValue(filepath.Join(dir, o.Base+model.FormatExtension(m.formats[m.format])))
	m.path.CursorEnd()
	m.focus()
}

// IsOpen reports whether the dialog shows (it then takes every key).
func (m *Model) IsOpen() bool { return m.open }

// Close hides the dialog.
func (m *Model) Close() { m.open = false; m.path.Blur() }

// SetError shows why the last request failed (the dialog stays open).
func (m *Model) SetError(msg string) { m.errMsg = msg }

// SetSize sets the area the dialog is centred in.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Update handles a key; it returns the request when the user confirms (the dialog
// closes), nil otherwise. esc closes it without one.
func (m *Model) Update(msg tea.KeyMsg) *Request {
	k := m.c.Keys.Export
	switch {
	case key.Matches(msg, k.Cancel):
		m.Close()
	case key.Matches(msg, k.Confirm):
		path := strings.TrimSpace(m.path.Value())
		if path == "" {
			m.errMsg = "Give a file name"
			return nil
		}
		m.Close()
		return &Request{Format: m.formats[m.format], Selection: m.scopes[m.scope] == ScopeSelection, Path: path}
	case key.Matches(msg, k.Up):
		m.row = (m.row + rowCount - 1) % rowCount
		m.focus()
	case key.Matches(msg, k.Down):
		m.row = (m.row + 1) % rowCount
		m.focus()
	case m.row == rowFormat && key.Matches(msg, k.Left, k.Right):
		m.setFormat((m.format + step(msg, k.Right) + len(m.formats)) % len(m.formats))
	case m.row == rowScope && key.Matches(msg, k.Left, k.Right):
		m.scope = (m.scope + step(msg, k.Right) + len(m.scopes)) % len(m.scopes)
	case m.row == rowPath:
		m.path, _ = m.path.Update(msg)
		m.errMsg = ""
	}
	return nil
}

func step(msg tea.KeyMsg, next key.Binding) int {
	if key.Matches(msg, next) {
		return 1
	}
	return -1
}

// setFormat changes the format and, when the path ends with the old extension, the
// extension with it.
func (m *Model) setFormat(i int) {
	old, ext := model.FormatExtension(m.formats[m.format]), model.FormatExtension(m.formats[i])
	m.format = i
	if p := m.path.Value(); strings.HasSuffix(p, old) {
		m.path.SetValue(strings.TrimSuffix(p, old) + ext)
		m.path.CursorEnd()
	}
}

func (m *Model) focus() {
	if m.row == rowPath {
		m.path.Focus()
	} else {
		m.path.Blur()
	}
}

// Write returns a Cmd writing t (already cut to the requested rows) as req says; a
// toast names the file, or says why it could not be written.
func Write(c *common.Common, t *model.Table, req Request, noun string) tea.Cmd {
	log := c.Logger
	return func() tea.Msg {
		path, err := export.WriteFile(req.Path, t, req.Format)
		if err != nil {
			log.Error("export", "format", req.Format, "err", err)
			return common.ToastMsg{Level: common.LevelError, Text: "Could not export: " + err.Error()}
		}
		log.Info("export", "format", req.Format, "rows", t.Rows(), "path", path)
		return common.ToastMsg{Level: common.LevelInfo, Text: common.Commas(int64(t.Rows())) + " " + noun + " written to " + path}
	}
}
