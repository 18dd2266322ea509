package mast_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"mastui/services/mast"
	"mastui/services/sim"
)

// ResolveAll: every resolver's answer per name, 30 names per SANTA request at most,
// resolveAll=True and no resolver; an unknown name is an entry without answers.
func TestSimResolveAllBatches(t *testing.T) {
	s, err := sim.New(sim.Options{Archive: demoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var batches []int
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/Santa-war/query" {
			q := r.URL.Query()
			if q.Get("resolveAll") != "True" || q.Has("resolver") {
				t.Errorf("SANTA asked %s", r.URL.RawQuery)
			}
			mu.Lock()
			batches = append(batches, len(q["name"]))
			mu.Unlock()
		}
		s.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c := mast.New(mast.Config{BaseURL: ts.URL})
	names := []string{"M101", "Planet X", "m101"}
	for i := 1; len(names) < 62; i++ {
		names = append(names, fmt.Sprintf("M%d", i))
	}
	res, err := c.ResolveAll(context.Background(), names...)
	if err != nil {
		t.Fatal(err)
	}
	// 61 distinct names (M101 and m101 differ as text) in batches of 30.
	if fmt.Sprint(batches) != "[30 30 1]" {
		t.Errorf("batches %v, want [30 30 1]", batches)
	}
	if len(res) != len(names) {
		t.Fatalf("%d results for %d names", len(res), len(names))
	}
	m101 := res[0]
	var rs []string
	for _, a := range m101.Answers {
		rs = append(rs, a.Resolver)
		if a.Name != "M101" || a.CanonicalName == "" || a.RA < 210 || a.RA > 211 {
			t.Errorf("answer %+v", a)
		}
	}
	if strings.Join(rs, ",") != "SIMBAD,SIMBADCFA,NED" {
		t.Errorf("M101 resolvers %v", rs)
	}
	if res[1].Name != "Planet X" || len(res[1].Answers) != 0 {
		t.Errorf("unknown name: %+v", res[1])
	}
	if len(res[2].Answers) != 3 || res[2].Answers[0].Name != "m101" {
		t.Errorf("m101: %+v", res[2])
	}
	if _, err := c.ResolveAll(context.Background(), "M1", " "); err == nil {
		t.Error("an empty name must fail")
	}
}
