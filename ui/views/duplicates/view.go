package duplicates

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/services/dupcheck"
	"mastui/ui/common"
	"mastui/ui/components/details"
	"mastui/ui/components/form"
	"mastui/ui/components/textfield"
)

// labelWidth is the form's label column: margin, focus mark, "Export as", a space.
const labelWidth = 13

// formRows is the form's height: its rows, the message line and the rule.
const formRows = rowCount + 2

// SetSize implements common.Tab.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	textfield.SetBoxWidth(&m.form.Field(rowTargets).Input, m.boxWidth(rowTargets))
	textfield.SetBoxWidth(&m.form.Field(rowScale).Input, m.boxWidth(rowScale))
	m.details.SetSize(m.width, max(0, m.height-2))
	m.products.SetSize(m.width, m.height)
}

func (m *Model) boxWidth(row int) int {
	if row == rowScale {
		return 8
	}
	return max(10, min(48, m.width-labelWidth-4))
}

// listHeight is the number of result lines below the form and the results' title.
func (m *Model) listHeight() int { return max(1, m.height-formRows-1) }

// View implements common.Tab.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var lines []string
	switch m.pane {
	case paneProducts:
		return m.products.View()
	case paneDetails:
		lines = append([]string{m.titleLine()}, strings.Split(m.details.View(), "\n")...)
	default:
		lines = append(m.formLines(), m.titleLine())
		lines = append(lines, m.resultLines()...)
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "")
	}
	return strings.Join(lines, "\n")
}

// formLines are the form's rows, its message line and a rule.
func (m *Model) formLines() []string {
	st, f := m.c.Styles, m.form
	cur := -1
	if m.pane == paneForm {
		cur = f.Focused()
	}
	label := func(row int) string { return form.Label(st, f.Field(row).Title(), cur == row, labelWidth) }
	note := func(row int) string {
		if e := f.Field(row).Err(); e != "" {
			return " " + st.FormError.Render(st.Glyphs.Error+" "+common.Sanitize(e))
		}
		return " " + st.FormHint.Render(f.Field(row).Hint)
	}
	input := func(row int) string { return textfield.Boxed(f.Field(row).Input, m.boxWidth(row)) }
	ex := f.Field(rowExport)
	// A note too long for its row is cut there and shown whole on the message line while
	// its field has the focus (at 80 columns the targets' format does not fit beside it).
	targetsRow := label(rowTargets) + input(rowTargets)
	targetsNote, cutNote := note(rowTargets), ""
	if room := m.width - ansi.StringWidth(targetsRow); ansi.StringWidth(targetsNote) > room {
		if f.Field(rowTargets).Err() == "" {
			cutNote = f.Field(rowTargets).Hint
		}
		targetsNote = ansi.Truncate(targetsNote, room, "…")
	}
	lines := []string{
		targetsRow + targetsNote,
		label(rowScale) + input(rowScale) + note(rowScale),
		label(rowExport) + form.Choices(st, ex.Choices, ex.Choice, "", m.width-labelWidth) + " " + st.FormHint.Render("e in the results writes the report"),
	}
	fieldErr := ""
	for _, fl := range f.Fields() {
		if e := fl.Err(); e != "" && fieldErr == "" {
			fieldErr = fl.Title() + ": " + e // in full: the row's note may not fit
		}
	}
	switch {
	case m.formErr != "":
		lines = append(lines, st.FormError.Render(" "+common.Sanitize(m.formErr)))
	case fieldErr != "" && m.pane == paneForm:
		lines = append(lines, st.FormError.Render(" "+st.Glyphs.Error+" "+common.Sanitize(fieldErr)))
	case m.pane == paneForm && cur == rowTargets && cutNote != "":
		lines = append(lines, st.FormHint.Render(" "+cutNote))
	case m.pane == paneForm:
		hint := " enter checks every target: same mode, grating and filter, within the aperture's radius, exposure within ×4"
		if ansi.StringWidth(hint) > m.width {
			hint = " enter checks every target: mode, grating, filter, radius, exposure ×4"
		}
		lines = append(lines, st.FormHint.Render(hint))
	default:
		lines = append(lines, "")
	}
	return append(lines, st.FormRule.Render(strings.Repeat("─", m.width)))
}

