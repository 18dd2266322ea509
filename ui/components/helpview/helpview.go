// Package helpview is the `?` overlay: every enabled binding of the focused view first,
// then the global ones, generated from the keymap.
package helpview

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/keymap"
	"mastui/themes"
	"mastui/ui/common"
)

// FieldRule is the one rule for global keys, as the overlay and the README state it.
const FieldRule = "Letters type in text fields; esc or a tab's letter leaves them. ctrl keys work anywhere."

// Model is the help overlay. When the keys do not fit the area they scroll (the
// details pane's scroll keys), with a "more" mark.
type Model struct {
	c      *common.Common
	width  int
	height int
	offset int // the first line shown when the columns scroll
}

// New builds the overlay.
func New(c *common.Common) *Model { return &Model{c: c} }

// SetSize sets the area the overlay is centred in.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h) }

// Reset scrolls back to the top (the overlay opens there).
func (m *Model) Reset() { m.offset = 0 }

// Update scrolls the overlay of sections with ↑/↓, pgup/pgdn, home/end; it reports
// whether the key was one of those.
func (m *Model) Update(msg tea.KeyMsg, sections []keymap.Section) bool {
	k := m.c.Keys.Details.Scroll
	l := m.layout(sections)
	switch {
	case key.Matches(msg, k.Up):
		m.offset--
	case key.Matches(msg, k.Down):
		m.offset++
	case key.Matches(msg, k.PageUp):
		m.offset -= max(1, l.shown-1)
	case key.Matches(msg, k.PageDown):
		m.offset += max(1, l.shown-1)
	case key.Matches(msg, k.Home):
		m.offset = 0
	case key.Matches(msg, k.End):
		m.offset = l.height - l.shown
	default:
		return false
	}
	m.offset = min(max(0, m.offset), max(0, l.height-l.shown))
	return true
}

// layout is how the sections are drawn: columns of height lines, shown lines at a time.
type layout struct {
	cols   [][]string
	colW   int // the widest a column may be (its lines are cut to it)
	height int // the columns' height
	shown  int // the lines shown: height, or fewer when they scroll
}

// section is a section's heading and rows, drawn.
type section struct {
	title string
	rows  []string
}

// layout flows the sections into as many columns as the width holds, as short as they
// can be; when they are taller than the area, they scroll.
func (m *Model) layout(sections []keymap.Section) layout {
	st := m.c.Styles
	keyW := 0
	for _, s := range sections {
		for _, b := range keymap.Enabled(s.Bindings) {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
	}
	var drawn []section
	for _, s := range sections {
		bs := keymap.Enabled(s.Bindings)
		if len(bs) == 0 {
			continue
		}
		d := section{title: s.Title}
		for _, b := range bs {
			h := b.Help()
			d.rows = append(d.rows, st.HelpKey.Render(pad(h.Key, keyW))+"  "+st.HelpDesc.Render(h.Desc))
		}
		drawn = append(drawn, d)
	}
	frameH := st.HelpBox.GetVerticalFrameSize() + 3 // box border and padding, title, rule and gap
	maxH := max(2, m.height-frameH)
	gap := st.HelpColumn.GetHorizontalFrameSize()
	avail := max(1, m.width-st.HelpBox.GetHorizontalFrameSize()-2)
	// The most columns that fit the width (no narrower than minColW cells each), then
	// the shortest columns that hold every key in them.
	const minColW = 28
	n := len(flow(st, drawn, maxH))
	for n > 1 && n*minColW+(n-1)*gap > avail {
		n--
	}
	h := maxH
	cols := flow(st, drawn, h)
	for len(cols) > n {
		h++
		cols = flow(st, drawn, h)
	}
	l := layout{cols: cols, colW: max(1, (avail-gap*(len(cols)-1))/max(1, len(cols))), height: h, shown: h}
	if h > maxH {
		l.shown = maxH - 1 // a line for the "more" mark
	}
	return l
}

// flow fills columns of h lines with the sections in order. A section starts a column
// rather than leave its heading alone at the bottom of one, and one continued in the
// next column repeats its heading there ("Global (cont.)").
func flow(st *themes.Styles, sections []section, h int) [][]string {
	h = max(2, h)
	var cols [][]string
	var cur []string
	for _, s := range sections {
		if len(cur) > 0 && len(cur)+3 > h { // a gap, the heading and one row
			cols, cur = append(cols, cur), nil
		}
		if len(cur) > 0 {
			cur = append(cur, "")
		}
		cur = append(cur, st.HelpSection.Render(s.title))
		for _, r := range s.rows {
			if len(cur) == h {
				cols, cur = append(cols, cur), []string{st.HelpSection.Render(s.title + " (cont.)")}
			}
			cur = append(cur, r)
		}
	}
	if len(cur) > 0 {
		cols = append(cols, cur)
	}
	return cols
}

// View draws the sections in a box centred in the area, in columns; what does not fit
// scrolls, with a mark saying there is more.
func (m *Model) View(sections []keymap.Section) string {
	st := m.c.Styles
	l := m.layout(sections)
	off := min(m.offset, max(0, l.height-l.shown))
	shown := l.shown
	// Never end the view on a heading whose rows are below it.
	for shown > 1 && off+shown < l.height && headingAt(l, off+shown-1) {
		shown--
	}
	var cols []string
	for i, c := range l.cols {
		var g []string
		for j := off; j < off+shown; j++ {
			line := ""
			if j < len(c) {
				line = ansi.Truncate(c[j], l.colW, "…")
			}
			g = append(g, line)
		}
		col := strings.Join(g, "\n")
		if i > 0 {
			col = st.HelpColumn.Render(col)
		}
		cols = append(cols, col)
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	if l.shown < l.height {
		k := m.c.Keys.Details.Scroll
		var mark []string
		if off > 0 {
			mark = append(mark, "more ↑")
		}
		if off+shown < l.height {
			mark = append(mark, "more ↓")
		}
		body += "\n" + st.Dim.Render(strings.Join(mark, " ")+"  ("+k.Down.Help().Key+" "+k.Up.Help().Key+" "+k.PageDown.Help().Key+" "+k.PageUp.Help().Key+" scroll)")
	}
	avail := max(1, m.width-st.HelpBox.GetHorizontalFrameSize()-2)
	title := st.HelpTitle.Render("Keys") + st.Dim.Render("   "+m.c.Keys.Global.Help.Help().Key+" or esc closes") // the user's help key
	rule := ansi.Truncate(st.Dim.Render(FieldRule), avail, "…")
	box := st.HelpBox.Render(title + "\n" + rule + "\n\n" + body)
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

// headingAt reports whether line j of any column is a section heading (the line before
// a column's rows, or after a gap).
func headingAt(l layout, j int) bool {
	for _, c := range l.cols {
		if j < len(c) && j+1 < len(c) && c[j] != "" && (j == 0 || c[j-1] == "") {
			return true
		}
	}
	return false
}

func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
