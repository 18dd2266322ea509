package header

import "github.com/charmbracelet/x/ansi"

// TabAt is the tab drawn at column x of the tab bar (-1 when none): the header owns the
// bar's layout, so a click is placed by the same widths View draws.
func (m *Model) TabAt(x int) int {
	on := m.c.Styles.Glyphs.TabOn
	pad := ansi.StringWidth(on[0]) + ansi.StringWidth(on[1])
	pos := 1 + ansi.StringWidth("mastui") // " mastui"
	for i, t := range m.tabs {
		pos++ // the space before each tab
		w := ansi.StringWidth(t) + pad
		if x >= pos && x < pos+w && pos+w <= m.width {
			return i
		}
		pos += w
	}
	return -1
}
