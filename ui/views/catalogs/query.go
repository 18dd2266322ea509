package catalogs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/views/searchform"
)

// query is the form's search: a Portal catalog query or a PanSTARRS one.
type query struct {
	portal    *mast.CatalogQuery
	panstarrs *mast.PanstarrsQuery
	summary   string // "TIC around M10 r 0.02°"
	target    bool   // a target was given
}

// query reads the form, or says what is wrong with it; a value at fault is marked on
// its field (Local), so nothing is sent.
func (m *Model) query(s *state) (query, error) {
	fm := s.form
	var q query
	name := s.name
	if name == Other {
		name = fm.ByName(fName).Trimmed()
		if name == "" {
			return q, errors.New("give the catalog's name (Mast.Catalogs.<Name>.Cone)")
		}
		if strings.ContainsAny(name, ". /") {
			fm.ByName(fName).SetErr("a name only: " + name + " is not <Name> of Mast.Catalogs.<Name>.Cone")
			return q, errors.New("the catalog's name is not a bare name")
		}
	}
	var pos *mast.Position
	object := ""
	target := fm.ByName(fTarget)
	if t := target.Trimmed(); t != "" {
		if searchform.LooksLikeCoordinates(t) {
			p, err := mast.ParseCoordinates(t)
			if err != nil {
				target.SetErr(err.Error())
				return q, fmt.Errorf("target: %w", err)
			}
			pos = &p
		} else {
			object = t
		}
		q.target = true
	}
	target.SetErr("")
	radius := mast.DefaultRadiusDeg
	rf := fm.ByName(fRadius)
	rf.SetErr("")
	if r := rf.Trimmed(); r != "" {
		v, err := mast.ParseRadius(r)
		if err != nil {
			rf.SetErr(err.Error())
			return q, fmt.Errorf("radius: %w", err)
		}
		radius = v
	}
	resolver := fm.ByName(fResolver).Value()
	var criteria []mast.Criterion
	for _, f := range s.crit {
		f.SetErr("")
		if v := f.Trimmed(); v != "" {
			criteria = append(criteria, mast.Criterion{Name: f.Name, Value: v})
		}
	}
	if !q.target && len(criteria) == 0 {
		if s.cat.Criteria {
			return q, errors.New("give a target or at least one criterion")
		}
		return q, errors.New("give a target: an object name or coordinates")
	}
	label := catalogLabel(s, name)
	q.summary = label
	if q.target {
		q.summary += " around " + target.Trimmed() + " r " + common.RadiusLabel(rf.Value(), mast.DefaultRadiusDeg)
	}
	for _, c := range criteria {
		q.summary += " · " + c.Name + " " + strings.TrimPrefix(c.Value, "=")
	}
	q.summary = common.Sanitize(q.summary)
	if s.cat.REST {
		pq, err := m.panstarrsQuery(s, pos, object, resolver, radius, criteria)
		q.panstarrs = &pq
		return q, err
	}
	version := ""
	if f := fm.ByName(fVersion); f != nil {
		version = f.Value()
	}
	q.portal = &mast.CatalogQuery{Catalog: name, Version: version, Object: object, Position: pos,
		RadiusDeg: radius, Resolver: resolver, Criteria: criteria}
	if !q.target {
		q.portal.RadiusDeg = 0
	}
	return q, nil
}

// catalogLabel is the catalog as the title says it: "TIC", "Gaia DR3", "HSC v3",
// "PanSTARRS dr2 mean".
func catalogLabel(s *state, name string) string {
	fm := s.form
	switch {
	case fm.ByName(fVersion) != nil && s.name == "HSC":
		return name + " v" + fm.ByName(fVersion).Value()
	case fm.ByName(fVersion) != nil:
		return name + " " + fm.ByName(fVersion).Value()
	case s.cat.REST:
		return name + " " + fm.ByName(fRelease).Value() + " " + fm.ByName(fTable).Value()
	}
	return name
}

