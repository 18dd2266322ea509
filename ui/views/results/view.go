package results

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

// visCol is one column drawn in the current frame, with the width it gets.
type visCol struct {
	col *column
	idx int
	w   int
}

const (
	gutter     = 2 // "▸ " before every row
	minPartial = 4 // a cut-off last column must get at least this many cells
)

// visibleColumns picks the pinned first column plus the scrolled ones that fit. It
// reuses a scratch slice: no allocation per frame.
func (m *Model) visibleColumns() []visCol {
	m.vis = m.vis[:0]
	if len(m.cols) == 0 {
		return m.vis
	}
	avail := m.width - gutter
	first := m.cols[0]
	w := min(first.width, max(0, avail))
	m.vis = append(m.vis, visCol{col: first, idx: 0, w: w})
	avail -= w
	for i := 1 + m.colOff; i < len(m.cols) && avail > 1; i++ {
		c := m.cols[i]
		if 1+c.width <= avail {
			m.vis = append(m.vis, visCol{col: c, idx: i, w: c.width})
			avail -= 1 + c.width
			continue
		}
		if avail-1 >= minPartial {
			m.vis = append(m.vis, visCol{col: c, idx: i, w: avail - 1})
		}
		break
	}
	return m.vis
}

// View draws the title, the column header and the visible rows only.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	switch m.state {
	case stateIdle:
		return m.message("No search yet: press / to search.")
	case stateLoading:
		return m.message("Searching " + m.search.Target + " within " + m.search.Radius + "…")
	case stateFailed:
		return m.message(m.c.Styles.ErrorText.Render("Search failed: "+common.Sanitize(m.err.Error())),
			"r retries · / edits the search")
	}
	if m.Loaded() == 0 {
		lines := []string{"No observations match " + m.search.Target + " within " + m.search.Radius + "."}
		if m.resolved != nil {
			lines = append(lines, common.FormatResolved(m.resolved))
		}
		return m.message(append(lines, "/ edits the search")...)
	}
	st := m.c.Styles
	vis := m.visibleColumns()
	var b strings.Builder
	b.Grow((m.rowsHeight() + 2) * (m.width + 8))
	b.WriteString(m.title(vis))
	if m.height < 2 {
		return b.String()
	}
	b.WriteByte('\n')

	var line strings.Builder
	line.Grow(m.width + 8)
	writeSpaces(&line, gutter)
	for i, v := range vis {
		if i > 0 {
			line.WriteByte(' ')
		}
		writeCell(&line, v.col.header, v.w, v.col.right)
	}
	b.WriteString(st.TableHeader.Render(line.String()))

	end := min(m.top+m.rowsHeight(), m.Loaded())
	for r := m.top; r < end; r++ {
		b.WriteByte('\n')
		line.Reset()
		if r == m.cursor {
			line.WriteString(st.Glyphs.Cursor + " ")
		} else {
			writeSpaces(&line, gutter)
		}
		for i, v := range vis {
			if i > 0 {
				line.WriteByte(' ')
			}
			writeCell(&line, cellText(v.col, r), v.w, v.col.right)
		}
		if r == m.cursor {
			b.WriteString(st.CursorRow.Render(line.String()))
		} else {
			b.WriteString(line.String())
		}
	}
	return b.String()
}

// title is "1,804 observations (500 loaded) · M101 → … (SIMBAD)" with the visible
// column range on the right when it fits.
func (m *Model) title(vis []visCol) string {
	st := m.c.Styles
	left := common.Commas(m.total) + " observations"
	if n := int64(m.Loaded()); n < m.total {
		left += " (" + common.Commas(n) + " loaded)"
	}
	left = " " + st.ResultsTitle.Render(left)
	if r := m.resolved; r != nil {
		left += "   " + st.ResultsInfo.Render(common.FormatResolved(r))
	} else if p := m.search.Query.Position; p != nil {
		left += "   " + st.ResultsInfo.Render("cone "+common.FormatPosition(*p)+" r "+m.search.Radius)
	}
	right := ""
	if len(vis) > 0 {
		lo, hi := vis[0].idx+1, vis[len(vis)-1].idx+1
		if len(vis) > 1 {
			lo = vis[1].idx + 1
		}
		right = st.Dim.Render("cols " + itoa(lo) + "–" + itoa(hi) + " of " + itoa(len(m.cols)) + " ")
	}
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if lw+1+rw <= m.width {
		return left + strings.Repeat(" ", m.width-lw-rw) + right
	}
	return ansi.Truncate(left, m.width, "…")
}

// message draws a centred one- or two-line message in the view's area.
func (m *Model) message(lines ...string) string {
	for i, l := range lines {
		if i > 0 {
			lines[i] = m.c.Styles.Empty.Render(common.Truncate(l, m.width))
			continue
		}
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	block := strings.Join(lines, "\n")
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, block)
}
