package common

import (
	"testing"

	"github.com/charmbracelet/x/ansi"

	"mastui/services/mast"
)

func TestCommas(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1804: "1,804", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := Commas(n); got != want {
			t.Errorf("Commas(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMJDDate(t *testing.T) {
	for mjd, want := range map[float64]string{0: "1858-11-17", 59897.5: "2022-11-14", 51544: "2000-01-01", 53765.99: "2006-01-30"} {
		if got := MJDDate(mjd); got != want {
			t.Errorf("MJDDate(%v) = %q, want %q", mjd, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                       "plain",
		"M101\x1b[31m red\x1b[0m":     "M101 red",
		"title\x1b]0;pwned\x07 end":   "title end",
		"tab\there\nnew":              "tab here new",
		"bell\x07":                    "bell",
		"rtl\u202eevil\u202c":         "rtlevil",
		"c1\u009b31m":                 "c1",
		"wide 銀河 ok":                  "wide 銀河 ok",
		"isolate\u2067x\u2069":        "isolatex",
		"arrow → stays, dash – stays": "arrow → stays, dash – stays",
	} {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTruncate(t *testing.T) {
	if got := Truncate("M101-A-VERY-LONG", 8); got != "M101-A-…" {
		t.Errorf("got %q", got)
	}
	if got := Truncate("short", 8); got != "short" {
		t.Errorf("got %q", got)
	}
	if got := Truncate("銀河銀河", 5); ansi.StringWidth(got) > 5 || got != "銀河…" {
		t.Errorf("Truncate wide %q (width %d)", got, ansi.StringWidth(got))
	}
}

func TestFormatResolved(t *testing.T) {
	r := &mast.Resolved{Name: "M101", Resolver: "SIMBAD", Position: mast.Position{RA: 210.802429, Dec: 54.34875}}
	if got := FormatResolved(r); got != "M101 → 210.802429 +54.348750 (SIMBAD)" {
		t.Errorf("got %q", got)
	}
	if FormatResolved(nil) != "" {
		t.Error("nil resolved")
	}
}

func TestCutWithHint(t *testing.T) {
	if got := CutWithHint("short", 20, "ctrl+l shows it all"); got != "short" {
		t.Errorf("fits: %q", got)
	}
	got := CutWithHint("count unavailable: dial tcp: lookup x: no such host", 40, "ctrl+l shows it all")
	if got != "count unavailable: … ctrl+l shows it all" {
		t.Errorf("cut: %q", got)
	}
	if got := CutWithHint("count unavailable: no such host", 12, "ctrl+l shows it all"); got != "count unava…" {
		t.Errorf("narrow: %q", got)
	}
}
