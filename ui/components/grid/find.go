package grid

import "strings"

// SetFind marks text found in the cells of rows that are neither under the cursor nor
// selected (those are styled whole); "" marks nothing. The match is case-insensitive.
func (m *Model) SetFind(q string) { m.find = strings.ToLower(q) }

// Find is the text marked in the cells ("" for none).
func (m *Model) Find() string { return m.find }

// markFound renders every occurrence of the find text in a drawn cell with the find
// style. A cell whose lower-case form changes length (rare scripts) is left as it is
// rather than marked at the wrong place.
func (m *Model) markFound(cell string) string {
	low := strings.ToLower(cell)
	if m.find == "" || len(low) != len(cell) || !strings.Contains(low, m.find) {
		return cell
	}
	st := m.c.Styles.Nav.FindMatch
	var b strings.Builder
	for {
		i := strings.Index(low, m.find)
		if i < 0 {
			b.WriteString(cell)
			return b.String()
		}
		j := i + len(m.find)
		b.WriteString(cell[:i])
		b.WriteString(st.Render(cell[i:j]))
		cell, low = cell[j:], low[j:]
	}
}
