package missions

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/textfield"
)

// View draws the current mission's form, results or products.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	s := m.st()
	switch s.pane {
	case paneResults:
		return s.results.View()
	case paneProducts:
		return s.products.View()
	}
	return m.formView(s)
}

func (m *Model) formView(s *state) string {
	st := m.c.Styles
	w := m.width
	// label marks the focused row with the cursor glyph, not only a colour (NO_COLOR).
	label := func(i int, text string) string {
		text = textfield.Fit(common.Truncate(text, labelWidth-markWidth-1), labelWidth-markWidth)
		if s.cur == i {
			return " " + st.FormLabelFocused.Render(st.Glyphs.Cursor+" "+text)
		}
		return strings.Repeat(" ", markWidth) + st.FormLabel.Render(text)
	}
	// choices draws a choice row; when it is too wide, the options before the chosen
	// one give way ("…") so the chosen one always shows.
	choices := func(opts []string, on int, blank string) string {
		room := w - labelWidth
		for first := 0; ; first++ {
			out, upto := "", "" // upto: the row through the chosen option
			if first > 0 {
				out = st.FormHint.Render("…") + " "
			}
			for i := first; i < len(opts); i++ {
				o := opts[i]
				if o == "" {
					o = blank
				}
				if i == on {
					out += st.FormChoiceOn.Render("[" + o + "]")
					upto = out
				} else {
					out += st.FormChoice.Render(" " + o + " ")
				}
				out += " "
			}
			if first >= on || ansi.StringWidth(upto) <= room {
				return out
			}
		}
	}
	top := []string{
		label(rowPicker, "Mission") + choices(Names(), m.mission, ""),
		label(rowTargets, "Targets") + textfield.Boxed(s.targets, m.boxWidth()) + " " + st.FormHint.Render("positions or object names, comma-separated"),
		label(rowRadius, "Radius") + textfield.Boxed(s.radius, min(m.boxWidth(), 16)) + " " + st.FormHint.Render("a bare number is ARCMINUTES · default 3, at most 30"),
		label(rowResolver, "Resolver") + choices(Resolvers(), s.resolver, "auto") + st.FormHint.Render("for object names"),
		label(rowSort, "Sort by") + textfield.Boxed(s.sortBy, m.boxWidth()) + " " + st.FormHint.Render("COLUMN[:desc], …"),
		label(rowSelect, "Columns") + textfield.Boxed(s.selectCols, m.boxWidth()) + " " + st.FormHint.Render("a comma list, or all (default: the mission's)"),
	}
	switch {
	case s.req.Running(columnsTask):
		top = append(top, st.FormHint.Render(" Fetching the "+s.mission+" columns…"))
	case s.colsErr != nil:
		top = append(top, st.FormError.Render(" Columns unavailable: "+common.Sanitize(s.colsErr.Error())))
	default:
		top = append(top, st.FormTitle.Render(" Criteria")+st.FormHint.Render(" · "+common.Commas(int64(len(s.fields)))+" queryable "+s.mission+" columns (ctrl+n goes to one) · sent as typed: !x  >x  a..b  *x*  a,b"))
	}
	bottom := []string{st.FormRule.Render(strings.Repeat("─", w)), m.liveLine(s), st.FormHint.Render(ansi.Truncate(" "+common.Sanitize(m.fieldHelp(s)), w, "…"))}
	if s.jump.active {
		bottom[2] = ansi.Truncate(m.jumpLine(s), w, "…")
	}
	if s.formErr != "" {
		bottom = append(bottom, st.FormError.Render(ansi.Truncate(" "+common.Sanitize(s.formErr), w, "…")))
	}
	rows := max(0, m.height-len(top)-len(bottom))
	var mid []string
	if rows > 0 && len(s.fields) > 0 {
		first := 0
		if fi := s.cur - fixedRows; fi >= rows {
			first = fi - rows + 1
		}
		for i := first; i < len(s.fields) && len(mid) < rows; i++ {
			f := s.fields[i]
			line := label(i+fixedRows, f.col.Name) + textfield.Boxed(f.in, m.boxWidth())
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

// liveLine is the form's live total, or what is wrong with the form.
func (m *Model) liveLine(s *state) string {
	st := m.c.Styles
	l := s.live
	var text string
	switch {
	case l.problem != "":
		return st.FormError.Render(ansi.Truncate(" "+l.problem, m.width, "…"))
	case l.asking:
		text = " Counting " + s.mission + " datasets…"
	case l.known:
		noun := " datasets match"
		if l.total == 1 {
			noun = " dataset matches"
		}
		return st.FormTitle.Render(ansi.Truncate(" "+common.Commas(l.total)+noun, m.width, "…")) + st.FormHint.Render(" · enter lists them")
	default:
		text = " Give targets or criteria: the number of matching datasets shows here"
	}
	return st.FormHint.Render(ansi.Truncate(text, m.width, "…"))
}

// fieldHelp explains the row under the form cursor.
func (m *Model) fieldHelp(s *state) string {
	switch {
	case s.cur == rowTargets:
		return "One position (\"210.8 54.35\", \"14h03m12.6s +54d20m56s\") or positions and object names, comma-separated (at most 100); names are resolved first."
	case s.cur == rowRadius:
		return "Cone radius around each target: a bare number is ARCMINUTES; \"0.05 deg\" and \"30 arcsec\" work too. At most 30 arcmin."
	case s.cur == rowResolver:
		return "←/→ or space: who resolves object names (auto tries SIMBAD, then NED)."
	case s.cur == rowSort:
		return "Columns to sort by, e.g. \"sci_start_time:desc\" or \"ang_sep\" (targets add search_pos and ang_sep)."
	case s.cur == rowSelect:
		info, _ := mast.MissionInfo(s.mission)
		return "Output columns: a comma list or \"all\"; " + info.DatasetKeyword + " is always included. c in the results chooses among them."
	case s.cur >= fixedRows && s.cur-fixedRows < len(s.fields):
		f := s.fields[s.cur-fixedRows]
		return f.col.Name + " (" + f.col.Type + "): " + f.col.Description
	}
	return "←/→ or space: the mission · tab: next field · enter: search · esc: back to the results"
}
