package mast

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"mastui/model"
)

// PanstarrsDecorators are the catalogs API's criteria decorators (protocol 7.2): a
// decorated value of column c is sent under the key "c.<decorator>".
var PanstarrsDecorators = []string{"gte", "gt", "lte", "lt", "min", "max", "like", "contains"}

// PanstarrsValue is one value of a PanSTARRS criterion.
type PanstarrsValue struct {
	Decorator string // "" (equal to Value) or one of PanstarrsDecorators
	Value     string // as typed: sent as a JSON number for a numeric column, else as text
}

// PanstarrsCriterion holds the values of one column. The server ORs the plain values of
// a column and applies every decorated key, so {gte 3, lte 10} is a range.
type PanstarrsCriterion struct {
	Column string
	Values []PanstarrsValue
}

// PanstarrsSort is one sort key ("<column>" or "<column>.desc" in sort_by).
type PanstarrsSort struct {
	Column string
	Desc   bool
}

// ParsePanstarrsCriterion reads one criterion typed as text, the syntax of the CLI's
// KEY=VALUE arguments and of the TUI's criteria field:
//
//	nDetections=5              equal (a number for numeric columns, text otherwise)
//	objName=PSO J1,PSO J2      any of the listed values (sent as a list)
//	nStackDetections>=2        also >, <= and <: the gte, gt, lte and lt decorators
//	nDetections=3..10          a range, both bounds included (gte 3 and lte 10);
//	                           "3.." and "..10" leave one side open
//	objName~PSO J005*          like: the server's pattern match
//	objName.contains=J005      any decorator spelled out: COLUMN.DECORATOR=VALUE with
//	                           gte, gt, lte, lt, min, max, like or contains
//
// Blanks around the column, the operator and each value are ignored. The column is
// checked against the table's columns later (QueryPanstarrs, ValidatePanstarrsQuery).
func ParsePanstarrsCriterion(s string) (PanstarrsCriterion, error) {
	bad := func(format string, a ...any) (PanstarrsCriterion, error) {
		return PanstarrsCriterion{}, fmt.Errorf("criterion %q: %s", s, fmt.Sprintf(format, a...))
	}
	at := strings.IndexAny(s, "=<>~!")
	if at < 0 {
		return bad("expected COLUMN=VALUE, COLUMN>=VALUE (also >, <=, <), COLUMN=LOW..HIGH or COLUMN~PATTERN")
	}
	col, rest := strings.TrimSpace(s[:at]), s[at:]
	var op string
	for _, o := range []string{"==", "!=", ">=", "<=", "=", ">", "<", "~", "!"} {
		if strings.HasPrefix(rest, o) {
			op = o
			break
		}
	}
	value := strings.TrimSpace(rest[len(op):])
	switch op {
	case "==":
		return bad("use one '=' for equality")
	case "!=", "!":
		return bad("the PanSTARRS API has no negation ('!=')")
	}
	if col == "" {
		return bad("no column name before %q", op)
	}
	decorator := ""
	if c, d, ok := strings.Cut(col, "."); ok {
		d = strings.ToLower(strings.TrimSpace(d))
		if !slices.Contains(PanstarrsDecorators, d) {
			return bad("unknown decorator %q: use %s", d, strings.Join(PanstarrsDecorators, ", "))
		}
		if op != "=" {
			return bad("write either COLUMN.%s=VALUE or an operator, not both", d)
		}
		col, decorator = strings.TrimSpace(c), d
	}
	for _, r := range col {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
			return bad("column name %q may only hold letters, digits and _", col)
		}
	}
	if value == "" {
		return bad("no value after %q", op)
	}
	cr := PanstarrsCriterion{Column: col}
	switch {
	case decorator != "":
		cr.Values = []PanstarrsValue{{decorator, value}}
	case op != "=":
		d := map[string]string{">=": "gte", ">": "gt", "<=": "lte", "<": "lt", "~": "like"}[op]
		cr.Values = []PanstarrsValue{{d, value}}
	case strings.Contains(value, ".."):
		lo, hi, _ := strings.Cut(value, "..")
		lo, hi = strings.TrimSpace(lo), strings.TrimSpace(hi)
		if strings.Contains(value, ",") {
			return bad("a range cannot be part of a list")
		}
		if lo == "" && hi == "" {
			return bad("a range needs at least one bound: LOW..HIGH, LOW.. or ..HIGH")
		}
		if lo != "" {
			cr.Values = append(cr.Values, PanstarrsValue{"gte", lo})
		}
		if hi != "" {
			cr.Values = append(cr.Values, PanstarrsValue{"lte", hi})
		}
	default:
		for _, v := range strings.Split(value, ",") {
			if v = strings.TrimSpace(v); v == "" {
				return bad("empty value in the list %q", value)
			}
			cr.Values = append(cr.Values, PanstarrsValue{Value: v})
		}
	}
	return cr, nil
}

// ParsePanstarrsSort reads one sort key: "COLUMN", "COLUMN:desc" or "COLUMN:asc".
func ParsePanstarrsSort(spec string) (PanstarrsSort, error) {
	col, desc, err := ParseMissionSort(spec)
	return PanstarrsSort{Column: col, Desc: desc}, err
}

// panstarrsNames resolves column names case-insensitively (as the server does) to the
// table's own spelling.
type panstarrsNames struct {
	release, table string
	names          []string
	cols           map[string]PanstarrsColumn // by lower-cased name
}

