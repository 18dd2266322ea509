package mast

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Expected bodies were produced by Python: "request=" + urllib.parse.quote(json.dumps(obj), safe="/").
const (
	wantConeBody = `request=%7B%22service%22%3A%20%22Mast.Caom.Cone%22%2C%20%22params%22%3A%20%7B%22ra%22%3A%2023.34086%2C%20%22dec%22%3A%2060.658%2C%20%22radius%22%3A%200.2%7D%2C%20%22format%22%3A%20%22json%22%2C%20%22pagesize%22%3A%2050000%2C%20%22page%22%3A%201%2C%20%22cacheBreaker%22%3A%20%22BREAKER%22%7D`

	wantFilteredBody = `request=%7B%22service%22%3A%20%22Mast.Caom.Filtered.Position%22%2C%20%22params%22%3A%20%7B%22columns%22%3A%20%22%2A%22%2C%20%22filters%22%3A%20%5B%7B%22paramName%22%3A%20%22dataproduct_type%22%2C%20%22values%22%3A%20%5B%22image%22%5D%7D%2C%20%7B%22paramName%22%3A%20%22proposal_pi%22%2C%20%22values%22%3A%20%5B%5D%2C%20%22freeText%22%3A%20%22Ost%25%22%7D%2C%20%7B%22paramName%22%3A%20%22s_dec%22%2C%20%22values%22%3A%20%5B%7B%22min%22%3A%2043.5%2C%20%22max%22%3A%2045.5%7D%5D%7D%2C%20%7B%22paramName%22%3A%20%22filters%22%2C%20%22separator%22%3A%20%22%3B%22%2C%20%22values%22%3A%20%5B%22NUV%22%2C%20%22FUV%22%5D%7D%5D%2C%20%22position%22%3A%20%22210.80227%2C%2054.34895%2C%200.02%22%7D%2C%20%22format%22%3A%20%22json%22%2C%20%22pagesize%22%3A%2050000%2C%20%22page%22%3A%201%2C%20%22cacheBreaker%22%3A%20%22BREAKER%22%7D`
)

func TestConeRequestBytes(t *testing.T) {
	f := newFake(t)
	f.answer("Mast.Caom.Cone", fixture(t, "count.json"))
	c := f.client(nil)
	if _, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 23.34086, Dec: 60.658}}); err != nil {
		t.Fatal(err)
	}
	calls := f.calls()
	if len(calls) != 1 {
		t.Fatalf("%d invokes, want 1", len(calls))
	}
	if !isUUIDv4(calls[0].Breaker) {
		t.Errorf("cacheBreaker %q is not a UUIDv4", calls[0].Breaker)
	}
	got := strings.Replace(calls[0].Body, calls[0].Breaker, "BREAKER", 1)
	if got != wantConeBody {
		t.Errorf("body\n got %s\nwant %s", got, wantConeBody)
	}
}

