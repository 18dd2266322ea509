package export

import (
	"strconv"
	"strings"

	"mastui/model"
	"mastui/services/mast"
)

// ObservationsPython is an astroquery snippet of one line (statements joined by "; ",
// so it survives a clipboard that flattens line breaks) running the same CAOM search:
// Observations.query_object, query_region or query_criteria. continuous says which
// columns are numeric ranges for astroquery ([min, max]); nil guesses from the values.
// What astroquery cannot say (mastui's negations, several ranges) is named in a
// trailing comment.
func ObservationsPython(q mast.Query, continuous func(name string) bool) string {
	var s pySnippet
	s.imports = append(s.imports, "from astroquery.mast import Observations")
	var call string
	var kw []string
	switch {
	case len(q.Criteria) > 0:
		call = "Observations.query_criteria"
		if q.Object != "" {
			kw = append(kw, "objectname="+pyString(q.Object))
		} else if q.Position != nil {
			kw = append(kw, "coordinates="+s.skyCoord(*q.Position))
		}
		if q.Object != "" || q.Position != nil {
			kw = append(kw, "radius="+pyRadius(q.RadiusDeg))
		}
		for _, cr := range q.Criteria {
			if k := s.criterion(cr, continuous); k != "" {
				kw = append(kw, k)
			}
		}
	case q.Object != "":
		call = "Observations.query_object"
		kw = []string{pyString(q.Object), "radius=" + pyRadius(q.RadiusDeg)}
	case q.Position != nil:
		call = "Observations.query_region"
		kw = []string{s.skyCoord(*q.Position), "radius=" + pyRadius(q.RadiusDeg)}
	default:
		return ""
	}
	if q.Resolver != "" && q.Object != "" {
		kw = append(kw, "resolver="+pyString(q.Resolver)) // astroquery 0.4.8+
	}
	return s.line("obs = " + call + "(" + strings.Join(kw, ", ") + ")")
}

// MissionPython is the astroquery snippet of a Search API query:
// MastMissions(mission=…).query_criteria, values passed as typed (the service reads
// mastui's !x, >x and a..b itself).
func MissionPython(q mast.MissionQuery) string {
	var s pySnippet
	s.imports = append(s.imports, "from astroquery.mast import MastMissions")
	var kw []string
	switch {
	case len(q.Objects) > 0:
		kw = append(kw, "objectname="+pyString(q.Objects[0]))
		if len(q.Objects)+len(q.Coordinates) > 1 {
			s.notes = append(s.notes, "astroquery takes one target: the others are left out")
		}
	case len(q.Coordinates) > 0:
		kw = append(kw, "coordinates="+s.skyCoord(q.Coordinates[0]))
		if len(q.Coordinates) > 1 {
			s.notes = append(s.notes, "astroquery takes one target: the others are left out")
		}
	}
	if len(kw) > 0 {
		r := q.RadiusArcmin
		if r == 0 {
			r = 3
		}
		kw = append(kw, "radius="+pyString(model.FormatFloat(r)+" arcmin"))
	}
	for _, cr := range q.Criteria {
		kw = append(kw, pyKeyword(cr.Name, pyString(cr.Value)))
	}
	if len(q.SelectCols) > 0 {
		kw = append(kw, "select_cols="+pyList(q.SelectCols))
	}
	if len(q.SortBy) > 0 {
		kw = append(kw, "sort_by="+pyList(q.SortBy))
		desc := make([]string, len(q.SortBy))
		for i := range desc {
			desc[i] = "False"
			if i < len(q.SortDesc) && q.SortDesc[i] {
				desc[i] = "True"
			}
		}
		kw = append(kw, "sort_desc=["+strings.Join(desc, ", ")+"]")
	}
	call := "MastMissions(mission=" + pyString(q.Mission) + ").query_criteria"
	return s.line("datasets = " + call + "(" + strings.Join(kw, ", ") + ")")
}

// pySnippet gathers a snippet's imports and notes.
type pySnippet struct {
	imports []string
	notes   []string
	sky     bool
}

