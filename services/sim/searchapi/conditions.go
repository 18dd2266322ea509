package searchapi

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"mastui/services/sim/archive"
)

// condTerm is one comma-separated term of a condition value.
type condTerm struct {
	neg      bool
	op       string // "=", "<", ">", "<=", ">=", "..", "glob"
	num, hi  float64
	str, sHi string
}

// condition is one compiled {"col": value} filter.
type condition struct {
	col   archive.SearchCol
	terms []condTerm
}

// compileCondition parses a condition value with the server syntax: "," OR, leading
// "!" NOT, comparison operators and "a..b" ranges on numbers and dates, "*" wildcards.
func compileCondition(c archive.SearchCol, v any) (condition, error) {
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
			if a, b, ok := strings.Cut(t, ".."); ok && (c.Numeric() || c.Datatype == "datetime") {
				ct.op, t, ct.sHi = "..", strings.TrimSpace(a), strings.TrimSpace(b)
			} else if strings.Contains(t, "*") {
				ct.op = "glob"
			}
		}
		ct.str = t
		switch {
		case c.Numeric() && ct.op != "glob":
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
		case c.Numeric():
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

func (t condTerm) match(c archive.SearchCol, v any) bool {
	if v == nil {
		return false
	}
	if c.Numeric() {
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
