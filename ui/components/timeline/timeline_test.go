package timeline

import (
	"strings"
	"testing"
)

func TestDateOfMJD(t *testing.T) {
	for mjd, want := range map[float64]string{0: "1858-11-17", 51544: "2000-01-01", 59897.5: "2022-11-14"} {
		if got := Date(mjd); got != want {
			t.Errorf("Date(%g) = %s, want %s", mjd, got, want)
		}
	}
}

func TestRenderStripsMarksAndDates(t *testing.T) {
	spans := []Span{
		{Start: 51544, End: 51545, Group: "HST"},
		{Start: 51544, End: 51545, Group: "HST"},
		{Start: 55000, End: 55010, Group: "HST", Selected: true},
		{Start: 59000, End: 59001, Group: "JWST", Cursor: true},
	}
	if h := Height(spans, 4); h != 4 {
		t.Fatalf("height %d, want 2 groups + marks + dates", h)
	}
	lines := strings.Split(Render(spans, 60, 4, Styles{}), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	if !strings.HasPrefix(lines[0], "HST ") || !strings.HasPrefix(lines[1], "JWST") {
		t.Errorf("groups by size, most first:\n%s", strings.Join(lines, "\n"))
	}
	// Two HST observations in the first cell shade it darker than one.
	hst := []rune(lines[0])[6:]
	if hst[0] != '▒' {
		t.Errorf("first HST cell %q, want ▒ (two observations)", hst[0])
	}
	if !strings.Contains(lines[2], "●") || !strings.Contains(lines[2], "▲") {
		t.Errorf("marks line %q lacks the selection or the cursor", lines[2])
	}
	if strings.Index(lines[2], "▲") < strings.Index(lines[2], "●") {
		t.Errorf("the cursor's (2020) comes after the selected (2009): %q", lines[2])
	}
	if !strings.Contains(lines[3], "2000-01-01") || !strings.Contains(lines[3], "2020-06-01") {
		t.Errorf("dates %q", lines[3])
	}
}

func TestManyGroupsFoldIntoOther(t *testing.T) {
	var spans []Span
	for i, g := range []string{"A", "A", "A", "B", "B", "C", "D", "E"} {
		spans = append(spans, Span{Start: float64(50000 + i), End: float64(50000 + i), Group: g})
	}
	out := Render(spans, 40, 3, Styles{})
	if !strings.Contains(out, "other") || strings.Contains(out, "C ") {
		t.Errorf("want A, B and other:\n%s", out)
	}
	if Render(nil, 40, 3, Styles{}) != "" || Height(nil, 3) != 0 {
		t.Error("no spans draw nothing")
	}
}
