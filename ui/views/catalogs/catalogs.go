// Package catalogs is the Catalogs tab: astroquery's Catalogs on MAST. A picker row
// chooses the catalog (HSC, GALEX, Gaia, TIC, CTL, Disk Detective, PanSTARRS, PLATO,
// SkyMapper, or any other Mast.Catalogs.<Name>.Cone by name) with its version, or its
// release and table, on rows below it; a target (name or coordinates, resolved as you
// type) and radius; for TIC, CTL, Disk Detective and PanSTARRS, criteria added by
// column name with completion (ranges for continuous columns, values with their counts
// for discrete ones, from the catalog's histograms), checked before anything is sent,
// and a live count where the service has one. Results show in the shared results view
// (sort, column chooser remembered per catalog, details, selection, copy); from an HSC
// row, the match's measurements and its spectra, which can be queued for download.
// Each catalog keeps its own form and results. The picker's last entry (or ctrl+s) is
// the advanced view: any MAST service by name, its params as JSON (advanced.go).
package catalogs

import (
	"context"

	"mastui/download"
	"mastui/model"
	"mastui/services/mast"
)

// ID is the tab's registry name.
const ID = "catalogs"

// Client is what the tab asks of MAST; *mast.Client implements it.
type Client interface {
	Resolve(ctx context.Context, names []string, resolver string) ([]mast.Resolved, error)
	CatalogSearch(ctx context.Context, q mast.CatalogQuery) (*mast.CatalogResult, error)
	CatalogCount(ctx context.Context, q mast.CatalogQuery) (int64, error)
	CatalogColumns(ctx context.Context, catalog, version string) ([]mast.CatalogColumn, error)
	ValidateCatalogCriteria(ctx context.Context, catalog string, criteria []mast.Criterion) error
	HSCMatches(ctx context.Context, matchID, version string) (*model.Table, error)
	HSCSpectra(ctx context.Context) (*model.Table, error)
	HSCSpectrumItems(t *model.Table, rows []int, dir string, flat bool) ([]download.Item, error)
	QueryPanstarrs(ctx context.Context, q mast.PanstarrsQuery) (*mast.PanstarrsPage, error)
	PanstarrsColumns(ctx context.Context, release, table string) ([]mast.PanstarrsColumn, error)
	Service(ctx context.Context, r mast.ServiceRequest) (*mast.ServiceResult, error)
	ServiceCount(ctx context.Context, r mast.ServiceRequest) (int64, error)
}

var _ Client = (*mast.Client)(nil)

// Other is the picker's last choice: any Mast.Catalogs.<Name>.Cone, by name.
const Other = "other"

// Names are the picker's catalogs, in its order: the registry's (HSC first, as
// astroquery's default), then Other.
func Names() []string {
	var out []string
	for _, c := range mast.Catalogs() {
		out = append(out, c.Name)
	}
	return append(out, Other)
}

// catalogOf is the registry entry of a picker name (Other: an empty one).
func catalogOf(name string) mast.Catalog {
	if name == Other {
		return mast.Catalog{Name: Other}
	}
	c, _ := mast.LookupCatalog(name)
	return c
}

// shape is how a catalog's rows read: its id column and the columns shown first.
type shape struct {
	id     string
	keys   []string
	search []string // columns of positional answers only (distances)
}

// shapeOf is the shape of a catalog's rows: the registry's (columns absent from an
// answer are skipped).
func shapeOf(name string) shape {
	c, _ := mast.LookupCatalog(name)
	return shape{c.IDColumn, c.KeyColumns, c.DistanceColumns}
}
