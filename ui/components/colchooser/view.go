package colchooser

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

// View draws the box centred in the area: a title with the count shown, the visible
// part of the list, and the keys.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.c.Styles
	box := st.Browse.OverlayBox
	innerW := max(10, min(64, m.width-box.GetHorizontalFrameSize()-2))
	shown := len(m.Chosen())
	title := st.Browse.OverlayTitle.Render(m.title) + st.Dim.Render("  "+itoa(shown)+" of "+itoa(len(m.items))+" shown")

	nameW := 0
	for _, it := range m.items {
		nameW = max(nameW, ansi.StringWidth(it.Name))
	}
	nameW = min(nameW, max(8, innerW/2))
	var lines []string
	end := min(m.top+m.listHeight(), len(m.items))
	for i := m.top; i < end; i++ {
		it := m.items[i]
		check := st.Glyphs.CheckOff
		if it.On {
			check = st.Glyphs.CheckOn
		}
		cur := " "
		if i == m.cursor {
			cur = st.Glyphs.Cursor
		}
		line := cur + " " + check + " " + pad(common.Sanitize(it.Name), nameW)
		if it.Label != "" && it.Label != it.Name {
			line += "  " + st.Dim.Render(common.Sanitize(it.Label))
		}
		line = ansi.Truncate(line, innerW, "…")
		if i == m.cursor {
			line = st.Browse.PanelCursor.Render(pad(line, innerW))
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = append(lines, st.Empty.Render("no columns"))
	}
	hints := hintLine(m.c, m.c.Keys.Chooser.ShortHelp(), innerW)
	body := title + "\n" + strings.Join(lines, "\n") + "\n\n" + hints
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box.Render(body))
}

// hintLine is "space show / hide  K/shift+↑ move up …" cut to w cells.
func hintLine(c *common.Common, bs []key.Binding, w int) string {
	st := c.Styles
	var parts []string
	for _, b := range bs {
		h := b.Help()
		parts = append(parts, st.HintKey.Render(h.Key)+" "+st.HintDesc.Render(h.Desc))
	}
	return ansi.Truncate(strings.Join(parts, "  "), w, "…")
}

func pad(s string, w int) string {
	s = common.Truncate(s, w)
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func itoa(n int) string { return common.Commas(int64(n)) }
