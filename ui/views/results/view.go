package results

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/timeline"
)

// layout sizes the table, the details pane and the chooser: one title line, then the
// table, with the details pane below it when tall enough (else over it).
func (m *Model) layout() {
	w, body := m.width, max(0, m.height-1)
	body -= m.timelineHeight()
	if m.bottomLine() != "" {
		body = max(0, body-1)
	}
	if m.showSky {
		if m.skyBeside() {
			sw := w * 2 / 5
			m.sky.SetSize(sw-1, body) // a column of space between the table and the sky
			w -= sw
		} else {
			m.sky.SetSize(w, body)
		}
	}
	switch {
	case m.showDetails && m.split():
		dh := max(7, body*2/5)
		m.grid.SetSize(w, body-dh)
		m.details.SetSize(w, dh)
	case m.showDetails:
		m.grid.SetSize(w, body)
		m.details.SetSize(w, body)
		if !m.detailsFocus {
			m.focusDetails(true) // it covers the table: keys scroll it
		}
	default:
		m.grid.SetSize(w, body)
	}
	if m.chooser != nil {
		m.chooser.SetSize(m.width, m.height)
	}
	m.export.SetSize(w, m.height)
}

// View draws the title, then the table window (only the visible rows and columns),
// the details pane, or the column chooser.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	switch m.state {
	case stateIdle:
		return m.message("No search yet: press / to search.")
	case stateLoading:
		return m.message("Searching " + m.searchText() + "…")
	case stateFailed:
		return m.failedView()
	}
	if m.Loaded() == 0 {
		lines := []string{"No " + m.profile.Noun + " match " + m.searchText() + "."}
		if m.resolved != nil {
			lines = append(lines, common.FormatResolved(m.resolved))
		}
		return m.message(append(lines, "/ edits the search")...)
	}
	if m.chooser != nil {
		return m.chooser.View()
	}
	if m.export.IsOpen() {
		return m.export.View()
	}
	var b strings.Builder
	b.WriteString(m.title())
	if m.height < 2 {
		return b.String()
	}
	b.WriteByte('\n')
	body := max(0, m.height-1-m.timelineHeight())
	line := m.bottomLine() // G's question or the find line, under the table
	if line != "" {
		body = max(0, body-1)
	}
	var main string
	switch shown, beside := m.SkyShown(); {
	case shown && !beside: // the sky in the table's place (80×24); the keys still move the cursor
		m.syncSky()
		main = m.sky.View()
	case shown:
		m.syncSky()
		main = besideSky(m.tableView(body), m.width-m.width*2/5, m.sky.View())
	default:
		main = m.tableView(body)
	}
	b.WriteString(main)
	if line != "" || m.timelineHeight() > 0 {
		for n := strings.Count(main, "\n") + 1; n < body; n++ {
			b.WriteByte('\n')
		}
	}
	if line != "" {
		b.WriteByte('\n')
		b.WriteString(ansi.Truncate(line, m.width, "…"))
	}
	if th := m.timelineHeight(); th > 0 {
		st := m.c.Styles.Sky
		b.WriteByte('\n')
		b.WriteString(timeline.Render(m.timelineRows(), m.width, 4, timeline.Styles{Label: st.Legend, Series: st.Series, Mark: st.Selected, Axis: st.Axis}))
	}
	return b.String()
}