func TestFilteredRequestBytes(t *testing.T) {
	f := newFake(t)
	f.answer("Mast.Caom.Filtered.Position", fixture(t, "count.json"))
	c := f.client(nil)
	q := Query{Position: &Position{RA: 210.80227, Dec: 54.34895}, RadiusDeg: 0.02, Criteria: []Criterion{
		{"dataproduct_type", "image"}, {"proposal_pi", "Ost*"}, {"s_dec", "43.5..45.5"}, {"filters", "NUV,FUV"}}}
	if _, _, err := c.Search(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	calls := f.calls()
	got := strings.Replace(calls[0].Body, calls[0].Breaker, "BREAKER", 1)
	if got != wantFilteredBody {
		t.Errorf("body\n got %s\nwant %s", got, wantFilteredBody)
	}
	if len(f.ccIDs) != 1 || f.ccIDs[0] != "Mast.Caom.Cone" {
		t.Errorf("columnsconfig ids %v, want [Mast.Caom.Cone] once", f.ccIDs)
	}
}

func isUUIDv4(s string) bool {
	if len(s) != 36 || s[14] != '4' || !strings.ContainsRune("89ab", rune(s[19])) {
		return false
	}
	for i, r := range s {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if r != '-' {
				return false
			}
		} else if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

// pagedCone answers EXECUTING twice for a new job, then the three fixture pages.
func pagedCone(t *testing.T, executing int) func(c invokeCall, n int) reply {
	polls := map[string]int{}
	return func(c invokeCall, n int) reply {
		if polls[c.Breaker] < executing {
			polls[c.Breaker]++
			return reply{body: fixture(t, "executing.json")}
		}
		switch c.Page {
		case 1:
			return reply{body: fixture(t, "cone_page1.json")}
		case 2:
			return reply{body: fixture(t, "cone_page2.json")}
		case 3:
			return reply{body: fixture(t, "cone_page3.json")}
		}
		t.Errorf("unexpected page %d", c.Page)
		return reply{status: 400}
	}
}

func TestPollingAndPaging(t *testing.T) {
	f := newFake(t)
	f.onInvoke = pagedCone(t, 2)
	poll := 30 * time.Millisecond
	c := f.client(func(cfg *Config) { cfg.PollInterval = poll; cfg.PageSize = 2 })
	tab, res, err := c.Search(context.Background(), Query{Position: &Position{RA: 23.34, Dec: 60.66}, RadiusDeg: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if res != nil {
		t.Errorf("Resolved = %+v for a position query", res)
	}
	calls := f.calls()
	var pages []int
	for _, cl := range calls {
		pages = append(pages, cl.Page)
		if cl.Breaker != calls[0].Breaker {
			t.Errorf("cacheBreaker changed within one query: %q vs %q", cl.Breaker, calls[0].Breaker)
		}
		if cl.Size != 2 {
			t.Errorf("pagesize %d, want 2", cl.Size)
		}
	}
	if got := joinInts(pages); got != "1,1,1,2,3" {
		t.Errorf("pages requested %s, want 1,1,1,2,3", got)
	}
	if d := calls[1].At.Sub(calls[0].At); d < poll {
		t.Errorf("re-poll after %v, want >= %v", d, poll)
	}
	if d := calls[2].At.Sub(calls[1].At); d < poll*3/2 {
		t.Errorf("second re-poll after %v, want >= %v (x1.5 backoff)", d, poll*3/2)
	}
	if tab.Rows() != 5 {
		t.Fatalf("rows %d, want 5 (all pages)", tab.Rows())
	}
	ids := tab.Col("obs_id")
	var got []string
	for i := 0; i < tab.Rows(); i++ {
		got = append(got, ids.String(i))
	}
	if strings.Join(got, " ") != "U27XCS01T U27XCS02T jw01073-o001 jw01073-o002 tess2019-s0017" {
		t.Errorf("row order %v", got)
	}
	// A second logical query gets a new cacheBreaker.
	if _, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 23.34, Dec: 60.66}}); err != nil {
		t.Fatal(err)
	}
	calls = f.calls()
	if last := calls[len(calls)-1]; last.Breaker == calls[0].Breaker {
		t.Errorf("second query reused cacheBreaker %q", last.Breaker)
	}
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// sameJSON compares a decoded value with JSON text, ignoring key order.
func sameJSON(t *testing.T, got any, want string) bool {
	t.Helper()
	var w any
	dec := json.NewDecoder(strings.NewReader(want))
	dec.UseNumber()
	if err := dec.Decode(&w); err != nil {
		t.Fatal(err)
	}
	return mustJSON(t, got) == mustJSON(t, w)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDecodedValues(t *testing.T) {
	f := newFake(t)
	f.onInvoke = pagedCone(t, 0)
	c := f.client(nil)
	tab, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 23.34, Dec: 60.66}})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Col("_selected_") != nil {
		t.Error("_selected_ kept")
	}
	obj := tab.Col("objID")
	if obj.String(0) != "4365646553433558144" || obj.String(1) != "9007199254740993" {
		t.Errorf("big integers in string fields: %q %q", obj.String(0), obj.String(1))
	}
	if s := tab.Col("obsid").String(0); s != "2003585980" {
		t.Errorf("obsid %q", s)
	}
	ra := tab.Col("s_ra")
	if !math.IsNaN(ra.Float[1]) || ra.IsMasked(1) {
		t.Errorf("null float: %v masked=%v, want unmasked NaN", ra.Float[1], ra.IsMasked(1))
	}
	if !tab.Col("calib_level").IsMasked(1) {
		t.Error("int -999 not masked")
	}
	if fov := tab.Col("s_fov"); !fov.IsMasked(1) || fov.IsMasked(0) {
		t.Errorf("s_fov ignoreValue 0: masked %v %v, want false true", fov.IsMasked(0), fov.IsMasked(1))
	}
	if er := tab.Col("em_resolution"); !er.IsMasked(0) || !er.IsMasked(2) || er.IsMasked(1) {
		t.Errorf("em_resolution ignoreValue -9999 masks: %v %v %v", er.IsMasked(0), er.IsMasked(1), er.IsMasked(2))
	}
	if !tab.Col("dataproduct_type").IsMasked(1) {
		t.Error(`empty string not masked`)
	}
	m := tab.Col("s_ra").Meta
	if m.Label != "RA" || m.Unit != "deg" || m.Description != "Observation Right Ascension" {
		t.Errorf("s_ra meta %+v", m)
	}
}

