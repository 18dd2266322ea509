package multiselect

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Summary is one line of at most w cells listing the chosen keys ("[x] HST  [x] JWST"),
// ending with "+N" when they do not all fit; none is drawn when nothing is chosen.
func (m *Model) Summary(w int, none string) string {
	sel := m.Selected()
	if len(sel) == 0 {
		return ansi.Truncate(none, max(0, w), "…")
	}
	g := m.st.Glyphs
	var b strings.Builder
	used := 0
	for i, k := range sel {
		chip := g.CheckOn + " " + k
		need := ansi.StringWidth(chip)
		if i+1 < len(sel) {
			need += 2 + len("+"+strconv.Itoa(len(sel)-i-1))
		}
		if used+need > w {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(m.st.FormChoice.Render("+" + strconv.Itoa(len(sel)-i)))
			break
		}
		if i > 0 {
			b.WriteString("  ")
		}
		b.WriteString(m.st.FormChoiceOn.Render(chip))
		used += ansi.StringWidth(chip) + 2
	}
	return b.String()
}

// Grid draws the visible options in the SetSize area, column by column like ls, with
// the cursor marked when focused. Options that do not fit are paged: the page holding
// the cursor shows, and a last line says which page it is (it counts in the rows). With
// no visible option one line says so.
func (m *Model) Grid(focused bool) []string {
	st := m.st
	vis := m.Visible()
	if m.rows <= 0 || m.width <= 0 {
		return nil
	}
	if len(vis) == 0 {
		msg := "no options"
		if m.filter != "" {
			msg = "nothing matches " + strconv.Quote(m.filter)
		}
		return []string{st.FormHint.Render(ansi.Truncate(msg, m.width, "…"))}
	}
	per, cols := m.geometry()
	keyW, cntW := m.widths(vis)
	perPage := per * cols
	page := m.cursor / perPage
	pages := (len(vis) + perPage - 1) / perPage
	first := page * perPage
	out := make([]string, 0, per+1)
	for r := 0; r < per; r++ {
		var line strings.Builder
		for c := 0; c < cols; c++ {
			i := first + c*per + r
			if i >= len(vis) {
				break
			}
			if c > 0 {
				line.WriteString(strings.Repeat(" ", gridGap))
			}
			line.WriteString(m.cell(vis[i], i == m.cursor && focused, keyW, cntW))
		}
		if line.Len() > 0 {
			out = append(out, line.String())
		}
	}
	if pages > 1 {
		out = append(out, st.FormHint.Render(ansi.Truncate("page "+strconv.Itoa(page+1)+"/"+strconv.Itoa(pages)+
			" · "+strconv.Itoa(len(vis))+" options", m.width, "…")))
	}
	return out
}

const (
	gridGap   = 2
	markWidth = 2
)

// widths are the key and count column widths of the cells.
func (m *Model) widths(vis []Option) (keyW, cntW int) {
	for _, o := range vis {
		keyW = max(keyW, ansi.StringWidth(o.Key))
		if o.Count > 0 {
			cntW = max(cntW, len(commas(o.Count)))
		}
	}
	checkW := ansi.StringWidth(m.st.Glyphs.CheckOn)
	keyW = min(keyW, max(4, m.width-markWidth-checkW-1-cntW-1))
	return keyW, cntW
}

// geometry is the grid's lines per column (per page) and columns.
func (m *Model) geometry() (per, cols int) {
	vis := m.Visible()
	if len(vis) == 0 || m.rows <= 0 {
		return 0, 0
	}
	keyW, cntW := m.widths(vis)
	cellW := markWidth + ansi.StringWidth(m.st.Glyphs.CheckOn) + 1 + keyW
	if cntW > 0 {
		cellW += 1 + cntW
	}
	cols = max(1, (m.width+gridGap)/(cellW+gridGap))
	per = (len(vis) + cols - 1) / cols
	if per > m.rows {
		per = max(1, m.rows-1) // the last line says which page
	}
	return per, cols
}

func (m *Model) cell(o Option, cursor bool, keyW, cntW int) string {
	st, g := m.st, m.st.Glyphs
	mark, check, ks := "  ", g.CheckOff, st.FormChoice
	if m.selected[o.Key] {
		check, ks = g.CheckOn, st.FormChoiceOn
	}
	if cursor {
		mark, ks = g.Cursor+" ", st.FormListCursor
	}
	key := o.Key
	if ansi.StringWidth(key) > keyW {
		key = ansi.Truncate(key, keyW, "…")
	}
	s := mark + ks.Render(check+" "+key+strings.Repeat(" ", keyW-ansi.StringWidth(key)))
	if cntW > 0 {
		n := ""
		if o.Count > 0 {
			n = commas(o.Count)
		}
		s += " " + st.FormOptionCount.Render(strings.Repeat(" ", cntW-len(n))+n)
	}
	return s
}

// commas formats n with thousands separators.
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
