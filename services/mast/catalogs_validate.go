package mast

import (
	"context"
	"fmt"
)

// ValidateCatalogCriteria checks criteria of a TIC, CTL or Disk Detective query exactly
// as a search would encode them (column names against the merged columnsconfig, ranges
// for continuous columns, values for discrete ones), without running the query: a form
// can mark the field at fault. The error is a *CriterionError naming it. The
// configuration is cached, so only the first call makes requests.
func (c *Client) ValidateCatalogCriteria(ctx context.Context, catalog string, criteria []Criterion) error {
	cat, _ := LookupCatalog(catalog)
	if !cat.Criteria || cat.colCfgID == "" {
		return fmt.Errorf("criteria queries are not available for catalog %s (only TIC, CTL, DiskDetective and PanSTARRS)", cat.Name)
	}
	for i, cr := range criteria {
		if _, err := c.catalogFilters(ctx, cat, []Criterion{cr}); err != nil {
			return &CriterionError{Index: i, Name: cr.Name, Err: err}
		}
	}
	return nil
}
