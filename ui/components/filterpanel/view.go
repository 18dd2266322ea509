package filterpanel

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

// line is one display line inside the box: a heading, an item, or an item's error.
type line struct {
	heading string
	item    int
	err     bool
}

func (m *Model) innerWidth() int  { return max(0, m.width-2) }
func (m *Model) innerHeight() int { return max(0, m.height-2) }

func (m *Model) lines() []line {
	var out []line
	group := "\x00"
	for i, it := range m.items {
		if it.Group != group {
			group = it.Group
			if group != "" {
				out = append(out, line{heading: group, item: -1})
			}
		}
		out = append(out, line{item: i})
		if it.Err != "" {
			out = append(out, line{item: i, err: true})
		}
	}
	return out
}

// clamp keeps the cursor on an item and its line (with the heading above it, when
// possible) inside the window.
func (m *Model) clamp() {
	m.cursor = max(0, min(m.cursor, len(m.items)-1))
	ls := m.lines()
	h := max(1, m.innerHeight())
	at := 0
	for i, l := range ls {
		if l.item == m.cursor && !l.err {
			at = i
			break
		}
	}
	lo := at
	if at > 0 && ls[at-1].heading != "" {
		lo = at - 1
	}
	if lo < m.top {
		m.top = lo
	}
	if at >= m.top+h {
		m.top = at - h + 1
	}
	m.top = max(0, min(m.top, len(ls)-h))
}

// View draws the box: "┌ filters (2) ─┐", the visible lines, "└──┘".
func (m *Model) View() string {
	if m.width < 4 || m.height < 3 {
		return ""
	}
	st := m.c.Styles.Browse
	border := st.PanelBorder
	if m.focused {
		border = st.PanelBorderOn
	}
	iw, ih := m.innerWidth(), m.innerHeight()
	title := " filters "
	if n := m.Active(); n > 0 {
		title = " filters (" + itoa(n) + ") "
	}
	title = common.Truncate(title, max(0, iw-1))
	var b strings.Builder
	b.WriteString(border.Render("┌─" + title + strings.Repeat("─", max(0, iw-1-ansi.StringWidth(title))) + "┐"))
	ls := m.lines()
	side := border.Render("│")
	for i := 0; i < ih; i++ {
		b.WriteByte('\n')
		b.WriteString(side)
		if j := m.top + i; j < len(ls) {
			b.WriteString(m.renderLine(ls[j], iw))
		} else {
			b.WriteString(strings.Repeat(" ", iw))
		}
		b.WriteString(side)
	}
	b.WriteByte('\n')
	b.WriteString(border.Render("└" + strings.Repeat("─", iw) + "┘"))
	return b.String()
}

// renderLine draws one line as exactly w cells.
func (m *Model) renderLine(l line, w int) string {
	st := m.c.Styles
	bs := st.Browse
	if l.heading != "" {
		return bs.PanelHeading.Render(common.Fit(" "+common.Sanitize(l.heading), w, "…"))
	}
	it := m.items[l.item]
	if l.err {
		return bs.PanelError.Render(common.Fit("   "+it.Err, w, "…"))
	}
	cur := " "
	atCursor := m.focused && l.item == m.cursor
	if atCursor {
		cur = st.Glyphs.Cursor
	}
	if it.Kind == Text {
		label := cur + " " + common.Sanitize(it.Label) + " "
		lw := ansi.StringWidth(label)
		if l.item == m.editing {
			return label + common.Fit(m.input.View(), max(0, w-lw), "…")
		}
		val := common.Sanitize(it.Text)
		style := bs.PanelItemOn
		if val == "" {
			val, style = m.holders[it.Key], bs.PanelCount
		}
		rest := common.Fit(style.Render(common.Truncate(val, max(0, w-lw))), max(0, w-lw), "…")
		if atCursor {
			return bs.PanelCursor.Render(label) + rest
		}
		return label + rest
	}
	check := st.Glyphs.CheckOff
	if it.On {
		check = st.Glyphs.CheckOn
	}
	count := ""
	if it.Count >= 0 {
		count = " " + itoa(it.Count)
	}
	head := cur + check + " "
	labelW := max(0, w-ansi.StringWidth(head)-ansi.StringWidth(count))
	label := common.Fit(common.Sanitize(it.Label), labelW, "…")
	text := head + label + count
	switch {
	case atCursor:
		return bs.PanelCursor.Render(common.Fit(text, w, "…"))
	case it.On:
		return bs.PanelItemOn.Render(common.Fit(head+label, w-ansi.StringWidth(count), "…")) + bs.PanelCount.Render(count)
	case it.Count == 0:
		return bs.PanelZero.Render(common.Fit(text, w, "…"))
	}
	return bs.PanelItem.Render(common.Fit(head+label, w-ansi.StringWidth(count), "…")) + bs.PanelCount.Render(count)
}

func itoa(n int) string { return common.Commas(int64(n)) }
