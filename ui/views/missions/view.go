package missions

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
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
	cur := s.form.Focused()
	label := func(i int, text string) string { return form.Label(st, text, cur == i, labelWidth) }
	choices := func(opts []string, on int, blank string) string {
		return form.Choices(st, opts, on, blank, w-labelWidth)
	}
	input := func(i int) string {
		f := s.form.Field(i)
		return textfield.Boxed(f.Input, m.fieldWidth(i))
	}
	hint := func(i int) string { return st.FormHint.Render(s.form.Field(i).Hint) }
	fields := s.form.Fields()
	top := []string{
		label(rowPicker, fields[rowPicker].Label) + choices(Names(), fields[rowPicker].Choice, ""),
		label(rowTargets, fields[rowTargets].Label) + input(rowTargets) + " " + hint(rowTargets),
		label(rowRadius, fields[rowRadius].Label) + input(rowRadius) + " " + hint(rowRadius),
		label(rowResolver, fields[rowResolver].Label) + choices(Resolvers(), fields[rowResolver].Choice, "auto") + hint(rowResolver),
		label(rowSort, fields[rowSort].Label) + input(rowSort) + " " + hint(rowSort),
		label(rowSelect, fields[rowSelect].Label) + input(rowSelect) + " " + hint(rowSelect),
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
	if s.jump.Active() {
		bottom[2] = ansi.Truncate(s.jump.View(st, s.form, "Go to column", "column"), w, "…")
	}
	if s.formErr != "" {
		bottom = append(bottom, st.FormError.Render(ansi.Truncate(" "+common.Sanitize(s.formErr), w, "…")))
	}
	rows := max(0, m.height-len(top)-len(bottom))
	var mid []string
	if rows > 0 && len(s.fields) > 0 {
		first := 0
		if fi := cur - fixedRows; fi >= rows {
			first = fi - rows + 1
		}
		for i := first; i < len(s.fields) && len(mid) < rows; i++ {
			f := s.fields[i].in
			line := label(i+fixedRows, f.Name) + input(i+fixedRows)
			if f.Hint != "" {
				line += " " + st.FormHint.Render(common.Sanitize(f.Hint))
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
	l := &s.live
	var text string
	switch l.State() {
	case form.Problem:
		return st.FormError.Render(ansi.Truncate(" "+l.Problem, m.width, "…"))
	case form.Asking:
		text = " Counting " + s.mission + " datasets…"
	case form.Known:
		noun := " datasets match"
		if l.Total == 1 {
			noun = " dataset matches"
		}
		return st.FormTitle.Render(ansi.Truncate(" "+common.Commas(l.Total)+noun, m.width, "…")) + st.FormHint.Render(" · enter lists them")
	default:
		text = " Give targets or criteria: the number of matching datasets shows here"
	}
	return st.FormHint.Render(ansi.Truncate(text, m.width, "…"))
}

// fieldHelp explains the row under the form cursor.
func (m *Model) fieldHelp(s *state) string {
	f := s.form.Current()
	switch {
	case s.form.Focused() == rowSelect:
		info, _ := mast.MissionInfo(s.mission)
		return "Output columns: a comma list or \"all\"; " + info.DatasetKeyword + " is always included. c in the results chooses among them."
	case f != nil && f.Help != "":
		return f.Help
	}
	return "←/→ or space: the mission · tab: next field · enter: search · esc: back to the results"
}
