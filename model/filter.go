package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Keys with a meaning of their own rather than naming a column. mrp_only and extension
// are astroquery's; guide_stars and name are mastui additions for the products panel.
// They win over a column of the same name and are matched case-insensitively.
const (
	FilterMRPOnly    = "mrp_only"    // true keeps productGroupDescription == MRPDescription
	FilterExtension  = "extension"   // case-insensitive suffix of the file name
	FilterGuideStars = "guide_stars" // false hides "_gs-" (JWST guide star) files
	FilterName       = "name"        // case-insensitive substring, or a glob when it has * or ?
)

// DefaultFilenameColumn is the file name column of CAOM product lists (Mast.Caom.Products);
// MastMissions product lists call it "filename".
const DefaultFilenameColumn = "productFilename"

// MRPDescription is the productGroupDescription mrp_only keeps (exact match, as astroquery).
const MRPDescription = "Minimum Recommended Products"

// guideStarMarker marks JWST fine guidance files (jw..._gs-fg_..., _gs-id_...).
const guideStarMarker = "_gs-"

// Filter is one KEY=VALUE product filter. Plain values are OR'd; values starting with
// "!" are negations, each AND-NOT'd: (v1 OR v2 ...) AND NOT n1 AND NOT n2 ...
// With no plain value every row passes the positive part.
type Filter struct {
	Key    string
	Values []string
}

// Filters are AND'd, astroquery's filter_products dict. A key given twice is two AND'd
// filters (use commas to OR values).
type Filters []Filter

// FilterOptions says how to read a product table.
type FilterOptions struct {
	// FilenameColumn is the file name column used by extension, name and guide_stars:
	// "productFilename" (CAOM) or "filename" (MastMissions). Empty picks productFilename
	// when the table has it, else filename.
	FilenameColumn string
}

// FilterError is a user mistake in a filter (bad syntax, unknown column, unparseable
// value), so callers can report it as a usage error rather than a failure.
type FilterError struct{ Msg string }

func (e *FilterError) Error() string { return e.Msg }

func filterErrorf(format string, a ...any) error {
	return &FilterError{Msg: fmt.Sprintf(format, a...)}
}

// ParseFilter parses "KEY=V1,V2,!V3". Values are trimmed; an empty key, an empty value
// list, an empty list item or a bare "!" are errors.
func ParseFilter(s string) (Filter, error) {
	s = strings.TrimSpace(s)
	key, val, ok := strings.Cut(s, "=")
	if !ok {
		if hint := comparisonHint(s); hint != "" {
			return Filter{}, filterErrorf("filter %q: missing '=': did you mean %q?", s, hint)
		}
		return Filter{}, filterErrorf("filter %q: missing '=' (want KEY=VALUE, e.g. productType=SCIENCE)", s)
	}
	key = strings.TrimSpace(key)
	if key == "" {
		return Filter{}, filterErrorf("filter %q: missing column name before '='", s)
	}
	if strings.ContainsAny(key, "<>!") {
		// "size>=5" cuts at the '=' of ">="; the comparison belongs in the value.
		return Filter{}, filterErrorf("filter %q: the comparison goes after '=': did you mean %q?", s, comparisonHint(s))
	}
	if strings.TrimSpace(val) == "" {
		return Filter{}, filterErrorf("filter %q: missing value after '='", s)
	}
	parts := strings.Split(val, ",")
	f := Filter{Key: key, Values: make([]string, 0, len(parts))}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return Filter{}, filterErrorf("filter %q: empty value in the comma-separated list", s)
		}
		if strings.TrimSpace(strings.TrimPrefix(p, "!")) == "" {
			return Filter{}, filterErrorf("filter %q: '!' must be followed by a value", s)
		}
		f.Values = append(f.Values, p)
	}
	return f, nil
}

// comparisonHint rewrites "size>=5", "size<5" or "size!=5" as "size=>=5", "size=<5",
// "size=!5"; "" when s has no comparison after the key.
func comparisonHint(s string) string {
	i := strings.IndexAny(s, "<>!")
	if i <= 0 {
		return ""
	}
	key, rest := strings.TrimSpace(s[:i]), s[i:]
	if strings.HasPrefix(rest, "!=") {
		rest = "!" + rest[2:]
	}
	return key + "=" + rest
}

