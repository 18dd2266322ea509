package mast

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"mastui/model"
	"mastui/services/wire"
)

// obsConfigID is the configuration astroquery applies to every CAOM observation query.
const obsConfigID = "Mast.Caom.Cone"

// ResolveQuery checks q and turns its Object into a Position. The returned query has
// Position set and Object cleared; the Resolved says what the name became.
func (c *Client) ResolveQuery(ctx context.Context, q Query) (Query, *Resolved, error) {
	if q.Object != "" && q.Position != nil {
		return q, nil, fmt.Errorf("give either an object name or a position, not both")
	}
	if q.RadiusDeg < 0 || math.IsNaN(q.RadiusDeg) || math.IsInf(q.RadiusDeg, 0) {
		return q, nil, fmt.Errorf("radius must be positive, got %v deg", q.RadiusDeg)
	}
	if strings.TrimSpace(q.Object) == "" {
		q.Object = ""
		return q, nil, nil
	}
	res, err := c.Resolve(ctx, []string{q.Object}, q.Resolver)
	if err != nil {
		return q, nil, err
	}
	r := res[0]
	q.Position = &Position{RA: r.RA, Dec: r.Dec}
	q.Object = ""
	return q, &r, nil
}

// searchRequest builds the Portal request for q (protocol 3.7): Cone without criteria,
// Filtered[.Position] with them; count asks for COUNT_BIG(*).
func (c *Client) searchRequest(ctx context.Context, q Query, count bool) (InvokeRequest, *Resolved, error) {
	q, res, err := c.ResolveQuery(ctx, q)
	if err != nil {
		return InvokeRequest{}, nil, err
	}
	radius := q.RadiusDeg
	if radius == 0 {
		radius = DefaultRadiusDeg
	}
	if len(q.Criteria) == 0 && !count {
		if q.Position == nil {
			return InvokeRequest{}, nil, fmt.Errorf("at least one non-positional criterion must be supplied (or a position or object for a cone search)")
		}
		return InvokeRequest{Service: "Mast.Caom.Cone",
			Params: Object{{"ra", q.Position.RA}, {"dec", q.Position.Dec}, {"radius", radius}}}, res, nil
	}
	filters, err := c.encodeFilters(ctx, q.Criteria)
	if err != nil {
		return InvokeRequest{}, nil, err
	}
	columns := "*"
	if count {
		columns = "COUNT_BIG(*)"
	}
	params := Object{{"columns", columns}, {"filters", filters}}
	service := "Mast.Caom.Filtered"
	if q.Position != nil {
		service = "Mast.Caom.Filtered.Position"
		params = append(params, KV{"position", positionString(*q.Position, radius)})
	}
	return InvokeRequest{Service: service, Params: params}, res, nil
}

// positionString is the Filtered.Position "ra, dec, radius" (Python str of floats).
func positionString(p Position, radius float64) string {
	return pyFloat(p.RA) + ", " + pyFloat(p.Dec) + ", " + pyFloat(radius)
}

// obsConfig fetches the observation columnsconfig for decoding; an empty configuration
// only costs us labels and null sentinels, so it is not fatal here.
func (c *Client) obsConfig(ctx context.Context, id string) (*colConfig, error) {
	cc, err := c.columnsConfig(ctx, id)
	if errors.Is(err, ErrEmptyColumnsConfig) {
		c.log.Warn("mast empty columnsconfig", "id", id)
		return nil, nil
	}
	return cc, err
}

