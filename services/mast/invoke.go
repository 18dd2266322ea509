package mast

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"mastui/services/masthttp"
	"mastui/services/wire"
)

// InvokeRequest is one logical Portal query (protocol 3.1).
type InvokeRequest struct {
	Service string
	// Params is marshalled keeping key order for Object/[]KV/json.RawMessage (maps are
	// sorted by key). nil sends {}.
	Params   any
	Format   string // "json" (default) or "extjs"
	PageSize int    // 0 = Config.PageSize
	Page     int    // 0 = every page, concatenated; N >= 1 = only page N
	Extra    map[string]any

	// OmitPaging leaves out pagesize/page, as astroquery does for Mast.Catalogs.All.*.
	OmitPaging bool
	// IgnoreValues are the columnsconfig null sentinels handed to wire.Decode.
	IgnoreValues map[string]string
	// NoTable marks a format=json service whose answer is not a table
	// (Mast.Name.Lookup): only its envelope is read.
	NoTable bool
	// CacheBreaker continues an earlier logical query (same server-side job); "" = fresh.
	CacheBreaker string
}

// answer is one kept Portal response.
type answer struct {
	raw  [][]byte // the body, in segments (one unless read for a table)
	resp *wire.Response
}

// isReservedKey reports the top-level request keys Invoke writes itself.
func isReservedKey(k string) bool {
	switch k {
	case "service", "params", "format", "pagesize", "page", "cacheBreaker":
		return true
	}
	return false
}

// Invoke runs a Portal query: it polls while EXECUTING and, for Page 0, follows paging
// until pagesFiltered. format=json answers are decoded into tables; extjs answers come
// back with their envelope only (status, msg; use InvokeRaw for the body).
func (c *Client) Invoke(ctx context.Context, req InvokeRequest) ([]*wire.Response, error) {
	ans, err := c.invoke(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([]*wire.Response, len(ans))
	for i, a := range ans {
		out[i] = a.resp
	}
	return out, nil
}

// InvokeRaw is Invoke for answers that are not tables (extjs, Mast.Name.Lookup,
// Mast.Bundle.Request): it returns the raw bodies of the kept answers, of which only
// the envelope was read.
func (c *Client) InvokeRaw(ctx context.Context, req InvokeRequest) ([][]byte, error) {
	req.NoTable = true
	ans, err := c.invoke(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(ans))
	for i, a := range ans {
		out[i] = a.raw[0] // NoTable: read in one segment
	}
	return out, nil
}

func formatOf(req InvokeRequest) string {
	if req.Format == "" {
		return "json"
	}
	return req.Format
}

// invoke is the client algorithm of protocol 3.4 under one QueryBudget; it returns the
// kept answers. Unlike astroquery it checks the rows it got against rowsFiltered: a
// server that silently serves fewer rows than a page should hold (astroquery#2788) is
// asked again in pages of the size it does serve, and if rows still go missing the
// query fails rather than returning part of the result.
func (c *Client) invoke(ctx context.Context, req InvokeRequest) ([]answer, error) {
	if req.Service == "" {
		return nil, fmt.Errorf("invoke: no service given")
	}
	for k := range req.Extra {
		if isReservedKey(k) {
			return nil, fmt.Errorf("%s: extra key %q is set by the client itself", req.Service, k)
		}
	}
	breaker := req.CacheBreaker
	if breaker == "" {
		var err error
		if breaker, err = newCacheBreaker(); err != nil {
			return nil, fmt.Errorf("%s: %w", req.Service, err)
		}
	}
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	size := req.PageSize
	if size <= 0 {
		size = c.cfg.PageSize
	}
	if req.Page > 0 {
		return c.rows(ctx, req, breaker, req.Page, size, size)
	}
	return c.rows(ctx, req, breaker, 1, size, -1)
}

// rows fetches count rows (count < 0: all of them) starting with page first of the
// given size. Every kept answer's table holds only rows not kept before, in order.
func (c *Client) rows(ctx context.Context, req InvokeRequest, breaker string, first, size, count int) ([]answer, error) {
	page := first
	from := (first - 1) * size
	next := from // index of the next row wanted
	end := -1    // stop before this row; -1: at the end of the result
	if count >= 0 {
		end = from + count
	}
	var out []answer
	for {
		a, err := c.poll(ctx, req, page, size, breaker)
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(a.resp.Status, "ERROR") {
			return nil, fmt.Errorf("%s: %w", req.Service, &RemoteError{Service: req.Service, Msg: a.resp.Msg})
		}
		p, t := a.resp.Paging, a.resp.Table
		if p == nil || t == nil || req.OmitPaging {
			return append(out, a), nil
		}
		// A server may serve more rows than asked, or rows kept already (after the page
		// size changed): keep only the new ones, up to end.
		start, n := (page-1)*size, t.Rows()
		skip := next - start
		keep := max(n-skip, 0)
		if end >= 0 {
			keep = min(keep, end-next)
		}
		if skip > 0 || keep < n {
			a.resp.Table = t.Select(seq(skip, keep))
		}
		out = append(out, a)
		next += keep
		if !p.HasRowsFiltered || int(p.RowsFiltered) < next {
			// Nothing to check against (or a count below what came): follow
			// pagesFiltered as astroquery does, never backwards, so a confused server
			// cannot make us loop.
			cur := max(int(p.Page), page)
			if count >= 0 || int64(cur) >= p.PagesFiltered {
				return out, nil
			}
			page = cur + 1
			continue
		}
		total := int(p.RowsFiltered)
		stop := total
		if end >= 0 {
			stop = min(end, total)
		}
		if next >= stop {
			return out, nil
		}
		if keep == 0 {
			return nil, &IncompleteError{Service: req.Service, Got: next - from, Want: stop - from,
				Total: total, Why: fmt.Sprintf("page %d of %d rows brought no new rows", page, size)}
		}
		if want := min(size, total-start); n < want {
			c.log.Warn("mast page capped", "service", req.Service, "page", page, "page_size", size, "rows", n, "expected", want)
			size = n // the server serves at most n rows a page: ask in pages of that size
		}
		page = next/size + 1
	}
}

// seq is [from, from+n).
func seq(from, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = from + i
	}
	return out
}

