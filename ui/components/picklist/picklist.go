// Package picklist is a titled list to pick one item from, with a filter typed as you
// go: the search history (ctrl+g) and the saved searches (ctrl+o) of a form. ↑/↓ move,
// enter picks, esc closes, other keys type into the filter (matched against the item's
// title and detail, case-blind).
package picklist

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/themes"
	"mastui/ui/common"
	"mastui/ui/components/textfield"
)

// Item is one line of the list: a title (a saved search's name, or the search) and a
// detail drawn dimmer after it (the search, when it ran).
type Item struct {
	Title  string
	Detail string
}

// Result is what a key did.
type Result int

const (
	// Open: the list is still open.
	Open Result = iota
	// Picked: enter picked an item (Picked's index is into the items given to New).
	Picked
	// Closed: esc closed the list.
	Closed
)

// Model is an open pick list.
type Model struct {
	st     *themes.Styles
	title  string
	empty  string // what an empty list says
	items  []Item
	filter textinput.Model
	vis    []int // the items matching the filter, in order
	cur    int   // index into vis
	width  int
	height int
}

// New is a list of items (in the order shown) under title; empty is what it says when
// there is no item at all ("no search yet").
func New(st *themes.Styles, title, empty string, items []Item) *Model {
	m := &Model{st: st, title: title, empty: empty, items: items, filter: textfield.New(st, "type to filter", 64)}
	m.filter.Focus()
	m.refilter()
	return m
}

// SetSize sets the area the list draws in.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h) }

// Current is the index (into the items) under the cursor, -1 when none matches.
func (m *Model) Current() int {
	if m.cur < 0 || m.cur >= len(m.vis) {
		return -1
	}
	return m.vis[m.cur]
}

// Update handles a key: ↑/↓ (the form's Up/Down) move, enter (Submit) picks, esc
// closes, the rest edits the filter.
func (m *Model) Update(msg tea.KeyMsg, k keymap.FormNav) (Result, tea.Cmd) {
	switch {
	case msg.Type == tea.KeyEsc:
		return Closed, nil
	case key.Matches(msg, k.Submit):
		if m.Current() < 0 {
			return Open, nil
		}
		return Picked, nil
	case key.Matches(msg, k.Up, k.Prev):
		if m.cur > 0 {
			m.cur--
		}
		return Open, nil
	case key.Matches(msg, k.Down, k.Next):
		if m.cur < len(m.vis)-1 {
			m.cur++
		}
		return Open, nil
	}
	before := m.filter.Value()
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	if m.filter.Value() != before {
		m.refilter()
	}
	return Open, cmd
}

func (m *Model) refilter() {
	q := strings.ToLower(strings.TrimSpace(m.filter.Value()))
	m.vis = m.vis[:0]
	for i, it := range m.items {
		if q == "" || strings.Contains(strings.ToLower(it.Title+" "+it.Detail), q) {
			m.vis = append(m.vis, i)
		}
	}
	m.cur = 0
}

// View draws the title line, the filter and the items that fit (the one under the
// cursor marked with the cursor glyph, readable without colour).
func (m *Model) View() string {
	st := m.st
	w := max(20, m.width)
	lines := []string{" " + st.FormTitle.Render(m.title) + "  " + st.FormHint.Render("enter runs · esc closes"),
		" " + st.FormLabel.Render("filter ") + textfield.Boxed(m.filter, min(40, w-10)), ""}
	switch {
	case len(m.items) == 0:
		lines = append(lines, "   "+st.FormHint.Render(m.empty))
	case len(m.vis) == 0:
		lines = append(lines, "   "+st.FormHint.Render("nothing matches the filter"))
	}
	room := max(1, m.height-len(lines))
	first := 0
	if m.cur >= room {
		first = m.cur - room + 1
	}
	for j := first; j < len(m.vis) && j < first+room; j++ {
		it := m.items[m.vis[j]]
		title := common.Sanitize(it.Title)
		detail := common.Sanitize(it.Detail)
		line := "   " + st.FormLabel.Render(title)
		if j == m.cur {
			line = " " + st.FormLabelFocused.Render(st.Glyphs.Cursor+" "+title)
		}
		if detail != "" {
			line += "  " + st.FormHint.Render(detail)
		}
		lines = append(lines, common.Truncate(line, w))
	}
	return strings.Join(lines, "\n")
}
