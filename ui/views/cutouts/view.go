package cutouts

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/components/sparkline"
	"mastui/ui/components/textfield"
)

// labelWidth is the form's label column: margin, focus mark, "Moving target", a space.
const labelWidth = 18

// formRows is the form's height: its rows shown, the error line and the rule.
func (m *Model) formRows() int { return m.form.Len() + 2 }

// SetSize implements common.Tab.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	for _, row := range []int{rowTarget, rowSize, rowRadius, rowMinMax} {
		textfield.SetBoxWidth(&m.fields[row].Input, m.boxWidth(row))
	}
	m.grid.SetSize(m.width, max(0, m.height-m.formRows()-1))
	m.details.SetSize(m.width, max(0, m.height-4))
}

func (m *Model) boxWidth(row int) int {
	if row != rowTarget {
		return min(16, max(8, m.width-labelWidth-4))
	}
	return max(8, min(36, m.width-labelWidth-4))
}

// View implements common.Tab: the form over the list, or the details of a cutout.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var lines []string
	if m.pane == paneDetails && m.lc != nil {
		lines = append(m.curveLines(), strings.Split(m.details.View(), "\n")...)
	} else {
		lines = append(m.formLines(), m.listLines()...)
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "")
	}
	return strings.Join(lines, "\n")
}

// formLines are the form's rows, its problem line and a rule.
func (m *Model) formLines() []string {
	st, f, w := m.c.Styles, m.form, m.width
	cur := -1
	if m.pane == paneForm {
		cur = f.Focused()
	}
	label := func(row int) string { return form.Label(st, f.Field(row).Title(), cur == row, labelWidth) }
	note := func(row int, hint string) string {
		if e := f.Field(row).Err(); e != "" {
			return " " + st.FormError.Render(st.Glyphs.Error+" "+common.Sanitize(e))
		}
		return " " + st.FormHint.Render(hint)
	}
	input := func(row int) string { return textfield.Boxed(f.Field(row).Input, m.boxWidth(row)) }
	movingHint := "TESScut only: a JPL Horizons name (Ceres …)"
	sizeHint := f.Field(rowSize).Hint
	if s := strings.TrimSpace(f.Field(rowSize).Value()); s != "" && f.Field(rowSize).Err() == "" {
		sp, _ := m.read(false)
		sizeHint = st.Glyphs.Arrow + " " + sp.size.String()
	}
	choices := func(row int, hint string) string {
		fl := f.Field(row)
		return label(row) + form.Choices(st, fl.Choices, fl.Choice, "", w-labelWidth) + note(row, hint)
	}
	lines := []string{
		label(rowService) + form.Choices(st, Services(), f.Field(rowService).Choice, "", w-labelWidth),
		label(rowTarget) + input(rowTarget) + note(rowTarget, m.targetHint()),
		choices(rowMoving, movingHint),
		label(rowSize) + input(rowSize) + note(rowSize, sizeHint),
	}
	for row := rowRadius; row < f.Len(); row++ {
		switch row {
		case rowRadius:
			noun := map[string]string{TESScut: "sectors", Zcut: "surveys"}[m.service()]
			lines = append(lines, label(row)+input(row)+note(row, "also "+noun+" this far off: 0.2 deg, 3 arcmin · empty: 0"))
		case rowMinMax:
			lines = append(lines, label(row)+input(row)+note(row, f.Field(row).Hint))
		case rowFormat:
			lines = append(lines, choices(row, "jpg and png take a stretch, limits and inversion"))
		case rowStretch, rowInvert:
			lines = append(lines, choices(row, ""))
		}
	}
	switch {
	case m.formErr != "":
		lines = append(lines, st.FormError.Render(" "+common.Sanitize(m.formErr)))
	case m.pane == paneForm:
		lines = append(lines, st.FormHint.Render(" enter lists the "+map[string]string{TESScut: "TESS sectors", Zcut: "Zcut surveys", HAPCut: "target and queues its HAPCut cutout"}[m.service()]+" · D then queues the chosen cutouts"))
	default:
		lines = append(lines, "")
	}
	return append(lines, st.FormRule.Render(strings.Repeat("─", w)))
}