func (s *pySnippet) skyCoord(p mast.Position) string {
	if !s.sky {
		s.sky = true
		s.imports = append(s.imports, "from astropy.coordinates import SkyCoord")
	}
	return "SkyCoord(" + model.FormatFloat(p.RA) + ", " + model.FormatFloat(p.Dec) + ", unit=\"deg\")"
}

func (s *pySnippet) line(stmt string) string {
	out := strings.Join(append(s.imports, stmt), "; ")
	if len(s.notes) > 0 {
		out += "  # " + strings.Join(s.notes, "; ")
	}
	return out
}

// criterion is one query_criteria keyword ("" when astroquery cannot say it): a list of strings for a discrete column
// (integer ranges enumerated, as mastui does), [min, max] for a continuous one.
func (s *pySnippet) criterion(cr mast.Criterion, continuous func(string) bool) string {
	items := strings.Split(cr.Value, ",")
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
	}
	var keep []string
	for _, it := range items {
		if strings.HasPrefix(it, "!") {
			s.notes = append(s.notes, "astroquery has no negation: "+model.OneLine(cr.Name+"="+it)+" is left out")
			continue
		}
		keep = append(keep, it)
	}
	if len(keep) == 0 { // an empty list would match nothing
		return ""
	}
	isRange := func(it string) bool { return strings.Contains(it, "..") || strings.ContainsAny(it[:1], "<>") }
	cont := continuous != nil && continuous(cr.Name)
	if continuous == nil || !cont {
		if v, ok := intRanges(keep); ok { // calib_level=2..3 on an integer column
			return pyKeyword(cr.Name, pyList(v))
		}
	}
	if cont || isRange(keep[0]) {
		if lo, hi, err := mast.CriterionRange(cr.Name, keep[0]); err == nil {
			if len(keep) > 1 {
				s.notes = append(s.notes, "astroquery takes one range per column: "+model.OneLine(cr.Name)+" keeps the first")
			}
			return pyKeyword(cr.Name, "["+pyFloat(lo)+", "+pyFloat(hi)+"]")
		}
	}
	if len(keep) == 1 {
		return pyKeyword(cr.Name, pyString(keep[0]))
	}
	return pyKeyword(cr.Name, pyList(keep))
}

// intRanges enumerates integer members (n or a..b, at most 100 values in all), false
// when a member is something else.
func intRanges(items []string) ([]string, bool) {
	var out []string
	for _, it := range items {
		if !strings.Contains(it, "..") {
			if _, err := strconv.ParseInt(it, 10, 64); err != nil {
				return nil, false
			}
			out = append(out, it)
			continue
		}
		lo, hi, err := mast.CriterionIntRange(it)
		if err != nil || hi-lo >= 100 {
			return nil, false
		}
		for v := lo; v <= hi; v++ {
			out = append(out, strconv.FormatInt(v, 10))
		}
	}
	return out, len(out) <= 100
}

// pyString is a Python string literal of s (ASCII only, every control escaped: Go's
// escapes \a \b \f \n \r \t \v \\ \" \xNN \uNNNN \UNNNNNNNN are Python's too; invalid
// UTF-8 is made U+FFFD first, since Python reads \xNN as a character, not a byte).
func pyString(s string) string { return strconv.QuoteToASCII(strings.ToValidUTF8(s, "\ufffd")) }

func pyList(items []string) string {
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = pyString(it)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// pyFloat is a Python float literal (±1e300 stand for open ends).
func pyFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func pyRadius(deg float64) string {
	if deg == 0 {
		deg = mast.DefaultRadiusDeg
	}
	return pyString(model.FormatFloat(deg) + " deg")
}

// pyKeyword is name=value, or **{"name": value} when name is no Python identifier
// (a dotted column) or is a keyword.
func pyKeyword(name, value string) string {
	if isPyIdentifier(name) {
		return name + "=" + value
	}
	return "**{" + pyString(name) + ": " + value + "}"
}

func isPyIdentifier(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	switch s {
	case "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
		"def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
		"is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield":
		return false
	}
	return true
}