// ParseFilters parses the space-separated form Filters.String produces. A new filter
// starts at each word of the form IDENT=, so values may contain spaces ("size=<1.5 GB").
func ParseFilters(s string) (Filters, error) {
	var starts []int
	for i := 0; i < len(s); i++ {
		if (i == 0 || isSpace(s[i-1])) && keyAt(s, i) {
			starts = append(starts, i)
		}
	}
	if len(starts) == 0 {
		if strings.TrimSpace(s) == "" {
			return nil, nil
		}
		_, err := ParseFilter(s) // reports the syntax problem
		if err == nil {
			err = filterErrorf("filters %q: want KEY=VALUE words", s)
		}
		return nil, err
	}
	if lead := strings.TrimSpace(s[:starts[0]]); lead != "" {
		return nil, filterErrorf("filters %q: %q is not a KEY=VALUE filter", s, lead)
	}
	fs := make(Filters, 0, len(starts))
	for k, st := range starts {
		end := len(s)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		f, err := ParseFilter(s[st:end])
		if err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	return fs, nil
}

// keyAt reports whether s[i:] starts with an identifier followed by '='.
func keyAt(s string, i int) bool {
	j := i
	for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
		j++
	}
	return j > i && j < len(s) && s[j] == '='
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// String renders "key=v1,v2"; it parses back with ParseFilter.
func (f Filter) String() string { return f.Key + "=" + strings.Join(f.Values, ",") }

// String renders "key=v1,v2 key2=v3", skipping filters without values (they filter
// nothing and have no textual form); it parses back with ParseFilters.
func (fs Filters) String() string {
	var b strings.Builder
	for _, f := range fs {
		if len(f.Values) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f.String())
	}
	return b.String()
}

// Without returns the filters whose key is not key (case-insensitive), e.g. to count
// what each value of one facet would keep under all the other filters.
func (fs Filters) Without(key string) Filters {
	out := make(Filters, 0, len(fs))
	for _, f := range fs {
		if !strings.EqualFold(f.Key, key) {
			out = append(out, f)
		}
	}
	return out
}

// Rows returns the indices, in table order, of the rows every filter keeps. No filters
// keep every row. Errors (unknown column, unparseable value) come before any scanning.
func (fs Filters) Rows(t *Table, opts FilterOptions) ([]int, error) {
	if t == nil {
		return nil, nil
	}
	ms := make([]rowMatcher, 0, len(fs))
	for _, f := range fs {
		m, err := compileFilter(t, f, opts)
		if err != nil {
			return nil, err
		}
		if m != nil {
			ms = append(ms, m)
		}
	}
	rows := make([]int, t.Rows())
	for i := range rows {
		rows[i] = i
	}
	// Each filter compacts the survivors in place, so later filters see fewer rows.
	for _, m := range ms {
		k := 0
		for _, r := range rows {
			if m.keep(r) {
				rows[k] = r
				k++
			}
		}
		rows = rows[:k]
	}
	return rows, nil
}

// Apply returns a new table holding the rows Rows keeps.
func (fs Filters) Apply(t *Table, opts FilterOptions) (*Table, error) {
	if t == nil {
		return nil, nil
	}
	rows, err := fs.Rows(t, opts)
	if err != nil {
		return nil, err
	}
	return t.Select(rows), nil
}

// rowMatcher is one compiled filter: values parsed and lower-cased once, so keep does
// no parsing or allocation.
type rowMatcher interface{ keep(r int) bool }

