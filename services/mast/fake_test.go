package mast

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixture reads testdata/mast/<name> (our own recordings in the documented wire format).
func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mast", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// invokeCall is one request seen on /api/v0/invoke.
type invokeCall struct {
	Body    string         // raw form body
	Req     map[string]any // decoded request JSON (numbers as json.Number)
	Service string
	Page    int
	Size    int
	Breaker string
	At      time.Time
	Cookie  string
}

func (c invokeCall) params() map[string]any { m, _ := c.Req["params"].(map[string]any); return m }

// reply is what a fake handler answers.
type reply struct {
	status int
	body   string
	header map[string]string
	hang   bool // block until the client gives up
	drop   bool // close the connection without answering
}

// fakeMast is an httptest MAST: columnsconfig from fixtures, invoke and SANTA from
// per-test functions; it records everything.
type fakeMast struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	invokes  []invokeCall
	ccIDs    []string
	santaQs  []url.Values
	santaCks []string
	cc       map[string]string // colConfigId -> body

	onInvoke func(c invokeCall, n int) reply // n = index among invoke calls
	onSanta  func(q url.Values, n int) reply
}

func newFake(t *testing.T) *fakeMast {
	f := &fakeMast{t: t, cc: map[string]string{
		"Mast.Caom.Cone":     fixture(t, "columnsconfig_caom_cone.json"),
		"Mast.Caom.Products": fixture(t, "columnsconfig_caom_products.json"),
	}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeMast) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var rep reply
	switch r.URL.Path {
	case "/portal/Mashup/Mashup.asmx/columnsconfig":
		id := strings.TrimPrefix(string(body), "colConfigId=")
		f.mu.Lock()
		f.ccIDs = append(f.ccIDs, id)
		b, ok := f.cc[id]
		f.mu.Unlock()
		if !ok {
			b = "{}"
		}
		rep = reply{body: b}
	case "/api/v0/invoke":
		raw := string(body)
		if r.Method == http.MethodGet {
			raw = "request=" + r.URL.Query().Get("request")
		}
		call := invokeCall{Body: raw, At: time.Now(), Cookie: r.Header.Get("Cookie")}
		js, err := url.QueryUnescape(strings.TrimPrefix(raw, "request="))
		if err != nil {
			f.t.Errorf("invoke body not percent-encoded: %v", err)
		}
		dec := json.NewDecoder(strings.NewReader(js))
		dec.UseNumber()
		if err := dec.Decode(&call.Req); err != nil {
			f.t.Errorf("invoke body is not JSON: %v: %s", err, js)
		}
		call.Service, _ = call.Req["service"].(string)
		call.Breaker, _ = call.Req["cacheBreaker"].(string)
		if n, ok := call.Req["page"].(json.Number); ok {
			p, _ := n.Int64()
			call.Page = int(p)
		}
		if n, ok := call.Req["pagesize"].(json.Number); ok {
			p, _ := n.Int64()
			call.Size = int(p)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			f.t.Errorf("Content-Type = %q", ct)
		}
		if a := r.Header.Get("Accept"); a != "text/plain" {
			f.t.Errorf("Accept = %q", a)
		}
		f.mu.Lock()
		n := len(f.invokes)
		f.invokes = append(f.invokes, call)
		h := f.onInvoke
		f.mu.Unlock()
		if h == nil {
			f.t.Errorf("unexpected invoke of %s", call.Service)
			rep = reply{status: 500}
		} else {
			rep = h(call, n)
		}
	case "/Santa-war/query":
		f.mu.Lock()
		n := len(f.santaQs)
		f.santaQs = append(f.santaQs, r.URL.Query())
		f.santaCks = append(f.santaCks, r.Header.Get("Cookie"))
		h := f.onSanta
		f.mu.Unlock()
		if h == nil {
			rep = reply{status: 404}
		} else {
			rep = h(r.URL.Query(), n)
		}
	default:
		rep = reply{status: 404}
	}
	switch {
	case rep.hang:
		<-r.Context().Done()
		return
	case rep.drop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
			}
		}
		return
	}
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if rep.status == 0 {
		rep.status = 200
	}
	w.WriteHeader(rep.status)
	io.WriteString(w, rep.body)
}

func (f *fakeMast) calls() []invokeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]invokeCall(nil), f.invokes...)
}

// client makes a fast client against the fake.
func (f *fakeMast) client(mod func(*Config)) *Client {
	cfg := Config{
		BaseURL:        f.srv.URL,
		PollInterval:   5 * time.Millisecond,
		RetryBaseDelay: time.Millisecond,
		RetryMaxDelay:  5 * time.Millisecond,
		RequestTimeout: 5 * time.Second,
		QueryBudget:    10 * time.Second,
	}
	if mod != nil {
		mod(&cfg)
	}
	return New(cfg)
}

// answer answers every invoke of service with body (and flags other services).
func (f *fakeMast) answer(service, body string) {
	f.onInvoke = func(c invokeCall, n int) reply {
		if c.Service != service {
			f.t.Errorf("service %q, want %q", c.Service, service)
		}
		return reply{body: body}
	}
}