func TestSearchPageAndBreakerReuse(t *testing.T) {
	f := newFake(t)
	f.onInvoke = pagedCone(t, 1)
	c := f.client(nil)
	q := Query{Position: &Position{RA: 23.34, Dec: 60.66}}
	p2, err := c.SearchPage(context.Background(), q, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if p2.Page != 2 || p2.PagesFiltered != 3 || p2.RowsFiltered != 5 || p2.RowsTotal != 99999 || p2.Table.Rows() != 2 || p2.PageSize != 2 {
		t.Errorf("page %+v", p2)
	}
	calls := f.calls()
	if len(calls) != 2 || calls[0].Page != 2 || calls[1].Page != 2 || calls[1].Size != 2 {
		t.Fatalf("calls %+v, want one EXECUTING poll then page 2", calls)
	}
	if _, err := c.SearchPage(context.Background(), q, 3, 2); err != nil {
		t.Fatal(err)
	}
	calls = f.calls()
	if len(calls) != 3 || calls[2].Page != 3 || calls[2].Breaker != calls[0].Breaker {
		t.Errorf("page 3 should reuse the job's cacheBreaker without polling: %+v", calls[2:])
	}
	if _, err := c.SearchPage(context.Background(), q, 1, 2); err != nil {
		t.Fatal(err)
	}
	calls = f.calls()
	if calls[len(calls)-1].Breaker == calls[0].Breaker {
		t.Error("page 1 should start a new job with a fresh cacheBreaker")
	}
}

func TestErrorStatus(t *testing.T) {
	f := newFake(t)
	f.answer("Mast.Caom.Cone", fixture(t, "error.json"))
	c := f.client(nil)
	_, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}})
	var re *RemoteError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "MAST error: Incorrect syntax near '*'.") {
		t.Fatalf("err = %v", err)
	}
	f.answer("Mast.Caom.Cone", "{}")
	_, _, err = c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}})
	if err == nil || !strings.Contains(err.Error(), "MAST error: There was an error with your request.") {
		t.Fatalf("empty body: err = %v", err)
	}
}

func TestHTTP400NotRetried(t *testing.T) {
	f := newFake(t)
	f.onInvoke = func(c invokeCall, n int) reply { return reply{status: 400, body: "bad request"} }
	c := f.client(nil)
	_, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}})
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 400 || !strings.Contains(err.Error(), "Mast.Caom.Cone") {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.calls()); n != 1 {
		t.Errorf("%d calls, want 1 (no retry on 400)", n)
	}
}

func TestRetry503ThenSuccess(t *testing.T) {
	f := newFake(t)
	f.onInvoke = func(c invokeCall, n int) reply {
		switch n {
		case 0:
			return reply{status: 503}
		case 1:
			return reply{status: 503, header: map[string]string{"Retry-After": "1"}}
		case 2:
			return reply{drop: true}
		}
		return reply{body: fixture(t, "cone_one.json")}
	}
	c := f.client(nil)
	tab, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows() != 1 {
		t.Errorf("rows %d", tab.Rows())
	}
	calls := f.calls()
	if len(calls) != 4 {
		t.Fatalf("%d calls, want 4", len(calls))
	}
	if d := calls[2].At.Sub(calls[1].At); d < 900*time.Millisecond {
		t.Errorf("Retry-After: 1 not honoured: waited %v", d)
	}
	for _, cl := range calls {
		if cl.Body != calls[0].Body {
			t.Error("retries must resend the identical body")
		}
	}
}

