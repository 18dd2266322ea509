package mast_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"mastui/services/mast"
	"mastui/services/sim"
)

// seen is what a request carried: its path and its token, by each transport.
type seen struct {
	path, cookie, bearer string
}

// recordTokens serves the simulator and records each request's token headers.
func recordTokens(t *testing.T) (string, func() []seen) {
	t.Helper()
	s, err := sim.New(sim.Options{Archive: demoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var log []seen
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := seen{path: r.URL.Path, bearer: strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}
		if c, err := r.Cookie("mast_token"); err == nil {
			rec.cookie = c.Value
		}
		mu.Lock()
		log = append(log, rec)
		mu.Unlock()
		s.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, func() []seen { mu.Lock(); defer mu.Unlock(); return append([]seen(nil), log...) }
}

func TestTokenGoesWithAuthenticatedRequestsOnly(t *testing.T) {
	url, requests := recordTokens(t)
	c := mast.New(mast.Config{BaseURL: url, PollInterval: time.Millisecond, RetryBaseDelay: time.Millisecond,
		Token: func() string { return sim.DemoToken }})
	ctx := context.Background()
	tb, _, err := c.Search(ctx, mast.Query{Object: "M101"})
	if err != nil {
		t.Fatal(err)
	}
	obsid := tb.Col("obsid").String(0)
	if _, err := c.Products(ctx, []string{obsid}, mast.ProductOptions{}); err != nil {
		t.Fatal(err)
	}
	page, err := c.MissionSearch(ctx, mast.MissionQuery{Mission: "hst", Objects: []string{"M101"}, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.MissionProducts(ctx, "hst", page.Table.Col("sci_data_set_name").Str[:1], 0); err != nil {
		t.Fatal(err)
	}
	if id, err := c.Whoami(ctx); err != nil || id.Anonymous || id.EZID != "demo" {
		t.Fatalf("whoami = %+v, %v; want the demo user", id, err)
	}
	authenticated := map[string]bool{}
	for _, r := range requests() {
		anonymous := strings.HasPrefix(r.path, "/Santa-war/") || strings.HasSuffix(r.path, "/column_list")
		switch {
		case anonymous && (r.cookie != "" || r.bearer != ""):
			t.Errorf("%s carried the token; the resolver and column_list must not", r.path)
		case !anonymous && (r.cookie != sim.DemoToken || r.bearer != sim.DemoToken):
			t.Errorf("%s: cookie %q, bearer %q; want the token as both", r.path, r.cookie, r.bearer)
		case !anonymous:
			authenticated[r.path] = true
		}
	}
	for _, p := range []string{"/api/v0/invoke", "/portal/Mashup/Mashup.asmx/columnsconfig", "/search/hst/api/v0.1/search",
		"/search/hst/api/v0.1/post_list_products", "/whoami"} {
		if !authenticated[p] {
			t.Errorf("no authenticated request to %s (saw %v)", p, authenticated)
		}
	}
}

// roundTrip answers every request in memory, recording it: for hosts no test can reach.
type roundTrip struct {
	mu   sync.Mutex
	reqs []*http.Request
	code int
	body string
}

func (rt *roundTrip) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.reqs = append(rt.reqs, r)
	rt.mu.Unlock()
	return &http.Response{StatusCode: rt.code, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(rt.body)), Request: r}, nil
}

func TestTokenNeverOverPlainHTTPToARemoteHost(t *testing.T) {
	const whoami = `{"eppn": "", "ezid": "anonymous", "anon": true, "scopes": [], "token": null}`
	for _, tc := range []struct {
		base string
		sent bool
	}{
		{"http://mast.example.org", false}, // replaced base URL, plain http, not loopback
		{"http://mast.stsci.edu", false},   // MAST's own host, but plain http
		{"https://mast.example.org", true}, // the replaced base URL's host, over https
		{"https://mast.stsci.edu", true},
		{"http://127.0.0.1:8080", true}, // the simulator on loopback
	} {
		rt := &roundTrip{code: 200, body: whoami}
		c := mast.New(mast.Config{BaseURL: tc.base, HTTPClient: &http.Client{Transport: rt}, MaxRetries: -1,
			Token: func() string { return "secret-token-1234" }})
		if _, err := c.Whoami(context.Background()); err != nil {
			t.Fatalf("%s: %v", tc.base, err)
		}
		r := rt.reqs[0]
		_, cookieErr := r.Cookie("mast_token")
		if got := r.Header.Get("Authorization") != "" || cookieErr == nil; got != tc.sent {
			t.Errorf("%s: token sent = %v, want %v", tc.base, got, tc.sent)
		}
	}
}

func TestUnauthorizedIsLoginRequired(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	url := c.Config().BaseURL
	for _, tc := range []struct {
		token, want string
	}{
		{sim.ExpiredToken, "mastui login --reenter"},
	} {
		c := mast.New(mast.Config{BaseURL: url, Token: func() string { return tc.token }})
		_, err := c.Whoami(context.Background())
		var lr *mast.LoginRequiredError
		if !errors.As(err, &lr) || !lr.TokenSent || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("whoami with an expired token: %v; want a LoginRequiredError naming %q", err, tc.want)
		}
		if strings.Contains(err.Error(), tc.token) {
			t.Fatalf("the error shows the token: %v", err)
		}
	}
	// 401 without a token: "mastui login".
	rt := &roundTrip{code: 401, body: "Unauthorized"}
	c2 := mast.New(mast.Config{BaseURL: "https://mast.stsci.edu", HTTPClient: &http.Client{Transport: rt}, MaxRetries: -1})
	_, err := c2.Whoami(context.Background())
	var lr *mast.LoginRequiredError
	if !errors.As(err, &lr) || lr.TokenSent || !strings.Contains(err.Error(), "run `mastui login`") {
		t.Fatalf("401 without a token: %v; want a LoginRequiredError naming `mastui login`", err)
	}
}

func TestWhoamiReadsTheExpiry(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	c = mast.New(mast.Config{BaseURL: c.Config().BaseURL, Token: func() string { return sim.ExpiringToken }})
	before := time.Now()
	id, err := c.Whoami(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if id.Anonymous || id.DisplayName != "Demo User" || id.Email != "demo@mastui.invalid" || len(id.Scopes) != 2 {
		t.Fatalf("identity %+v", id)
	}
	if left := id.Expires.Sub(before); left <= 0 || left > 36*time.Hour {
		t.Fatalf("expires %v, %v from now; want within the simulator's 36 h", id.Expires, left)
	}
}
