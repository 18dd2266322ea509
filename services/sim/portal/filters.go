package portal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// filter is one parsed Portal filter: {"paramName", "values", "freeText", "separator"}.
// Within a filter the values, ranges and the freeText pattern are ORed; filters are
// ANDed together.
type filter[R any] struct {
	col    *Column[R]
	values []string // discrete values, as text
	ranges []valueRange
	like   string // lower-cased SQL LIKE pattern, "" for none
	sep    string
}

type valueRange struct {
	min, max       string
	hasMin, hasMax bool
}

// filterInput is the wire form; Values stay raw because they mix strings, numbers,
// booleans and {"min", "max"} objects.
type filterInput struct {
	ParamName string            `json:"paramName"`
	Values    []json.RawMessage `json:"values"`
	FreeText  *string           `json:"freeText"`
	Separator string            `json:"separator"`
}

// parseFilters decodes a filters parameter against a column set. Errors name the
// offending column, as MAST's do.
func parseFilters[R any](raw json.RawMessage, cols []Column[R]) ([]filter[R], error) {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return nil, nil
	}
	var in []filterInput
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("filters must be a list of {paramName, values} objects: %v", err)
	}
	out := make([]filter[R], 0, len(in))
	for _, fi := range in {
		if strings.TrimSpace(fi.ParamName) == "" {
			return nil, fmt.Errorf("filter without paramName")
		}
		ci := findColumn(cols, fi.ParamName)
		if ci < 0 {
			return nil, fmt.Errorf("Invalid column name '%s'. The filter column does not exist.", fi.ParamName)
		}
		f := filter[R]{col: &cols[ci], sep: fi.Separator}
		if fi.FreeText != nil && *fi.FreeText != "" {
			f.like = strings.ToLower(*fi.FreeText)
		}
		for _, v := range fi.Values {
			if err := f.addValue(v); err != nil {
				return nil, fmt.Errorf("filter %s: %v", fi.ParamName, err)
			}
		}
		out = append(out, f)
	}
	return out, nil
}

func (f *filter[R]) addValue(raw json.RawMessage) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("bad range %s: %v", raw, err)
		}
		var r valueRange
		for k, v := range m {
			s, ok := scalarText(v)
			switch strings.ToLower(k) {
			case "min":
				r.min, r.hasMin = s, ok
			case "max":
				r.max, r.hasMax = s, ok
			}
		}
		f.ranges = append(f.ranges, r)
		return nil
	}
	s, ok := scalarText(raw)
	if !ok {
		return fmt.Errorf("unsupported value %s", raw)
	}
	f.values = append(f.values, s)
	return nil
}

// scalarText renders a JSON string, number or boolean as text; ok=false for null.
func scalarText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return "", false
	case raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false
		}
		return s, true
	case raw[0] == '[' || raw[0] == '{':
		return "", false
	default:
		return string(raw), true
	}
}

// empty filters (no values, ranges or pattern) constrain nothing, as MAST ignores them.
func (f *filter[R]) empty() bool { return len(f.values) == 0 && len(f.ranges) == 0 && f.like == "" }

func matchAll[R any](fs []filter[R], r *R) bool {
	for i := range fs {
		if !fs[i].match(r) {
			return false
		}
	}
	return true
}

func (f *filter[R]) match(r *R) bool {
	if f.empty() {
		return true
	}
	cell, ok := f.col.text(r)
	if !ok {
		return false
	}
	parts := []string{cell}
	if f.sep != "" {
		parts = strings.Split(cell, f.sep)
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		for _, v := range f.values {
			if f.equal(r, p, v) {
				return true
			}
		}
		for _, rg := range f.ranges {
			if f.inRange(r, p, rg) {
				return true
			}
		}
		if f.like != "" && likeMatch(strings.ToLower(p), f.like) {
			return true
		}
	}
	return false
}

// equal compares a cell with a value: IDs exactly as integers (float64 would merge
// neighbours above 2^53), other numbers numerically, booleans loosely, strings
// case-insensitively.
func (f *filter[R]) equal(r *R, cell, v string) bool {
	v = strings.TrimSpace(v)
	switch f.col.kind {
	case kindID:
		if u, err := strconv.ParseUint(v, 10, 64); err == nil {
			return f.col.id(r) == u
		}
		x, err := strconv.ParseFloat(v, 64)
		return err == nil && float64(f.col.id(r)) == x
	case kindFloat, kindInt:
		x, err := strconv.ParseFloat(v, 64)
		n, ok := f.col.number(r)
		return err == nil && ok && n == x
	case kindBool:
		b, ok := f.col.bl(r)
		want, err := parseBool(v)
		return ok && err == nil && b == want
	default:
		if strings.EqualFold(cell, v) {
			return true
		}
		// instrument_name "Nircam" matches "NIRCAM/IMAGE": the astroquery docs query
		// JWST by instrument family, and MAST answers them.
		family, _, found := strings.Cut(cell, "/")
		return found && f.col.name == "instrument_name" && !strings.Contains(v, "/") && strings.EqualFold(family, v)
	}
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "t", "true", "yes":
		return true, nil
	case "0", "f", "false", "no":
		return false, nil
	}
	return false, fmt.Errorf("not a boolean: %q", s)
}

// inRange tests min <= cell <= max, numerically when both sides are numbers.
func (f *filter[R]) inRange(r *R, cell string, rg valueRange) bool {
	x, numeric := f.col.number(r)
	if !numeric || f.sep != "" {
		var err error
		x, err = strconv.ParseFloat(cell, 64)
		numeric = err == nil
	}
	if numeric {
		lo, errLo := strconv.ParseFloat(rg.min, 64)
		hi, errHi := strconv.ParseFloat(rg.max, 64)
		if (!rg.hasMin || errLo == nil) && (!rg.hasMax || errHi == nil) {
			if math.IsNaN(x) {
				return false
			}
			return (!rg.hasMin || x >= lo) && (!rg.hasMax || x <= hi)
		}
	}
	c := strings.ToLower(cell)
	return (!rg.hasMin || c >= strings.ToLower(rg.min)) && (!rg.hasMax || c <= strings.ToLower(rg.max))
}

// likeMatch is SQL LIKE: % matches any run of characters, _ exactly one.
func likeMatch(s, p string) bool {
	si, pi, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '_' || p[pi] == s[si]):
			si, pi = si+1, pi+1
		case pi < len(p) && p[pi] == '%':
			star, mark, pi = pi, si, pi+1
		case star >= 0:
			mark++
			si, pi = mark, star+1
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '%' {
		pi++
	}
	return pi == len(p)
}
