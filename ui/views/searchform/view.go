package searchform

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/components/textfield"
)

// View draws the form in at most width × height cells: a title, the fields (scrolled to
// the focus when they do not fit), a rule, help on the focused field and the live count.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.c.Styles
	head, foot := m.frame()
	body, _ := m.body()
	h := m.bodyHeight()
	off := max(0, min(m.offset, len(body)-h))
	end := min(len(body), off+h)

	out := make([]string, 0, m.height)
	if head > 0 {
		title := " " + st.FormTitle.Render("Search observations")
		if more := scrollHint(off > 0, end < len(body)); more != "" {
			title = spread(title, st.FormHint.Render(more), m.width)
		}
		out = append(out, title)
	}
	if head > 1 {
		out = append(out, "")
	}
	out = append(out, body[off:end]...)
	switch foot {
	case 4, 3:
		out = append(out, " "+st.FormRule.Render(strings.Repeat("─", max(0, m.innerWidth()-1))))
		l1, l2 := m.helpLines()
		out = append(out, "   "+st.FormHint.Render(l1))
		if foot == 4 {
			out = append(out, "   "+st.FormHint.Render(l2))
		}
		out = append(out, " "+m.countLine())
	case 1:
		out = append(out, " "+m.countLine())
	}
	if len(out) > m.height {
		out = out[:m.height]
	}
	for i, l := range out {
		if ansi.StringWidth(l) > m.width {
			out[i] = ansi.Truncate(l, m.width, "…")
		}
	}
	return strings.Join(out, "\n")
}

func scrollHint(above, below bool) string {
	switch {
	case above && below:
		return "more ↑↓"
	case above:
		return "more ↑"
	case below:
		return "more ↓"
	}
	return ""
}

