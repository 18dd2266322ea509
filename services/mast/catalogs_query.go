package mast

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"mastui/model"
)

// CatalogQuery is one Portal catalog search (protocol 3.7):
//   - a position or object, no criteria: the catalog's cone service
//   - criteria (TIC, CTL, DiskDetective): Mast.Catalogs.Filtered.<X>[.Position][.Rows]
type CatalogQuery struct {
	Catalog   string    // registry name or alias, or any <Name> of Mast.Catalogs.<Name>.Cone as typed; "" = HSC
	Version   string    // "" = the catalog's default (HSC 3, Gaia DR3)
	Object    string    // resolved first; exclusive with Position
	Position  *Position //
	RadiusDeg float64   // 0 = DefaultRadiusDeg (0.2)
	Resolver  string    // "", "SIMBAD" or "NED"
	// Criteria are column filters (CLI KEY=VALUE syntax, see Criterion), checked against
	// the catalog's columnsconfig merged with its histograms (protocol 3.5).
	Criteria []Criterion
	// Params are the catalog's extra cone parameters (HSC nr, ni, magtype; GALEX
	// maxrecords), integers; any other name is an error.
	Params   []Criterion
	Page     int // 0 = every page; N = only page N
	PageSize int // 0 = Config.PageSize
}

// CatalogResult is the answer of a catalog query.
type CatalogResult struct {
	Table    *model.Table
	Service  string    // the Portal service asked
	Resolved *Resolved // set when Object was resolved
	// Warnings say what the answer may lack: "Maximum catalog results returned ..." when
	// the row count equals the nr / maxrecords cap (astroquery's MaxResultsWarning).
	Warnings []string
	// Paging of the (last) page served.
	Page, PagesFiltered int
	RowsFiltered        int64
}

// catalogRequest builds the Portal request of q.
func (c *Client) catalogRequest(ctx context.Context, q CatalogQuery, count bool) (InvokeRequest, Catalog, *Resolved, int, error) {
	cat, _ := LookupCatalog(q.Catalog)
	fail := func(err error) (InvokeRequest, Catalog, *Resolved, int, error) {
		return InvokeRequest{}, cat, nil, 0, fmt.Errorf("catalog %s: %w", cat.Name, err)
	}
	if cat.REST {
		return fail(fmt.Errorf("PanSTARRS queries go through the Catalogs.MAST REST API, not the Portal"))
	}
	rq, res, err := c.ResolveQuery(ctx, Query{Object: q.Object, Position: q.Position, RadiusDeg: q.RadiusDeg, Resolver: q.Resolver})
	if err != nil {
		return fail(err)
	}
	radius := rq.RadiusDeg
	if radius == 0 {
		radius = DefaultRadiusDeg
	}
	var pos Object
	if rq.Position != nil {
		pos = Object{{"ra", rq.Position.RA}, {"dec", rq.Position.Dec}, {"radius", radius}}
	}
	limit := 0
	if len(q.Criteria) > 0 || count {
		if len(q.Params) > 0 {
			return fail(fmt.Errorf("parameter %s only applies to cone searches", q.Params[0].Name))
		}
		if len(q.Criteria) == 0 && rq.Position == nil {
			return fail(fmt.Errorf("at least one non-positional criterion must be supplied"))
		}
		service, err := cat.CriteriaService(rq.Position != nil, count)
		if err != nil {
			return fail(err)
		}
		filters, err := c.catalogFilters(ctx, cat, q.Criteria)
		if err != nil {
			return fail(err)
		}
		params := append(Object{}, pos...)
		switch {
		case count:
			params = append(params, KV{"columns", "COUNT_BIG(*)"})
		case cat.rows: // astroquery sends columns only to the .Rows services
			params = append(params, KV{"columns", "*"})
		}
		params = append(params, KV{"filters", filters})
		return InvokeRequest{Service: service, Params: params, Extra: map[string]any{"use_json": false}}, cat, res, 0, nil
	}
	if rq.Position == nil {
		return fail(fmt.Errorf("give a position or an object name (or criteria, for %s)", CriteriaCatalogs()))
	}
	service, err := cat.ConeService(q.Version)
	if err != nil {
		return fail(err)
	}
	params := pos
	extra, err := cat.extraParams(q.Params)
	if err != nil {
		return fail(err)
	}
	for _, p := range extra {
		params = append(params, p)
		if p.Key == cat.LimitParam {
			limit = p.Value.(int)
		}
	}
	return InvokeRequest{Service: service, Params: params, Extra: map[string]any{"use_json": false}}, cat, res, limit, nil
}

// CriteriaCatalogs names the catalogs that take criteria: "TIC, CTL, …".
func CriteriaCatalogs() string {
	var names []string
	for _, c := range Catalogs() {
		if c.Criteria {
			names = append(names, c.Name)
		}
	}
	return strings.Join(names, ", ")
}

// extraParams fills the catalog's extra cone parameters: astroquery's defaults (HSC
// nr=50000, ni=1, magtype=1; GALEX maxrecords=50000) overridden by the given ones.
func (cat Catalog) extraParams(given []Criterion) ([]KV, error) {
	defaults := map[string]int{"nr": 50000, "ni": 1, "magtype": 1, "maxrecords": 50000}
	var out []KV
	for _, name := range cat.ExtraParams {
		out = append(out, KV{name, defaults[name]})
	}
	for _, p := range given {
		i := -1
		for k, kv := range out {
			if strings.EqualFold(kv.Key, p.Name) {
				i = k
			}
		}
		if i < 0 {
			if len(cat.ExtraParams) == 0 {
				return nil, fmt.Errorf("parameter %q is not accepted (cone searches of %s take none)", p.Name, cat.Name)
			}
			return nil, fmt.Errorf("parameter %q is not accepted: use %s", p.Name, strings.Join(cat.ExtraParams, ", "))
		}
		n, err := strconv.Atoi(strings.TrimSpace(p.Value))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("parameter %s=%q: want a positive integer", p.Name, p.Value)
		}
		if out[i].Key == "magtype" && n != 1 && n != 2 {
			return nil, fmt.Errorf("magtype=%d: use 1 (aperture magnitudes) or 2 (automatic magnitudes)", n)
		}
		out[i].Value = n
	}
	return out, nil
}