// titleLine says what ran and how far it is, and who decides.
func (m *Model) titleLine() string {
	st := m.c.Styles.Duplicates
	r := m.run
	if r == nil {
		intro := " No check yet. APT's duplication checker is the authority (JWST Duplicate Observations Policy)."
		if ansi.StringWidth(intro) > m.width {
			intro = " No check yet. APT's duplication checker is the authority."
		}
		return st.Near.Render(intro)
	}
	n, props := 0, dupcheck.AllProposals(r.finished())
	for _, res := range r.finished() {
		n += len(res.Matches)
	}
	s := fmt.Sprintf(" %d targets (%s) · %s potential duplicates", len(r.targets), common.Sanitize(r.source), common.Commas(int64(n)))
	if len(props) > 0 {
		s += " · proposals " + strings.Join(props, ", ")
	}
	if r.done < len(r.targets) {
		return st.Target.Render(s) + "  " + st.Progress.Render(fmt.Sprintf("checking… %d of %d targets done", r.done, len(r.targets)))
	}
	return st.Target.Render(s) + "  " + st.Reminder.Render("APT is authoritative")
}

// resultLines are the visible result lines: each target and its matches, the cursor's
// line kept in view.
func (m *Model) resultLines() []string {
	r := m.run
	if r == nil {
		return nil
	}
	items := r.items()
	h := m.listHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(0, min(m.offset, max(0, len(items)-h)))
	var out []string
	for i := m.offset; i < len(items) && len(out) < h; i++ {
		out = append(out, m.itemLine(items[i], i == m.cursor && m.pane == paneResults))
	}
	return out
}

// itemLine draws a target's line or a match's.
func (m *Model) itemLine(it item, cursor bool) string {
	st := m.c.Styles
	ds := st.Duplicates
	res := m.run.results[it.target]
	mark := "  "
	if cursor {
		mark = st.Glyphs.Cursor + " "
	}
	if it.cand < 0 {
		t := m.run.targets[it.target]
		head := fmt.Sprintf("%s%-3s %-7s ", mark, common.Sanitize(t.Number), common.Sanitize(t.Aperture.Name))
		if m.width >= 100 { // the position: in the details on a small terminal
			head += fmt.Sprintf("%9.5f %+9.5f  ", t.Position.RA, t.Position.Dec)
		}
		head += fmt.Sprintf("%-13s %6s s  ", common.Sanitize(t.Grating+"/"+t.Filter), shortNum(t.Exposure))
		if cursor {
			head = ds.Cursor.Render(head)
		} else {
			head = ds.Target.Render(head)
		}
		return head + m.outcome(res, m.width-ansi.StringWidth(head))
	}
	c := res.Matches[it.cand]
	obsW := max(14, min(40, m.width-72))
	fields := []string{
		"    " + mark + common.Fit(common.Sanitize(c.ObsID), obsW, st.Glyphs.Ellipsis),
		fmt.Sprintf("%-5s", common.Sanitize(c.ProposalID)),
	}
	if m.width >= 140 {
		fields = append(fields, common.Fit(common.Sanitize(c.PI), 20, st.Glyphs.Ellipsis))
	}
	fields = append(fields, fmt.Sprintf("%-12s", common.Sanitize(c.Instrument)),
		fmt.Sprintf("sep %5s″", arcsec(c.SeparationArcsec)), fmt.Sprintf("exp ×%-4s", ratio(c.ExposureRatio)))
	line := strings.Join(fields, " ") + " "
	status := common.Sanitize(c.Status)
	if c.AlsoChecked { // FS/IFU checked against MOS: "vs MSA"
		_, mode, _ := strings.Cut(c.Instrument, "/")
		status += " (vs " + common.Sanitize(mode) + ")"
	}
	if cursor {
		return ds.Cursor.Render(line + status)
	}
	switch {
	case c.Status == "planned":
		status = ds.Planned.Render(status)
	case strings.HasPrefix(c.Status, "proprietary"):
		status = ds.Private.Render(status)
	}
	return line + status
}

