package products

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseSize turns a size filter as people type it ("<= 5 GB", ">100MB", "1MB..2GB",
// "!<1 KB", several joined by commas) into the numeric filter values of the size
// column, in bytes ("<=5000000000"). Units are decimal (KB = 1000 B) or binary with
// an i (KiB = 1024 B); a bare number is bytes. A leading "size" is ignored.
func ParseSize(text string) ([]string, error) {
	s := strings.TrimSpace(text)
	if l := strings.ToLower(s); strings.HasPrefix(l, "size") {
		s = strings.TrimSpace(s[4:])
	}
	if s == "" {
		return nil, nil
	}
	var out []string
	for _, term := range strings.Split(s, ",") {
		v, err := parseSizeTerm(strings.TrimSpace(term))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func parseSizeTerm(t string) (string, error) {
	neg := strings.HasPrefix(t, "!")
	if neg {
		t = strings.TrimSpace(t[1:])
	}
	prefix := ""
	for _, op := range []string{"<=", ">=", "<", ">", "="} {
		if strings.HasPrefix(t, op) {
			prefix, t = op, strings.TrimSpace(t[len(op):])
			break
		}
	}
	if prefix == "=" {
		prefix = ""
	}
	var body string
	if lo, hi, ok := strings.Cut(t, ".."); ok && prefix == "" {
		a, err := parseBytes(lo)
		if err != nil {
			return "", err
		}
		b, err := parseBytes(hi)
		if err != nil {
			return "", err
		}
		body = strconv.FormatInt(a, 10) + ".." + strconv.FormatInt(b, 10)
	} else {
		n, err := parseBytes(t)
		if err != nil {
			return "", err
		}
		body = prefix + strconv.FormatInt(n, 10)
	}
	if neg {
		body = "!" + body
	}
	return body, nil
}

// parseBytes reads "5 GB", "2.5G", "100 MiB", "1234" as a number of bytes.
func parseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	num, unit := s[:i], strings.ToUpper(strings.TrimSpace(s[i:]))
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || num == "" {
		return 0, fmt.Errorf("size %q: want e.g. <= 5 GB, >100MB or 1MB..2GB", s)
	}
	mult := map[string]float64{
		"": 1, "B": 1,
		"K": 1e3, "KB": 1e3, "M": 1e6, "MB": 1e6, "G": 1e9, "GB": 1e9, "T": 1e12, "TB": 1e12,
		"KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30, "TIB": 1 << 40,
	}
	m, ok := mult[unit]
	if !ok {
		return 0, fmt.Errorf("size %q: unknown unit %q (B, KB, MB, GB, TB, or KiB, MiB…)", s, unit)
	}
	return int64(f*m + 0.5), nil
}
