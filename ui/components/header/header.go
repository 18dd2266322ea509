// Package header is the top line of every screen: the app name, the tabs, and on the
// right the account (anon, or who the MAST token belongs to) and the server the session
// talks to.
package header

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

// Model is the header line.
type Model struct {
	c       *common.Common
	tabs    []string
	active  int
	width   int
	account *Account // nil: the session has no account support, no account line

	crumbs   []string // the second line: where the user is (SetPlace)
	position string
}

// New builds a header with the given tab names; the first is active.
func New(c *common.Common, tabs ...string) *Model {
	return &Model{c: c, tabs: tabs}
}

// SetSize sets the width of the line.
func (m *Model) SetSize(w int) { m.width = max(0, w) }

// SetTab renames tab i ("Queue (3↓ 41%)"); an index out of range is ignored.
func (m *Model) SetTab(i int, name string) {
	if i >= 0 && i < len(m.tabs) {
		m.tabs[i] = name
	}
}

// SetActive marks tab i as active.
func (m *Model) SetActive(i int) { m.active = i }

// View draws the header in exactly one line of at most the width.
func (m *Model) View() string {
	st := m.c.Styles
	var b strings.Builder
	b.WriteString(" ")
	b.WriteString(st.Brand.Render("mastui"))
	on := st.Glyphs.TabOn
	off := strings.Repeat(" ", ansi.StringWidth(on[0]))
	for i, t := range m.tabs {
		b.WriteString(" ")
		if i == m.active { // marked by a glyph, not only a style (NO_COLOR)
			b.WriteString(st.TabActive.Render(on[0] + t + on[1]))
		} else {
			b.WriteString(off + st.TabInactive.Render(t) + off)
		}
	}
	left := b.String()
	acct, right := "", ""
	if m.account != nil {
		acct = m.accountLine(false) + " "
	}
	right = acct
	if m.c.ServerLabel != "" {
		right = acct + strings.Repeat(" ", min(1, len(acct))) + st.ServerLabel.Render(common.Sanitize(m.c.ServerLabel)) + " "
	}
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if lw+2+rw > m.width { // the server label goes first, then the account's words, then it
		right, rw = acct, ansi.StringWidth(acct)
	}
	if lw+2+rw > m.width && m.account != nil {
		right = m.accountLine(true) + " "
		rw = ansi.StringWidth(right)
	}
	if lw+2+rw > m.width {
		right, rw = "", 0
	}
	if lw > m.width {
		return ansi.Truncate(left, m.width, "…")
	}
	return left + strings.Repeat(" ", m.width-lw-rw) + right
}
