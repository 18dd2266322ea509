package grid

import (
	"strings"
)

// View draws the header line and the visible rows only: height lines at most, each
// at most width cells.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.c.Styles
	vis := m.VisibleColumns()
	var b strings.Builder
	b.Grow(m.height * (m.width + 16))
	m.writeHeader(&b, vis)

	var line strings.Builder
	line.Grow(m.width + 8)
	end := min(m.top+m.RowsHeight(), m.n)
	for i := m.top; i < end; i++ {
		b.WriteByte('\n')
		r := m.Row(i)
		cursor := i == m.cursor
		selected := m.sel.Has(r)
		line.Reset()
		switch {
		case cursor:
			line.WriteString(st.Glyphs.Cursor)
		default:
			line.WriteByte(' ')
		}
		if selected {
			line.WriteString(st.Glyphs.Selected)
		} else {
			line.WriteByte(' ')
		}
		switch {
		case m.locked == nil || !m.locked(r):
			line.WriteByte(' ')
		case cursor || selected: // the row's own style covers the mark
			line.WriteString(st.Glyphs.Locked)
		default:
			b.WriteString(line.String())
			b.WriteString(st.Account.Locked.Render(st.Glyphs.Locked))
			line.Reset()
		}
		if !cursor && !selected && m.find != "" { // found text marked cell by cell
			b.WriteString(line.String())
			var cell strings.Builder
			for j, v := range vis {
				if j > 0 {
					b.WriteByte(' ')
				}
				cell.Reset()
				writeCell(&cell, v.Col.Text(r), v.W, v.Col.Right)
				b.WriteString(m.markFound(cell.String()))
			}
			continue
		}
		if !cursor {
			for j, v := range vis {
				if j > 0 {
					line.WriteByte(' ')
				}
				writeCell(&line, v.Col.Text(r), v.W, v.Col.Right)
			}
			if selected {
				b.WriteString(st.Browse.SelectedRow.Render(line.String()))
			} else {
				b.WriteString(line.String())
			}
			continue
		}
		// The cursor row: the cell under the column cursor stands out.
		var cell string
		for j, v := range vis {
			if j > 0 {
				line.WriteByte(' ')
			}
			if v.Index == m.colCur {
				b.WriteString(st.CursorRow.Render(line.String()))
				line.Reset()
				writeCell(&line, v.Col.Text(r), v.W, v.Col.Right)
				cell = line.String()
				b.WriteString(st.Browse.CursorCell.Render(cell))
				line.Reset()
				continue
			}
			writeCell(&line, v.Col.Text(r), v.W, v.Col.Right)
		}
		if line.Len() > 0 {
			b.WriteString(st.CursorRow.Render(line.String()))
		}
	}
	return b.String()
}

// writeHeader writes the column names; the one under the column cursor stands out and
// the sorted one carries an arrow.
func (m *Model) writeHeader(b *strings.Builder, vis []VisCol) {
	st := m.c.Styles
	var line strings.Builder
	line.Grow(m.width + 8)
	writeSpaces(&line, Gutter)
	for j, v := range vis {
		if j > 0 {
			line.WriteByte(' ')
		}
		h := v.Col.Header
		if v.Col == m.mark {
			arrow := st.Browse.SortAsc
			if m.desc {
				arrow = st.Browse.SortDesc
			}
			if hw := textWidth(h); hw+2 > v.W {
				h = truncate(h, max(0, v.W-2))
			}
			h += " " + arrow
		}
		if v.Index == m.colCur && len(m.cols) > 1 {
			b.WriteString(st.TableHeader.Render(line.String()))
			line.Reset()
			writeCell(&line, h, v.W, v.Col.Right)
			b.WriteString(st.Browse.HeaderCurrent.Render(line.String()))
			line.Reset()
			continue
		}
		writeCell(&line, h, v.W, v.Col.Right)
	}
	if line.Len() > 0 {
		b.WriteString(st.TableHeader.Render(line.String()))
	}
}
