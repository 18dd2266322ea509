package uitest

import (
	"context"
	"fmt"
	"strings"

	"mastui/model"
	"mastui/services/mast"
)

// Count implements common.Archive: every query matches all Rows.
func (a *Archive) Count(ctx context.Context, q mast.Query) (int64, error) {
	if a.Fail != nil {
		return 0, a.Fail
	}
	if err := a.notResolved(q); err != nil {
		return 0, err
	}
	return int64(a.Rows), nil
}

// Facets implements common.Archive with a small fixed facet set.
func (a *Archive) Facets(ctx context.Context) (map[string][]mast.FacetValue, error) {
	if a.Fail != nil {
		return nil, a.Fail
	}
	return map[string][]mast.FacetValue{
		"obs_collection":   {{Key: "GALEX", Count: 300}, {Key: "HST", Count: 500}, {Key: "JWST", Count: 250}, {Key: "SWIFT", Count: 100}, {Key: "TESS", Count: 50}},
		"dataproduct_type": {{Key: "image", Count: 900}, {Key: "spectrum", Count: 300}},
		"intentType":       {{Key: "calibration", Count: 100}, {Key: "science", Count: 1100}},
		"dataRights":       {{Key: "EXCLUSIVE_ACCESS", Count: 20}, {Key: "PUBLIC", Count: 1180}},
	}, nil
}

// Metadata implements common.Archive for the columns Observations builds.
func (a *Archive) Metadata(ctx context.Context, which string) ([]mast.FieldMeta, error) {
	if a.Fail != nil {
		return nil, a.Fail
	}
	t := Observations(0, 1)
	out := make([]mast.FieldMeta, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = mast.FieldMeta{Name: c.Name, Label: c.Name, Type: c.Kind.String(), Description: "The " + c.Name + " of the observation."}
	}
	return out, nil
}

// ValidateCriteria implements common.Archive: unknown columns are rejected.
func (a *Archive) ValidateCriteria(ctx context.Context, criteria []mast.Criterion) error {
	t := Observations(0, 1)
	for i, c := range criteria {
		if t.ColIndex(c.Name) < 0 {
			return &mast.CriterionError{Index: i, Name: c.Name, Err: fmt.Errorf("unknown column %q", c.Name)}
		}
	}
	return nil
}

// Products implements common.Archive: three products per observation, the last one
// shared by every observation (so duplicates exist).
func (a *Archive) Products(ctx context.Context, obsids []string, opts mast.ProductOptions) (*model.Table, error) {
	if a.Fail != nil {
		return nil, a.Fail
	}
	id := model.NewColumn("obsID", model.KindString, 3*len(obsids))
	name := model.NewColumn("productFilename", model.KindString, 3*len(obsids))
	uri := model.NewColumn("dataURI", model.KindString, 3*len(obsids))
	typ := model.NewColumn("productType", model.KindString, 3*len(obsids))
	size := model.NewColumn("size", model.KindInt, 3*len(obsids))
	for _, o := range obsids {
		for j, suffix := range []string{"_raw.fits", "_cal.fits", "shared_asn.json"} {
			fn := o + suffix
			if j == 2 {
				fn = suffix
			}
			id.Str = append(id.Str, o)
			name.Str = append(name.Str, fn)
			uri.Str = append(uri.Str, "mast:TEST/product/"+fn)
			typ.Str = append(typ.Str, []string{"SCIENCE", "SCIENCE", "AUXILIARY"}[j])
			size.Int = append(size.Int, int64(1000*(j+1)))
		}
	}
	if opts.Progress != nil {
		opts.Progress(len(obsids), len(obsids), id.Len())
	}
	return model.NewTable(id, name, uri, typ, size), nil
}

// MissionColumns implements common.Archive: two queryable columns.
func (a *Archive) MissionColumns(ctx context.Context, mission string) ([]mast.MissionColumn, error) {
	if a.Fail != nil {
		return nil, a.Fail
	}
	return []mast.MissionColumn{
		{Name: "sci_instrume", FieldName: "Instrument", Description: "Instrument name", Type: "string", DefaultOutput: true, Queryable: true},
		{Name: "sci_targname", FieldName: "Target Name", Description: "Target name", Type: "string", DefaultOutput: true, Queryable: true},
	}, nil
}

// MissionSearch implements common.Archive: the observations table, paged by offset.
func (a *Archive) MissionSearch(ctx context.Context, q mast.MissionQuery) (*mast.MissionPage, error) {
	if a.Fail != nil {
		return nil, a.Fail
	}
	for _, o := range q.Objects {
		if err := a.notResolved(mast.Query{Object: o, Resolver: q.Resolver}); err != nil {
			return nil, err
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = mast.DefaultMissionLimit
	}
	from := min(q.Offset, a.Rows)
	to := min(from+limit, a.Rows)
	return &mast.MissionPage{Table: Observations(from, to), Total: int64(a.Rows), Limit: limit, Offset: q.Offset, HitLimit: to-from >= limit}, nil
}

// MissionProducts implements common.Archive: four products per dataset (science FITS in
// two calibration levels, a preview JPEG, an association table), sized by position.
func (a *Archive) MissionProducts(ctx context.Context, mission string, datasets []string, batchSize int) (*model.Table, error) {
	if a.Fail != nil {
		return nil, a.Fail
	}
	n := 4 * len(datasets)
	str := func(name string) *model.Column { return model.NewColumn(name, model.KindString, n) }
	ds, file, uri, suffix, cat, typ, access := str("dataset"), str("filename"), str("uri"), str("file_suffix"), str("category"), str("type"), str("access")
	size := model.NewColumn("size", model.KindInt, n)
	for _, d := range datasets {
		lower := strings.ToLower(d)
		for j, p := range []struct{ suffix, ext, cat, typ string }{
			{"_raw", ".fits", "UNCALIBRATED", "science"},
			{"_flt", ".fits", "CALIBRATED", "science"},
			{"_drz", ".jpg", "PREVIEW", "preview"},
			{"_asn", ".fits", "AUX", "auxiliary"},
		} {
			fn := lower + p.suffix + p.ext
			ds.Str = append(ds.Str, d)
			file.Str = append(file.Str, fn)
			uri.Str = append(uri.Str, d+"/"+fn)
			suffix.Str = append(suffix.Str, strings.TrimPrefix(p.suffix, "_"))
			cat.Str = append(cat.Str, p.cat)
			typ.Str = append(typ.Str, p.typ)
			access.Str = append(access.Str, "PUBLIC")
			size.Int = append(size.Int, int64(10_000*(j+1)))
		}
	}
	return model.NewTable(ds, file, uri, suffix, cat, typ, access, size), nil
}
