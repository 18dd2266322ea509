package header

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

// SetPlace sets the header's second line: the breadcrumbs of where the user is (the tab
// first: "Observations › M101 › products of 3 › filters") and the cursor's position
// ("row 1,234 of 27,372"; "" for none). Crumbs are server text at times: sanitized here.
func (m *Model) SetPlace(crumbs []string, position string) {
	m.crumbs = m.crumbs[:0]
	for _, c := range crumbs {
		if c = strings.TrimSpace(common.Sanitize(c)); c != "" {
			m.crumbs = append(m.crumbs, c)
		}
	}
	m.position = common.Sanitize(position)
}

// PlaceView draws the second line in exactly the width: the breadcrumbs on the left (the
// first ones give way to "…" when space is short: where the user is matters most), the
// position on the right.
func (m *Model) PlaceView() string {
	st := m.c.Styles.Nav
	right := ""
	if m.position != "" {
		right = st.Position.Render(m.position) + " "
	}
	rw := ansi.StringWidth(right)
	room := m.width - rw - 2
	if room < 8 { // too narrow for both: the place goes first
		right, rw, room = "", 0, m.width-1
	}
	sep := st.CrumbSep.Render(" › ")
	crumbs := m.crumbs
	render := func(cs []string, cut bool) string {
		parts := make([]string, len(cs))
		for i, c := range cs {
			if i == len(cs)-1 {
				parts[i] = st.CrumbLast.Render(c)
			} else {
				parts[i] = st.Crumb.Render(c)
			}
		}
		if cut {
			parts = append([]string{st.Crumb.Render("…")}, parts...)
		}
		return " " + strings.Join(parts, sep)
	}
	left := render(crumbs, false)
	for cut := 1; ansi.StringWidth(left) > room && cut < len(crumbs); cut++ {
		left = render(crumbs[cut:], true)
	}
	if ansi.StringWidth(left) > room {
		left = ansi.Truncate(left, max(0, room), "…")
	}
	lw := ansi.StringWidth(left)
	return left + strings.Repeat(" ", max(0, m.width-lw-rw)) + right
}
