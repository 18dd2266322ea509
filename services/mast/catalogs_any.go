package mast

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"mastui/model"
)

// CatalogRequest is a query of any catalog by name, as the CLI and the Catalogs tab
// take it: PanSTARRS goes to the catalogs REST API (QueryPanstarrs), every other
// catalog to the Portal (CatalogSearch). Without a position or object it is a criteria
// query.
type CatalogRequest struct {
	Catalog        string // registry name or alias, or any <Name> of Mast.Catalogs.<Name>.Cone; "" = HSC
	Version        string // Portal catalogs with versions (HSC, Gaia); "" = the default
	Release, Table string // PanSTARRS only; "" = dr2, mean
	Object         string // resolved first; exclusive with Position
	Position       *Position
	RadiusDeg      float64 // 0 = DefaultRadiusDeg
	Resolver       string
	// Criteria are KEY=VALUE texts: for PanSTARRS ParsePanstarrsCriterion's syntax,
	// otherwise ParseCriterion's (ranges a..b, lists a,b, wildcards), where the
	// catalog's extra cone parameters (HSC nr, ni, magtype; GALEX maxrecords) are
	// recognised by name.
	Criteria []string
	// Select and SortBy shape the answer: on the server for PanSTARRS, on the rows
	// received for the others (columns checked against the answer).
	Select   []string
	SortBy   []model.SortKey
	Page     int // 0 = every page (Portal) or the first (PanSTARRS)
	PageSize int // 0 = Config.PageSize (Portal) or the server's default (PanSTARRS)
}

// ErrNoCatalogCount is wrapped by CountCatalog when the catalog's service offers no
// count (cone services, PanSTARRS).
var ErrNoCatalogCount = errors.New("no count offered")

// QueryCatalog runs r against its catalog. An unknown catalog name MAST does not know
// either fails naming the closest known catalog.
func (c *Client) QueryCatalog(ctx context.Context, r CatalogRequest) (*CatalogResult, error) {
	cat, known := LookupCatalog(r.Catalog)
	if cat.REST {
		return c.queryPanstarrsCatalog(ctx, r)
	}
	q, err := portalCatalogQuery(cat, r)
	if err != nil {
		return nil, err
	}
	if err := checkShape(r, nil); err != nil { // malformed sort keys fail before a request
		return nil, err
	}
	res, err := c.CatalogSearch(ctx, q)
	if err != nil {
		return nil, unknownCatalog(cat, known, err)
	}
	if err := checkShape(r, res.Table); err != nil {
		return nil, fmt.Errorf("catalog %s: %w", cat.Name, err)
	}
	res.Table = shapeTable(res.Table, r)
	return res, nil
}

// CountCatalog counts the rows of r where the catalog offers a count: criteria
// queries of TIC, CTL and Disk Detective (also by position alone). Others wrap
// ErrNoCatalogCount with what to do instead.
func (c *Client) CountCatalog(ctx context.Context, r CatalogRequest) (int64, error) {
	cat, known := LookupCatalog(r.Catalog)
	if cat.REST {
		return 0, fmt.Errorf("catalog %s: %w: the catalogs API returns rows only (ask for pages of rows instead)", cat.Name, ErrNoCatalogCount)
	}
	q, err := portalCatalogQuery(cat, r)
	if err != nil {
		return 0, err
	}
	if !cat.Criteria {
		return 0, fmt.Errorf("catalog %s: %w: its cone service returns rows only (counts exist for %s)", cat.Name, ErrNoCatalogCount, countCatalogs())
	}
	n, err := c.CatalogCount(ctx, q)
	return n, unknownCatalog(cat, known, err)
}

// portalCatalogQuery turns r into a Portal CatalogQuery: criteria parsed, extra cone
// parameters set apart, PanSTARRS-only fields refused.
func portalCatalogQuery(cat Catalog, r CatalogRequest) (CatalogQuery, error) {
	if r.Release != "" || r.Table != "" {
		return CatalogQuery{}, fmt.Errorf("catalog %s: data releases and tables are PanSTARRS's (%s); %s", cat.Name,
			strings.Join(PanstarrsTables, ", "), versionHint(cat))
	}
	q := CatalogQuery{Catalog: r.Catalog, Version: r.Version, Object: r.Object, Position: r.Position, RadiusDeg: r.RadiusDeg,
		Resolver: r.Resolver, Page: r.Page, PageSize: r.PageSize}
	for _, s := range r.Criteria {
		cr, err := ParseCriterion(s)
		if err != nil {
			return CatalogQuery{}, fmt.Errorf("catalog %s: %w", cat.Name, err)
		}
		if slices.ContainsFunc(cat.ExtraParams, func(p string) bool { return strings.EqualFold(p, cr.Name) }) {
			q.Params = append(q.Params, cr)
			continue
		}
		q.Criteria = append(q.Criteria, cr)
	}
	if len(q.Criteria) > 0 && !cat.Criteria {
		return CatalogQuery{}, fmt.Errorf("catalog %s takes no criteria (%s=…): criteria queries exist for %s%s", cat.Name,
			q.Criteria[0].Name, CriteriaCatalogs(), extraParamsHint(cat))
	}
	return q, nil
}

