package searchform

import (
	"strings"
	"testing"
)

// A value no observation holds gets the nearest known values under its field once
// typing pauses (HTS: did you mean HST?); the note goes with the next edit and does not
// stop the search.
func TestValueSuggestionInline(t *testing.T) {
	m := newForm(t, newFake(), 100, 40)
	fill(t, m, FieldProduct, "imgae")
	fill(t, m, FieldRights, "PUBLIC")
	if v := m.View(); !strings.Contains(v, `"imgae" matches nothing; did you mean image?`) || strings.Contains(v, `"PUBLIC" matches`) {
		t.Fatalf("no suggestion under Product type (or one under a known value):\n%s", v)
	}
	fill(t, m, FieldProduct, "image")
	if v := m.View(); strings.Contains(v, "matches nothing") {
		t.Fatalf("the suggestion stayed after the fix:\n%s", v)
	}
	fill(t, m, FieldProduct, "imgae")
	if _, ok := submit(t, m); !ok {
		t.Fatal("a suggestion stopped the search")
	}
}
