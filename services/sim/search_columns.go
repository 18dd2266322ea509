package sim

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"mastui/services/registry"
)

// searchCol is one column of a Search API mission (column_list entry).
type searchCol struct {
	Field, Desc, Name, Qual, Datatype string
	Default                           bool
}

// searchMission describes one mission the Search API (/search/<mission>/api/v0.1/) serves.
type searchMission struct {
	name, datasetKey, targetKey string
	cols                        []searchCol
}

var hstSearchCols = []searchCol{
	{"Dataset", "Data set name, the first character indicates instrument", "sci_data_set_name", "string", "char", true},
	{"Target Name", "Observer assigned target name", "sci_targname", "string", "char", true},
	{"RA (J2000)", "Right Ascension (J2000)", "sci_ra", "ra", "float", true},
	{"Dec (J2000)", "Declination (J2000)", "sci_dec", "dec", "float", true},
	{"Ref", "Number of literature references", "sci_refnum", "integer", "int", true},
	{"Start Time", "Observation start time", "sci_start_time", "datetime", "datetime", true},
	{"Stop Time", "Observation stop time", "sci_stop_time", "datetime", "datetime", false},
	{"Exp Time", "Actual exposure time (seconds)", "sci_actual_duration", "float", "float", true},
	{"Instrument", "Instrument used", "sci_instrume", "string", "char", true},
	{"Aperture", "Aperture used", "sci_aper_1234", "string", "char", true},
	{"Filters/Gratings", "Filters or gratings used", "sci_spec_1234", "string", "char", true},
	{"Central Wavelength", "Central wavelength (Angstrom)", "sci_central_wavelength", "float", "float", false},
	{"Proposal ID", "Proposal (PEP) identifier", "sci_pep_id", "integer", "int", true},
	{"PI Last Name", "Principal investigator's last name", "sci_pi_last_name", "string", "char", true},
	{"Obs Type", "Observation type: IMAGE or SPECTRUM", "sci_obs_type", "string", "char", true},
	{"AEC", "Archive exposure class: S science, C calibration", "sci_aec", "string", "char", false},
	{"Status", "Data access status", "sci_status", "string", "char", false},
	{"HLSP", "High level science product name", "sci_hlsp", "string", "char", false},
	{"Release Date", "Date the data become public", "sci_release_date", "datetime", "datetime", true},
	{"Preview Name", "Name of the preview image", "sci_preview_name", "string", "char", false},
}

var jwstSearchCols = []searchCol{
	{"File Set Name", "File set (exposure) name", "fileSetName", "string", "char", true},
	{"Target Name", "Proposer's target name", "targprop", "string", "char", true},
	{"RA", "Target right ascension", "targ_ra", "ra", "float", true},
	{"Dec", "Target declination", "targ_dec", "dec", "float", true},
	{"Instrument", "Instrument used", "instrume", "string", "char", true},
	{"Exposure Type", "Exposure type", "exp_type", "string", "char", true},
	{"Filter", "Filter element", "filter", "string", "char", true},
	{"Grating", "Grating element", "grating", "string", "char", true},
	{"Program", "Program number", "program", "integer", "int", true},
	{"Observation", "Observation number", "observtn", "integer", "int", true},
	{"Effective Exposure Time", "Effective exposure time (seconds)", "effexptm", "float", "float", true},
	{"Date Obs", "UTC date at start of exposure", "date_obs", "datetime", "datetime", true},
	{"Access", "Data access status", "access", "string", "char", true},
	{"PI Name", "Principal investigator", "pi_name", "string", "char", false},
}

// searchMissions are the missions the simulator serves: every browsable mission of the
// registry (its name and dataset keyword), with the simulator's own columns. The HLSP
// missions and Roman are served from dedicated rows (search_ullyses.go,
// search_classy.go, search_roman.go).
var searchMissions = func() map[string]*searchMission {
	simulated := map[string]searchMission{
		"hst":     {targetKey: "sci_targname", cols: hstSearchCols},
		"jwst":    {targetKey: "targprop", cols: jwstSearchCols},
		"iue":     {targetKey: "target", cols: iueSearchCols},
		"ullyses": {targetKey: "target_name_ulysses", cols: ullysesSearchCols},
		"classy":  {targetKey: "Target", cols: classySearchCols},
		"roman":   {targetKey: "targname", cols: romanSearchCols},
	}
	out := map[string]*searchMission{}
	for _, m := range registry.Missions() {
		if sm, ok := simulated[m.Name]; ok && m.Browsable() {
			sm.name, sm.datasetKey = m.Name, m.DatasetKeyword
			out[m.Name] = &sm
		}
	}
	return out
}()

// extraSearchCols are the columns positional searches add.
var extraSearchCols = []searchCol{
	{"Search Position", "Target position searched around", "search_pos", "string", "char", false},
	{"Ang Sep (')", "Angular separation from the search position (arcmin)", "ang_sep", "float", "float", false},
	{"Search Key", "Search position plus dataset", "search_key", "string", "char", false},
}

func (m *searchMission) col(name string) (searchCol, bool) {
	for _, c := range m.cols {
		if c.Name == name {
			return c, true
		}
	}
	for _, c := range extraSearchCols {
		if c.Name == name {
			return c, true
		}
	}
	return searchCol{}, false
}