// withBudget bounds a logical query by QueryBudget, with an error that says so.
func (c *Client) withBudget(ctx context.Context) (context.Context, context.CancelFunc) {
	b := c.cfg.QueryBudget
	return context.WithTimeoutCause(ctx, b,
		fmt.Errorf("query exceeded its %v budget (all polls and pages; raise query_budget in the config): %w", b, ErrBudget))
}

// poll sends one page request, repeating it identically while the job is EXECUTING with
// a growing delay (astroquery re-sends at once; the server long-polls anyway).
func (c *Client) poll(ctx context.Context, req InvokeRequest, page, size int, breaker string) (answer, error) {
	body, err := c.requestBody(req, page, size, breaker)
	if err != nil {
		return answer{}, err
	}
	delay := c.cfg.PollInterval
	for polls := 0; ; polls++ {
		start := time.Now()
		table := formatOf(req) == "json" && !req.NoTable
		call := httpCall{what: req.Service, method: "POST", url: c.invokeURL(), body: body, maxRetries: c.cfg.MaxRetries,
			metadata: !table}
		if table {
			call.cut = wire.RowCut // decoded from the blocks read, never joined
		}
		segs, err := c.sendSegments(ctx, call)
		if err != nil {
			return answer{}, err
		}
		resp, err := decodeAnswer(segs, wire.Options{IgnoreValues: req.IgnoreValues, Service: req.Service, WantTable: table,
			HugePages: c.cfg.HugePages})
		if err != nil {
			return answer{}, fmt.Errorf("page %d: %w", page, err)
		}
		level := slog.LevelInfo
		if strings.EqualFold(resp.Status, "EXECUTING") {
			level = slog.LevelDebug
		}
		c.log.Log(ctx, level, "mast invoke", "service", req.Service, "page", page, "poll", polls, "status", resp.Status,
			"bytes", segmentsLen(segs), "took", time.Since(start))
		if !strings.EqualFold(resp.Status, "EXECUTING") {
			return answer{raw: segs, resp: resp}, nil
		}
		if err := sleep(ctx, delay); err != nil {
			return answer{}, fmt.Errorf("%s: %w", req.Service, err)
		}
		delay = min(delay*3/2, maxPollInterval)
	}
}

// requestBody is the exact form body: request=<quoted Python-style JSON>, keys in
// astroquery's order.
func (c *Client) requestBody(req InvokeRequest, page, size int, breaker string) (string, error) {
	params := req.Params
	if params == nil {
		params = Object{}
	}
	o := Object{{"service", req.Service}, {"params", params}, {"format", formatOf(req)}}
	if !req.OmitPaging {
		o = append(o, KV{"pagesize", size}, KV{"page", page})
	}
	keys := make([]string, 0, len(req.Extra))
	for k := range req.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		o = append(o, KV{k, req.Extra[k]})
	}
	o = append(o, KV{"cacheBreaker", breaker})
	js, err := pyJSON(o)
	if err != nil {
		return "", fmt.Errorf("%s: encode request: %w", req.Service, err)
	}
	return "request=" + masthttp.PyQuote(js, "/"), nil
}

// isEmptyBody reports a falsy JSON answer ({}, null, [] or nothing), which astroquery
// treats as status ERROR.
func isEmptyBody(raw []byte) bool {
	switch string(bytes.TrimSpace(raw)) {
	case "", "{}", "null", "[]", `""`:
		return true
	}
	return false
}

// emptyAnswer is isEmptyBody for an answer read in segments.
func emptyAnswer(segs [][]byte) bool {
	if len(segs) == 1 {
		return isEmptyBody(segs[0])
	}
	// Only an answer of blanks so far may still be empty.
	return len(bytes.TrimSpace(segs[0])) == 0 && isEmptyBody(bytes.Join(segs, nil))
}

// decodeAnswer reads one Portal answer, read in segments. wire.DecodeSegments also reads
// the envelope of extjs and Name.Lookup answers (their Table is nil).
func decodeAnswer(segs [][]byte, opts wire.Options) (*wire.Response, error) {
	if emptyAnswer(segs) {
		return &wire.Response{Status: "ERROR", HasStatus: true}, nil
	}
	r, err := wire.DecodeSegments(segs, opts)
	var se *wire.ShapeError
	if errors.As(err, &se) {
		return nil, err // names the service and the field; the body adds nothing
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w (body starts %q)", opts.Service, err, bodySnippet(segs[0]))
	}
	return r, nil
}
