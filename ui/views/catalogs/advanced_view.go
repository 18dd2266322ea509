package catalogs

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"mastui/keymap"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/components/textfield"
)

// advancedWidths splits the width: the service column on the left, the editor on the
// right (a column of " │ " between them).
func (m *Model) advancedWidths() (left, right int) {
	left = max(24, min(48, m.width*2/5))
	return left, max(10, m.width-left-3)
}

// serviceIndent is the margin of the service name's box, on the line under its label.
const serviceIndent = 3

// advancedBottom is the number of lines under the columns: rule, count, help, error.
const advancedBottom = 4

// layoutAdvanced sizes the advanced view's parts.
func (m *Model) layoutAdvanced() {
	a := m.advanced
	if a == nil {
		return
	}
	left, right := m.advancedWidths()
	textfield.SetBoxWidth(&a.form.ByName(fService).Input, left-serviceIndent)
	a.editor.SetWidth(right)
	a.editor.SetHeight(max(1, m.height-1-1-1-advancedBottom)) // picker, "Params", the check line
	if a.results != nil {
		a.results.SetSize(m.width, m.height)
	}
}

// advancedView draws the advanced view, or its results.
func (m *Model) advancedView(a *advanced) string {
	if v := a.view(); v != nil {
		return v.View()
	}
	st := m.c.Styles
	w := m.width
	left, right := m.advancedWidths()
	picker := a.form.Field(0)
	lines := []string{form.Label(st, picker.Title(), !a.onEditor && a.form.Focused() == 0, labelWidth) +
		form.Choices(st, picker.Choices, picker.Choice, "", w-labelWidth)}

	service := a.form.ByName(fService)
	var col []string
	col = append(col, form.Label(st, service.Title(), !a.onEditor && a.form.Focused() == 1, labelWidth),
		strings.Repeat(" ", serviceIndent)+textfield.Boxed(service.Input, left-serviceIndent))
	col = append(col, m.serviceList(a, left, m.height-1-2-advancedBottom)...)

	var ed []string
	title := " Params"
	if a.onEditor {
		title = st.FormLabelFocused.Render(title)
	} else {
		title = st.FormLabel.Render(title)
	}
	ed = append(ed, title+st.FormHint.Render(" one JSON object · enter is a new line"))
	ed = append(ed, strings.Split(a.editor.View(), "\n")...)
	if a.paramErr != "" {
		ed = append(ed, st.FormError.Render(ansi.Truncate(common.Sanitize(a.paramErr), right, "…")))
	} else {
		ed = append(ed, st.FormMatches.Render("✓")+st.FormHint.Render(" one JSON object"))
	}
	rows := max(len(col), len(ed))
	for i := range rows {
		l, r := "", ""
		if i < len(col) {
			l = col[i]
		}
		if i < len(ed) {
			r = ed[i]
		}
		lines = append(lines, common.Fit(l, left, "")+st.FormRule.Render(" │ ")+r)
	}

	bottom := []string{st.FormRule.Render(strings.Repeat("─", w)), m.advancedCountLine(a),
		st.FormHint.Render(ansi.Truncate(" "+m.advancedHelp(a), w, "…"))}
	if a.runErr != "" {
		bottom = append(bottom, st.FormError.Render(ansi.Truncate(" "+common.Sanitize(a.runErr), w, "…")))
	}
	room := max(1, m.height-len(bottom))
	if len(lines) > room {
		lines = lines[:room]
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	all := append(lines, bottom...)
	if len(all) > m.height {
		all = all[:m.height]
	}
	for i, l := range all {
		all[i] = ansi.Truncate(l, w, "")
	}
	return strings.Join(all, "\n")
}

// serviceList lists the known services matching the name (all of them when it is
// empty), the picked completion marked, in at most n lines of width w.
func (m *Model) serviceList(a *advanced, w, n int) []string {
	st := m.c.Styles
	if n <= 0 {
		return nil
	}
	var names []string
	sel := -1
	if a.comp.On(1) {
		names, sel = a.comp.Cands, a.comp.Sel
	} else {
		for _, c := range serviceCandidates(a.service(), 1000) {
			names = append(names, c.Value)
		}
	}
	if len(names) == 0 {
		return []string{st.FormHint.Render("  not a service mastui knows: sent as typed")}
	}
	more := 0
	if len(names) > n {
		// Keep the picked one in view.
		first := max(0, min(sel-n/2, len(names)-n+1))
		if sel < 0 {
			first = 0
		}
		more = len(names) - (n - 1)
		names = names[first : first+n-1]
		sel -= first
	}
	var out []string
	for i, name := range names {
		line := "  " + ansi.Truncate(name, w-2, "…")
		if i == sel {
			line = st.FormListCursor.Render("▸ " + ansi.Truncate(name, w-2, "…"))
		} else {
			line = st.FormHint.Render(line)
		}
		out = append(out, line)
	}
	if more > 0 {
		out = append(out, st.FormHint.Render("  … "+common.Commas(int64(more))+" more: type to narrow"))
	}
	return out
}

// advancedCountLine is the count of the request, or how to get one.
func (m *Model) advancedCountLine(a *advanced) string {
	st := m.c.Styles
	k := m.c.Keys.Catalogs
	switch {
	case a.counted == "":
		return st.FormHint.Render(" " + k.Count.Help().Key + " counts the rows (the Filtered services; not .Rows)")
	case a.req.Running(countTask):
		return st.FormHint.Render(" Counting " + common.Sanitize(a.counted) + " rows…")
	case a.countErr != "":
		return st.FormError.Render(ansi.Truncate(" Count failed: "+a.countErr, m.width, "…"))
	}
	noun := " rows match"
	if a.count == 1 {
		noun = " row matches"
	}
	return st.FormMatches.Render(" ≈ "+common.Commas(a.count)+noun) + st.FormHint.Render(" · "+k.Run.Help().Key+" lists them")
}

// advancedHelp explains the part with the keys.
func (m *Model) advancedHelp(a *advanced) string {
	k := m.c.Keys.Catalogs
	run := k.Run.Help().Key + " runs"
	switch {
	case a.onEditor:
		return "The params: {\"columns\": \"*\", \"filters\": [{\"paramName\": …, \"values\": […]}]} · " + run + " · tab: the picker"
	case a.form.Focused() == 0:
		return "←/→: the catalog (or this advanced view) · " + k.Advanced.Help().Key + ": back to the catalog"
	}
	return a.form.ByName(fService).Help + " · " + run
}

// advancedHints are the status-line hints of the advanced view.
func (m *Model) advancedHints(a *advanced) []key.Binding {
	k := m.c.Keys.Catalogs
	if v := a.view(); v != nil {
		if v.Capturing() || !v.Ready() {
			return v.Hints()
		}
		r := m.c.Keys.Results
		return []key.Binding{r.Columns, r.Sort, r.Details, keymap.Relabel(k.Advanced, "catalog"), keymap.Relabel(k.Search, "edit")}
	}
	return []key.Binding{keymap.Relabel(k.Advanced, "catalog"), keymap.Relabel(k.Next, "next"), keymap.Relabel(k.Count, "count"), keymap.Relabel(k.Run, "run")}
}
