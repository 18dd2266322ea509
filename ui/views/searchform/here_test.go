package searchform

import (
	"context"
	"sync"
	"testing"

	"mastui/services/mast"
)

// hereArchive counts facets per search: M101 holds WFC3/UVIS and JWST; any other
// target matches too many observations (Partial).
type hereArchive struct {
	*fakeArchive
	mu    sync.Mutex
	asked []mast.Query
}

func (a *hereArchive) QueryFacets(ctx context.Context, q mast.Query, cols []string) (*mast.QueryFacets, error) {
	a.mu.Lock()
	a.asked = append(a.asked, q)
	a.mu.Unlock()
	if q.Object != "M101" {
		return &mast.QueryFacets{Rows: 900000, Partial: true}, nil
	}
	return &mast.QueryFacets{Rows: 11, Values: map[string][]mast.FacetValue{
		"obs_collection":   {{Key: "JWST", Count: 4}, {Key: "HST", Count: 7}},
		"dataproduct_type": {{Key: "image", Count: 11}},
	}}, nil
}

// Once the count of the form's search is known, the completions and the collection
// grid count the values among that search's observations (the collections without
// the collection criterion); a search too big to count goes back to the archive's.
func TestFacetsCountedForTheSearch(t *testing.T) {
	a := &hereArchive{fakeArchive: newFake()}
	m := newForm(t, a, 100, 40)
	if c := m.candidates(m.fields[FieldProduct], "im"); len(c) != 1 || c[0].Note != "900 in the archive" {
		t.Fatalf("before a search: %+v", c)
	}
	fill(t, m, FieldTarget, "M101")
	m.coll.SetSelected("HST")
	drive(t, m, m.edited())
	if c := m.candidates(m.fields[FieldProduct], ""); len(c) != 2 || c[0].Value != "image" || c[0].Note != "11 here" || c[1].Note != "none here" {
		t.Fatalf("completions for M101: %+v", c)
	}
	opts := m.coll.Options()
	if len(opts) < 3 || opts[0].Key != "HST" || opts[0].Count != 7 || opts[1].Key != "JWST" || opts[2].Count != 0 {
		t.Fatalf("collection grid for M101: %+v", opts)
	}
	a.mu.Lock()
	last := a.asked[len(a.asked)-1]
	a.mu.Unlock()
	for _, c := range last.Criteria {
		if c.Name == "obs_collection" {
			t.Fatalf("the collections were counted with the collection criterion: %+v", last)
		}
	}

	fill(t, m, FieldTarget, "M4")
	if c := m.candidates(m.fields[FieldProduct], "im"); len(c) != 1 || c[0].Note != "900 in the archive" {
		t.Fatalf("a search too big to count: %+v", c)
	}

	// An answer for the search before an edit is dropped.
	fill(t, m, FieldTarget, "M101")
	late := m.startHereFacets()
	m.fields[FieldTarget].Input.SetValue("M4")
	m.edited()
	for _, msg := range runAll(late) {
		m.Update(msg)
	}
	if c := m.candidates(m.fields[FieldProduct], "im"); len(c) != 1 || c[0].Note == "11 here" {
		t.Fatalf("a late answer for M101 counted the M4 search: %+v", c)
	}
}
