package searchform

import (
	"strconv"
	"strings"

	"mastui/ui/common"
	"mastui/ui/components/form"
)

func lower(s string) string { return strings.ToLower(s) }

func itoa(n int) string { return strconv.Itoa(n) }

// isDateColumn: the time columns take ISO dates (the client converts them to MJD).
func isDateColumn(col string) bool {
	switch lower(col) {
	case "t_min", "t_max", "t_obs_release":
		return true
	}
	return false
}

// columnType is "string", "float", "int" or "bool": from the metadata, else a guess
// for the fixed fields.
func (m *Model) columnType(col string) string {
	if fm, ok := m.meta[lower(col)]; ok && fm.Type != "" {
		return fm.Type
	}
	switch lower(col) {
	case "calib_level":
		return "int"
	case "t_min", "t_exptime", "s_ra", "s_dec":
		return "float"
	}
	return "string"
}

// helpLines describe the focused field: what it is (label, column, unit and
// description from the metadata), then how to fill it in.
func (m *Model) helpLines() (string, string) {
	f := m.fields[m.form.Focused()]
	switch {
	case m.form.Focused() == FieldTarget:
		return `Object name (M101, NGC 6121) or "RA Dec" (210.8 54.35, 14h03m12.6s +54d20m56s)`,
			"Leave it empty to search by criteria alone"
	case m.form.Focused() == FieldRadius:
		return "Cone radius: 0.2 deg, 3 arcmin or 10 arcsec (a bare number is degrees)",
			"Used with a target only"
	case f.kind == kindResolver:
		return "Name resolver: any (first answer), SIMBAD or NED", "space or ←/→ changes it"
	case f.kind == kindAdd:
		return "Add a criterion on any other CAOM column: type its name",
			"tab completes, ↑/↓ pick · tab again or enter adds it · ctrl+d removes an added row"
	}
	return m.describe(f.col), m.syntax(f)
}

// describe is "Label (column, unit): Description. Examples".
func (m *Model) describe(col string) string {
	fm, ok := m.meta[lower(col)]
	if !ok {
		if m.metaErr != "" {
			return common.CutWithHint(col+" · column descriptions unavailable: "+m.metaErr, m.innerWidth()-3, m.c.Keys.Global.Messages.Help().Key+" shows it all")
		}
		return col
	}
	s := fm.Label + " (" + fm.Name
	if fm.Unit != "" && !isDateColumn(col) {
		s += ", " + fm.Unit
	}
	s += ")"
	if fm.Description != "" {
		s += ": " + strings.TrimSuffix(fm.Description, ".")
	}
	if fm.Examples != "" {
		s += ". " + fm.Examples
	}
	return s
}

// syntax says what the focused criterion accepts, with the known values matching what
// is being typed (tab completes them).
func (m *Model) syntax(f *field) string {
	var s string
	switch {
	case isDateColumn(f.col):
		s = "years, UTC dates or MJD: 2023 · 2021..2023 · 2022-07..2023 · >2023-01-01 · <=59000"
	case f.kind == kindCollection:
		s = "space chooses · type to filter · ↑/↓ move · none chosen means any"
		if _, here := m.here["obs_collection"]; here && m.hereFresh {
			s += " · counts for this search" // else the archive's (Mast.Caom.All)
		}
	case m.columnType(f.col) == "float":
		s = "a..b range · >x or <=x · a,b either"
	case m.columnType(f.col) == "int":
		s = "2..3 range · >1 · 1,3 either"
	case len(m.facets[lower(f.col)]) > 0:
		s = "a,b either · !a not · a* wildcard"
	default:
		s = "a,b either · a* wildcard"
	}
	if f.added {
		s += " · ctrl+d removes this row"
	}
	if f.kind != kindText {
		return s
	}
	_, item := completing(f)
	cs := m.candidates(f, item)
	if len(cs) == 0 {
		return s
	}
	var vals []string
	for _, c := range cs[:min(6, len(cs))] {
		vals = append(vals, c.Value+" "+c.Note)
	}
	more := ""
	if len(cs) > 6 {
		more = " …"
	}
	return "tab completes: " + strings.Join(vals, " · ") + more + "  │  " + s
}

// countLine is the live count, or why there is none.
func (m *Model) countLine() string {
	st := m.c.Styles
	_, target, _, te, re := m.place()
	crits, _ := m.criteria()
	matches := func() string {
		word := " observations match"
		if m.live.Total == 1 {
			word = " observation matches"
		}
		return st.FormMatches.Render("≈ " + common.Commas(m.live.Total) + word)
	}
	switch {
	case m.live.Asking && m.live.Known:
		return m.spin.View() + " " + matches()
	case m.live.Asking:
		return m.spin.View() + " " + st.FormHint.Render("counting…")
	case te != "" || re != "":
		return st.FormHint.Render("the count waits for a valid target and radius")
	case target == "" && len(crits) == 0:
		return st.FormHint.Render("type a target or a criterion to see how many observations match")
	}
	for _, f := range m.fields {
		if f.ErrFrom(form.Remote) != "" || f.ErrFrom(form.Unresolved) != "" {
			return st.FormHint.Render("fix the marked field to see how many observations match")
		}
	}
	switch {
	case m.live.Problem != "":
		return st.FormHint.Render(common.CutWithHint("count unavailable: "+m.live.Problem, m.innerWidth()-1, m.c.Keys.Global.Messages.Help().Key+" shows it all"))
	case m.live.Known:
		return matches()
	}
	return ""
}