// Search runs q and returns every page concatenated.
func (c *Client) Search(ctx context.Context, q Query) (*model.Table, *Resolved, error) {
	req, res, err := c.searchRequest(ctx, q, false)
	if err != nil {
		return nil, nil, err
	}
	cc, err := c.obsConfig(ctx, obsConfigID)
	if err != nil {
		return nil, nil, err
	}
	req.IgnoreValues = cc.ignoreValues()
	ans, err := c.invoke(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	t, err := concat(req.Service, ans, c.cfg.HugePages)
	if err != nil {
		return nil, nil, err
	}
	cc.applyMeta(t)
	return t, res, nil
}

// concat stacks the page tables in order.
func concat(service string, ans []answer, huge bool) (*model.Table, error) {
	var tables []*model.Table
	var pages []int
	for i, a := range ans {
		if a.resp.Table != nil {
			tables, pages = append(tables, a.resp.Table), append(pages, i+1)
		}
	}
	return stack(tables, huge, func(k int, err error) error { return fmt.Errorf("%s: page %d: %w", service, pages[k], err) })
}

// stack stacks tables in order: in one go when they have the same columns (wire.Concat),
// else one after the other (model.Table.Append), failing with fail(k, err) on table k.
func stack(tables []*model.Table, huge bool, fail func(k int, err error) error) (*model.Table, error) {
	if len(tables) == 0 {
		return &model.Table{}, nil
	}
	if t := wire.Concat(tables, huge); t != nil {
		return t, nil
	}
	t := tables[0]
	for k, o := range tables[1:] {
		if err := t.Append(o); err != nil {
			return nil, fail(k+1, err)
		}
	}
	return t, nil
}

// SearchPage fetches one page of q. Page 1 starts a new server-side job; later pages of
// the same query and page size reuse its cacheBreaker, so MAST serves them from the job
// it already ran instead of executing the query again.
func (c *Client) SearchPage(ctx context.Context, q Query, page, pageSize int) (*Page, error) {
	if page < 1 {
		page = 1
	}
	if pageSize <= 0 {
		pageSize = c.cfg.PageSize
	}
	req, res, err := c.searchRequest(ctx, q, false)
	if err != nil {
		return nil, err
	}
	cc, err := c.obsConfig(ctx, obsConfigID)
	if err != nil {
		return nil, err
	}
	req.IgnoreValues = cc.ignoreValues()
	req.Page, req.PageSize = page, pageSize
	key, err := pyJSON(Object{{"s", req.Service}, {"p", req.Params}, {"n", pageSize}})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", req.Service, err)
	}
	if req.CacheBreaker, err = c.pageBreaker(key, page); err != nil {
		return nil, err
	}
	ans, err := c.invoke(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(ans) == 0 {
		return nil, fmt.Errorf("%s: no answer", req.Service)
	}
	// One answer normally; more when the server capped the page and the rest of it
	// came in smaller pages. The page numbering is that of the first.
	t, err := concat(req.Service, ans, c.cfg.HugePages)
	if err != nil {
		return nil, err
	}
	cc.applyMeta(t)
	p := &Page{Table: t, Page: page, PageSize: pageSize, PagesFiltered: 1,
		RowsFiltered: int64(t.Rows()), RowsTotal: int64(t.Rows()), Resolved: res}
	if pg := ans[0].resp.Paging; pg != nil {
		if pg.Page > 0 {
			p.Page = int(pg.Page)
		}
		if pg.PageSize > 0 {
			p.PageSize = int(pg.PageSize)
		}
		p.PagesFiltered = int(pg.PagesFiltered)
	}
	if pg := ans[len(ans)-1].resp.Paging; pg != nil {
		p.RowsFiltered, p.RowsTotal = pg.RowsFiltered, pg.RowsTotal
	}
	if len(ans) > 1 {
		p.Notices = append(p.Notices, fmt.Sprintf("The server served fewer rows per page than asked (%d); the page was completed with %d more requests.",
			ans[0].resp.Table.Rows(), len(ans)-1))
	}
	return p, nil
}

// breaker is a remembered cacheBreaker of a paged query.
type breaker struct {
	id string
	at time.Time
}

const (
	breakerTTL = 30 * time.Minute
	maxBreaker = 256
)

// pageBreaker returns a fresh cacheBreaker for page 1 and the remembered one for later
// pages of the same query (fresh if forgotten).
func (c *Client) pageBreaker(key string, page int) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if b, ok := c.breakers[key]; ok && page > 1 && now.Sub(b.at) < breakerTTL {
		return b.id, nil
	}
	id, err := newCacheBreaker()
	if err != nil {
		return "", err
	}
	if len(c.breakers) >= maxBreaker {
		for k, b := range c.breakers {
			if now.Sub(b.at) >= breakerTTL || len(c.breakers) >= maxBreaker {
				delete(c.breakers, k)
			}
		}
	}
	c.breakers[key] = breaker{id: id, at: now}
	return id, nil
}

// Count returns the number of matching observations (COUNT_BIG(*) on
// Mast.Caom.Filtered[.Position]; no criteria at all counts everything).
func (c *Client) Count(ctx context.Context, q Query) (int64, error) {
	req, _, err := c.searchRequest(ctx, q, true)
	if err != nil {
		return 0, err
	}
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

// countValue reads row 0 of Column1 (or the first column), sent as a string type.
func countValue(t *model.Table) (int64, error) {
	if t.Rows() == 0 || len(t.Columns) == 0 {
		return 0, fmt.Errorf("count answer has no rows")
	}
	col := t.Col("Column1")
	if col == nil {
		col = t.Columns[0]
	}
	if col.IsMasked(0) {
		return 0, fmt.Errorf("count answer is empty")
	}
	switch col.Kind {
	case model.KindInt:
		return col.Int[0], nil
	case model.KindFloat:
		return int64(col.Float[0]), nil
	}
	s := strings.TrimSpace(col.String(0))
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) {
		return int64(f), nil
	}
	return 0, fmt.Errorf("count answer %q is not a number", s)
}
