package results

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Update handles page answers (whatever has focus) and navigation keys (when focused).
// Keys that leave the view (search, back) are the root's business.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case PageLoadedMsg:
		return m.onPage(msg)
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return nil
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Results
	page := max(1, m.rowsHeight())
	switch {
	case key.Matches(msg, k.Down):
		m.moveTo(m.cursor + 1)
	case key.Matches(msg, k.Up):
		m.moveTo(m.cursor - 1)
	case key.Matches(msg, k.PageDown):
		m.top += page
		m.moveTo(m.cursor + page)
	case key.Matches(msg, k.PageUp):
		m.top -= page
		m.moveTo(m.cursor - page)
	case key.Matches(msg, k.Home):
		m.moveTo(0)
	case key.Matches(msg, k.End):
		m.moveTo(m.Loaded() - 1)
	case key.Matches(msg, k.Left):
		m.colOff = max(0, m.colOff-1)
	case key.Matches(msg, k.Right):
		if m.canScrollRight() {
			m.colOff++
		}
	case key.Matches(msg, k.Retry):
		return m.Retry()
	default:
		return nil
	}
	return m.maybeFetch()
}

// moveTo puts the cursor on row r (clamped to the loaded rows) and scrolls to it.
func (m *Model) moveTo(r int) {
	m.cursor = r
	m.clampWindow()
}

// clampWindow keeps the cursor within the loaded rows and the window around the cursor.
func (m *Model) clampWindow() {
	n := m.Loaded()
	m.cursor = max(0, min(m.cursor, n-1))
	h := max(1, m.rowsHeight())
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = max(0, min(m.top, n-h))
}

// rowsHeight is the number of table rows that fit (the title and header take two lines).
func (m *Model) rowsHeight() int { return max(0, m.height-2) }

// canScrollRight reports whether a column right of the window is hidden or cut.
func (m *Model) canScrollRight() bool {
	if len(m.cols) < 2 || m.colOff >= len(m.cols)-2 {
		return false
	}
	vis := m.visibleColumns()
	if len(vis) == 0 {
		return true
	}
	last := vis[len(vis)-1]
	return last.idx < len(m.cols)-1 || last.w < last.col.width
}