func TestRetriesExhausted(t *testing.T) {
	f := newFake(t)
	f.onInvoke = func(c invokeCall, n int) reply { return reply{status: 502} }
	c := f.client(func(cfg *Config) { cfg.MaxRetries = 2 })
	_, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}})
	if err == nil || !strings.Contains(err.Error(), "after 2 retries") || !strings.Contains(err.Error(), "502") {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.calls()); n != 3 {
		t.Errorf("%d calls, want 3", n)
	}
}

func TestAttemptTimeoutRetried(t *testing.T) {
	f := newFake(t)
	f.onInvoke = func(c invokeCall, n int) reply {
		if n == 0 {
			return reply{hang: true}
		}
		return reply{body: fixture(t, "cone_one.json")}
	}
	c := f.client(func(cfg *Config) { cfg.RequestTimeout = 100 * time.Millisecond })
	if _, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}}); err != nil {
		t.Fatal(err)
	}
	// A loaded machine may cut the second attempt too; what matters is that the hung one
	// was cut and retried.
	if n := len(f.calls()); n < 2 {
		t.Errorf("%d calls, want the hung one and a retry", n)
	}
}

func TestBudgetExceeded(t *testing.T) {
	f := newFake(t)
	f.onInvoke = func(c invokeCall, n int) reply { return reply{body: fixture(t, "executing.json")} }
	c := f.client(func(cfg *Config) { cfg.QueryBudget = 200 * time.Millisecond })
	_, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}})
	if !errors.Is(err, ErrBudget) || !strings.Contains(err.Error(), "query exceeded its 200ms budget") {
		t.Fatalf("err = %v", err)
	}
}

func TestContextCancelStopsPromptly(t *testing.T) {
	f := newFake(t)
	var hung atomic.Int32
	f.onInvoke = func(c invokeCall, n int) reply { hung.Add(1); return reply{hang: true} }
	c := f.client(nil)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for hung.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	_, _, err := c.Search(ctx, Query{Position: &Position{RA: 1, Dec: 2}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.calls()); n != 1 {
		t.Errorf("%d calls after cancel, want 1 (no retry)", n)
	}
}

func TestCount(t *testing.T) {
	f := newFake(t)
	f.answer("Mast.Caom.Filtered.Position", fixture(t, "count.json"))
	c := f.client(nil)
	n, err := c.Count(context.Background(), Query{Position: &Position{RA: 10, Dec: 20}, RadiusDeg: 0.5})
	if err != nil || n != 599 {
		t.Fatalf("Count = %d, %v", n, err)
	}
	p := f.calls()[0].params()
	if !sameJSON(t, p, `{"columns":"COUNT_BIG(*)","filters":[],"position":"10.0, 20.0, 0.5"}`) {
		t.Errorf("params %s", mustJSON(t, p))
	}
	f.answer("Mast.Caom.Filtered", fixture(t, "count.json"))
	if _, err := c.Count(context.Background(), Query{Criteria: []Criterion{{"obs_collection", "HST"}}}); err != nil {
		t.Fatal(err)
	}
	p = f.calls()[1].params()
	if !sameJSON(t, p, `{"columns":"COUNT_BIG(*)","filters":[{"paramName":"obs_collection","separator":";","values":["HST"]}]}`) {
		t.Errorf("params %s", mustJSON(t, p))
	}
}

func TestQueryValidation(t *testing.T) {
	c := New(Config{BaseURL: "http://127.0.0.1:1"})
	_, _, err := c.Search(context.Background(), Query{Object: "M101", Position: &Position{}})
	if err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("object+position: %v", err)
	}
	_, _, err = c.Search(context.Background(), Query{})
	if err == nil || !strings.Contains(err.Error(), "at least one non-positional criterion") {
		t.Errorf("empty query: %v", err)
	}
}