// countCatalogs names the catalogs CountCatalog counts: the Portal criteria catalogs.
func countCatalogs() string {
	var names []string
	for _, c := range Catalogs() {
		if c.Criteria && !c.REST {
			names = append(names, c.Name)
		}
	}
	return strings.Join(names, ", ")
}

func versionHint(cat Catalog) string {
	if len(cat.Versions) == 0 {
		return cat.Name + " has no versions"
	}
	return cat.Name + " has versions " + strings.Join(cat.Versions, ", ")
}

func extraParamsHint(cat Catalog) string {
	if len(cat.ExtraParams) == 0 {
		return ""
	}
	return "; " + cat.Name + " cone searches take " + strings.Join(cat.ExtraParams, ", ")
}

// unknownCatalog explains MAST's "Unknown service" for a name not in the registry: a
// typo of a known catalog, or a Mast.Catalogs.<Name>.Cone MAST does not have.
func unknownCatalog(cat Catalog, known bool, err error) error {
	var re *RemoteError
	if err == nil || known || !errors.As(err, &re) || !strings.Contains(strings.ToLower(re.Msg), "unknown service") {
		return err
	}
	var names []string
	for _, k := range Catalogs() {
		names = append(names, k.Name)
		names = append(names, k.Aliases...)
	}
	hint := ""
	if best := model.Closest(cat.Name, names); best != "" {
		k, _ := LookupCatalog(best) // an alias names its catalog
		hint = fmt.Sprintf(": did you mean %q?", k.Name)
	}
	return fmt.Errorf("unknown catalog %q%s (MAST has no Mast.Catalogs.%s.Cone; known catalogs: %s): %w",
		cat.Name, hint, cat.Name, catalogNames(), err)
}

func catalogNames() string {
	var names []string
	for _, k := range Catalogs() {
		names = append(names, k.Name)
	}
	return strings.Join(names, ", ")
}

// checkShape checks r's Select and SortBy columns against t (nil: only their form).
func checkShape(r CatalogRequest, t *model.Table) error {
	for _, s := range r.SortBy {
		if strings.TrimSpace(s.Column) == "" {
			return errors.New("a sort key has no column name")
		}
	}
	if t == nil {
		return nil
	}
	names := t.Names()
	check := func(what, name string) error {
		if t.Col(name) != nil || tableColFold(t, name) != "" {
			return nil
		}
		msg := fmt.Sprintf("%s %q is not a column of the answer", what, name)
		if best := model.Closest(name, names); best != "" {
			msg += fmt.Sprintf(": did you mean %q?", best)
		}
		return errors.New(msg)
	}
	for _, s := range r.Select {
		if err := check("selected column", s); err != nil {
			return err
		}
	}
	for _, s := range r.SortBy {
		if err := check("sort column", s.Column); err != nil {
			return err
		}
	}
	return nil
}

// tableColFold is the name of t's column called name, ignoring case ("" if none).
func tableColFold(t *model.Table, name string) string {
	name = strings.TrimSpace(name)
	if c := t.Col(name); c != nil {
		return c.Name
	}
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c.Name
		}
	}
	return ""
}

// shapeTable sorts t's rows and keeps the selected columns (checked by checkShape).
func shapeTable(t *model.Table, r CatalogRequest) *model.Table {
	if len(r.SortBy) > 0 {
		keys := make([]model.SortKey, len(r.SortBy))
		for i, k := range r.SortBy {
			keys[i] = model.SortKey{Column: tableColFold(t, k.Column), Desc: k.Desc}
		}
		t = t.Select(model.SortedRows(t, keys))
	}
	if len(r.Select) > 0 {
		cols := make([]*model.Column, len(r.Select))
		for i, s := range r.Select {
			cols[i] = t.Col(tableColFold(t, s))
		}
		t = model.NewTable(cols...)
	}
	return t
}

