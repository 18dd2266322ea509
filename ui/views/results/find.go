package results

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// finder is find within results: text typed on a line under the table keeps the loaded
// rows holding it in a shown column (case-insensitive), marked in their cells.
type finder struct {
	input  textinput.Model
	typing bool   // the find line has the keys
	text   string // the text the rows are filtered by ("" for none)
}

// Finding reports whether a find filters the rows (or its line has the keys).
func (m *Model) Finding() bool { return m.find.typing || m.find.text != "" }

// FindText is the text the rows are filtered by (for tests).
func (m *Model) FindText() string { return m.find.text }

// Holds reports whether the view keeps a key its tab would otherwise take: every key
// while an overlay or a line has them (Capturing), and esc while a find filters (esc
// clears it before it leaves the results).
func (m *Model) Holds(msg tea.KeyMsg) bool {
	return m.Capturing() || msg.Type == tea.KeyEsc && m.find.text != ""
}

// openFind gives the keys to the find line, with the current text.
func (m *Model) openFind() {
	m.find.typing = true
	m.find.input.SetValue(m.find.text)
	m.find.input.CursorEnd()
	m.find.input.Focus()
	m.layout()
}

// findKey takes a key while the find line has them: enter keeps the filter and gives
// the keys back to the table, esc clears it, anything else edits the text (the rows
// follow as it is typed).
func (m *Model) findKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.TextInput
	switch {
	case key.Matches(msg, k.Apply):
		m.find.typing = false
		m.find.input.Blur()
		m.layout()
		return nil
	case key.Matches(msg, k.Cancel):
		m.clearFind()
		return nil
	}
	before := m.find.input.Value()
	var cmd tea.Cmd
	m.find.input, cmd = m.find.input.Update(msg)
	if v := m.find.input.Value(); v != before {
		m.find.text = v
		m.grid.SetFind(v)
		m.resort()
		m.grid.MoveTo(0)
	}
	return cmd
}

// clearFind shows every loaded row again, the cursor kept on its row.
func (m *Model) clearFind() {
	m.find.typing, m.find.text = false, ""
	m.find.input.SetValue("")
	m.find.input.Blur()
	m.grid.SetFind("")
	m.resort()
	m.layout()
}

// found keeps the rows of view (nil: rows 0..n-1) holding the find text in a shown
// column, in view order.
func (m *Model) found(view []int, n int) []int {
	q := strings.ToLower(m.find.text)
	cols := m.grid.Columns()
	if view != nil {
		n = len(view)
	}
	out := make([]int, 0, min(n, 1024))
	for i := range n {
		r := i
		if view != nil {
			r = view[i]
		}
		for _, c := range cols {
			if strings.Contains(strings.ToLower(c.Text(r)), q) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// findLine is the line under the table while a find is on: the text (or the input),
// how many loaded rows hold it, and what else can be done.
func (m *Model) findLine() string {
	st := m.c.Styles
	n := int64(m.grid.Len())
	count := common.Commas(n) + " of " + common.Commas(int64(m.Loaded())) + " loaded rows"
	if int64(m.Loaded()) < m.total {
		count += " (" + common.Commas(m.total) + " in all: G loads them)"
	}
	if m.find.typing {
		return " " + st.Nav.FindLine.Render("find:") + " " + m.find.input.View() + "  " + st.Dim.Render(count+" · enter keeps · esc clears")
	}
	return " " + st.Nav.FindLine.Render("find “"+common.Sanitize(m.find.text)+"”") + "  " + st.Dim.Render(count+" · "+m.c.Keys.Results.Find.Help().Key+" edits · esc clears")
}

// noRowText says why no row is under the cursor: "No row: " and noRowReason.
func (m *Model) noRowText() string { return "No row: " + m.noRowReason() }

// noRowReason is a find that matches none of the loaded rows, or nothing shown.
func (m *Model) noRowReason() string {
	if m.find.text != "" {
		return "the find “" + common.Sanitize(m.find.text) + "” matches none of the " + itoa(m.Loaded()) + " loaded " + m.profile.Noun
	}
	return "no " + m.profile.Noun + " shown"
}

// noRow is the warning of a key that acts on the cursor's row when none shows.
func (m *Model) noRow() tea.Cmd { return common.Toast(common.LevelWarn, m.noRowText()) }

// morePages reports whether pages remain to fetch (G then asks to load them all).
func (m *Model) morePages() bool {
	return m.state == stateReady && m.loadedPage < m.pages && m.pageErr == nil
}

// LoadAllQuestion is the question G asks while pages remain ("" when none is asked).
func (m *Model) LoadAllQuestion() string {
	if !m.askAll {
		return ""
	}
	rest := m.pages - m.loadedPage
	pages := "pages"
	if rest == 1 {
		pages = "page"
	}
	return "Load all " + common.Commas(m.total) + " " + m.profile.Noun + " (" + itoa(rest) + " more " + pages + ")? y/n — n goes to the last loaded row"
}

// answerLoadAll takes the answer to "load all N?": y fetches every remaining page and
// goes to the last row once they are in; anything else goes to the last loaded row.
func (m *Model) answerLoadAll(msg tea.KeyMsg) tea.Cmd {
	m.askAll = false
	m.layout()
	if s := msg.String(); s == "y" || s == "Y" {
		m.loadAll = true
		return m.maybeFetch()
	}
	m.grid.MoveTo(m.grid.Len() - 1)
	return m.maybeFetch() // near the end now: the next page comes as before
}
