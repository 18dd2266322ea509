package mast

import (
	"context"
	"fmt"
)

// CriterionError says which criterion of a list is bad, so a form can mark that field.
type CriterionError struct {
	Index int    // position in the list given
	Name  string // the criterion's column name as typed
	Err   error
}

func (e *CriterionError) Error() string { return e.Err.Error() }
func (e *CriterionError) Unwrap() error { return e.Err }

// ValidateCriteria checks criteria exactly as a search would encode them (column names,
// value syntax, ranges, dates, negation), without running a query. It uses the cached
// columnsconfig and facets, so after the first call it makes no request.
func (c *Client) ValidateCriteria(ctx context.Context, criteria []Criterion) error {
	if len(criteria) == 0 {
		return nil
	}
	cc, err := c.columnsConfig(ctx, "Mast.Caom.Cone")
	if err != nil {
		return fmt.Errorf("criteria: %w", err)
	}
	enc := &filterEncoder{cc: cc, facets: func() (*facetCache, error) { return c.facetCache(ctx) }}
	for i, cr := range criteria {
		if _, err := enc.encode(cr); err != nil {
			return &CriterionError{Index: i, Name: cr.Name, Err: err}
		}
	}
	return nil
}
