package mast

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"mastui/model"
)

// filterEncoder turns criteria into Portal filters (protocol 3.8.1) using a service's
// columnsconfig and, only when a negation or open integer range needs them, the facets.
type filterEncoder struct {
	cc     *colConfig
	facets func() (*facetCache, error)
}

// encodeFilters encodes criteria against the Mast.Caom.Cone column configuration (what
// astroquery uses for every Mast.Caom.Filtered* query).
func (c *Client) encodeFilters(ctx context.Context, criteria []Criterion) ([]any, error) {
	out := []any{}
	if len(criteria) == 0 {
		return out, nil
	}
	cc, err := c.columnsConfig(ctx, "Mast.Caom.Cone")
	if err != nil {
		return nil, fmt.Errorf("criteria: %w", err)
	}
	enc := &filterEncoder{cc: cc, facets: func() (*facetCache, error) { return c.facetCache(ctx) }}
	for _, cr := range criteria {
		f, err := enc.encode(cr)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// encode builds {"paramName", ["separator"], "values", ["freeText"]} for one criterion.
func (e *filterEncoder) encode(cr Criterion) (Object, error) {
	name, entry, ok := e.cc.lookup(strings.TrimSpace(cr.Name))
	if !ok {
		if hint := model.Closest(cr.Name, e.cc.order); hint != "" {
			return nil, fmt.Errorf("unknown column %q: did you mean %q?", cr.Name, hint)
		}
		return nil, fmt.Errorf("unknown column %q", cr.Name)
	}
	fail := func(err error) (Object, error) {
		return nil, fmt.Errorf("criterion %s=%s: %w", cr.Name, cr.Value, err)
	}
	items, err := splitValues(cr.Value)
	if err != nil {
		return fail(err)
	}
	var values []any
	var freeText string
	if isContinuous(entry) {
		values, err = e.continuous(name, entry, items)
	} else {
		values, freeText, err = e.discrete(name, entry, items)
	}
	if err != nil {
		return fail(err)
	}
	o := Object{{"paramName", cr.Name}}
	if sep, ok := entry["separator"]; ok && sep != nil {
		o = append(o, KV{"separator", sep})
	}
	o = append(o, KV{"values", values})
	if freeText != "" {
		o = append(o, KV{"freeText", freeText})
	}
	return o, nil
}

// splitValues splits the comma list (OR) and rejects empty members.
func splitValues(v string) ([]string, error) {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		if parts[i] == "" {
			return nil, fmt.Errorf("empty value in the list %q", v)
		}
	}
	return parts, nil
}

// isContinuous follows astroquery: vot.datatype (else type) double/float/numeric, or
// treatNumeric.
func isContinuous(entry map[string]any) bool {
	switch strings.ToLower(firstProp(entry, "vot.datatype", "type")) {
	case "double", "float", "numeric":
		return true
	}
	return propBool(entry, "treatNumeric")
}

func isIntegerColumn(entry map[string]any) bool {
	switch strings.ToLower(firstProp(entry, "vot.datatype", "type")) {
	case "int", "short", "long", "integer", "smallint", "bigint", "unsignedbyte":
		return true
	}
	return false
}

// isDateColumn: flagged MJD/date columns accept ISO dates. The CAOM time columns are
// listed too in case a configuration lacks the flags.
func isDateColumn(name string, entry map[string]any) bool {
	if propBool(entry, "isMjd") || propBool(entry, "isDate") {
		return true
	}
	switch strings.ToLower(name) {
	case "t_min", "t_max", "t_obs_release":
		return true
	}
	return false
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*%") }

// continuous encodes every member as one {"min", "max"} object (OR'd by the server).
func (e *filterEncoder) continuous(name string, entry map[string]any, items []string) ([]any, error) {
	limLo, limHi := -openLimit, openLimit
	if v, err := strconv.ParseFloat(prop(entry, "min"), 64); err == nil {
		limLo = v
	}
	if v, err := strconv.ParseFloat(prop(entry, "max"), 64); err == nil {
		limHi = v
	}
	dates := isDateColumn(name, entry)
	values := []any{}
	for _, it := range items {
		if strings.HasPrefix(it, "!") {
			return nil, fmt.Errorf("negation (%q) is only supported for columns with a known value list (%s is a numeric range column)", it, name)
		}
		if hasWildcard(it) {
			return nil, fmt.Errorf("%s is numeric: wildcards (%q) are not supported; use a..b, >x or <x", name, it)
		}
		iv, err := parseInterval(it, dates, limLo, limHi)
		if err != nil {
			return nil, err
		}
		values = append(values, Object{{"min", iv.lo}, {"max", iv.hi}})
	}
	return values, nil
}

// discrete encodes members as strings; one wildcard member becomes freeText (* -> %),
// negations are expanded over the column's facet values, integer ranges enumerated.
func (e *filterEncoder) discrete(name string, entry map[string]any, items []string) ([]any, string, error) {
	isInt := isIntegerColumn(entry)
	var pos, neg []string
	var freeText string
	for _, it := range items {
		switch {
		case strings.HasPrefix(it, "!"):
			n := strings.TrimSpace(it[1:])
			if n == "" {
				return nil, "", fmt.Errorf("negation %q names no value", it)
			}
			neg = append(neg, n)
		case hasWildcard(it):
			if freeText != "" {
				return nil, "", fmt.Errorf("only one wildcard value per column: %s has %q and %q", name, strings.ReplaceAll(freeText, "%", "*"), it)
			}
			freeText = strings.ReplaceAll(it, "*", "%")
		case isInt:
			vals, err := e.intValues(name, it)
			if err != nil {
				return nil, "", err
			}
			pos = append(pos, vals...)
		default:
			pos = append(pos, it)
		}
	}
	if len(neg) > 0 {
		if freeText != "" {
			return nil, "", fmt.Errorf("a wildcard cannot be combined with a negation on %s", name)
		}
		base := pos
		if len(base) == 0 {
			keys, err := e.facetKeys(name, "!"+neg[0])
			if err != nil {
				return nil, "", err
			}
			base = keys
		}
		pos = pos[:0:0]
		for _, v := range base {
			if !matchesAny(v, neg) {
				pos = append(pos, v)
			}
		}
		if len(pos) == 0 {
			return nil, "", fmt.Errorf("the negation excludes every known value of %s", name)
		}
	}
	values := make([]any, len(pos))
	for i, v := range pos {
		values[i] = v
	}
	return values, freeText, nil
}

// intValues reads one member of an integer column: n, a..b (enumerated, at most 1001
// values) or an open range resolved against the column's facet values.
func (e *filterEncoder) intValues(name, it string) ([]string, error) {
	switch {
	case strings.Contains(it, ".."):
		lo, hi, err := parseIntRange(it)
		if err != nil {
			return nil, err
		}
		if hi-lo > 1000 {
			return nil, fmt.Errorf("range %q spans more than 1000 values of the integer column %s", it, name)
		}
		out := make([]string, 0, hi-lo+1)
		for v := lo; v <= hi; v++ {
			out = append(out, strconv.FormatInt(v, 10))
		}
		return out, nil
	case strings.HasPrefix(it, ">") || strings.HasPrefix(it, "<"):
		iv, err := parseInterval(it, false, -openLimit, openLimit)
		if err != nil {
			return nil, err
		}
		keys, err := e.facetKeys(name, it)
		if err != nil {
			return nil, err
		}
		var out []string
		for _, k := range keys {
			if v, err := strconv.ParseFloat(k, 64); err == nil && v >= iv.lo && v <= iv.hi {
				out = append(out, k)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("no known value of %s matches %q", name, it)
		}
		return out, nil
	default:
		if _, err := strconv.ParseInt(it, 10, 64); err != nil {
			return nil, fmt.Errorf("%q is not an integer (%s is an integer column)", it, name)
		}
		return []string{it}, nil
	}
}

// facetKeys lists the known values of a column from Mast.Caom.All.
func (e *filterEncoder) facetKeys(name, why string) ([]string, error) {
	fc, err := e.facets()
	if err != nil {
		return nil, fmt.Errorf("value list of %s: %w", name, err)
	}
	for col, vals := range fc.values {
		if strings.EqualFold(col, name) && len(vals) > 0 {
			keys := make([]string, len(vals))
			for i, v := range vals {
				keys[i] = v.Key
			}
			return keys, nil
		}
	}
	if strings.HasPrefix(why, "!") {
		return nil, fmt.Errorf("negation (%q) is only supported for columns with a known value list (%s has none)", why, name)
	}
	return nil, fmt.Errorf("%q needs the known value list of %s, which MAST does not provide; use a..b", why, name)
}

// matchesAny compares case-insensitively; patterns may use * or % as wildcards.
func matchesAny(v string, patterns []string) bool {
	for _, p := range patterns {
		if likeMatch(strings.ToLower(p), strings.ToLower(v)) {
			return true
		}
	}
	return false
}

// likeMatch is SQL LIKE with only the any-run wildcard (* or %), by greedy matching
// with backtracking to the last wildcard.
func likeMatch(p, s string) bool {
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '*' || p[pi] == '%'):
			star, mark = pi, si
			pi++
		case pi < len(p) && p[pi] == s[si]:
			pi++
			si++
		case star >= 0:
			pi, mark = star+1, mark+1
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && (p[pi] == '*' || p[pi] == '%') {
		pi++
	}
	return pi == len(p)
}
