package missions

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
	"mastui/ui/components/textfield"
)

// View draws the form or the results of the current mission.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.results {
		return m.resultsView()
	}
	return m.formView()
}

func (m *Model) formView() string {
	st := m.c.Styles
	s := m.st()
	w := m.width
	label := func(i int, text string) string {
		text = textfield.Fit(" "+common.Truncate(text, labelWidth-2), labelWidth)
		if s.cur == i {
			return st.FormLabelFocused.Render(text)
		}
		return st.FormLabel.Render(text)
	}
	var top []string
	picker := label(0, "Mission")
	for i, n := range Names {
		if i == m.mission {
			picker += st.FormChoiceOn.Render("[" + n + "]")
		} else {
			picker += st.FormChoice.Render(" " + n + " ")
		}
		picker += " "
	}
	top = append(top, picker)
	top = append(top, label(1, "Targets")+textfield.Boxed(s.targets, m.boxWidth())+" "+st.FormHint.Render("coordinates or object names, comma-separated"))
	top = append(top, label(2, "Radius")+textfield.Boxed(s.radius, min(m.boxWidth(), 16))+" "+st.FormHint.Render("arcmin (a bare number is arcminutes; ≤ 30, default 3)"))
	switch {
	case s.colsLoading:
		top = append(top, st.FormHint.Render(" Fetching the "+s.mission+" columns…"))
	case s.colsErr != nil:
		top = append(top, st.FormError.Render(" Columns unavailable: "+common.Sanitize(s.colsErr.Error())))
	default:
		top = append(top, st.FormTitle.Render(" Criteria")+st.FormHint.Render(" · "+common.Commas(int64(len(s.fields)))+" queryable "+s.mission+" columns · sent as typed: !x  >x  a..b  *x*  a,b"))
	}
	// The bottom: a rule, the focused field's help, and the error when there is one.
	help := "←/→ or space: the mission · tab: next field · enter: search"
	switch {
	case s.cur == 1:
		help = "One position (\"210.8 54.35\", \"14h03m12.6s +54d20m56s\") or object names, comma-separated; names are resolved first."
	case s.cur == 2:
		help = "Cone radius: a bare number is ARCMINUTES; \"0.05 deg\" and \"30 arcsec\" work too. At most 30 arcmin."
	case s.cur >= 3:
		f := s.fields[s.cur-3]
		help = f.col.Name + " (" + f.col.Type + "): " + f.col.Description
	}
	bottom := []string{st.FormRule.Render(strings.Repeat("─", w)), st.FormHint.Render(ansi.Truncate(" "+common.Sanitize(help), w, "…"))}
	if s.formErr != "" {
		bottom = append(bottom, st.FormError.Render(ansi.Truncate(" "+common.Sanitize(s.formErr), w, "…")))
	}
	rows := max(0, m.height-len(top)-len(bottom))
	var mid []string
	if rows > 0 && len(s.fields) > 0 {
		first := 0
		if fi := s.cur - 3; fi >= rows {
			first = fi - rows + 1
		}
		for i := first; i < len(s.fields) && len(mid) < rows; i++ {
			f := s.fields[i]
			line := label(i+3, f.col.Name) + textfield.Boxed(f.in, m.boxWidth())
			if f.col.FieldName != "" {
				line += " " + st.FormHint.Render(common.Sanitize(f.col.FieldName))
			}
			mid = append(mid, line)
		}
	}
	for len(mid) < rows {
		mid = append(mid, "")
	}
	all := append(append(top, mid...), bottom...)
	if len(all) > m.height { // too short: the bottom goes first, the picker stays
		all = all[:m.height]
	}
	for i, l := range all {
		all[i] = ansi.Truncate(l, w, "")
	}
	return strings.Join(all, "\n")
}

func (m *Model) resultsView() string {
	st := m.c.Styles
	s := m.st()
	switch {
	case s.err != nil:
		return m.message(st.ErrorText.Render("Mission search failed: "+common.Sanitize(s.err.Error())), "/ edits the search")
	case s.table == nil:
		return m.message("Searching " + s.mission + "…")
	case s.table.Rows() == 0:
		return m.message("No "+s.mission+" datasets match.", "/ edits the search")
	}
	left := " " + st.ResultsTitle.Render(counts(s)) + "  " + st.Dim.Render(s.mission)
	right := ""
	if cur := s.grid.Current(); cur != nil {
		right = st.Dim.Render(st.Glyphs.Cursor+" "+cur.Header+" · col "+common.Commas(int64(s.grid.ColumnCursor()+1))+" of "+common.Commas(int64(len(s.grid.Columns())))) + " "
	}
	title := left
	if lw, rw := ansi.StringWidth(left), ansi.StringWidth(right); lw+2+rw <= m.width {
		title = left + strings.Repeat(" ", m.width-lw-rw) + right
	} else {
		title = ansi.Truncate(left, m.width, "…")
	}
	if m.height < 2 {
		return title
	}
	return title + "\n" + s.grid.View()
}

func (m *Model) message(lines ...string) string {
	for i, l := range lines {
		if i > 0 {
			lines[i] = m.c.Styles.Empty.Render(common.Truncate(l, m.width))
			continue
		}
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
}