func TestEmptyColumnsConfig(t *testing.T) {
	f := newFake(t)
	delete(f.cc, "Mast.Caom.Cone") // the fake answers {} for unknown ids
	f.onInvoke = func(c invokeCall, n int) reply { return reply{body: fixture(t, "cone_one.json")} }
	c := f.client(nil)
	if _, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}}); err != nil {
		t.Errorf("cone search should survive an empty columnsconfig: %v", err)
	}
	_, _, err := c.Search(context.Background(), Query{Criteria: []Criterion{{"obs_collection", "HST"}}})
	if !errors.Is(err, ErrEmptyColumnsConfig) {
		t.Errorf("criteria with empty columnsconfig: %v", err)
	}
}

func TestInvokeExtraAndExtjs(t *testing.T) {
	f := newFake(t)
	f.answer("Mast.Catalogs.All.Tic", `{"status": "COMPLETE", "msg": "", "data": {"Tables": []}}`)
	c := f.client(nil)
	rs, err := c.Invoke(context.Background(), InvokeRequest{Service: "Mast.Catalogs.All.Tic", Format: "extjs", OmitPaging: true,
		Extra: map[string]any{"timeout": 3, "clearcache": false}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Status != "COMPLETE" || rs[0].Table != nil {
		t.Errorf("responses %+v", rs)
	}
	call := f.calls()[0]
	js, _ := url.QueryUnescape(strings.TrimPrefix(strings.Replace(call.Body, call.Breaker, "B", 1), "request="))
	want := `{"service": "Mast.Catalogs.All.Tic", "params": {}, "format": "extjs", "clearcache": false, "timeout": 3, "cacheBreaker": "B"}`
	if js != want {
		t.Errorf("request\n got %s\nwant %s", js, want)
	}
	if _, err := c.Invoke(context.Background(), InvokeRequest{Service: "X", Extra: map[string]any{"page": 2}}); err == nil {
		t.Error("extra key page should be refused")
	}
}

func TestSantaWithoutCookies(t *testing.T) {
	f := newFake(t)
	f.onSanta = func(q url.Values, n int) reply { return reply{body: fixture(t, "santa.json")} }
	f.onInvoke = func(c invokeCall, n int) reply { return reply{body: fixture(t, "cone_one.json")} }
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(f.srv.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "mast_token", Value: "secret"}})
	c := f.client(func(cfg *Config) { cfg.HTTPClient = &http.Client{Jar: jar} })
	_, res, err := c.Search(context.Background(), Query{Object: "M101"})
	if err != nil {
		t.Fatal(err)
	}
	if res == nil || res.CanonicalName != "M 101" || res.Name != "M101" {
		t.Errorf("resolved %+v", res)
	}
	p := f.calls()[0].params()
	if !sameJSON(t, p, `{"ra":210.802429,"dec":54.34875,"radius":0.2}`) {
		t.Errorf("cone params %s", mustJSON(t, p))
	}
	if ck := f.calls()[0].Cookie; !strings.Contains(ck, "mast_token=secret") {
		t.Errorf("Portal request lacks the session cookie: %q", ck)
	}
	if ck := f.santaCks[0]; ck != "" {
		t.Errorf("SANTA request carried cookies %q", ck)
	}
}

// TestPagesThatStayShortFail: when a page brings no rows although rowsFiltered promises
// more, the query fails naming what happened instead of returning part of the result.
func TestPagesThatStayShortFail(t *testing.T) {
	empty := strings.Replace(fixture(t, "cone_page2.json"), `"data": [`, `"data": [], "was": [`, 1)
	f := newFake(t)
	f.onInvoke = func(c invokeCall, n int) reply {
		if c.Page == 1 {
			return reply{body: fixture(t, "cone_page1.json")}
		}
		return reply{body: empty}
	}
	c := f.client(func(cfg *Config) { cfg.PageSize = 2 })
	_, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}})
	var ie *IncompleteError
	if !errors.As(err, &ie) || ie.Got != 2 || ie.Want != 5 ||
		!strings.Contains(err.Error(), "Mast.Caom.Cone: server returned 2 of 5 rows") {
		t.Fatalf("err = %v, want a partial result refused", err)
	}
	// The same for one page of the TUI: page 1 of 4 rows holds only 2.
	_, err = c.SearchPage(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}}, 1, 4)
	if !errors.As(err, &ie) || ie.Got != 2 || ie.Want != 4 || ie.Total != 5 {
		t.Fatalf("SearchPage: err = %v, want a partial page refused", err)
	}
}