// targetHint says what the target field holds: the resolved position of the listing's
// name, or what may be typed.
func (m *Model) targetHint() string {
	if l := m.list; l != nil && l.resolved != nil && strings.EqualFold(l.spec.typed, strings.TrimSpace(m.form.Field(rowTarget).Value())) {
		return m.c.Styles.Glyphs.Arrow + " " + resolvedAt(l.resolved)
	}
	return m.form.Field(rowTarget).Hint
}

// resolvedAt is where a name resolved: "196.484100 -1.234500 (SIMBAD)".
func resolvedAt(r *mast.Resolved) string {
	s := common.FormatPosition(r.Position)
	if r.Resolver != "" {
		s += " (" + common.Sanitize(r.Resolver) + ")"
	}
	return s
}

// listLines are the listing: its title and table, or why there is none.
func (m *Model) listLines() []string {
	st := m.c.Styles
	l := m.list
	if l == nil {
		return []string{" " + st.Empty.Render("No listing yet: fill the target and press enter.")}
	}
	where := common.Sanitize(l.label)
	if l.resolved != nil {
		where += " (" + common.FormatPosition(l.resolved.Position) + ")"
	}
	where += " · " + l.spec.size.String()
	switch {
	case l.loading:
		return []string{" " + st.Empty.Render("Asking "+l.spec.service+" about "+where+"…")}
	case l.noData != "":
		return []string{" " + st.Cutouts.NoData.Render(st.Glyphs.Warn+" "+l.spec.service+": "+common.Sanitize(l.noData)),
			" " + st.Empty.Render("No cutouts at "+where+".")}
	case l.err != nil:
		return []string{" " + st.ErrorText.Render(st.Glyphs.Error+" "+common.Sanitize(l.err.Error())),
			" " + st.Empty.Render("enter asks again · ctrl+l shows the message in full")}
	}
	title := " " + st.Cutouts.Title.Render(l.noun(l.rows())) + st.FormHint.Render(" · "+where)
	if n := m.grid.Selection().Count(); n > 0 {
		title += st.FormHint.Render(" · ") + st.Cutouts.Title.Render(fmt.Sprintf("%s selected", common.Commas(int64(n))))
	}
	return append([]string{title}, strings.Split(m.grid.View(), "\n")...)
}

// curveLines are the light curve of the cutout shown: what it sums, the sparkline, and
// its range and time span.
func (m *Model) curveLines() []string {
	st, c := m.c.Styles, m.lc
	lc := c.LC
	what := fmt.Sprintf("summed FLUX of %dx%d px · %s cadences", lc.Pixels[0], lc.Pixels[1], common.Commas(int64(len(lc.Flux))))
	if lc.Skipped > 0 {
		what += fmt.Sprintf(", %s left out (flagged or no pixel)", common.Commas(int64(lc.Skipped)))
	}
	lines := []string{" " + st.Cutouts.Title.Render("Light curve") + st.FormHint.Render(" · "+what)}
	if len(lc.Flux) == 0 {
		return append(lines, " "+st.Empty.Render("No cadence to draw: every one was flagged or empty."), "")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range lc.Flux {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	t0, t1 := lc.Time[0], lc.Time[len(lc.Time)-1]
	span := fmt.Sprintf("%s … %s e-/s · BTJD %.2f → %.2f (%s → %s)", flux(lo), flux(hi), t0, t1, btjdDate(t0), btjdDate(t1))
	return append(lines,
		" "+st.Cutouts.Sparkline.Render(sparkline.Render(lc.Flux, max(1, m.width-2))),
		" "+st.Cutouts.Axis.Render(span))
}

// flux is a flux for the axis line, in whole e-/s ("12,346").
func flux(v float64) string { return common.Commas(int64(math.Round(v))) }

// btjdDate is the date of a TESS time (BTJD = BJD - 2457000; MJD = BJD - 2400000.5).
func btjdDate(t float64) string { return common.MJDDate(t + 2457000 - 2400000.5) }