// compileFilter turns f into a matcher; nil means f keeps every row.
func compileFilter(t *Table, f Filter, opts FilterOptions) (rowMatcher, error) {
	switch {
	case strings.EqualFold(f.Key, FilterMRPOnly):
		on, err := singleBool(f)
		if err != nil || !on {
			return nil, err
		}
		c := t.Col("productGroupDescription")
		if c == nil {
			return nil, filterErrorf("column %q not found in product table (needed by %s)", "productGroupDescription", FilterMRPOnly)
		}
		if c.Kind != KindString {
			return nil, filterErrorf("column %q is %s, not text (needed by %s)", c.Name, c.Kind, FilterMRPOnly)
		}
		return &mrpMatcher{s: c.Str, masked: c.Masked}, nil
	case strings.EqualFold(f.Key, FilterGuideStars):
		on, err := singleBool(f)
		if err != nil || on {
			return nil, err
		}
		c, err := filenameColumn(t, opts, FilterGuideStars)
		if err != nil {
			return nil, err
		}
		return &guideStarMatcher{s: c.Str, masked: c.Masked}, nil
	case strings.EqualFold(f.Key, FilterExtension):
		pos, neg, err := splitValues(f, asIs, nil)
		if err != nil {
			return nil, err
		}
		c, err := filenameColumn(t, opts, FilterExtension)
		if err != nil {
			return nil, err
		}
		return &suffixMatcher{s: c.Str, masked: c.Masked, pos: lowerAll(pos), neg: lowerAll(neg)}, nil
	case strings.EqualFold(f.Key, FilterName):
		pos, neg, err := splitValues(f, asIs, nil)
		if err != nil {
			return nil, err
		}
		c, err := filenameColumn(t, opts, FilterName)
		if err != nil {
			return nil, err
		}
		return &nameMatcher{s: c.Str, masked: c.Masked, pos: namePatterns(pos), neg: namePatterns(neg)}, nil
	}
	c := t.Col(f.Key)
	if c == nil {
		return nil, unknownColumn(t, f.Key)
	}
	switch c.Kind {
	case KindFloat, KindInt:
		pos, neg, err := splitValues(f, parseNumPred, func(v string) error {
			return filterErrorf("could not parse numeric filter %q for column %q", v, c.Name)
		})
		if err != nil {
			return nil, err
		}
		return &numMatcher{f: c.Float, i: c.Int, isInt: c.Kind == KindInt, masked: c.Masked, pos: pos, neg: neg}, nil
	case KindBool:
		pos, neg, err := splitValues(f, parseBoolWord, func(v string) error {
			return filterErrorf("could not parse boolean filter %q for column %q (want true or false)", v, c.Name)
		})
		if err != nil {
			return nil, err
		}
		return &boolMatcher{b: c.Bool, masked: c.Masked, pos: pos, neg: neg}, nil
	default:
		pos, neg, err := splitValues(f, asIs, nil)
		if err != nil {
			return nil, err
		}
		return &stringMatcher{s: c.Str, masked: c.Masked, pos: pos, neg: neg}, nil
	}
}

// splitValues parses each value of f, sorting plain values from "!" negations (the
// "!" removed before parsing). bad builds the error for a value parse rejects, given
// the value as written.
func splitValues[T any](f Filter, parse func(string) (T, bool), bad func(string) error) (pos, neg []T, err error) {
	for _, raw := range f.Values {
		raw = strings.TrimSpace(raw)
		v, isNeg := strings.CutPrefix(raw, "!")
		v = strings.TrimSpace(v)
		if v == "" {
			return nil, nil, filterErrorf("filter %q: empty value", f.String())
		}
		x, ok := parse(v)
		if !ok {
			return nil, nil, bad(raw)
		}
		if isNeg {
			neg = append(neg, x)
		} else {
			pos = append(pos, x)
		}
	}
	return pos, neg, nil
}

func asIs(s string) (string, bool) { return s, true }

// singleBool reads the one boolean value of mrp_only / guide_stars; no value reads as
// "not set" (false for mrp_only, true for guide_stars: both keep everything).
func singleBool(f Filter) (bool, error) {
	def := strings.EqualFold(f.Key, FilterGuideStars)
	switch len(f.Values) {
	case 0:
		return def, nil
	case 1:
		if b, ok := parseBoolWord(f.Values[0]); ok {
			return b, nil
		}
	}
	return false, filterErrorf("filter %q: %s takes one of true/false/yes/no/1/0", f.String(), strings.ToLower(f.Key))
}

func parseBoolWord(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "1":
		return true, true
	case "false", "no", "0":
		return false, true
	}
	return false, false
}

func filenameColumn(t *Table, opts FilterOptions, key string) (*Column, error) {
	name := opts.FilenameColumn
	if name == "" {
		name = DefaultFilenameColumn
		if t.Col(name) == nil {
			name = "filename"
		}
	}
	c := t.Col(name)
	if c == nil {
		return nil, filterErrorf("column %q not found in product table (needed by %s)", name, key)
	}
	if c.Kind != KindString {
		return nil, filterErrorf("column %q is %s, not a file name (needed by %s)", c.Name, c.Kind, key)
	}
	return c, nil
}

