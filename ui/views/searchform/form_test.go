package searchform

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/uitest"
)

func TestEmptyFormIsRejected(t *testing.T) {
	m := newForm(t, nil, 100, 30)
	if _, ok := submit(t, m); ok {
		t.Fatal("empty form submitted")
	}
	if e := m.Errors()[FieldTarget]; !strings.Contains(e, "target is empty") {
		t.Fatalf("error %q", e)
	}
	if !strings.Contains(m.View(), "✗ target is empty") {
		t.Fatalf("error not drawn:\n%s", m.View())
	}
	typeInto(m, "M")
	if m.Errors()[FieldTarget] != "" {
		t.Fatal("editing the field did not clear its error")
	}
}

func TestNameSearchBuildsQuery(t *testing.T) {
	m := newForm(t, nil, 100, 30)
	typeInto(m, "  NGC 6121 ")
	msg, ok := submit(t, m)
	if !ok {
		t.Fatalf("not submitted: %v", m.Errors())
	}
	s := msg.Search
	if s.Query.Object != "NGC 6121" || s.Query.RadiusDeg != 0.2 || s.Query.Resolver != "" || s.Radius != "0.2 deg" || s.Query.Criteria != nil {
		t.Fatalf("search %+v", s)
	}
}

func TestParserHooksAreUsed(t *testing.T) {
	called := ""
	p := Parsers{
		Coordinates: func(s string) (mast.Position, error) { called += "c"; return mast.Position{RA: 1, Dec: 2}, nil },
		Radius:      func(s string) (float64, error) { called += "r"; return 0, errors.New("hook says no") },
	}
	m := New(uitest.Common(""), nil, p)
	m.SetSize(100, 20)
	typeInto(m, "1 2")
	called = ""
	if _, ok := submit(t, m); ok {
		t.Fatal("submitted despite the radius hook's error")
	}
	if !strings.HasPrefix(called, "cr") || m.Errors()[FieldRadius] != "hook says no" || m.Focused() != FieldRadius {
		t.Fatalf("called %q errors %v focus %d", called, m.Errors(), m.Focused())
	}
}

func TestResolverCycles(t *testing.T) {
	m := newForm(t, nil, 100, 30)
	keys := m.c.Keys.Form
	press(m, keys.Next)
	press(m, keys.Next)
	if m.Focused() != FieldResolver {
		t.Fatalf("focus %d", m.Focused())
	}
	want := []string{"SIMBAD", "NED", "", "NED"}
	msgs := []tea.KeyMsg{{Type: tea.KeySpace, Runes: []rune{' '}}, {Type: tea.KeyRight}, {Type: tea.KeySpace, Runes: []rune{' '}}, {Type: tea.KeyLeft}}
	for i, k := range msgs {
		m.Update(k)
		if got := m.Resolver(); got != want[i] {
			t.Fatalf("step %d: resolver %q, want %q", i, got, want[i])
		}
	}
	if !strings.Contains(m.View(), "● NED") {
		t.Fatalf("choice not marked:\n%s", m.View())
	}
}

// The submitted query holds the target, radius, resolver and every filled criterion in
// field order, added ones last; empty fields are skipped.
func TestSubmitBuildsExactQuery(t *testing.T) {
	a := newFake()
	a.validate = func([]mast.Criterion) error { return nil }
	m := newForm(t, a, 120, 40)
	fill(t, m, FieldTarget, "M101")
	fill(t, m, FieldRadius, "3 arcmin")
	m.setFocus(FieldResolver)
	press(m, m.c.Keys.Form.Cycle) // ← from any wraps to NED
	m.setFocus(FieldCollection)
	m.coll.SetFilter("JW")
	press(m, m.c.Keys.Form.Toggle)
	m.coll.SetFilter("HST")
	press(m, m.c.Keys.Form.Toggle)
	fill(t, m, FieldInstrument, "NIRCAM*")
	fill(t, m, FieldTime, "2022-07-01..2024-12-31")
	fill(t, m, FieldExposure, " >100 ")
	fill(t, m, FieldPI, "!Smith")
	press(m, m.c.Keys.Form.Add)
	typeInto(m, "OBS_ID")
	press(m, m.c.Keys.Form.Submit) // adds the row, focused
	if m.FocusedColumn() != "obs_id" {
		t.Fatalf("focus on %q after adding obs_id", m.FocusedColumn())
	}
	drive(t, m, tea.Batch(typeInto(m, "jw*")...))
	msg, ok := submit(t, m)
	if !ok {
		t.Fatalf("not submitted: %q", m.Errors())
	}
	want := mast.Query{
		Object:    "M101",
		RadiusDeg: 3.0 / 60,
		Resolver:  "NED",
		Criteria: []mast.Criterion{
			{Name: "obs_collection", Value: "HST,JWST"},
			{Name: "instrument_name", Value: "NIRCAM*"},
			{Name: "t_min", Value: "2022-07-01..2024-12-31"},
			{Name: "t_exptime", Value: ">100"},
			{Name: "proposal_pi", Value: "!Smith"},
			{Name: "obs_id", Value: "jw*"},
		},
	}
	if !reflect.DeepEqual(msg.Search.Query, want) {
		t.Fatalf("query\n got %+v\nwant %+v", msg.Search.Query, want)
	}
	if msg.Search.Target != "M101" || msg.Search.Radius != "3 arcmin" {
		t.Fatalf("search %+v", msg.Search)
	}
}