// CatalogSearch runs q: every page (q.Page 0) or one page.
func (c *Client) CatalogSearch(ctx context.Context, q CatalogQuery) (*CatalogResult, error) {
	req, cat, res, limit, err := c.catalogRequest(ctx, q, false)
	if err != nil {
		return nil, err
	}
	cc, err := c.obsConfig(ctx, c.catalogConfigID(cat, req.Service))
	if err != nil {
		return nil, err
	}
	req.IgnoreValues = cc.ignoreValues()
	req.Page, req.PageSize = q.Page, q.PageSize
	ans, err := c.invoke(ctx, req)
	if err != nil {
		return nil, err
	}
	t, err := concat(req.Service, ans, c.cfg.HugePages)
	if err != nil {
		return nil, err
	}
	cc.applyMeta(t)
	out := &CatalogResult{Table: t, Service: req.Service, Resolved: res, Page: 1, PagesFiltered: 1, RowsFiltered: int64(t.Rows())}
	if len(ans) > 0 {
		if pg := ans[len(ans)-1].resp.Paging; pg != nil {
			out.Page, out.PagesFiltered, out.RowsFiltered = int(pg.Page), int(pg.PagesFiltered), pg.RowsFiltered
		}
	}
	if limit > 0 && (t.Rows() == limit || out.RowsFiltered == int64(limit)) {
		out.Warnings = append(out.Warnings, fmt.Sprintf("Maximum catalog results returned (%s=%d): the answer may not include all sources within the radius.",
			cat.LimitParam, limit))
	}
	return out, nil
}

// catalogConfigID is the columnsconfig a result is labelled with: the criteria
// configuration, or the service's own (astroquery: the service name).
func (c *Client) catalogConfigID(cat Catalog, service string) string {
	if strings.Contains(service, ".Filtered.") && cat.colCfgID != "" {
		return cat.colCfgID
	}
	return service
}

// CatalogCount counts the rows of a criteria query (COUNT_BIG(*) on
// Mast.Catalogs.Filtered.<X>[.Position], never on .Rows); cone services offer no count.
func (c *Client) CatalogCount(ctx context.Context, q CatalogQuery) (int64, error) {
	req, _, _, _, err := c.catalogRequest(ctx, q, true)
	if err != nil {
		return 0, err
	}
	return c.countOf(ctx, req)
}

// countOf runs a COUNT_BIG(*) request and reads its one cell.
func (c *Client) countOf(ctx context.Context, req InvokeRequest) (int64, error) {
	ans, err := c.invoke(ctx, req)
	if err != nil {
		return 0, err
	}
	t, err := concat(req.Service, ans, c.cfg.HugePages)
	if err != nil {
		return 0, err
	}
	n, err := countValue(t)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", req.Service, err)
	}
	return n, nil
}

// CatalogColumn is one column of a catalog as its criteria form shows it.
type CatalogColumn struct {
	FieldMeta
	// Continuous columns take ranges (min..max); the others value lists.
	Continuous bool
	Min, Max   *float64     // the histogram's range of a continuous column, when known
	Values     []FacetValue // the histogram's values of a discrete column, with counts
}

// CatalogColumns lists a catalog's columns: for criteria catalogs the merged
// configuration criteria are checked against (ranges and value lists from the
// histograms); for others the cone service's columnsconfig.
func (c *Client) CatalogColumns(ctx context.Context, catalog, version string) ([]CatalogColumn, error) {
	cat, _ := LookupCatalog(catalog)
	var cc *colConfig
	var err error
	if cat.colCfgID != "" {
		cc, err = c.criteriaConfig(ctx, cat)
	} else {
		var service string
		if service, err = cat.ConeService(version); err == nil {
			cc, err = c.columnsConfig(ctx, service)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("catalog %s columns: %w", cat.Name, err)
	}
	out := make([]CatalogColumn, 0, len(cc.order))
	for _, name := range cc.order {
		e := cc.cols[name]
		if name == "_selected_" || propBool(e, "remove") {
			continue
		}
		label := prop(e, "text")
		if label == "" {
			label = name
		}
		col := CatalogColumn{FieldMeta: FieldMeta{Name: name, Label: label, Type: normaliseType(firstProp(e, "type", "vot.datatype")),
			Unit: firstProp(e, "unit", "vot.unit"), Description: prop(e, "vot.description"), Examples: prop(e, "example")},
			Continuous: isContinuous(e)}
		if col.Continuous {
			if v, err := strconv.ParseFloat(prop(e, "min"), 64); err == nil {
				col.Min = &v
			}
			if v, err := strconv.ParseFloat(prop(e, "max"), 64); err == nil {
				col.Max = &v
			}
		}
		col.Values = cc.values[name]
		out = append(out, col)
	}
	return out, nil
}

// numberProp keeps a histogram bound as the JSON number it was.
func numberProp(v float64) json.Number { return json.Number(strconv.FormatFloat(v, 'g', -1, 64)) }