// unknownColumn builds the "not found" error with the closest column or special key.
func unknownColumn(t *Table, key string) error {
	best, bestD := "", -1
	cands := append(t.Names(), FilterMRPOnly, FilterExtension, FilterGuideStars, FilterName)
	lk := strings.ToLower(key)
	for _, c := range cands {
		if d := EditDistance(lk, strings.ToLower(c)); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	// Close means a typo or two, scaled with the length so short keys need near matches.
	if bestD >= 0 && bestD <= max(1, utf8.RuneCountInString(key)/3) {
		return filterErrorf("column %q not found in product table: did you mean %q?", key, best)
	}
	return filterErrorf("column %q not found in product table", key)
}

// --- numeric predicates ---

type numOp uint8

const (
	opEQ numOp = iota
	opLT
	opLE
	opGT
	opGE
	opRange
)

type numPred struct {
	op   numOp
	a, b float64
}

// match is false for NaN, which therefore behaves like a masked cell.
func (p numPred) match(x float64) bool {
	switch p.op {
	case opLT:
		return x < p.a
	case opLE:
		return x <= p.a
	case opGT:
		return x > p.a
	case opGE:
		return x >= p.a
	case opRange:
		return x >= p.a && x <= p.b
	default:
		return x == p.a
	}
}

// parseNumPred reads "x", ">=x", "<=x", ">x", "<x" or "a..b" (inclusive); each number may
// carry a size unit.
func parseNumPred(v string) (numPred, bool) {
	var p numPred
	rest := v
	switch {
	case strings.HasPrefix(v, ">="):
		p.op, rest = opGE, v[2:]
	case strings.HasPrefix(v, "<="):
		p.op, rest = opLE, v[2:]
	case strings.HasPrefix(v, ">"):
		p.op, rest = opGT, v[1:]
	case strings.HasPrefix(v, "<"):
		p.op, rest = opLT, v[1:]
	default:
		if lo, hi, ok := strings.Cut(v, ".."); ok {
			a, okA := ParseQuantity(lo)
			b, okB := ParseQuantity(hi)
			return numPred{op: opRange, a: a, b: b}, okA && okB
		}
	}
	a, ok := ParseQuantity(rest)
	p.a = a
	return p, ok
}

// ParseQuantity reads a finite decimal number with an optional size unit: k/K/KB,
// M/MB, G/GB, T/TB (powers of 1000, as FormatBytes prints), KiB/MiB/GiB/TiB (powers of
// 1024) and B; units are case-insensitive and may follow a space.
func ParseQuantity(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	end := len(s)
	for end > 0 && (s[end-1] >= 'a' && s[end-1] <= 'z' || s[end-1] >= 'A' && s[end-1] <= 'Z') {
		end--
	}
	num, unit := strings.TrimSpace(s[:end]), s[end:]
	if num == "" {
		return 0, false
	}
	mult := 1.0
	switch strings.ToLower(unit) {
	case "", "b":
	case "k", "kb":
		mult = 1e3
	case "m", "mb":
		mult = 1e6
	case "g", "gb":
		mult = 1e9
	case "t", "tb":
		mult = 1e12
	case "kib":
		mult = 1 << 10
	case "mib":
		mult = 1 << 20
	case "gib":
		mult = 1 << 30
	case "tib":
		mult = 1 << 40
	default:
		return 0, false
	}
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	return x * mult, true
}

// --- matchers ---
//
// Masked cells (and NaN floats) fail every positive value and pass every negation: a
// missing value is not "x", but it is not ">= 1" either. So with only negations a
// masked row is kept; with any positive value it is dropped.

type stringMatcher struct {
	s        []string
	masked   []bool
	pos, neg []string
}

func (m *stringMatcher) keep(r int) bool {
	if m.masked != nil && m.masked[r] {
		return len(m.pos) == 0
	}
	v := m.s[r]
	if len(m.pos) > 0 && !anyEqualFold(v, m.pos) {
		return false
	}
	return !anyEqualFold(v, m.neg)
}

func anyEqualFold(v string, vals []string) bool {
	for _, p := range vals {
		if strings.EqualFold(v, p) {
			return true
		}
	}
	return false
}

type numMatcher struct {
	f        []float64
	i        []int64
	isInt    bool
	masked   []bool
	pos, neg []numPred
}

func (m *numMatcher) keep(r int) bool {
	if m.masked != nil && m.masked[r] {
		return len(m.pos) == 0
	}
	var x float64
	if m.isInt {
		x = float64(m.i[r])
	} else {
		x = m.f[r]
	}
	if len(m.pos) > 0 {
		ok := false
		for _, p := range m.pos {
			if p.match(x) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, p := range m.neg {
		if p.match(x) {
			return false
		}
	}
	return true
}

type boolMatcher struct {
	b        []bool
	masked   []bool
	pos, neg []bool
}

func (m *boolMatcher) keep(r int) bool {
	if m.masked != nil && m.masked[r] {
		return len(m.pos) == 0
	}
	v := m.b[r]
	if len(m.pos) > 0 && !anyBool(v, m.pos) {
		return false
	}
	return !anyBool(v, m.neg)
}

func anyBool(v bool, vals []bool) bool {
	for _, b := range vals {
		if b == v {
			return true
		}
	}
	return false
}

type mrpMatcher struct {
	s      []string
	masked []bool
}

func (m *mrpMatcher) keep(r int) bool {
	return !(m.masked != nil && m.masked[r]) && m.s[r] == MRPDescription
}

type guideStarMatcher struct {
	s      []string
	masked []bool
}

func (m *guideStarMatcher) keep(r int) bool {
	return m.masked != nil && m.masked[r] || !containsFoldASCII(m.s[r], guideStarMarker)
}

// suffixMatcher is astroquery's extension test: a plain case-insensitive suffix, no dot
// implied ("fits" does not match "x.fits.gz").
type suffixMatcher struct {
	s        []string
	masked   []bool
	pos, neg []string // lower-cased
}

func (m *suffixMatcher) keep(r int) bool {
	if m.masked != nil && m.masked[r] {
		return len(m.pos) == 0
	}
	v := m.s[r]
	if len(m.pos) > 0 {
		ok := false
		for _, p := range m.pos {
			if hasSuffixFoldASCII(v, p) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, p := range m.neg {
		if hasSuffixFoldASCII(v, p) {
			return false
		}
	}
	return true
}

type namePattern struct {
	text string // lower-cased
	glob bool   // anchored glob over the whole name rather than a substring
}

func namePatterns(vals []string) []namePattern {
	out := make([]namePattern, 0, len(vals))
	for _, v := range vals {
		out = append(out, namePattern{text: lowerASCII(v), glob: strings.ContainsAny(v, "*?")})
	}
	return out
}

func (p namePattern) match(s string) bool {
	if p.glob {
		return globFoldASCII(s, p.text)
	}
	return containsFoldASCII(s, p.text)
}

type nameMatcher struct {
	s        []string
	masked   []bool
	pos, neg []namePattern
}

func (m *nameMatcher) keep(r int) bool {
	if m.masked != nil && m.masked[r] {
		return len(m.pos) == 0
	}
	v := m.s[r]
	if len(m.pos) > 0 {
		ok := false
		for _, p := range m.pos {
			if p.match(v) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, p := range m.neg {
		if p.match(v) {
			return false
		}
	}
	return true
}

// --- ASCII case-insensitive helpers ---
//
// File names in MAST are ASCII; folding only ASCII lets the hot loops compare bytes
// against pre-lowered patterns without allocating lower-cased copies of every name.

func lowerByte(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + ('a' - 'A')
	}
	return b
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lowerByte(b[j])
			}
			return string(b)
		}
	}
	return s
}

func lowerAll(vals []string) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = lowerASCII(v)
	}
	return out
}

// equalLowerASCII reports whether s equals the lower-cased lower, ignoring ASCII case.
func equalLowerASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerByte(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

func hasSuffixFoldASCII(s, lowerSuffix string) bool {
	return len(s) >= len(lowerSuffix) && equalLowerASCII(s[len(s)-len(lowerSuffix):], lowerSuffix)
}

func containsFoldASCII(s, lowerSub string) bool {
	n := len(lowerSub)
	if n == 0 {
		return true
	}
	first := lowerSub[0]
	for i := 0; i+n <= len(s); i++ {
		if lowerByte(s[i]) == first && equalLowerASCII(s[i:i+n], lowerSub) {
			return true
		}
	}
	return false
}

// globFoldASCII matches the whole of s against a lower-cased pattern where '*' is any
// run of characters and '?' exactly one character; iterative, backtracking only to the
// last '*', so it is linear-ish and never allocates.
func globFoldASCII(s, pat string) bool {
	si, pi := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		if pi < len(pat) {
			switch pat[pi] {
			case '*':
				starP, starS = pi, si
				pi++
				continue
			case '?':
				_, w := utf8.DecodeRuneInString(s[si:])
				si += w
				pi++
				continue
			default:
				if lowerByte(s[si]) == pat[pi] {
					si++
					pi++
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last '*' swallow one more character and retry.
		_, w := utf8.DecodeRuneInString(s[starS:])
		starS += w
		si, pi = starS, starP+1
	}
	for pi < len(pat) && pat[pi] == '*' {
		pi++
	}
	return pi == len(pat)
}
