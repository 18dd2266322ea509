package form_test

import (
	"reflect"
	"testing"

	"mastui/ui/components/form"
)

func values(cs []form.Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Value)
	}
	return out
}

// Match: prefixes first, then substrings, case-blind; notes match only when asked;
// the list is cut at the limit.
func TestMatchOrderNotesAndLimit(t *testing.T) {
	pool := []form.Candidate{
		{Value: "t_exptime", Note: "Exposure time · s"},
		{Value: "s_ra", Note: "RA · deg"},
		{Value: "target_name", Note: "Target name"},
		{Value: "T_MIN", Note: "Start time · MJD"},
	}
	if got := values(form.Match(pool, "t", false, 10)); !reflect.DeepEqual(got, []string{"t_exptime", "target_name", "T_MIN"}) {
		t.Fatalf("t: %v", got)
	}
	if got := values(form.Match(pool, "min", false, 10)); !reflect.DeepEqual(got, []string{"T_MIN"}) {
		t.Fatalf("min (inside): %v", got)
	}
	if got := values(form.Match(pool, "exposure", false, 10)); got != nil {
		t.Fatalf("a note matched without notes: %v", got)
	}
	if got := values(form.Match(pool, "exposure", true, 10)); !reflect.DeepEqual(got, []string{"t_exptime"}) {
		t.Fatalf("exposure with notes: %v", got)
	}
	if got := form.Match(pool, "", false, 2); len(got) != 2 {
		t.Fatalf("limit: %v", got)
	}
}

// SplitItem: a list field completes its last member, keeping "!" and spaces; a name
// field completes its whole (trimmed) text.
func TestSplitItem(t *testing.T) {
	for _, c := range []struct {
		in         string
		whole      bool
		base, item string
	}{
		{"HST, !JW", false, "HST, !", "JW"},
		{"HS", false, "", "HS"},
		{"HST,", false, "HST,", ""},
		{"  t_exp ", true, "", "t_exp"},
	} {
		if b, i := form.SplitItem(c.in, c.whole); b != c.base || i != c.item {
			t.Errorf("SplitItem(%q, %v) = %q, %q; want %q, %q", c.in, c.whole, b, i, c.base, c.item)
		}
	}
}

// Completion: nothing starts without an item or candidates, or when the item already
// is a candidate; Step wraps both ways; Text keeps the base.
func TestCompletionStartStepText(t *testing.T) {
	cands := []form.Candidate{{Value: "HST"}, {Value: "HLA"}, {Value: "HLSP"}}
	var c form.Completion
	if c.Start(4, "", "", cands) || c.Start(4, "", "H", nil) || c.Start(4, "", "hla", cands) || c.Active {
		t.Fatalf("started on nothing to complete: %+v", c)
	}
	if !c.Start(4, "JWST, ", "H", cands) || !c.On(4) || c.On(3) {
		t.Fatalf("start: %+v", c)
	}
	if c.Text() != "JWST, HST" {
		t.Fatalf("text %q", c.Text())
	}
	c.Step(-1)
	if c.Text() != "JWST, HLSP" {
		t.Fatalf("↑ from the first: %q", c.Text())
	}
	c.Step(1)
	c.Step(1)
	if c.Text() != "JWST, HLA" {
		t.Fatalf("↓↓: %q", c.Text())
	}
	c.Stop()
	if c.On(4) {
		t.Fatal("still active after Stop")
	}
}
