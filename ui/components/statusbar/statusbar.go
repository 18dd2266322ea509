// Package statusbar is the bottom line of every screen: a spinner and what is running
// (only while something runs), the result counts, and a few key hints on the right.
package statusbar

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

// Model is the status line.
type Model struct {
	c     *common.Common
	width int
}

// New builds a status bar.
func New(c *common.Common) *Model { return &Model{c: c} }

// SetSize sets the width of the line.
func (m *Model) SetSize(w int) { m.width = max(0, w) }

// Content is what the status line shows this frame.
type Content struct {
	Spinner  string // the spinner frame; shown only with an Activity
	Activity string // "Fetching page 2/12…"; "" when idle
	Counts   string // "1,804 observations · 500 loaded"
	Hints    []key.Binding
}

// View draws the line: hints are dropped from the left when space runs out, then the
// rest is cut with "…". The result is one line of at most the width. So a view lists
// its hints least important first, its primary action (enter search) last, and the
// global hints come after them (commands, then help, then quit, which stays longest).
func (m *Model) View(c Content) string {
	st := m.c.Styles
	var parts []string
	if c.Activity != "" {
		parts = append(parts, st.Spinner.Render(c.Spinner)+" "+st.StatusText.Render(c.Activity))
	}
	if c.Counts != "" {
		parts = append(parts, st.Counts.Render(c.Counts))
	}
	left := " " + strings.Join(parts, st.Dim.Render(st.Glyphs.Separator))
	bs := c.Hints
	lw := ansi.StringWidth(left)
	for len(bs) > 0 {
		right := m.hints(bs)
		if rw := ansi.StringWidth(right); lw+2+rw <= m.width {
			return left + strings.Repeat(" ", m.width-lw-rw) + right
		}
		bs = bs[1:]
	}
	if lw > m.width {
		return ansi.Truncate(left, m.width, "…")
	}
	return left
}

func (m *Model) hints(bs []key.Binding) string {
	st := m.c.Styles
	var b strings.Builder
	for _, k := range bs {
		h := k.Help()
		b.WriteString(st.HintKey.Render(h.Key))
		b.WriteString(" ")
		b.WriteString(st.HintDesc.Render(h.Desc))
		b.WriteString("  ")
	}
	return strings.TrimSuffix(b.String(), " ")
}
