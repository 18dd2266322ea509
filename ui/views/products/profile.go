package products

import (
	"context"
	"strings"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
)

// Profile is everything that differs between product lists: CAOM products of
// observations (Mast.Caom.Products) and Search API products of mission datasets
// (MastMissions post_list_products). The view itself only knows the profile.
type Profile struct {
	// Name tells this view's messages from another products view's ("caom", or the
	// mission, e.g. "jwst").
	Name string
	// Noun is what the ids are, plural ("observations", "datasets").
	Noun string
	// FileColumn is the file name column (extension, name and guide_stars read it).
	FileColumn string
	// URIColumn is the column y copies.
	URIColumn string
	// DupKey returns the key of a row for unique products: rows repeating an earlier
	// key are duplicates; "" is never a duplicate.
	DupKey func(t *model.Table) func(row int) string
	// Toggles are the filter panel's toggle groups, in display order.
	Toggles []Toggle
	// MRPOnly and GuideStars say whether the "recommended only" and "hide guide stars"
	// flags exist (productGroupDescription is CAOM's; "_gs-" files are JWST's).
	MRPOnly    bool
	GuideStars bool
	// Columns are shown first, in this order; the table's other columns follow.
	Columns []KeyColumn
	// BatchSize is the number of ids per request.
	BatchSize int
	// Fetch lists the products of one batch of ids.
	Fetch func(ctx context.Context, archive common.Archive, ids []string) (*model.Table, error)
	// Cloud: the URIs are dataURIs, which MAST's path_lookup maps to the cloud bucket.
	Cloud bool
	// Refs maps rows to what the download queue takes.
	Refs func(t *model.Table, rows []int) []model.ProductRef
}

// Toggle is one toggle group of the filter panel.
type Toggle struct {
	Key   string // a column, or model.FilterExtension
	Title string
	// Rank lists values in the order they read best (case-insensitive); the rest
	// follow by count. Numeric sorts by number instead; otherwise by count.
	Rank    []string
	Numeric bool
	Prefix  string // put before each value in the panel ("level 2", ".fits")
}

// KeyColumn is a column shown before the others.
type KeyColumn struct {
	Name   string
	Header string // "" keeps the name
	Cap    int    // width cap
	Bytes  bool   // formatted as a size when numeric
}

// typeOrder is how product types read best: science first, then what supports it.
func typeOrder() []string {
	return []string{"SCIENCE", "CALIBRATION", "AUXILIARY", "PREVIEW", "INFO", "THUMBNAIL"}
}

// CAOMProfile lists the products of CAOM observations, batchSize obsids per request
// (<= 0 means DefaultBatchSize).
func CAOMProfile(batchSize int) Profile {
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	return Profile{
		Name:       "caom",
		Noun:       "observations",
		FileColumn: fileColumn,
		URIColumn:  "dataURI",
		DupKey:     caomDupKey,
		Toggles: []Toggle{
			{Key: keyType, Title: "Type", Rank: typeOrder()},
			{Key: keySubGroup, Title: "Suffix"},
			{Key: keyLevel, Title: "Level", Numeric: true, Prefix: "level "},
			{Key: keyExt, Title: "Extension", Prefix: "."},
		},
		MRPOnly:    true,
		GuideStars: true,
		Columns: []KeyColumn{
			{Name: fileColumn, Cap: 56},
			{Name: "productType", Header: "type", Cap: 11},
			{Name: "productSubGroupDescription", Header: "subgroup", Cap: 12},
			{Name: "calib_level", Header: "level", Cap: 5},
			{Name: "size", Header: "size", Cap: 8, Bytes: true},
			{Name: "obs_id", Cap: 36},
			{Name: "description", Cap: 40},
		},
		BatchSize: batchSize,
		Fetch: func(ctx context.Context, a common.Archive, ids []string) (*model.Table, error) {
			return a.Products(ctx, ids, mast.ProductOptions{BatchSize: len(ids)})
		},
		Refs:  model.ProductRefs,
		Cloud: true,
	}
}

// caomDupKey is mast.UniqueProducts' rule: same dataURI, else same file name when the
// URI is empty.
func caomDupKey(t *model.Table) func(int) string {
	uri, file := t.Col("dataURI"), t.Col(fileColumn)
	return func(r int) string {
		if uri != nil {
			if k := uri.String(r); k != "" {
				return k
			}
		}
		if file != nil {
			if f := file.String(r); f != "" {
				return "file:" + f
			}
		}
		return ""
	}
}

// MissionProfile lists the products of a Search API mission's datasets (hst, jwst …),
// mast.DefaultMissionBatchSize datasets per request.
func MissionProfile(mission string) Profile {
	mission = strings.ToLower(strings.TrimSpace(mission))
	return Profile{
		Name:       mission,
		Noun:       "datasets",
		FileColumn: "filename",
		URIColumn:  "uri",
		DupKey:     missionDupKey,
		Toggles: []Toggle{
			{Key: "category", Title: "Category"},
			{Key: "file_suffix", Title: "Suffix"},
			{Key: "type", Title: "Type", Rank: typeOrder()},
			{Key: keyExt, Title: "Extension", Prefix: "."},
			{Key: "access", Title: "Access"},
		},
		// Guide star files are JWST's; the flag would always count every row elsewhere.
		GuideStars: mission == "jwst",
		Columns: []KeyColumn{
			{Name: "filename", Cap: 56},
			{Name: "category", Cap: 14},
			{Name: "file_suffix", Header: "suffix", Cap: 10},
			{Name: "type", Cap: 10},
			{Name: "size", Cap: 8, Bytes: true},
			{Name: "dataset", Cap: 24},
			{Name: "fileset", Cap: 24},
			{Name: "access", Cap: 10},
		},
		BatchSize: mast.DefaultMissionBatchSize,
		Fetch: func(ctx context.Context, a common.Archive, ids []string) (*model.Table, error) {
			return a.MissionProducts(ctx, mission, ids, len(ids))
		},
		Refs: func(t *model.Table, rows []int) []model.ProductRef {
			return model.MissionProductRefs(mission, t, rows)
		},
	}
}

// missionDupKey is get_unique_product_list's rule (mast.UniqueMissionProducts): the
// first row of each filename is kept; rows without one are all kept.
func missionDupKey(t *model.Table) func(int) string {
	file := t.Col("filename")
	return func(r int) string {
		if file == nil {
			return ""
		}
		return file.String(r)
	}
}