// spread puts right at the right edge of a line of width w that starts with left.
func spread(left, right string, w int) string {
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(right) - 1
	if gap < 2 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// body renders every field row (each line starts with the margin) and the line span
// [top, bottom) of each field.
func (m *Model) body() ([]string, [][2]int) {
	spans := make([][2]int, len(m.fields))
	var lines []string
	for _, r := range m.rows() {
		top := len(lines)
		if len(r.cells) == 1 {
			w := m.cellWidth(r.cells[0])
			lines = append(lines, m.cell(r.cells[0], w, w)...)
		} else {
			// The field lines side by side (the right cell's margin is part of the gap);
			// the left field's error (or list) below at full width, then the right one's
			// under its column.
			cw := m.columnWidth()
			left := m.cell(r.cells[0], cw, m.innerWidth())
			right := m.cell(r.cells[1], cw, cw)
			lines = append(lines, strings.TrimRight(textfield.Fit(left[0], margin+cw)+strings.Repeat(" ", columnGap-margin)+right[0], " "))
			lines = append(lines, left[1:]...)
			for _, l := range right[1:] {
				lines = append(lines, strings.Repeat(" ", cw+columnGap)+l)
			}
		}
		for _, c := range r.cells {
			spans[c] = [2]int{top, len(lines)}
		}
	}
	return lines, spans
}

// cell draws field i in w cells after the margin: the field line (its label drawn as
// every form draws it, form.Label), then (in extraW cells) its error, and the open list
// or the suggestions when it has focus.
func (m *Model) cell(i, w, extraW int) []string {
	st, g := m.c.Styles, m.c.Styles.Glyphs
	f := m.fields[i]
	focused := i == m.form.Focused()
	head := form.Label(st, f.label, focused, margin+prefixWidth)
	cw := max(1, w-prefixWidth)
	indent := strings.Repeat(" ", margin+prefixWidth)
	var extra []string
	var content string
	switch f.kind {
	case kindText:
		content = textfield.Boxed(f.Input, m.boxWidth(f, w))
		if u := m.unit(f); u != "" {
			content += " " + st.FormHint.Render(u)
		}
		if h := m.histogramIn(f, w); h != "" {
			content += " " + st.FormHint.Render(h)
		}
	case kindResolver:
		content, extra = m.resolverContent(cw)
	case kindCollection:
		content, extra = m.collectionContent(cw, focused)
	case kindAdd:
		content, extra = m.addContent(f, w, focused)
	}
	lines := []string{head + content}
	cw = max(1, extraW-prefixWidth)
	if e := f.Err(); e != "" {
		wrapped := strings.Split(ansi.Wordwrap(e, max(1, cw-2), ""), "\n")
		if len(wrapped) > maxErrorLines {
			wrapped = wrapped[:maxErrorLines]
			wrapped[maxErrorLines-1] = ansi.Truncate(wrapped[maxErrorLines-1]+"…", max(1, cw-3), "…")
		}
		for k, l := range wrapped {
			glyph := g.Error + " "
			if k > 0 {
				glyph = "  "
			}
			lines = append(lines, indent+st.FormError.Render(ansi.Truncate(glyph+l, cw, "…")))
		}
	}
	if f.suggest != "" {
		lines = append(lines, indent+st.FormHint.Render(ansi.Truncate("? "+f.suggest, cw, "…")))
	}
	for _, l := range extra {
		lines = append(lines, indent+l)
	}
	return lines
}

func (m *Model) resolverContent(cw int) (string, []string) {
	st, g := m.c.Styles, m.c.Styles.Glyphs
	var b strings.Builder
	for i := 0; i < numResolvers; i++ {
		if i > 0 {
			b.WriteString("  ")
		}
		if i == m.resolver {
			b.WriteString(st.FormChoiceOn.Render(g.RadioOn + " " + resolverName(i)))
		} else {
			b.WriteString(st.FormChoice.Render(g.RadioOff + " " + resolverName(i)))
		}
	}
	s := b.String()
	if m.resolved == "" {
		return s, nil
	}
	res := st.FormResolved.Render(m.resolved)
	if ansi.StringWidth(s)+4+ansi.StringWidth(m.resolved) <= cw {
		return s + "    " + res, nil
	}
	return s, []string{res}
}

func (m *Model) collectionContent(cw int, focused bool) (string, []string) {
	st := m.c.Styles
	if len(m.coll.Options()) == 0 {
		switch {
		case m.facetErr != "":
			return st.FormHint.Render(common.CutWithHint("collections unavailable: "+m.facetErr, cw, m.c.Keys.Global.Messages.Help().Key+" shows it all")), nil
		case m.archive != nil && m.facets == nil:
			return st.FormHint.Render("loading collections…"), nil
		}
	}
	summary := m.coll.Summary(cw, "any")
	if !focused || len(m.coll.Options()) == 0 {
		return summary, nil
	}
	var extra []string
	if f := m.coll.Filter(); f != "" {
		extra = append(extra, st.FormHint.Render("filter: ")+st.FormInputText.Render(f))
	}
	return summary, append(extra, m.coll.Grid(true)...)
}

// addContent is the "+ add criterion" row: a hint while idle, else the name box and
// the matching columns (the highlighted one is what tab puts in; ↑/↓ move it).
func (m *Model) addContent(f *field, w int, focused bool) (string, []string) {
	st, g := m.c.Styles, m.c.Styles.Glyphs
	if !focused && f.Input.Value() == "" {
		return st.FormHint.Render("criterion on any other column (ctrl+n)"), nil
	}
	content := textfield.Boxed(f.Input, m.boxWidth(f, w))
	if !focused {
		return content, nil
	}
	cw := max(1, w-prefixWidth)
	_, item := completing(f)
	var names []string
	var notes []string
	sel := 0
	if m.comp.On(m.form.Focused()) {
		for _, c := range m.comp.Cands {
			names = append(names, c)
			notes = append(notes, m.columnNote(c))
		}
		sel = m.comp.Sel
	} else {
		for _, c := range m.candidates(f, item) {
			names = append(names, c.Value)
			notes = append(notes, c.Note)
		}
	}
	if item == "" && !m.comp.Active {
		if len(names) == 0 {
			return content, []string{st.FormHint.Render("type a column name; enter adds it")}
		}
		return content, []string{st.FormHint.Render(ansi.Truncate("e.g. "+strings.Join(names, ", "), cw, "…"))}
	}
	if len(names) == 0 {
		return content, nil
	}
	const show = 5
	first := max(0, min(sel-show+1, len(names)-show))
	nameW := 0
	for _, n := range names {
		nameW = max(nameW, ansi.StringWidth(n))
	}
	nameW = min(nameW, max(8, cw/2))
	var extra []string
	for k := first; k < min(len(names), first+show); k++ {
		mark, ns := "  ", st.FormChoice
		if k == sel {
			mark, ns = g.Cursor+" ", st.FormListCursor
		}
		line := mark + ns.Render(textfield.Fit(names[k], nameW))
		if notes[k] != "" {
			line += "  " + st.FormOptionCount.Render(notes[k])
		}
		extra = append(extra, ansi.Truncate(line, cw, "…"))
	}
	if rest := len(names) - show; rest > 0 {
		extra = append(extra, st.FormHint.Render(ansi.Truncate("  … "+itoa(rest)+" more; ↑/↓ pick", cw, "…")))
	}
	return content, extra
}
