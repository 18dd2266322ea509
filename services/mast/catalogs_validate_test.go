package mast_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"mastui/services/mast"
)

// Criteria are checked without a query, and the one at fault is named by its index: a
// form marks that field.
func TestValidateCatalogCriteria(t *testing.T) {
	cs := newCatalogSim(t)
	ctx := context.Background()
	good := []mast.Criterion{{Name: "Tmag", Value: "<12"}, {Name: "objType", Value: "STAR"}}
	if err := cs.c.ValidateCatalogCriteria(ctx, "TIC", good); err != nil {
		t.Fatal(err)
	}
	sent := len(cs.sent)
	if err := cs.c.ValidateCatalogCriteria(ctx, "CTL", good); err != nil {
		t.Fatal(err)
	}
	if len(cs.sent) != sent {
		t.Fatalf("the second check made %d requests (the configuration is cached)", len(cs.sent)-sent)
	}
	for _, q := range cs.sent {
		if s := string(q["service"]); strings.Contains(s, "Rows") || strings.Contains(s, "Filtered") {
			t.Fatalf("validation ran a query: %s", s)
		}
	}
	bad := append(good, mast.Criterion{Name: "Teff", Value: "hot"})
	err := cs.c.ValidateCatalogCriteria(ctx, "TIC", bad)
	var ce *mast.CriterionError
	if !errors.As(err, &ce) || ce.Index != 2 || ce.Name != "Teff" {
		t.Fatalf("err = %#v", err)
	}
	err = cs.c.ValidateCatalogCriteria(ctx, "TIC", []mast.Criterion{{Name: "Tmagg", Value: "1..2"}})
	if !errors.As(err, &ce) || ce.Index != 0 || !strings.Contains(err.Error(), `did you mean "Tmag"`) {
		t.Fatalf("err = %v", err)
	}
	if err := cs.c.ValidateCatalogCriteria(ctx, "Gaia", good); err == nil || !strings.Contains(err.Error(), "not available for catalog Gaia") {
		t.Fatalf("err = %v", err)
	}
}
