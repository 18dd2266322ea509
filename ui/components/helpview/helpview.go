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

// FieldRule is the one rule for global keys, as the overlay and the README state it.
const FieldRule = "In a text field letters type; esc leaves it for the letter keys. ctrl keys work anywhere."

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
	frameH := st.HelpBox.GetVerticalFrameSize() + 3 // box border and padding, title, rule and gap
	maxH := max(1, m.height-frameH)
	var groups [][]string
	for len(lines) > 0 {
		n := min(maxH, len(lines))
		groups = append(groups, lines[:n])
		lines = lines[n:]
		for len(lines) > 0 && lines[0] == "" {
			lines = lines[1:]
		}
	}
	// When the columns are wider than the area, cut long descriptions (to no less than
	// minColW cells), then leave out the columns that still do not fit.
	const minColW = 28
	gap := st.HelpColumn.GetHorizontalFrameSize()
	avail := m.width - st.HelpBox.GetHorizontalFrameSize() - 2
	widths := make([]int, len(groups))
	total := gap * max(0, len(groups)-1)
	for i, g := range groups {
		widths[i] = lipgloss.Width(strings.Join(g, "\n"))
		total += widths[i]
	}
	more := false
	if total > avail && len(groups) > 0 {
		colW := max(minColW, (avail-gap*(len(groups)-1))/len(groups))
		used := 0
		for i, g := range groups {
			w := min(widths[i], colW)
			if i > 0 {
				w += gap
			}
			if used+w > avail && i > 0 {
				groups, more = groups[:i], true
				break
			}
			used += w
			for j, l := range g {
				g[j] = ansi.Truncate(l, min(colW, max(1, avail)), "…")
			}
		}
	}
	var cols []string
	for _, g := range groups {
		col := strings.Join(g, "\n")
		if len(cols) > 0 {
			col = st.HelpColumn.Render(col)
		}
		cols = append(cols, col)
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	title := st.HelpTitle.Render("Keys") + st.Dim.Render("   "+m.c.Keys.Global.Help.Help().Key+" or esc closes") // the user's help key
	if more {
		title += st.Dim.Render(" · more in a larger terminal")
	}
	rule := ansi.Truncate(st.Dim.Render(FieldRule), max(1, avail), "…")
	box := st.HelpBox.Render(title + "\n" + rule + "\n\n" + body)
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
