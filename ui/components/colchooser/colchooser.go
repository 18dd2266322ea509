// Package colchooser is the column chooser overlay: every column of a table with a
// checkbox, shown or hidden with space and reordered with K/J; enter applies.
package colchooser

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
)

// Item is one column: its name, a human label, and whether it shows.
type Item struct {
	Name  string
	Label string
	On    bool
}

// Action is what a key asks the parent to do.
type Action int

const (
	None   Action = iota // keep the chooser open
	Apply                // apply Chosen() and close
	Cancel               // close without changes
)

// Model is the overlay.
type Model struct {
	c        *common.Common
	title    string
	items    []Item
	defaults []Item
	cursor   int
	top      int
	width    int
	height   int
}

// New opens a chooser over items (the current choice, in display order, then the hidden
// columns); defaults is what R restores.
func New(c *common.Common, title string, items, defaults []Item) *Model {
	return &Model{c: c, title: title, items: slices.Clone(items), defaults: slices.Clone(defaults)}
}

// SetSize sets the area the box is centred in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clamp()
}

// Items are the columns in their current order.
func (m *Model) Items() []Item { return slices.Clone(m.items) }

// Cursor is the index of the item under the cursor.
func (m *Model) Cursor() int { return m.cursor }

// Chosen names the columns to show, in order.
func (m *Model) Chosen() []string {
	var out []string
	for _, it := range m.items {
		if it.On {
			out = append(out, it.Name)
		}
	}
	return out
}

// Update applies one key and says what the parent should do.
func (m *Model) Update(msg tea.KeyMsg, k keymap.Chooser) Action {
	switch {
	case key.Matches(msg, k.Apply):
		if len(m.Chosen()) == 0 {
			return None // nothing would show: refuse
		}
		return Apply
	case key.Matches(msg, k.Cancel):
		return Cancel
	case key.Matches(msg, k.Down):
		m.cursor++
	case key.Matches(msg, k.Up):
		m.cursor--
	case key.Matches(msg, k.Toggle):
		if m.cursor < len(m.items) {
			m.items[m.cursor].On = !m.items[m.cursor].On
		}
	case key.Matches(msg, k.MoveUp):
		if m.cursor > 0 && m.cursor < len(m.items) {
			m.items[m.cursor-1], m.items[m.cursor] = m.items[m.cursor], m.items[m.cursor-1]
			m.cursor--
		}
	case key.Matches(msg, k.MoveDown):
		if m.cursor+1 < len(m.items) {
			m.items[m.cursor+1], m.items[m.cursor] = m.items[m.cursor], m.items[m.cursor+1]
			m.cursor++
		}
	case key.Matches(msg, k.All):
		for i := range m.items {
			m.items[i].On = true
		}
	case key.Matches(msg, k.Reset):
		m.items = slices.Clone(m.defaults)
		m.cursor = 0
	}
	m.clamp()
	return None
}

// listHeight is the number of item lines that fit in the box.
func (m *Model) listHeight() int {
	frame := m.c.Styles.Browse.OverlayBox.GetVerticalFrameSize()
	return max(1, m.height-frame-3) // title, blank, hints
}

func (m *Model) clamp() {
	m.cursor = max(0, min(m.cursor, len(m.items)-1))
	h := m.listHeight()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = max(0, min(m.top, len(m.items)-h))
}
