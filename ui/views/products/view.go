package products

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/ui/common"
)

// panelWidth is the filter panel's width (borders included) in a view w wide.
func panelWidth(w int) int { return max(22, min(34, w/3)) }

// layout sizes the panel and the table: one title line, then the panel on the left
// (when shown) and the table beside it.
func (m *Model) layout() {
	w, body := m.width, max(0, m.height-1)
	gw := w
	if m.showPanel {
		pw := panelWidth(w)
		m.panel.SetSize(pw, body)
		gw = max(0, w-pw-1)
	}
	m.grid.SetSize(gw, body)
	m.export.SetSize(w, m.height)
}

// View draws the title line, then the filter panel beside the product table.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.export.IsOpen() {
		return m.export.View()
	}
	var b strings.Builder
	b.WriteString(m.title())
	if m.height < 2 {
		return b.String()
	}
	body := max(0, m.height-1)
	gw := m.width
	var left []string
	if m.showPanel {
		pw := panelWidth(m.width)
		left = strings.Split(m.panel.View(), "\n")
		for i := range left {
			left[i] = common.Fit(left[i], pw, "…")
		}
		gw = max(0, m.width-pw-1)
	}
	right := strings.Split(m.tableView(gw, body), "\n")
	for i := 0; i < body; i++ {
		b.WriteByte('\n')
		if m.showPanel {
			if i < len(left) {
				b.WriteString(left[i])
			} else {
				b.WriteString(strings.Repeat(" ", panelWidth(m.width)))
			}
			b.WriteByte(' ')
		}
		if i < len(right) {
			b.WriteString(right[i])
		}
	}
	return b.String()
}

// tableView is the product table, or what stands in for it.
func (m *Model) tableView(w, h int) string {
	st := m.c.Styles
	switch {
	case m.table == nil && m.inflight >= 0:
		return m.message(w, h, "Fetching the products of "+m.subject()+"…", m.progress())
	case m.table == nil && len(m.failed) > 0:
		return m.message(w, h, st.ErrorText.Render("The product list could not be fetched."), "r retries · esc goes back")
	case m.table == nil || m.Rows() == 0:
		return m.message(w, h, "No products for "+m.subject()+".", "esc goes back")
	}
	g := m.grid.View()
	if len(m.shown) == 0 {
		why := "No product passes the filters."
		if m.filterErr != "" {
			why = st.ErrorText.Render("Filter: " + m.filterErr)
		}
		return g + "\n" + m.message(w, max(0, h-1), why, "X clears the filters")
	}
	return g
}

func (m *Model) subject() string {
	if len(m.labels) == 1 {
		return common.Sanitize(m.labels[0])
	}
	return itoa(len(m.ids)) + " " + m.p.Noun
}

// title is "Products of 2 observations (or datasets) · 412 shown of 3,981 (1,220 duplicates hidden) ·
// selected 12 · 3.4 GB", with the batch progress while fetching.
func (m *Model) title() string {
	st := m.c.Styles
	parts := []string{st.ResultsTitle.Render("Products of " + m.subject())}
	if m.inflight >= 0 {
		parts = append(parts, st.Browse.Progress.Render(m.progress()))
	} else if len(m.failed) > 0 {
		parts = append(parts, st.ErrorText.Render(itoa(len(m.failed))+" of "+itoa(len(m.batches))+" batches failed (r retries)"))
	}
	if m.table != nil {
		n := m.Rows()
		s := itoa(n) + " products"
		if len(m.shown) != n {
			s = itoa(len(m.shown)) + " shown of " + itoa(n)
		}
		switch {
		case m.unique && m.ndup > 0:
			s += " (" + itoa(m.ndup) + " duplicates hidden)"
		case m.ndup > 0:
			s += " (" + itoa(m.ndup) + " duplicates)"
		}
		parts = append(parts, st.Browse.Summary.Render(s))
	}
	if m.cloudOn {
		parts = append(parts, st.ResultsInfo.Render("downloads from the cloud"))
	}
	if m.selN > 0 {
		s := "selected " + itoa(m.selN) + " · " + model.FormatBytes(m.selSize)
		if hidden := m.selectedHidden(); hidden > 0 {
			s += " (+" + itoa(hidden) + " hidden)"
		}
		parts = append(parts, st.ResultsInfo.Render(s))
	}
	line := " " + strings.Join(parts, st.Dim.Render(st.Glyphs.Separator))
	return common.Fit(line, m.width, "…")
}

// message centres one or two lines in a w × h area.
func (m *Model) message(w, h int, lines ...string) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	for i, l := range lines {
		if i > 0 {
			lines[i] = m.c.Styles.Empty.Render(common.Truncate(l, w))
			continue
		}
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return m.c.Renderer.Place(w, h, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
}