// Criteria without a target search by criteria alone; coordinates become a position.
func TestCriteriaOnlyAndCoordinates(t *testing.T) {
	a := newFake()
	a.validate = func([]mast.Criterion) error { return nil }
	m := newForm(t, a, 100, 30)
	fill(t, m, FieldProposal, "1073")
	msg, ok := submit(t, m)
	if !ok {
		t.Fatalf("not submitted: %q", m.Errors())
	}
	want := mast.Query{Criteria: []mast.Criterion{{Name: "proposal_id", Value: "1073"}}}
	if !reflect.DeepEqual(msg.Search.Query, want) || msg.Search.Target != "" {
		t.Fatalf("criteria-only search %+v", msg.Search)
	}
	m.Reset()
	fill(t, m, FieldTarget, "210.8 54.35")
	msg, ok = submit(t, m)
	if p := msg.Search.Query.Position; !ok || p == nil || p.RA != 210.8 || p.Dec != 54.35 || msg.Search.Query.Object != "" {
		t.Fatalf("cone search %+v", msg.Search)
	}
}

func TestResetEmptiesTheForm(t *testing.T) {
	m := newForm(t, newFake(), 100, 30)
	fill(t, m, FieldTarget, "M101")
	fill(t, m, FieldInstrument, "WFC3*")
	m.setFocus(FieldCollection)
	press(m, m.c.Keys.Form.Toggle)
	press(m, m.c.Keys.Form.Add)
	typeInto(m, "obs_id")
	press(m, m.c.Keys.Form.Submit)
	press(m, m.c.Keys.Form.Reset)
	q, _ := m.Query()
	if !reflect.DeepEqual(q, mast.Query{}) || m.NumFields() != numFixed+1 || m.Focused() != FieldTarget {
		t.Fatalf("after reset: query %+v, %d fields, focus %d", q, m.NumFields(), m.Focused())
	}
	if _, ok := m.Count(); ok {
		t.Fatal("the count survived the reset")
	}
	if !strings.Contains(m.View(), "[0.2 deg") {
		t.Fatalf("radius not back to its default:\n%s", m.View())
	}
}

// Time takes a year (issue 9: "2023" was MJD 2023 and matched nothing, silently); a
// small number that is no year gets a hint under the field.
func TestTimeYear(t *testing.T) {
	a := uitest.SimArchive(t)
	want, err := a.Count(t.Context(), mast.Query{Criteria: []mast.Criterion{{Name: "t_min", Value: "2023-01-01..2023-12-31"}}})
	if err != nil || want == 0 {
		t.Fatalf("count of 2023: %d, %v", want, err)
	}
	m := newForm(t, a, 120, 40)
	fill(t, m, FieldTime, "2023")
	if n, ok := m.Count(); m.Errors()[FieldTime] != "" || !ok || n != want {
		t.Fatalf("2023: error %q, count %d (%v), want %d", m.Errors()[FieldTime], n, ok, want)
	}
	fill(t, m, FieldTime, "2023.5")
	if e := m.Errors()[FieldTime]; !strings.Contains(e, "not a year") || !strings.Contains(e, "write a year (2023)") {
		t.Fatalf("2023.5: error %q", e)
	}
}

// A name with no position is marked on the target field as soon as typing stops, and
// enter stays in the form (issue 9: it searched and landed on "Search failed").
func TestUnresolvableNameStaysInTheForm(t *testing.T) {
	a := newFake()
	a.Unresolved = []string{"NoSuchThing"}
	m := newForm(t, a, 120, 40)
	fill(t, m, FieldTarget, "NoSuchThing")
	if e := m.Errors()[FieldTarget]; !strings.Contains(e, `could not resolve "NoSuchThing"`) {
		t.Fatalf("target error %q", e)
	}
	if _, ok := m.Count(); ok || len(a.Counts()) != 0 {
		t.Fatalf("counted an unresolvable name: %v", a.Counts())
	}
	m.setFocus(FieldInstrument)
	if _, ok := submit(t, m); ok || m.Focused() != FieldTarget {
		t.Fatalf("submitted, or focus %d not on the target", m.Focused())
	}
	// Enter right after typing, before the form has asked: the same, from enter's own ask.
	m = newForm(t, a, 120, 40)
	typeInto(m, "NoSuchThing")
	if _, ok := submit(t, m); ok {
		t.Fatal("submitted an unresolvable name")
	}
	if e := m.Errors()[FieldTarget]; !strings.Contains(e, `could not resolve "NoSuchThing"`) {
		t.Fatalf("target error after enter %q", e)
	}
	// A name that resolves shows where, and searches.
	m = newForm(t, a, 120, 40)
	fill(t, m, FieldTarget, "M101")
	if !strings.Contains(m.View(), "M101 → 210.802429 +54.348750 (SIMBAD)") || m.Errors()[FieldTarget] != "" {
		t.Fatalf("resolved name:\n%s", m.View())
	}
	if msg, ok := submit(t, m); !ok || msg.Search.Query.Object != "M101" {
		t.Fatalf("not submitted: %+v", msg)
	}
}

// Coordinates that do not parse are marked as soon as typing stops, like criteria.
func TestBadCoordinatesMarkedAsYouType(t *testing.T) {
	m := newForm(t, newFake(), 120, 40)
	fill(t, m, FieldTarget, "210.8 95")
	if e := m.Errors()[FieldTarget]; !strings.Contains(e, "Dec 95 is out of range") {
		t.Fatalf("target error %q", e)
	}
	fill(t, m, FieldRadius, "3 parsecs")
	if e := m.Errors()[FieldRadius]; !strings.Contains(e, "unknown radius unit") {
		t.Fatalf("radius error %q", e)
	}
	fill(t, m, FieldTarget, "210.8 54.35")
	if e := m.Errors()[FieldTarget]; e != "" {
		t.Fatalf("good coordinates marked %q", e)
	}
}
