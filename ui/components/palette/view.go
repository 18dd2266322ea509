package palette

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

// View draws the palette in exactly its height: a rule with the match count (or the
// complaint), the input line, then the matches, the highlighted one marked.
func (m *Model) View() string {
	if !m.open || m.height == 0 {
		return ""
	}
	st := m.c.Styles.Nav
	w := m.width
	lines := make([]string, 0, m.height)
	count := fmt.Sprintf(" %d of %d ", len(m.matches), len(m.items))
	if m.problem != "" {
		count = " " + st.PaletteError.Render(common.Sanitize(m.problem)) + " "
	}
	rule := "─ commands " + count
	lines = append(lines, st.PaletteRule.Render(common.Fit(rule+strings.Repeat("─", max(0, w-ansi.StringWidth(rule))), w, "")))
	lines = append(lines, " "+st.PalettePrompt.Render(":")+" "+m.input.View())
	labelW, keyW := 0, 0
	for _, s := range m.matches {
		labelW = max(labelW, ansi.StringWidth(s.item.Label))
		keyW = max(keyW, ansi.StringWidth(s.item.Key))
	}
	labelW = min(labelW, max(12, w/3))
	for i := m.top; i < len(m.matches) && len(lines) < m.height; i++ {
		lines = append(lines, m.row(m.matches[i], i == m.cur, labelW, keyW))
	}
	if len(m.matches) == 0 && len(lines) < m.height {
		lines = append(lines, "   "+st.PaletteHelp.Render("nothing matches — enter says what is near"))
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// row draws one match: mark, label (typed letters highlighted), help, key, section.
func (m *Model) row(s shown, cur bool, labelW, keyW int) string {
	st := m.c.Styles.Nav
	mark := "   "
	if cur {
		mark = " " + m.c.Styles.Glyphs.Cursor + " "
	}
	label := common.Fit(highlight(s.item.Label, s.pos, st.PaletteMatch.Render), labelW, "…")
	help := s.item.Help
	if s.item.Disabled != "" {
		help += " (" + s.item.Disabled + ")"
	}
	if s.item.Section != "" {
		help = s.item.Section
	}
	right := st.PaletteKey.Render(common.Fit(s.item.Key, keyW, ""))
	room := m.width - 3 - labelW - 2 - keyW - 2
	line := mark + label + "  " + st.PaletteHelp.Render(common.Fit(help, max(0, room), "…")) + "  " + right
	if cur {
		return st.PaletteCursor.Render(common.Fit(line, m.width, ""))
	}
	return common.Fit(line, m.width, "")
}

// highlight renders the runes of s at pos with hl.
func highlight(s string, pos []int, hl func(...string) string) string {
	if len(pos) == 0 {
		return s
	}
	var b strings.Builder
	on := map[int]bool{}
	for _, p := range pos {
		on[p] = true
	}
	for i, r := range []rune(s) {
		if on[i] {
			b.WriteString(hl(string(r)))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
