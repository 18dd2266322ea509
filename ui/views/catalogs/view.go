package catalogs

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/components/textfield"
)

// View draws the shown catalog's form, results, matches or spectra.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.showAdvanced {
		return m.advancedView(m.adv())
	}
	s := m.st()
	if v := s.view(); v != nil {
		return v.View()
	}
	return m.formView(s)
}

// formView: the rows (each with its inline error under it), the add row's suggestions,
// then a rule, the count line, the focused row's help and the form's error. When the
// rows do not fit, they scroll to keep the focused one in view.
func (m *Model) formView(s *state) string {
	st := m.c.Styles
	w := m.width
	cur := s.form.Focused()
	var rows []string
	focusLine := 0
	for i, f := range s.form.Fields() {
		if i == cur {
			focusLine = len(rows)
		}
		line := form.Label(st, f.Title(), i == cur, labelWidth)
		switch f.Kind {
		case form.Choice:
			room := w - labelWidth
			line += form.Choices(st, f.Choices, f.Choice, "any", room)
		default:
			line += textfield.Boxed(f.Input, m.fieldWidth(f)) + " " + m.beside(s, i, f)
		}
		rows = append(rows, line)
		if e := f.Err(); e != "" {
			rows = append(rows, strings.Repeat(" ", labelWidth)+st.FormError.Render(common.Sanitize(e)))
		}
		if f == s.add && i == cur {
			if sug := m.suggestions(s); sug != "" {
				rows = append(rows, strings.Repeat(" ", labelWidth)+sug)
			}
		}
	}
	if line := m.columnsLine(s); line != "" {
		rows = append(rows, line)
	}
	bottom := []string{st.FormRule.Render(strings.Repeat("─", w))}
	if l := m.liveLine(s); l != "" {
		bottom = append(bottom, l)
	}
	bottom = append(bottom, st.FormHint.Render(ansi.Truncate(" "+common.Sanitize(m.fieldHelp(s)), w, "…")))
	if s.formErr != "" {
		bottom = append(bottom, st.FormError.Render(ansi.Truncate(" "+common.Sanitize(s.formErr), w, "…")))
	}
	room := max(1, m.height-len(bottom))
	if len(rows) > room { // scroll: the focused row stays in view
		first := min(max(0, focusLine-room+2), len(rows)-room)
		rows = rows[first : first+room]
	}
	for len(rows) < room {
		rows = append(rows, "")
	}
	all := append(rows, bottom...)
	if len(all) > m.height {
		all = all[:m.height]
	}
	for i, l := range all {
		all[i] = ansi.Truncate(l, w, "")
	}
	return strings.Join(all, "\n")
}

// beside is what a text row shows after its input: the resolved position by the
// target, else the row's hint.
func (m *Model) beside(s *state, i int, f *form.Field) string {
	st := m.c.Styles
	if f.Name == fTarget && s.resolved != "" && objectName(s) != "" {
		r := s.resolved
		if k := strings.Index(r, "→"); k >= 0 {
			r = r[k:]
		}
		return st.FormResolved.Render(r)
	}
	if f == s.add && len(m.columns(s)) > 0 {
		return st.FormHint.Render(common.Commas(int64(len(m.columns(s)))) + " columns, tab completes")
	}
	return st.FormHint.Render(common.Sanitize(f.Hint))
}

// suggestions lists the add row's completions, the picked one marked.
func (m *Model) suggestions(s *state) string {
	st := m.c.Styles
	f := s.add
	if f.Trimmed() == "" {
		return ""
	}
	var names []string
	if s.comp.On(s.form.Focused()) {
		for i, n := range s.comp.Cands {
			if i == s.comp.Sel {
				n = st.FormListCursor.Render(n)
			}
			names = append(names, n)
			if len(names) == 8 {
				break
			}
		}
	} else {
		for _, c := range m.candidates(s, f, f.Trimmed()) {
			names = append(names, c.Value)
			if len(names) == 8 {
				break
			}
		}
	}
	if len(names) == 0 {
		return st.FormHint.Render("no column matches")
	}
	return st.FormHint.Render(strings.Join(names, "  "))
}

// columnsLine says where the criteria columns are (fetching, failed).
func (m *Model) columnsLine(s *state) string {
	st := m.c.Styles
	switch {
	case m.client == nil:
		return st.FormError.Render(" Catalogs are unavailable in this session (no MAST client)")
	case !s.cat.Criteria:
		return ""
	case s.req.Running(columnsTask):
		return st.FormHint.Render(" Fetching the " + s.name + " columns…")
	case s.colsErr != nil:
		return st.FormError.Render(" Columns unavailable: " + common.Sanitize(s.colsErr.Error()))
	}
	return ""
}

// liveLine is the count of the form (only where the service counts), or what is wrong.
func (m *Model) liveLine(s *state) string {
	st := m.c.Styles
	l := &s.live
	switch l.State() {
	case form.Problem:
		return st.FormError.Render(ansi.Truncate(" "+l.Problem, m.width, "…"))
	case form.Asking:
		return st.FormHint.Render(" Counting " + s.name + " rows…")
	case form.Known:
		noun := " rows match"
		if l.Total == 1 {
			noun = " row matches"
		}
		return st.FormMatches.Render(" ≈ "+common.Commas(l.Total)+noun) + st.FormHint.Render(" · enter lists them")
	}
	if counts(s) {
		return st.FormHint.Render(" Give a target or criteria: the number of matching rows shows here")
	}
	return ""
}

// fieldHelp explains the row under the cursor.
func (m *Model) fieldHelp(s *state) string {
	f := s.form.Current()
	switch {
	case f == nil:
		return ""
	case f.Name == fCatalog:
		desc := s.cat.Description
		if s.name == Other {
			desc = "any Portal catalog, by the <Name> of Mast.Catalogs.<Name>.Cone"
		}
		return "←/→: the catalog · " + desc
	case f.Name == fVersion, f.Name == fRelease, f.Name == fTable:
		return "←/→: the " + f.Name + " of " + s.name
	case f.Help != "":
		return f.Help
	}
	return "tab: next field · enter: search"
}
