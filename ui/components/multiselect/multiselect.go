// Package multiselect is a list of options with counts, any number of which can be
// chosen, filtered as the user types and drawn as a grid that pages when it does not fit.
// It holds no key bindings: the view that owns it maps its keymap onto these methods.
package multiselect

import (
	"sort"
	"strings"

	"mastui/themes"
)

// Option is one choice with the number of items it stands for (0 hides the number).
type Option struct {
	Key   string
	Count int64
}

// Model is the multi-select state.
type Model struct {
	st       *themes.Styles
	opts     []Option
	selected map[string]bool
	filter   string
	cursor   int // index into Visible()
	width    int // the grid's size (SetSize)
	rows     int
}

// New returns an empty multi-select drawn with st.
func New(st *themes.Styles) *Model {
	return &Model{st: st, selected: map[string]bool{}}
}

// SetOptions replaces the options, keeping the chosen keys (even those no longer listed).
func (m *Model) SetOptions(opts []Option) {
	m.opts = append([]Option(nil), opts...)
	m.clampCursor()
}

// Options returns the options in their order.
func (m *Model) Options() []Option { return m.opts }

// Selected returns the chosen keys in option order; chosen keys that are not options
// (set before the options arrived) follow, sorted.
func (m *Model) Selected() []string {
	out := make([]string, 0, len(m.selected))
	seen := make(map[string]bool, len(m.selected))
	for _, o := range m.opts {
		if m.selected[o.Key] {
			out = append(out, o.Key)
			seen[o.Key] = true
		}
	}
	var rest []string
	for k := range m.selected {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// SetSelected chooses exactly keys.
func (m *Model) SetSelected(keys ...string) {
	m.selected = make(map[string]bool, len(keys))
	for _, k := range keys {
		m.selected[k] = true
	}
}

// IsSelected reports whether key is chosen.
func (m *Model) IsSelected(key string) bool { return m.selected[key] }

// Reset clears the choice, the filter and the cursor.
func (m *Model) Reset() {
	m.selected = map[string]bool{}
	m.filter = ""
	m.cursor = 0
}

// Filter is the text the options are filtered by.
func (m *Model) Filter() string { return m.filter }

// SetFilter filters the options (case-insensitive substring) and puts the cursor on the
// first match.
func (m *Model) SetFilter(s string) {
	m.filter = s
	m.cursor = 0
}

// Visible lists the options matching the filter.
func (m *Model) Visible() []Option {
	if m.filter == "" {
		return m.opts
	}
	f := strings.ToLower(m.filter)
	var out []Option
	for _, o := range m.opts {
		if strings.Contains(strings.ToLower(o.Key), f) {
			out = append(out, o)
		}
	}
	return out
}

// Cursor is the index of the option under the cursor in Visible().
func (m *Model) Cursor() int { return m.cursor }

// Current is the option under the cursor (false when none is visible).
func (m *Model) Current() (Option, bool) {
	v := m.Visible()
	if m.cursor < 0 || m.cursor >= len(v) {
		return Option{}, false
	}
	return v[m.cursor], true
}

// SetSize sets the area Grid draws in: w cells and at most rows lines.
func (m *Model) SetSize(w, rows int) { m.width, m.rows = max(0, w), max(0, rows) }

// Down moves the cursor one line down its column; false on the column's last line.
func (m *Model) Down() bool {
	per, _ := m.geometry()
	if per == 0 || m.cursor%per == per-1 || m.cursor+1 >= len(m.Visible()) {
		return false
	}
	m.cursor++
	return true
}

// Up moves the cursor one line up its column; false on the first line.
func (m *Model) Up() bool {
	per, _ := m.geometry()
	if per == 0 || m.cursor%per == 0 {
		return false
	}
	m.cursor--
	return true
}

// Right moves the cursor to the next column (paging past the last one); false when
// there is none.
func (m *Model) Right() bool {
	per, _ := m.geometry()
	n := len(m.Visible())
	if per == 0 || m.cursor+per >= n {
		if per > 0 && m.cursor/per < (n-1)/per { // a shorter last column
			m.cursor = n - 1
			return true
		}
		return false
	}
	m.cursor += per
	return true
}

// Left moves the cursor to the previous column; false on the first.
func (m *Model) Left() bool {
	per, _ := m.geometry()
	if per == 0 || m.cursor < per {
		return false
	}
	m.cursor -= per
	return true
}

// Toggle chooses or unchooses the option under the cursor; false when there is none.
func (m *Model) Toggle() bool {
	o, ok := m.Current()
	if !ok {
		return false
	}
	if m.selected[o.Key] {
		delete(m.selected, o.Key)
	} else {
		m.selected[o.Key] = true
	}
	return true
}

func (m *Model) clampCursor() {
	m.cursor = max(0, min(m.cursor, len(m.Visible())-1))
}
