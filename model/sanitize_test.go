package model

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// osc52 would set the terminal's clipboard, osc0 rename its window.
const (
	osc52 = "\x1b]52;c;cm0gLXJmIH4K\x07"
	osc0  = "\x1b]0;pwned\x1b\\"
)

func TestSanitizeText(t *testing.T) {
	cases := map[string]string{
		"plain":                             "plain",
		"\x1b]0;pwned\x07title":             "title",
		"\x1b]52;c;ZXZpbA==\x1b\\ok":        "ok",
		"M 101" + osc52 + osc0:              "M 101",
		"tab\there":                         "tab here",
		"two\r\nlines":                      "two  lines",
		"bell\x07":                          "bell",
		"\u009b31mx":                        "x",
		"\u009d0;title\u009cafter":          "after", // 8-bit OSC ... ST
		"\u0090dcs\x1b\\after":              "after", // 8-bit DCS ... ESC \
		"a\x1bPq#0;2;0;0;0\x1b\\b":          "ab",    // DCS (sixel) dropped whole
		"a\x1b_apc\x07b":                    "ab",    // APC
		"a\x1b(Bb":                          "ab",    // charset designation with its final byte
		"a\x1bcb":                           "ab",    // RIS (full reset)
		"a\x1b[?1049hb":                     "ab",    // private CSI
		"a\x1b[2 qb":                        "ab",    // CSI with an intermediate
		"a\x1b]8;;http://x\x1b\\link":       "alink", // hyperlink opener dropped
		"cut\x1b]0;never terminated":        "cut",   // an open string eats the rest
		"esc at end\x1b":                    "esc at end",
		"M 101 ✓":                           "M 101 ✓",
		"abc\u202edef":                      "abcdef",
		"\u2066iso\u2069\u200e\u200f\u061c": "iso",
		"nel\u0085x\u2028y":                 "nel x y",
		"bad\xff\xfeutf8":                   "bad\ufffd\ufffdutf8",
		"del\x7f":                           "del",
		"keep \ufffd":                       "keep \ufffd",
	}
	for in, want := range cases {
		if got := SanitizeText(in); got != want {
			t.Errorf("SanitizeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// checkSafe fails when s could drive a terminal: any C0/C1 control, DEL, bidi control
// or invalid UTF-8.
func checkSafe(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s: invalid UTF-8 %q", what, s)
	}
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && r < 0xa0 || isBidiControl(r) || r == 0x2028 || r == 0x2029 {
			t.Fatalf("%s: control %U in %q", what, r, s)
		}
	}
}

func FuzzSanitizeText(f *testing.F) {
	for _, s := range []string{"M 101", osc52, osc0, "\x1b[31mred\x1b[0m", "\u009b2J", "\u009d52;c;x\u009c",
		"a\u202eb", "\xc2", "\xe2\x80", "x\x1b", "\x1b\x1b]0;t\x07", "\t\n\r", "日本語\x1b[1m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SanitizeText(s)
		checkSafe(t, "SanitizeText", got)
		if again := SanitizeText(got); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
		if len(got) > 3*len(s) { // at most one U+FFFD per input byte
			t.Fatalf("grew: %q -> %q", s, got)
		}
		sn := Snippet([]byte(s), 20)
		checkSafe(t, "Snippet", sn)
		if n := utf8.RuneCountInString(sn); n > 21 {
			t.Fatalf("Snippet has %d runes: %q", n, sn)
		}
	})
}

func TestSnippetCutsOnCharacterBoundaries(t *testing.T) {
	body := []byte(strings.Repeat("é", 300)) // 2 bytes each: a byte cut would split one
	s := Snippet(body, 201)
	if !utf8.ValidString(s) || !strings.HasSuffix(s, "…") || utf8.RuneCountInString(s) != 202 {
		t.Fatalf("Snippet = %q (%d runes)", s, utf8.RuneCountInString(s))
	}
	// A long body is read only in part, and the part also ends on a character start.
	long := append(bytes.Repeat([]byte("日"), 10000), "tail"...)
	s = Snippet(long[1:], 10) // starts inside a character
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) != 11 {
		t.Fatalf("Snippet = %q", s)
	}
	if got := Snippet([]byte("  Internal\r\n\tServer   Error "+osc0), 200); got != "Internal Server Error" {
		t.Errorf("Snippet = %q", got)
	}
}

func hostileTable() *Table {
	return NewTable(
		strCol("target_name", "M101"+osc52, "NGC\u202e1"+osc0),
		strCol("bad"+osc0+"name", "x", "y\u0085z"),
		&Column{Name: "s_ra", Kind: KindFloat, Float: []float64{1.5, math.NaN()}},
	)
}

func TestWriteCSVSanitizesServerText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, hostileTable()); err != nil {
		t.Fatal(err)
	}
	want := "target_name,badname,s_ra\nM101,x,1.5\nNGC1,y z,\n"
	if b.String() != want {
		t.Errorf("csv =\n%q\nwant\n%q", b.String(), want)
	}
	if _, err := csv.NewReader(&b).ReadAll(); err != nil {
		t.Error(err)
	}
}

func TestWriteTextSanitizesNamesAndMarksNulls(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, hostileTable()); err != nil {
		t.Fatal(err)
	}
	checkSafe(t, "text", strings.ReplaceAll(b.String(), "\n", " "))
	want := "target_name badname s_ra\n----------- ------- ----\nM101        x        1.5\nNGC1        y z       --\n"
	if b.String() != want {
		t.Errorf("text =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteJSONEscapesEveryControl(t *testing.T) {
	tb := NewTable(strCol("n\x1b]0;k\x07", "a\x1b]52;c;eA==\x07\u009b2J\u202e\u2066\u061c\u2028b"))
	var b bytes.Buffer
	if err := WriteJSON(&b, tb); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	checkSafe(t, "json", strings.ReplaceAll(out, "\n", " "))
	want := `{"n\u001b]0;k\u0007": "a\u001b]52;c;eA==\u0007\u009b2J\u202e\u2066\u061c\u2028b"}`
	if !strings.Contains(out, want) {
		t.Errorf("json =\n%s\nwant it to hold\n%s", out, want)
	}
	var rows []map[string]string // the values survive exactly
	if err := json.Unmarshal(b.Bytes(), &rows); err != nil || rows[0]["n\x1b]0;k\x07"] != tb.Columns[0].Str[0] {
		t.Errorf("round trip: %v %q", err, rows)
	}
}
