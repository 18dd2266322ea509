// Package helpview is the `?` overlay: every enabled binding of the focused view first,
// then the global ones, generated from the keymap.
package helpview

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/keymap"
	"mastui/ui/common"
)

// Model is the help overlay.
type Model struct {
	c      *common.Common
	width  int
	height int
}

// New builds the overlay.
func New(c *common.Common) *Model { return &Model{c: c} }

// SetSize sets the area the overlay is centred in.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h) }

// View draws the sections in a box centred in the area; sections flow into more
// columns when the area is short.
func (m *Model) View(sections []keymap.Section) string {
	st := m.c.Styles
	keyW := 0
	for _, s := range sections {
		for _, b := range keymap.Enabled(s.Bindings) {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
	}
	var lines []string
	for _, s := range sections {
		bs := keymap.Enabled(s.Bindings)
		if len(bs) == 0 {
			continue
		}
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, st.HelpSection.Render(s.Title))
		for _, b := range bs {
			h := b.Help()
			lines = append(lines, st.HelpKey.Render(pad(h.Key, keyW))+"  "+st.HelpDesc.Render(h.Desc))
		}
	}
	// Flow the lines into as many columns as the height needs.
	frameH := st.HelpBox.GetVerticalFrameSize() + 2 // box border and padding, title and its gap
	maxH := max(1, m.height-frameH)
	var cols []string
	for len(lines) > 0 {
		n := min(maxH, len(lines))
		col := strings.Join(lines[:n], "\n")
		if len(cols) > 0 {
			col = st.HelpColumn.Render(col)
		}
		cols = append(cols, col)
		lines = lines[n:]
		for len(lines) > 0 && lines[0] == "" {
			lines = lines[1:]
		}
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	title := st.HelpTitle.Render("Keys") + st.Dim.Render("   ? or esc closes")
	box := st.HelpBox.Render(title + "\n\n" + body)
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