// tableView is the table window, with the details pane under it or in its place, in
// body lines.
func (m *Model) tableView(body int) string {
	var b strings.Builder
	if m.showDetails {
		r := m.grid.CursorRow()
		switch {
		case r < 0: // a find matching nothing: no row to describe
			m.details.SetContent("", nil)
			m.details.SetPreview([]string{m.c.Styles.Browse.DetailsDesc.Render(m.noRowText())})
		default:
			title := ""
			if c := m.table.Col(m.profile.LabelColumn); c != nil {
				title = common.Sanitize(c.String(r))
			}
			m.details.SetContent(title, m.detailFields(r))
			if m.preview {
				m.details.SetPreview(m.previewLines(r))
			} else {
				m.details.SetPreview(nil)
			}
		}
		if !m.split() {
			return m.details.View()
		}
		g := m.grid.View()
		b.WriteString(g)
		for n := strings.Count(g, "\n") + 1; n < m.grid.RowsHeight()+1; n++ {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
		b.WriteString(m.details.View())
		return b.String()
	}
	g := m.grid.View()
	b.WriteString(g)
	for n := strings.Count(g, "\n") + 1; n < body; n++ {
		b.WriteByte('\n')
	}
	return b.String()
}

// bottomLine is the line under the table: G's question, or the find line ("" for none).
func (m *Model) bottomLine() string {
	switch {
	case m.askAll:
		return " " + m.c.Styles.ToastWarn.Render(m.LoadAllQuestion())
	case m.Finding():
		return m.findLine()
	}
	return ""
}

// title is "1,804 observations (500 loaded) · M101 → … (SIMBAD)" with the sort and the
// column cursor on the right; the least important parts go first when space is short.
func (m *Model) title() string {
	st := m.c.Styles
	counts := common.Commas(m.total) + " " + m.profile.Noun
	if n := int64(m.Loaded()); n < m.total {
		counts += " (" + common.Commas(n) + " loaded)"
	}
	if n := m.Selected(); n > 0 {
		counts += " · " + itoa(n) + " selected"
	}
	left := " " + st.ResultsTitle.Render(counts)
	if len(m.notices) > 0 { // the full warning goes first when space is short: the mark stays
		left += " " + st.ResultsWarn.Render(st.Glyphs.Warn)
	}
	info := ""
	if sum := m.search.Summary; sum != "" {
		if r := m.resolved; r != nil {
			sum += " → " + common.FormatPosition(r.Position)
		}
		info = "   " + st.ResultsInfo.Render(common.Sanitize(sum))
	} else if m.search.Mission != nil {
		info = "   " + st.ResultsInfo.Render(m.profile.Mission+" · "+m.search.Target)
	} else if d := m.observationInfo(); d != "" {
		info = "   " + st.ResultsInfo.Render(d)
	}
	sorts, cols := m.sortLabels(), m.columnLabels()
	fits := func(l string, r ...string) (string, bool) {
		var parts []string
		for _, p := range r {
			if p != "" {
				parts = append(parts, p)
			}
		}
		rs := strings.Join(parts, st.Dim.Render(st.Glyphs.Separator))
		if len(parts) > 0 {
			rs += " "
		}
		lw, rw := ansi.StringWidth(l), ansi.StringWidth(rs)
		if lw+2+rw > m.width {
			return "", false
		}
		return l + strings.Repeat(" ", m.width-lw-rw) + rs, true
	}
	// What gives way when space is short: the search's description, then the sort's
	// wording, then the column's; the sort goes before the column indicator does.
	infos := []string{info}
	if len(m.notices) > 0 {
		warn := common.Sanitize(strings.Join(m.notices, " · "))
		infos = []string{info + "  " + st.ResultsWarn.Render(warn), info + "  " + st.ResultsWarn.Render(common.Truncate(warn, 40)), info}
	}
	for _, inf := range infos {
		if s, ok := fits(left+inf, first(sorts), first(cols)); ok {
			return s
		}
	}
	for _, so := range sorts {
		if s, ok := fits(left, so, first(cols)); ok {
			return s
		}
	}
	for _, so := range []string{last(sorts), ""} {
		for _, c := range cols {
			if s, ok := fits(left, so, c); ok {
				return s
			}
		}
	}
	return ansi.Truncate(left, m.width, "…")
}

// observationInfo describes an observation search for the title: where (the resolved
// name, or the cone) with its radius, then the criteria: "M101 → 210.802429 +54.348750
// (SIMBAD) r 0.2 deg · instrument_name NIRCAM* · t_exptime >100".
func (m *Model) observationInfo() string {
	var parts []string
	q := m.search.Query
	switch {
	case m.resolved != nil:
		parts = append(parts, common.FormatResolved(m.resolved)+m.radiusText())
	case q.Position != nil:
		parts = append(parts, "cone "+common.FormatPosition(*q.Position)+m.radiusText())
	case q.Object != "":
		parts = append(parts, m.search.Target+m.radiusText())
	}
	for _, c := range q.Criteria {
		parts = append(parts, c.Name+" "+c.Value)
	}
	return common.Sanitize(strings.Join(parts, " · "))
}

// radiusText is " r <radius as typed>" ("" when none was given).
func (m *Model) radiusText() string {
	if m.search.Radius == "" {
		return ""
	}
	return " r " + common.RadiusLabel(m.search.Radius, mast.DefaultRadiusDeg)
}

// sortLabels describe the sort, longest first (nil when unsorted): a sort over part of
// the result says so.
func (m *Model) sortLabels() []string {
	if m.sortCol == nil {
		return nil
	}
	st := m.c.Styles
	arrow := st.Browse.SortAsc
	if m.sortDesc {
		arrow = st.Browse.SortDesc
	}
	short := m.sortCol.Header + " " + arrow
	if n := int64(m.Loaded()); n < m.total {
		return []string{
			st.Browse.Progress.Render(short + " · sorted over " + common.Commas(n) + " loaded of " + common.Commas(m.total)),
			st.Browse.Progress.Render(short + " · over " + common.Commas(n) + " loaded"),
			st.Browse.Progress.Render(short),
		}
	}
	return []string{st.Browse.Progress.Render("sorted by " + short), st.Browse.Progress.Render(short)}
}

// columnLabels describe the column cursor, longest first (nil without columns):
// "▸ t_min · col 8 of 14 · 3 hidden", then shorter.
func (m *Model) columnLabels() []string {
	cols := m.grid.Columns()
	if len(cols) == 0 {
		return nil
	}
	st := m.c.Styles
	pos := "col " + itoa(m.grid.ColumnCursor()+1) + " of " + itoa(len(cols))
	named := pos
	if cur := m.grid.Current(); cur != nil {
		named = st.Glyphs.Cursor + " " + cur.Header + " · " + pos
	}
	out := []string{st.Dim.Render(named)}
	if hidden := len(m.all) - len(cols); hidden > 0 {
		out = []string{st.Dim.Render(named + " · " + itoa(hidden) + " hidden"), out[0]}
	}
	return append(out, st.Dim.Render(pos))
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func last(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}

// searchText is the search in words, every criterion named as the title names them:
// "M101 within 0.2 deg · proposal_pi 99999", or a mission query's summary.
func (m *Model) searchText() string {
	var parts []string
	switch {
	case m.search.Target != "" && m.search.Radius != "":
		parts = append(parts, m.search.Target+" within "+m.search.Radius)
	case m.search.Target != "":
		parts = append(parts, m.search.Target)
	}
	for _, c := range m.search.Query.Criteria {
		parts = append(parts, c.Name+" "+c.Value)
	}
	return common.Sanitize(strings.Join(parts, " · "))
}

// maxErrorLines bounds the failure shown in the view; the message log has it all.
const maxErrorLines = 8

// failedView is the failure of the search, whole (wrapped) so its cause shows, and what
// can be done.
func (m *Model) failedView() string {
	st := m.c.Styles
	w := max(20, min(m.width-4, 100))
	more := m.c.Keys.Global.Messages.Help().Key
	lines := strings.Split(ansi.Wrap("Search failed: "+common.Sanitize(m.err.Error()), w, " /"), "\n")
	if len(lines) > maxErrorLines {
		lines = append(lines[:maxErrorLines-1], common.CutWithHint(strings.Join(lines[maxErrorLines-1:], " "), w, more+" shows it all"))
	}
	for i, l := range lines {
		lines[i] = st.ErrorText.Render(l)
	}
	lines = append(lines, "", st.Empty.Render(common.Truncate("r retries · / edits the search · "+more+" messages and the log file", m.width)))
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
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