// queryPanstarrsCatalog runs r through the catalogs API, its answer as a CatalogResult.
func (c *Client) queryPanstarrsCatalog(ctx context.Context, r CatalogRequest) (*CatalogResult, error) {
	if r.Version != "" {
		return nil, fmt.Errorf("catalog PanSTARRS has data releases (%s), not versions: give a release", strings.Join(PanstarrsReleases, ", "))
	}
	q := PanstarrsQuery{Release: r.Release, Table: r.Table, Position: r.Position, Object: r.Object, Resolver: r.Resolver,
		RadiusDeg: r.RadiusDeg, Columns: r.Select, Page: r.Page, PageSize: r.PageSize}
	for _, s := range r.Criteria {
		cr, err := ParsePanstarrsCriterion(s)
		if err != nil {
			return nil, fmt.Errorf("catalog PanSTARRS: %w", err)
		}
		q.Criteria = append(q.Criteria, cr)
	}
	for _, k := range r.SortBy {
		q.SortBy = append(q.SortBy, PanstarrsSort{Column: k.Column, Desc: k.Desc})
	}
	page, err := c.QueryPanstarrs(ctx, q)
	if err != nil {
		return nil, err
	}
	res := &CatalogResult{Table: page.Table, Service: "PanSTARRS " + page.Release + "/" + page.TableName, Resolved: page.Resolved,
		Warnings: page.Warnings, Page: max(page.Page, 1), PagesFiltered: max(page.Page, 1), RowsFiltered: int64(page.Table.Rows())}
	return res, nil // the API tells no total: a full page comes with a warning (HitLimit)
}

// CatalogColumnsOf lists the columns of r's catalog (its Catalog, Version, Release and
// Table): PanSTARRS's from the table's metadata, the others' from CatalogColumns.
func (c *Client) CatalogColumnsOf(ctx context.Context, r CatalogRequest) ([]CatalogColumn, error) {
	cat, known := LookupCatalog(r.Catalog)
	if !cat.REST {
		if r.Release != "" || r.Table != "" {
			return nil, fmt.Errorf("catalog %s: data releases and tables are PanSTARRS's; %s", cat.Name, versionHint(cat))
		}
		cols, err := c.CatalogColumns(ctx, r.Catalog, r.Version)
		if err != nil {
			return nil, unknownCatalog(cat, known, err)
		}
		return c.describeCriteriaColumns(ctx, cat, cols), nil
	}
	if r.Version != "" {
		return nil, fmt.Errorf("catalog PanSTARRS has data releases (%s), not versions: give a release", strings.Join(PanstarrsReleases, ", "))
	}
	ps, err := c.PanstarrsColumns(ctx, r.Release, r.Table)
	if err != nil {
		return nil, err
	}
	out := make([]CatalogColumn, len(ps))
	for i, p := range ps {
		typ := strings.ToLower(p.Type)
		if typ == "" {
			typ = strings.ToLower(p.DBType)
		}
		out[i] = CatalogColumn{FieldMeta: FieldMeta{Name: p.Name, Label: p.Name, Type: normaliseType(typ), Unit: p.Unit, Description: p.Description}}
	}
	return out, nil
}

// describeCriteriaColumns gives the columns a histogram replaced in the criteria
// configuration (protocol 3.5: text, unit and type are lost) those of the base
// columnsconfig, so a listing still says what they are. The merge itself stays as
// astroquery does it: criteria are checked against it.
func (c *Client) describeCriteriaColumns(ctx context.Context, cat Catalog, cols []CatalogColumn) []CatalogColumn {
	if cat.colCfgID == "" {
		return cols
	}
	base, err := c.columnsConfig(ctx, cat.colCfgID)
	if err != nil {
		return cols // cached by CatalogColumns; only descriptions would be missing
	}
	for i := range cols {
		e, ok := base.cols[cols[i].Name]
		if !ok {
			continue
		}
		m := &cols[i].FieldMeta
		if m.Description == "" {
			m.Description = prop(e, "vot.description")
		}
		if m.Unit == "" {
			m.Unit = firstProp(e, "unit", "vot.unit")
		}
		if t := normaliseType(firstProp(e, "type", "vot.datatype")); t != "" && (m.Type == "" || m.Type == "numeric") {
			m.Type = t
		}
		if m.Label == m.Name {
			if l := prop(e, "text"); l != "" {
				m.Label = l
			}
		}
	}
	return cols
}