// panstarrsQuery reads the PanSTARRS criteria ("3..10", ">=2", "~PSO J0*" after the
// column) and checks the query against the table's columns when they are known.
func (m *Model) panstarrsQuery(s *state, pos *mast.Position, object, resolver string, radius float64, criteria []mast.Criterion) (mast.PanstarrsQuery, error) {
	q := mast.PanstarrsQuery{Release: s.form.ByName(fRelease).Value(), Table: s.form.ByName(fTable).Value(),
		Position: pos, Object: object, Resolver: resolver}
	if pos != nil || object != "" {
		q.RadiusDeg = radius
	}
	fields := map[string]*form.Field{}
	for _, f := range s.crit {
		fields[strings.ToLower(f.Name)] = f
	}
	for _, c := range criteria {
		text := c.Name + c.Value
		if !strings.ContainsAny(c.Value[:1], "=<>~") {
			text = c.Name + "=" + c.Value
		}
		pc, err := mast.ParsePanstarrsCriterion(text)
		if err != nil {
			fields[strings.ToLower(c.Name)].SetErr(err.Error())
			return q, err
		}
		q.Criteria = append(q.Criteria, pc)
	}
	cols := s.cols[m.columnsKey(s)]
	if cols == nil {
		return q, nil // checked by the server
	}
	pcols := make([]mast.PanstarrsColumn, len(cols))
	for i, c := range cols {
		pcols[i] = mast.PanstarrsColumn{Name: c.Name, DBType: c.DBType, Unit: c.Unit, Description: c.Desc}
	}
	if err := mast.ValidatePanstarrsQuery(pcols, q); err != nil {
		var ce *mast.CriterionError
		if errors.As(err, &ce) && ce.Index < len(q.Criteria) {
			if f := fields[strings.ToLower(q.Criteria[ce.Index].Column)]; f != nil {
				f.SetErr(err.Error())
			}
		}
		return q, err
	}
	return q, nil
}

// search is the common.Search the results view runs: its pages come from the client.
func (m *Model) search(q query) common.Search {
	client := m.client
	s := common.Search{Target: q.summary, Summary: q.summary}
	switch {
	case client == nil:
		s.Fetch = func(context.Context, int, int) (*mast.Page, error) {
			return nil, errors.New("catalogs are unavailable in this session")
		}
	case q.panstarrs != nil:
		pq := *q.panstarrs
		s.Fetch = func(ctx context.Context, page, size int) (*mast.Page, error) {
			return panstarrsPage(ctx, client, pq, page, size)
		}
	default:
		cq := *q.portal
		at := &resolvedOnce{}
		s.Fetch = func(ctx context.Context, page, size int) (*mast.Page, error) {
			return portalPage(ctx, client, at.apply(cq), page, size, at)
		}
	}
	return s
}

// resolvedOnce keeps where a search's object resolved on its first page, so later
// pages ask at that position instead of resolving again.
type resolvedOnce struct {
	mu  sync.Mutex
	res *mast.Resolved
}

func (r *resolvedOnce) apply(q mast.CatalogQuery) mast.CatalogQuery {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.res != nil && q.Object != "" {
		p := r.res.Position
		q.Object, q.Position = "", &p
	}
	return q
}

func (r *resolvedOnce) keep(res *mast.Resolved) *mast.Resolved {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.res == nil {
		r.res = res
	}
	return r.res
}

// portalPage runs one page of a Portal catalog query.
func portalPage(ctx context.Context, client Client, q mast.CatalogQuery, page, size int, at *resolvedOnce) (*mast.Page, error) {
	q.Page, q.PageSize = page, size
	r, err := client.CatalogSearch(ctx, q)
	if err != nil {
		return nil, err
	}
	return &mast.Page{Table: r.Table, Page: page, PageSize: size, PagesFiltered: r.PagesFiltered,
		RowsFiltered: r.RowsFiltered, Resolved: at.keep(r.Resolved), Notices: r.Warnings}, nil
}

// panstarrsPage runs one PanSTARRS request: the first as astroquery asks it (the
// server's page of up to 50,000 rows), the next ones (when an answer was full) by page.
// The total is what came so far, and one page more while answers are full.
func panstarrsPage(ctx context.Context, client Client, q mast.PanstarrsQuery, page, size int) (*mast.Page, error) {
	if page > 1 {
		q.Page, q.PageSize = page, size
	}
	r, err := client.QueryPanstarrs(ctx, q)
	if err != nil {
		return nil, err
	}
	rows := r.Table.Rows()
	out := &mast.Page{Table: r.Table, Page: page, PageSize: size, PagesFiltered: page,
		RowsFiltered: int64((page-1)*size + rows), Resolved: r.Resolved, Notices: r.Warnings}
	if r.HitLimit {
		out.PagesFiltered = page + 1
	}
	return out, nil
}
