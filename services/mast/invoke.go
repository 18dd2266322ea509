package mast

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

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
	// CacheBreaker continues an earlier logical query (same server-side job); "" = fresh.
	CacheBreaker string
}

// answer is one kept Portal response.
type answer struct {
	raw  []byte
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

// InvokeRaw is Invoke returning the raw bodies of the kept answers (extjs, Name.Lookup).
// Decoded tables alias these bytes: do not modify them.
func (c *Client) InvokeRaw(ctx context.Context, req InvokeRequest) ([][]byte, error) {
	ans, err := c.invoke(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(ans))
	for i, a := range ans {
		out[i] = a.raw
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
// kept answers.
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
	page, all := req.Page, req.Page <= 0
	if all {
		page = 1
	}
	var out []answer
	for {
		a, err := c.poll(ctx, req, page, breaker)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
		st := strings.ToUpper(a.resp.Status)
		if st == "ERROR" {
			return nil, fmt.Errorf("%s: %w", req.Service, &RemoteError{Service: req.Service, Msg: a.resp.Msg})
		}
		p := a.resp.Paging
		if st != "COMPLETE" || !all || p == nil || req.OmitPaging {
			return out, nil
		}
		// Trust pagesFiltered (not rowsTotal); never go backwards even if the server
		// echoes a stale page number, so a confused server cannot make us loop.
		cur := max(int(p.Page), page)
		if int64(cur) >= p.PagesFiltered {
			return out, nil
		}
		page = cur + 1
	}
}

// withBudget bounds a logical query by QueryBudget, with an error that says so.
func (c *Client) withBudget(ctx context.Context) (context.Context, context.CancelFunc) {
	b := c.cfg.QueryBudget
	return context.WithTimeoutCause(ctx, b,
		fmt.Errorf("query exceeded its %v budget (all polls and pages; raise query_budget in the config): %w", b, ErrBudget))
}

// poll sends one page request, repeating it identically while the job is EXECUTING with
// a growing delay (astroquery re-sends at once; the server long-polls anyway).
func (c *Client) poll(ctx context.Context, req InvokeRequest, page int, breaker string) (answer, error) {
	body, err := c.requestBody(req, page, breaker)
	if err != nil {
		return answer{}, err
	}
	delay := c.cfg.PollInterval
	for polls := 0; ; polls++ {
		start := time.Now()
		raw, err := c.send(ctx, httpCall{what: req.Service, method: "POST", url: c.invokeURL(), body: body, maxRetries: c.cfg.MaxRetries})
		if err != nil {
			return answer{}, err
		}
		resp, err := decodeAnswer(raw, req.IgnoreValues)
		if err != nil {
			return answer{}, fmt.Errorf("%s: page %d: %w", req.Service, page, err)
		}
		level := slog.LevelInfo
		if strings.EqualFold(resp.Status, "EXECUTING") {
			level = slog.LevelDebug
		}
		c.log.Log(ctx, level, "mast invoke", "service", req.Service, "page", page, "poll", polls, "status", resp.Status,
			"bytes", len(raw), "took", time.Since(start))
		if !strings.EqualFold(resp.Status, "EXECUTING") {
			return answer{raw: raw, resp: resp}, nil
		}
		if err := sleep(ctx, delay); err != nil {
			return answer{}, fmt.Errorf("%s: %w", req.Service, err)
		}
		delay = min(delay*3/2, maxPollInterval)
	}
}

// requestBody is the exact form body: request=<quoted Python-style JSON>, keys in
// astroquery's order.
func (c *Client) requestBody(req InvokeRequest, page int, breaker string) (string, error) {
	params := req.Params
	if params == nil {
		params = Object{}
	}
	o := Object{{"service", req.Service}, {"params", params}, {"format", formatOf(req)}}
	if !req.OmitPaging {
		ps := req.PageSize
		if ps <= 0 {
			ps = c.cfg.PageSize
		}
		o = append(o, KV{"pagesize", ps}, KV{"page", page})
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
	return "request=" + PyQuote(js, "/"), nil
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

// decodeAnswer reads one Portal answer. wire.Decode also reads the envelope of extjs
// and Name.Lookup answers (their Table is nil).
func decodeAnswer(raw []byte, ignore map[string]string) (*wire.Response, error) {
	if isEmptyBody(raw) {
		return &wire.Response{Status: "ERROR", HasStatus: true}, nil
	}
	r, err := wire.Decode(raw, wire.Options{IgnoreValues: ignore})
	if err != nil {
		return nil, fmt.Errorf("%w (body starts %q)", err, bodySnippet(raw))
	}
	return r, nil
}