func newPanstarrsNames(release, table string, cols []PanstarrsColumn) panstarrsNames {
	n := panstarrsNames{release: release, table: table, cols: make(map[string]PanstarrsColumn, len(cols))}
	for _, c := range cols {
		n.names = append(n.names, c.Name)
		n.cols[strings.ToLower(c.Name)] = c
	}
	return n
}

// lookup finds a column; what names the kind of name in the error ("Filter",
// "Column", "Sort column"), in astroquery's words.
func (n panstarrsNames) lookup(what, name string, extra ...PanstarrsColumn) (PanstarrsColumn, error) {
	if c, ok := n.cols[strings.ToLower(strings.TrimSpace(name))]; ok {
		return c, nil
	}
	names := n.names
	for _, e := range extra {
		if strings.EqualFold(e.Name, strings.TrimSpace(name)) {
			return e, nil
		}
		names = append(names[:len(names):len(names)], e.Name)
	}
	msg := fmt.Sprintf("%s '%s' does not exist for panstarrs catalog %s, %s.", what, name, n.table, n.release)
	if hint := model.Closest(name, names); hint != "" {
		msg += fmt.Sprintf(" Did you mean '%s'?", hint)
	}
	return PanstarrsColumn{}, errors.New(msg)
}

// distanceColumn is what a positional query adds to every row (the seed example sorts
// on it), whether or not the metadata lists it.
var distanceColumn = PanstarrsColumn{Name: "distance", DBType: "DOUBLE", Type: "double",
	Description: "Angular distance from the search position", Unit: "degrees"}

// ValidatePanstarrsQuery checks q against the table's columns without a request:
// release and table, criteria (columns matched case-insensitively, decorators, numbers
// for numeric columns), output and sort columns, paging and the radius. A query
// without a position needs at least one criterion. QueryPanstarrs runs it first; a
// form can run it on every edit.
func ValidatePanstarrsQuery(cols []PanstarrsColumn, q PanstarrsQuery) error {
	release, table, err := panstarrsPath(q.Release, q.Table)
	if err != nil {
		return err
	}
	n := newPanstarrsNames(release, table, cols)
	positional := q.Position != nil || strings.TrimSpace(q.Object) != ""
	var extra []PanstarrsColumn
	if positional {
		extra = append(extra, distanceColumn)
	}
	if !positional && len(q.Criteria) == 0 {
		return errors.New("At least one non-positional criterion must be supplied: a PanSTARRS query without a position needs a column criterion")
	}
	for i, cr := range q.Criteria {
		c, err := n.lookup("Filter", cr.Column, extra...)
		if err != nil {
			return &CriterionError{Index: i, Name: cr.Column, Err: err}
		}
		if err := checkPanstarrsValues(c, cr.Values); err != nil {
			return &CriterionError{Index: i, Name: cr.Column, Err: err}
		}
	}
	for _, name := range q.Columns {
		if _, err := n.lookup("Column", name, extra...); err != nil {
			return err
		}
	}
	for _, s := range q.SortBy {
		if _, err := n.lookup("Sort column", s.Column, extra...); err != nil {
			return err
		}
	}
	switch {
	case q.PageSize < 0 || q.Page < 0:
		return fmt.Errorf("pagesize and page must not be negative (got %d, %d)", q.PageSize, q.Page)
	case q.PageSize > PanstarrsMaxRecords:
		return fmt.Errorf("pagesize %d is more than the %d rows one answer may hold", q.PageSize, PanstarrsMaxRecords)
	case q.RadiusDeg < 0 || math.IsNaN(q.RadiusDeg) || q.RadiusDeg > 180:
		return fmt.Errorf("radius must be between 0 and 180 deg, got %s", pyFloat(q.RadiusDeg))
	}
	if q.Position != nil && strings.TrimSpace(q.Object) != "" {
		return errors.New("give a position or an object name, not both")
	}
	return nil
}

// checkPanstarrsValues checks the values of one column's criterion.
func checkPanstarrsValues(c PanstarrsColumn, values []PanstarrsValue) error {
	if len(values) == 0 {
		return fmt.Errorf("criterion %s has no value", c.Name)
	}
	for _, v := range values {
		if v.Decorator != "" && !slices.Contains(PanstarrsDecorators, v.Decorator) {
			return fmt.Errorf("criterion %s: unknown decorator %q: use %s", c.Name, v.Decorator, strings.Join(PanstarrsDecorators, ", "))
		}
		if strings.TrimSpace(v.Value) == "" {
			return fmt.Errorf("criterion %s has an empty value", c.Name)
		}
		if !c.Numeric() {
			continue
		}
		if v.Decorator == "like" || v.Decorator == "contains" {
			return fmt.Errorf("criterion %s: %s needs a text column; %s is %s", c.Name, v.Decorator, c.Name, c.DBType)
		}
		if _, ok := panstarrsNumber(v.Value); !ok {
			return fmt.Errorf("criterion %s: %q is not a number (%s is %s)", c.Name, v.Value, c.Name, c.DBType)
		}
	}
	return nil
}

// panstarrsNumber is the JSON number of a value typed as text: integers exactly (ids
// above 2^53 included), other numbers as Python writes floats.
func panstarrsNumber(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64); err == nil {
		return strconv.FormatInt(n, 10), true
	}
	f, ok := parseDecimal(s)
	if !ok || math.IsNaN(f) {
		return "", false
	}
	return pyFloat(f), true
}
