package exportdialog

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/components/textfield"
)

// labelWidth fits the longest label and the focus mark.
const labelWidth = 10

// View draws the dialog centred in its area.
func (m *Model) View() string {
	if !m.open {
		return ""
	}
	st := m.c.Styles
	box := st.Browse.OverlayBox
	w := min(76, max(30, m.width-4))
	inner := w - box.GetHorizontalFrameSize()
	room := max(8, inner-labelWidth)
	textfield.SetBoxWidth(&m.path, room)
	n := m.opts.Loaded
	if m.scopes[m.scope] == ScopeSelection {
		n = m.opts.Selected
	}
	scopes := make([]string, len(m.scopes))
	for i, s := range m.scopes {
		switch s {
		case ScopeSelection:
			scopes[i] = "selection (" + common.Commas(int64(m.opts.Selected)) + ")"
		default:
			scopes[i] = s + " (" + common.Commas(int64(m.opts.Loaded)) + ")"
		}
	}
	formats := make([]string, len(m.formats))
	for i, f := range m.formats {
		formats[i] = strings.ToUpper(f)
		if f == model.FormatVOTable {
			formats[i] = "VOTable"
		}
	}
	lines := []string{
		st.Browse.OverlayTitle.Render("Export " + common.Commas(int64(n)) + " " + m.opts.Noun),
		"",
		form.Label(st, "Format", m.row == rowFormat, labelWidth) + form.Choices(st, formats, m.format, "", room),
		form.Label(st, "Rows", m.row == rowScope, labelWidth) + form.Choices(st, scopes, m.scope, "", room),
		form.Label(st, "File", m.row == rowPath, labelWidth) + textfield.Boxed(m.path, room),
		"",
	}
	if m.errMsg != "" {
		lines = append(lines, st.Browse.PanelError.Render(ansi.Wordwrap(st.Glyphs.Error+" "+m.errMsg, inner, " /")))
	}
	lines = append(lines, st.FormHint.Render(ansi.Wordwrap("Every column, rows in the table's order. ECSV and VOTable keep types, units and descriptions (astropy reads both).", inner, " ")))
	var keys []string
	for _, b := range m.c.Keys.Export.ShortHelp() {
		keys = append(keys, b.Help().Key+" "+b.Help().Desc)
	}
	lines = append(lines, st.FormHint.Render(ansi.Wordwrap(strings.Join(keys, " · "), inner, " ")))
	out := box.Width(w - box.GetHorizontalBorderSize()).Render(strings.Join(lines, "\n"))
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, out)
}
