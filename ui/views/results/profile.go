package results

import (
	"context"

	"mastui/services/mast"
	"mastui/ui/common"
)

// Profile is what differs between the observation results (CAOM, Portal API) and the
// dataset results of a Search API mission: the same view pages, sorts, selects and
// describes both.
type Profile struct {
	// Name routes this view's messages and names its saved column choice
	// ("observations", "missions.jwst").
	Name string
	// Noun is what a row is, plural ("observations", "datasets").
	Noun string
	// Mission is the Search API mission; "" for CAOM observations.
	Mission string
	// KeyColumns are shown first, in this order; the others follow in table order.
	KeyColumns []string
	// IDColumn holds what enter lists the products of (obsid, or the dataset keyword);
	// LabelColumn names the rows for humans and titles the details pane.
	IDColumn    string
	LabelColumn string
	// CopyIDColumn and CopyURLColumn are copied by Y and u ("" when there is none).
	CopyIDColumn  string
	CopyURLColumn string
	// SearchColumns exist only in positional searches (distance; search_pos, ang_sep): a saved
	// column choice that names none of them was made on another kind of search, so
	// they are shown after the first chosen column rather than hidden.
	SearchColumns []string
	// Describe, when set, describes the columns for the details pane (a catalog's rows
	// carry their own descriptions: it may return none).
	Describe func(ctx context.Context) ([]mast.FieldMeta, error)
	// Sources makes the loaded rows (position and magnitude) the catalog overlay of the
	// other views' sky panels.
	Sources bool
}

// ObservationsProfile is the CAOM observation results of the Observations tab.
func ObservationsProfile() Profile {
	return Profile{
		Name: TableName, Noun: "observations",
		KeyColumns: []string{
			"obs_collection", "instrument_name", "target_name", "filters", "dataproduct_type",
			"calib_level", "t_exptime", "t_min", "proposal_id", "obs_id", "dataRights", "distance",
		},
		IDColumn: "obsid", LabelColumn: "obs_id", CopyIDColumn: "obs_id", CopyURLColumn: "dataURL",
		SearchColumns: []string{"distance"}, // cone searches only
	}
}

// MissionProfile is the dataset results of a Search API mission: the dataset keyword
// first (the grid pins the first column), the search position and separation next.
func MissionProfile(mission string) Profile {
	info, _ := mast.MissionInfo(mission)
	ds := info.DatasetKeyword
	return Profile{
		Name: "missions." + info.Name, Noun: "datasets", Mission: info.Name,
		KeyColumns: []string{ds, "search_pos", "ang_sep"},
		IDColumn:   ds, LabelColumn: ds, CopyIDColumn: ds,
		SearchColumns: []string{"search_pos", "ang_sep"},
	}
}

// pageOf fetches one page (1-based) of a search: a Portal page for observations, an
// offset window of the Search API for a mission.
func pageOf(ctx context.Context, archive common.Archive, s common.Search, page, size int) (*mast.Page, error) {
	if s.Fetch != nil {
		return s.Fetch(ctx, page, size)
	}
	if s.Mission == nil {
		return archive.SearchPage(ctx, s.Query, page, size)
	}
	q := *s.Mission
	q.Offset, q.Limit = (page-1)*size, size
	mp, err := archive.MissionSearch(ctx, q)
	if err != nil {
		return nil, err
	}
	t := mp.Table
	pages := page
	if mp.HitLimit {
		pages = max(page+1, int((mp.Total+int64(size)-1)/int64(size)))
	}
	return &mast.Page{Table: t, RowsFiltered: mp.Total, PagesFiltered: pages, Notices: mp.Messages}, nil
}

// metadataOf describes the columns: Mast columnsconfig for observations, the mission's
// column list (label = field_name) for a mission.
func metadataOf(ctx context.Context, archive common.Archive, p Profile) ([]mast.FieldMeta, error) {
	if p.Describe != nil {
		return p.Describe(ctx)
	}
	if p.Mission == "" {
		return archive.Metadata(ctx, TableName)
	}
	cols, err := archive.MissionColumns(ctx, p.Mission)
	if err != nil {
		return nil, err
	}
	out := make([]mast.FieldMeta, len(cols))
	for i, c := range cols {
		out[i] = mast.FieldMeta{Name: c.Name, Label: c.FieldName, Type: c.Type, Description: c.Description}
	}
	return out, nil
}
