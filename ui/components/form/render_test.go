package form_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/components/form"
	"mastui/ui/uitest"
)

// The focused row's label carries the cursor glyph (readable without colour) and every
// label is the same width.
func TestLabelMarksFocusAndKeepsWidth(t *testing.T) {
	st := uitest.Common("").Styles
	on, off := form.Label(st, "Targets", true, 26), form.Label(st, "a_very_long_column_name_indeed", false, 26)
	if !strings.Contains(on, st.Glyphs.Cursor+" Targets") || strings.Contains(off, st.Glyphs.Cursor) {
		t.Fatalf("labels %q / %q", on, off)
	}
	if ansi.StringWidth(on) != 26 || ansi.StringWidth(off) != 26 {
		t.Fatalf("widths %d / %d, want 26", ansi.StringWidth(on), ansi.StringWidth(off))
	}
}

// A choice row too wide for its room lets the options before the chosen one give way,
// so the chosen one always shows; a blank option shows as blank.
func TestChoicesKeepTheChosenOneInView(t *testing.T) {
	st := uitest.Common("").Styles
	opts := []string{"", "alpha", "bravo", "charlie", "delta"}
	if got := form.Choices(st, opts, 0, "auto", 80); !strings.HasPrefix(got, "[auto]") || !strings.Contains(got, " delta ") {
		t.Fatalf("wide: %q", got)
	}
	got := form.Choices(st, opts, 4, "auto", 20)
	if !strings.HasPrefix(got, "… ") || !strings.Contains(got, "[delta]") || strings.Contains(got, "auto") {
		t.Fatalf("narrow: %q", got)
	}
}
