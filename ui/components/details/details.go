// Package details is a scrollable list of labelled fields (every column of one row,
// with unit and description): the details pane under the results table, or an
// overlay over it when the terminal is short.
package details

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"mastui/keymap"
	"mastui/model"
	"mastui/ui/common"
)

// Field is one labelled value. All strings must already be sanitized.
type Field struct {
	Label string // "Mission"
	Name  string // "obs_collection"
	Value string
	Unit  string // "deg", "s"; "" when none
	Desc  string
	// Wrap shows a long value over several lines (an error to read whole) instead of
	// cutting it with ….
	Wrap bool
}

// Model is the pane.
type Model struct {
	c       *common.Common
	title   string
	pre     []string // lines shown before the fields (a preview), drawn as given
	fields  []Field
	off     int
	width   int
	height  int
	focused bool
}

// New builds an empty pane.
func New(c *common.Common) *Model { return &Model{c: c} }

// SetSize sets the area: a rule line and height-1 field lines.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clamp()
}

// SetContent shows fields under a title (e.g. the obs_id of the row). The scroll
// position is kept (the same fields of the next row read at the same place).
func (m *Model) SetContent(title string, fields []Field) {
	m.title, m.fields = title, fields
	m.clamp()
}

// SetFocused marks whether keys scroll the pane.
func (m *Model) SetFocused(f bool) { m.focused = f }

// Height is the pane's height (the rule line included).
func (m *Model) Height() int { return m.height }

// Offset is the first field shown.
func (m *Model) Offset() int { return m.off }

func (m *Model) lines() int { return max(0, m.height-1) }

// items is the number of scroll positions: the preview lines, then the fields.
func (m *Model) items() int { return len(m.pre) + len(m.rows()) }

// rows are the fields as drawn, one a line: a wrapped field's value goes on over
// lines without a label.
func (m *Model) rows() []Field {
	_, valueW := m.columnWidths()
	var out []Field
	for _, f := range m.fields {
		if !f.Wrap || ansi.StringWidth(f.Value) <= valueW || valueW <= 0 {
			out = append(out, f)
			continue
		}
		for i, part := range strings.Split(ansi.Wrap(f.Value, valueW, " /"), "\n") {
			if i == 0 {
				g := f
				g.Value = part
				out = append(out, g)
				continue
			}
			out = append(out, Field{Value: strings.TrimLeft(part, " ")})
		}
	}
	return out
}

func (m *Model) clamp() { m.off = max(0, min(m.off, m.items()-m.lines())) }

// SetPreview shows lines (already sanitized and styled, e.g. an image and a FITS
// header) above the fields; nil removes them.
func (m *Model) SetPreview(lines []string) {
	m.pre = lines
	m.clamp()
}

// Update scrolls for the scrolling keys; false when msg is not one.
func (m *Model) Update(msg tea.KeyMsg, k keymap.Scroll) bool {
	page := max(1, m.lines()-1)
	switch {
	case key.Matches(msg, k.Down):
		m.off++
	case key.Matches(msg, k.Up):
		m.off--
	case key.Matches(msg, k.PageDown):
		m.off += page
	case key.Matches(msg, k.PageUp):
		m.off -= page
	case key.Matches(msg, k.Home):
		m.off = 0
	case key.Matches(msg, k.End):
		m.off = m.items()
	default:
		return false
	}
	m.clamp()
	return true
}

// View draws the rule with the title and position, then the visible fields as three
// columns: label, value with unit, description.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.c.Styles.Browse
	var b strings.Builder
	b.WriteString(m.rule())
	end := min(m.off+m.lines(), m.items())
	labelW, valueW := m.columnWidths()
	rows := m.rows()
	for i := m.off; i < end; i++ {
		b.WriteByte('\n')
		if i < len(m.pre) {
			b.WriteString("  " + ansi.Truncate(m.pre[i], max(0, m.width-2), ""))
			continue
		}
		f := rows[i-len(m.pre)]
		val := f.Value
		if f.Unit != "" && val != "" && val != model.MaskedMark {
			val += " " + f.Unit
		}
		line := "  " + st.DetailsLabel.Render(pad(f.Label, labelW)) + "  " + st.DetailsValue.Render(pad(val, valueW))
		if rest := m.width - 2 - labelW - 2 - valueW - 2; rest >= 8 {
			desc := f.Desc
			if f.Name != "" && f.Name != f.Label {
				if desc != "" {
					desc = f.Name + " · " + desc
				} else {
					desc = f.Name
				}
			}
			line += "  " + st.DetailsDesc.Render(common.Truncate(desc, rest))
		}
		b.WriteString(line)
	}
	return b.String()
}

// rule is "─ details · <title> ───── 1–9 of 33 ─" (or "▸ details" while focused).
func (m *Model) rule() string {
	st := m.c.Styles
	head := "─ details"
	if m.focused {
		head = st.Glyphs.Cursor + " details"
	}
	if m.title != "" {
		head += " · " + m.title
	}
	head += " "
	pos := ""
	if n := m.items(); n > 0 {
		pos = " " + itoa(m.off+1) + "–" + itoa(min(m.off+m.lines(), n)) + " of " + itoa(n) + " ─"
	}
	hw, pw := ansi.StringWidth(head), ansi.StringWidth(pos)
	if hw+pw+1 > m.width {
		pos, pw = "", 0
	}
	if hw > m.width {
		return st.Browse.DetailsRule.Render(common.Truncate(head, m.width))
	}
	return st.Browse.DetailsRule.Render(head + strings.Repeat("─", m.width-hw-pw) + pos)
}

// columnWidths sizes the label and value columns from every field (not only the
// visible ones, so columns do not jump while scrolling), within the width.
func (m *Model) columnWidths() (labelW, valueW int) {
	described := false // without descriptions, values may take the whole width
	for _, f := range m.fields {
		described = described || f.Desc != "" || f.Name != "" && f.Name != f.Label
		labelW = max(labelW, ansi.StringWidth(f.Label))
		w := ansi.StringWidth(f.Value)
		if f.Unit != "" {
			w += 1 + ansi.StringWidth(f.Unit)
		}
		valueW = max(valueW, w)
	}
	labelW = min(labelW, 24, max(4, (m.width-4)/3))
	valueW = min(valueW, max(8, m.width-2-labelW-2))
	if described {
		valueW = min(valueW, max(24, (m.width-labelW)/2))
	}
	return labelW, valueW
}

// pad cuts or pads s to exactly w cells.
func pad(s string, w int) string {
	s = common.Truncate(s, w)
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func itoa(n int) string { return common.Commas(int64(n)) }
