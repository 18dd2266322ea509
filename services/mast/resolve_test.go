package mast

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// santaFake answers like SANTA: entries of santa.json whose searchString is a requested
// (lower-cased) name, and generated entries for names "obj<N>".
func santaFake(t *testing.T) func(q url.Values, n int) reply {
	var db struct {
		ResolvedCoordinate []map[string]any `json:"resolvedCoordinate"`
	}
	if err := json.Unmarshal([]byte(fixture(t, "santa.json")), &db); err != nil {
		t.Fatal(err)
	}
	return func(q url.Values, n int) reply {
		out := []map[string]any{}
		for i, name := range q["name"] {
			ln := strings.ToLower(name)
			for _, e := range db.ResolvedCoordinate {
				if e["searchString"] == ln {
					out = append(out, e)
				}
			}
			if strings.HasPrefix(ln, "obj") {
				out = append(out, map[string]any{"searchString": ln, "resolver": "SIMBAD", "canonicalName": name, "ra": float64(i), "decl": 1.5})
			}
		}
		b, _ := json.Marshal(map[string]any{"resolvedCoordinate": out, "status": ""})
		return reply{body: string(b)}
	}
}

func TestResolveBatching(t *testing.T) {
	f := newFake(t)
	f.onSanta = santaFake(t)
	c := f.client(nil)
	var names []string
	for i := 0; i < 31; i++ {
		names = append(names, fmt.Sprintf("obj%d", i))
	}
	res, err := c.Resolve(context.Background(), names, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.santaQs) != 2 || len(f.santaQs[0]["name"]) != 30 || len(f.santaQs[1]["name"]) != 1 {
		t.Fatalf("SANTA requests %v, want 30 + 1 names", f.santaQs)
	}
	q := f.santaQs[0]
	if q.Get("outputFormat") != "json" || q.Get("resolveAll") != "False" || q.Has("resolver") {
		t.Errorf("query %v", q)
	}
	if len(res) != 31 || res[30].Name != "obj30" || res[30].RA != 0 || res[5].RA != 5 {
		t.Errorf("results %+v", res[28:])
	}
	// Cached: no new request.
	if _, err := c.Resolve(context.Background(), []string{"OBJ3"}, ""); err != nil || len(f.santaQs) != 2 {
		t.Errorf("cache miss: %v, %d requests", err, len(f.santaQs))
	}
}

func TestResolveChoice(t *testing.T) {
	f := newFake(t)
	f.onSanta = santaFake(t)
	c := f.client(nil)
	res, err := c.Resolve(context.Background(), []string{"M101"}, "")
	if err != nil || res[0].Resolver != "SIMBAD" || res[0].RA != 210.802429 || res[0].Dec != 54.34875 || res[0].ObjectType != "GinPair" {
		t.Errorf("first answer: %+v %v", res, err)
	}
	res, err = c.Resolve(context.Background(), []string{"M101"}, "ned")
	if err != nil || res[0].Resolver != "NED" || res[0].CanonicalName != "MESSIER 101" || res[0].Dec != 54.34895 {
		t.Errorf("NED: %+v %v", res, err)
	}
	if got := f.santaQs[len(f.santaQs)-1]["resolver"]; len(got) != 1 || got[0] != "NED" {
		t.Errorf("resolver param %v", got)
	}
	if _, err := c.Resolve(context.Background(), []string{"M8"}, "NED"); err == nil ||
		err.Error() != `could not resolve "M8" to a sky position using resolver "NED"` {
		t.Errorf("M8 with NED: %v", err)
	}
	_, err = c.Resolve(context.Background(), []string{"nothing-here"}, "")
	var nr *NotResolvedError
	if !errors.As(err, &nr) || err.Error() != `could not resolve "nothing-here" to a sky position` {
		t.Errorf("unresolvable: %v", err)
	}
	if _, err := c.Resolve(context.Background(), []string{"M101"}, "VizieR"); err == nil || !strings.Contains(err.Error(), "use SIMBAD or NED") {
		t.Errorf("bad resolver: %v", err)
	}
	// Catalog names add their catalog resolver.
	res, err = c.Resolve(context.Background(), []string{"TIC 141914082"}, "SIMBAD")
	if err != nil || res[0].Resolver != "SIMBAD" {
		t.Errorf("TIC via SIMBAD: %+v %v", res, err)
	}
	if got := f.santaQs[len(f.santaQs)-1]["resolver"]; strings.Join(got, ",") != "SIMBAD,TIC" {
		t.Errorf("resolver params %v, want SIMBAD,TIC", got)
	}
}

func TestResolveFallbackToNameLookup(t *testing.T) {
	f := newFake(t)
	f.onSanta = func(q url.Values, n int) reply { return reply{status: 500, body: "down"} }
	f.onInvoke = func(c invokeCall, n int) reply {
		if c.Service != "Mast.Name.Lookup" {
			t.Errorf("service %s", c.Service)
		}
		return reply{body: fixture(t, "name_lookup.json")}
	}
	c := f.client(nil)
	res, err := c.Resolve(context.Background(), []string{"M8"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if res[0].RA != 270.904 || res[0].Dec != -24.38 || res[0].CanonicalName != "MESSIER 008" {
		t.Errorf("fallback result %+v", res[0])
	}
	if len(f.santaQs) != 2 {
		t.Errorf("SANTA tried %d times, want 2 (one retry)", len(f.santaQs))
	}
	call := f.calls()[0]
	if !sameJSON(t, call.params(), `{"input": "M8", "format": "json"}`) || call.Req["format"] != "json" {
		t.Errorf("lookup request %v", call.Req)
	}
}