// outcome is a target's result in short: "3 potential duplicates · 2 near misses
// (grating/filter)" (the reasons when room is left), "checking…" or the failure.
func (m *Model) outcome(res *dupcheck.Result, room int) string {
	ds := m.c.Styles.Duplicates
	switch {
	case res == nil:
		return ds.Progress.Render("checking…")
	case res.Err != nil:
		return ds.Failed.Render(m.c.Styles.Glyphs.Error + " " + common.Sanitize(dupcheck.Summary(*res)))
	}
	var s string
	switch n := len(res.Matches); n {
	case 0:
		s = ds.None.Render("no potential duplicate")
	case 1:
		s = ds.Match.Render("1 potential duplicate")
	default:
		s = ds.Match.Render(fmt.Sprintf("%d potential duplicates", n))
	}
	if len(res.NearMisses) > 0 {
		near := " · " + dupcheck.NearMissCount(*res)
		if reasons := " (" + strings.Join(dupcheck.MissReasons(*res), ", ") + ")"; ansi.StringWidth(s+near+reasons) <= room {
			near += reasons
		}
		s += ds.Near.Render(near)
	}
	return s
}

// showDetails fills the details pane for the row under the cursor: why a match
// matched, or a target's outcome, with the target's near misses and their reasons.
func (m *Model) showDetails() bool {
	_, res, c := m.current()
	if res == nil {
		return false
	}
	t := res.Target
	s := common.Sanitize
	f := func(label, value, unit string) details.Field {
		return details.Field{Label: label, Value: s(value), Unit: unit}
	}
	// The pane shows values up to about half its width: long ones go on more lines.
	wrapW := max(24, (m.width-18)/2)
	var fields []details.Field
	wrapped := func(label, text string) {
		for i, line := range wrap(s(text), wrapW) {
			if i > 0 {
				label = ""
			}
			fields = append(fields, details.Field{Label: label, Value: line})
		}
	}
	title := "Target " + s(dupcheck.Describe(t))
	if c != nil {
		title = s(c.ObsID)
		wrapped("Why it matched", c.Reason)
		wrapped("Target", dupcheck.Describe(t))
		fields = append(fields,
			f("obs_id", c.ObsID, ""), f("obsid", c.Obsid, ""), f("Proposal", c.ProposalID, ""), f("PI", c.PI, ""),
			f("Instrument mode", c.Instrument, ""), f("Grating/filter", c.Filters, ""),
			f("Separation", arcsec(c.SeparationArcsec), "arcsec"), f("Exposure", shortNum(c.Exposure), "s"),
			f("Exposure ratio", "×"+ratio(c.ExposureRatio), ""), f("Status", c.Status, ""),
			f("Target name", c.TargetName, ""))
	} else {
		wrapped("Outcome", dupcheck.Summary(*res))
		fields = append(fields,
			f("Search radius", arcsec(res.RadiusArcsec), "arcsec"),
			f("Instrument modes", strings.Join(append([]string{t.Instrument}, t.Aperture.AlsoCheck...), ", "), ""),
			f("Proposals (APT)", strings.Join(res.ProposalIDs, ", "), ""))
	}
	for _, nm := range res.NearMisses {
		wrapped("Near miss", nm.ObsID+" ("+nm.ProposalID+"): "+nm.Reason)
	}
	wrapped("Reminder", dupcheck.Reminder)
	m.details.SetContent(title, fields)
	return true
}

func arcsec(v float64) string {
	if math.IsNaN(v) {
		return "?"
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

func ratio(v float64) string {
	if math.IsNaN(v) {
		return "?"
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// shortNum writes an exposure: 950, 22.7, 1880.
func shortNum(v float64) string {
	if v >= 100 {
		return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// wrap breaks text into lines of at most w cells, between words.
func wrap(text string, w int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}