func (c searchCol) dbType() string {
	switch c.Datatype {
	case "int":
		return "INTEGER"
	case "float":
		return "FLOAT"
	case "datetime":
		return "DATETIME"
	}
	return "VARCHAR"
}

func (c searchCol) numeric() bool { return c.Datatype == "int" || c.Datatype == "float" }

// condTerm is one comma-separated term of a condition value.
type condTerm struct {
	neg      bool
	op       string // "=", "<", ">", "<=", ">=", "..", "glob"
	num, hi  float64
	str, sHi string
}

// condition is one compiled {"col": value} filter.
type condition struct {
	col   searchCol
	terms []condTerm
}

// compileCondition parses a condition value with the server syntax: "," OR, leading
// "!" NOT, comparison operators and "a..b" ranges on numbers and dates, "*" wildcards.
func compileCondition(c searchCol, v any) (condition, error) {
	var raw string
	switch x := v.(type) {
	case string:
		raw = x
	case float64:
		raw = strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		raw = strconv.FormatBool(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		raw = strings.Join(parts, ",")
	default:
		return condition{}, fmt.Errorf("unsupported value %v for column %s", v, c.Name)
	}
	out := condition{col: c}
	for _, t := range strings.Split(raw, ",") {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		var ct condTerm
		if rest, ok := strings.CutPrefix(t, "!"); ok {
			ct.neg, t = true, strings.TrimSpace(rest)
		}
		ct.op = "="
		for _, op := range []string{"<=", ">=", "<", ">"} {
			if rest, ok := strings.CutPrefix(t, op); ok {
				ct.op, t = op, strings.TrimSpace(rest)
				break
			}
		}
		if ct.op == "=" {
			if a, b, ok := strings.Cut(t, ".."); ok && (c.numeric() || c.Datatype == "datetime") {
				ct.op, t, ct.sHi = "..", strings.TrimSpace(a), strings.TrimSpace(b)
			} else if strings.Contains(t, "*") {
				ct.op = "glob"
			}
		}
		ct.str = t
		switch {
		case c.numeric() && ct.op != "glob":
			n, err := strconv.ParseFloat(t, 64)
			if err != nil {
				return condition{}, fmt.Errorf("invalid value %q for numeric column %s", t, c.Name)
			}
			ct.num = n
			if ct.op == ".." {
				if ct.hi, err = strconv.ParseFloat(ct.sHi, 64); err != nil {
					return condition{}, fmt.Errorf("invalid range %q for column %s", raw, c.Name)
				}
			}
		case c.numeric():
			return condition{}, fmt.Errorf("wildcards are not allowed on numeric column %s", c.Name)
		case c.Datatype == "datetime" && ct.op != "glob":
			if !validDate(t) || (ct.op == ".." && !validDate(ct.sHi)) {
				return condition{}, fmt.Errorf("invalid date %q for column %s", raw, c.Name)
			}
		case ct.op != "=" && ct.op != "glob":
			return condition{}, fmt.Errorf("operator %s needs a numeric or date column, %s is a string", ct.op, c.Name)
		}
		out.terms = append(out.terms, ct)
	}
	if len(out.terms) == 0 {
		return condition{}, fmt.Errorf("empty condition for column %s", c.Name)
	}
	return out, nil
}

// validDate accepts "YYYY", "YYYY-MM", "YYYY-MM-DD" and longer ISO forms.
func validDate(s string) bool {
	if len(s) < 4 {
		return false
	}
	for _, r := range s[:4] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// match applies the condition: positive terms ORed, negative terms ANDed.
func (c condition) match(v any) bool {
	anyPos, pos := false, false
	for _, t := range c.terms {
		m := t.match(c.col, v)
		if t.neg {
			if m {
				return false
			}
			continue
		}
		anyPos = true
		pos = pos || m
	}
	return !anyPos || pos
}

func (t condTerm) match(c searchCol, v any) bool {
	if v == nil {
		return false
	}
	if c.numeric() {
		var x float64
		switch n := v.(type) {
		case float64:
			x = n
		case int:
			x = float64(n)
		default:
			return false
		}
		if x == -999 || math.IsNaN(x) {
			return false
		}
		switch t.op {
		case "<":
			return x < t.num
		case ">":
			return x > t.num
		case "<=":
			return x <= t.num
		case ">=":
			return x >= t.num
		case "..":
			return x >= t.num && x <= t.hi
		}
		return x == t.num
	}
	s := strings.ToLower(strings.TrimSpace(fmt.Sprint(v)))
	want := strings.ToLower(t.str)
	if c.Datatype == "datetime" && t.op != "glob" && t.op != "=" {
		hi := strings.ToLower(t.sHi)
		switch t.op {
		case "<":
			return s < want
		case ">":
			return s > want && !strings.HasPrefix(s, want)
		case "<=":
			return s <= want || strings.HasPrefix(s, want)
		case ">=":
			return s >= want
		case "..":
			return s >= want && (s <= hi || strings.HasPrefix(s, hi))
		}
	}
	if t.op == "glob" {
		return globMatch(want, s)
	}
	if c.Datatype == "datetime" {
		return strings.HasPrefix(s, want)
	}
	return s == want
}

// globMatch matches s against a pattern where '*' stands for any run of characters.
func globMatch(pat, s string) bool {
	parts := strings.Split(pat, "*")
	if len(parts) == 1 {
		return pat == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return len(s) >= len(last) && strings.HasSuffix(s, last)
}
