package download

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mastui/services/sim"
)

func TestUnauthorizedIsLoginRequired(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	it := itemsFor(t, ts.URL, t.TempDir(), []sim.Product{pickExclusive(t)})[0]
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	if st[0].State != LoginRequired || !strings.HasPrefix(st[0].Err, "login required") || st[0].Attempt != 1 {
		t.Fatalf("state %s after %d attempts, err %q; want login-required at once", st[0].State, st[0].Attempt, st[0].Err)
	}
}

// syncBuffer is a log sink safe for concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestTokenOnlyToTokenHosts(t *testing.T) {
	h := sharedSim(t).Handler()
	ca, tsA := serve(t, h) // the configured MAST host
	cb, tsB := serve(t, h) // same IP, other port: not a token host
	// A third origin on the token host redirects to B: the token must not follow.
	cr, tsR := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, tsB.URL+r.URL.RequestURI(), http.StatusFound)
	}))
	excl := pickExclusive(t)
	pub := pick(t, 1, 3000, 40000)
	dir := t.TempDir()
	a := itemsFor(t, tsA.URL, dir+"/a", []sim.Product{excl, pub[0]})
	b := itemsFor(t, tsB.URL, dir+"/b", []sim.Product{excl, pub[0]})
	r := itemsFor(t, tsR.URL, dir+"/r", []sim.Product{pub[0]})

	logs := &syncBuffer{}
	o := fastOpts(t)
	o.Token = sim.DemoToken
	o.MastURL = tsA.URL
	o.TokenHosts = []string{"mast.stsci.edu", hostPort(t, tsR.URL)}
	o.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	st := runQueue(t, newManager(t, o), append(append(a, b...), r...), 30*time.Second)

	byURL := map[string]Status{}
	for _, s := range st {
		byURL[s.URL] = s
	}
	if s := byURL[a[0].URL]; s.State != Done {
		t.Errorf("exclusive file from the MAST host: %s %s", s.State, s.Err)
	}
	if s := byURL[b[0].URL]; s.State != LoginRequired || !strings.HasPrefix(s.Err, "login required") {
		t.Errorf("exclusive file from another host: %s %q, want login required", s.State, s.Err)
	}
	for _, s := range []Status{byURL[a[1].URL], byURL[b[1].URL], byURL[r[0].URL]} {
		if s.State != Done {
			t.Errorf("%s: %s %s", s.URL, s.State, s.Err)
		}
	}
	checkFiles(t, []Item{a[0], a[1], b[1], r[0]})
	for _, q := range ca.requests() {
		if q.Auth != "Bearer "+sim.DemoToken || q.Cookie != sim.DemoToken {
			t.Errorf("MAST host request without the token: %+v", q)
		}
	}
	for _, q := range cb.requests() {
		if q.Auth != "" || q.Cookie != "" {
			t.Errorf("token sent to a non-MAST host: auth %q cookie %q", q.Auth, q.Cookie)
		}
	}
	if len(cr.requests()) == 0 || len(cb.requests()) < 3 {
		t.Fatalf("redirect path not exercised: %d, %d requests", len(cr.requests()), len(cb.requests()))
	}
	if strings.Contains(logs.String(), sim.DemoToken) {
		t.Fatal("the token appears in the log")
	}
	if !strings.Contains(logs.String(), "download") {
		t.Fatal("nothing logged: the check above proves nothing")
	}
}

func hostPort(t *testing.T, raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

func TestTokenTransportRules(t *testing.T) {
	cases := []struct {
		mastURL, url string
		want         bool
	}{
		{"", "https://mast.stsci.edu/api/v0.1/Download/file?uri=x", true},
		{"", "https://MAST.stsci.edu:443/x", true},
		{"", "http://mast.stsci.edu/x", false},       // plain http to a MAST host
		{"", "https://mast.stsci.edu:8443/x", false}, // another port of a MAST host
		{"", "https://mast.stsci.edu.evil.org/x", false},
		{"http://127.0.0.1:8765", "http://127.0.0.1:8765/x", true}, // the simulator
		{"http://127.0.0.1:8765", "http://127.0.0.1:9999/x", false},
		{"http://localhost:8765", "http://localhost:8765/x", true},
		{"http://[::1]:8765", "http://[::1]:8765/x", true},
		{"http://mirror.example.org:8080", "http://mirror.example.org:8080/x", false}, // plain http, not loopback
		{"https://mirror.example.org", "https://mirror.example.org/x", true},
		{"https://mirror.example.org", "https://mirror.example.org:8443/x", false},
		{"", "ftp://mast.stsci.edu/x", false},
	}
	for _, c := range cases {
		u, err := url.Parse(c.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := newAuth("tok", nil, c.mastURL).allowed(u); got != c.want {
			t.Errorf("MastURL %q, request %s: token sent %v, want %v", c.mastURL, c.url, got, c.want)
		}
	}
}

// An https token host redirecting to plain http (even to another token host on
// loopback) must not carry the token down.
func TestTokenDroppedAfterHTTPSToHTTPRedirect(t *testing.T) {
	plainC, plain := serve(t, sharedSim(t).Handler())
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+r.URL.RequestURI(), http.StatusFound)
	}))
	t.Cleanup(tls.Close)
	it := itemsFor(t, tls.URL, t.TempDir(), pick(t, 1, 3000, 40000))[0]
	o := fastOpts(t)
	o.Token = sim.DemoToken
	o.TokenHosts = []string{hostPort(t, tls.URL), hostPort(t, plain.URL)}
	o.HTTPClient = tls.Client()
	st := runQueue(t, newManager(t, o), []Item{it}, 30*time.Second)
	if st[0].State != Done {
		t.Fatalf("%s %s", st[0].State, st[0].Err)
	}
	reqs := plainC.requests()
	if len(reqs) == 0 {
		t.Fatal("the redirect was not followed")
	}
	for _, q := range reqs {
		if q.Auth != "" || q.Cookie != "" {
			t.Fatalf("token sent over http after a redirect from https: auth %q cookie %q", q.Auth, q.Cookie)
		}
	}
}

// capture is a RoundTripper that records requests instead of sending them.
type capture struct {
	mu   sync.Mutex
	reqs []*http.Request
	body string
}

func (c *capture) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.reqs = append(c.reqs, r)
	c.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/x-sh"}},
		Body: io.NopCloser(strings.NewReader(c.body)), Request: r}, nil
}

func TestBundleTokenOnlyOverSafeTransport(t *testing.T) {
	for _, c := range []struct {
		base string
		want bool
	}{
		{"https://mast.stsci.edu", true},
		{"http://mast.stsci.edu", false},
		{"http://mirror.example.org", false},
		{"http://127.0.0.1:8765", true},
	} {
		tr := &capture{body: "#!/bin/sh\ncurl x\n"}
		var out bytes.Buffer
		err := FetchBundleScript(context.Background(), &http.Client{Transport: tr}, c.base, "tok", []string{"mast:HST/product/a.fits"}, &out)
		if err != nil || len(tr.reqs) != 1 {
			t.Fatalf("%s: %v, %d requests", c.base, err, len(tr.reqs))
		}
		h := tr.reqs[0].Header
		if sent := h.Get("Authorization") != "" || strings.Contains(h.Get("Cookie"), "tok"); sent != c.want {
			t.Errorf("bundle.sh at %s: token sent %v, want %v", c.base, sent, c.want)
		}
	}
}

// Over plain http to a host that is not loopback, the engine sends no token either.
func TestEngineTokenNotOverPlainHTTP(t *testing.T) {
	tr := &capture{body: "x"}
	o := fastOpts(t)
	o.Token, o.HTTPClient, o.MaxAttempts = "tok", &http.Client{Transport: tr}, 1
	it := Item{URL: "http://mast.stsci.edu/api/v0.1/Download/file?uri=mast:HST/product/a.txt", Dest: filepath.Join(t.TempDir(), "a.txt")}
	runQueue(t, newManager(t, o), []Item{it}, 30*time.Second)
	if len(tr.reqs) == 0 {
		t.Fatal("no request")
	}
	for _, r := range tr.reqs {
		if r.Header.Get("Authorization") != "" || strings.Contains(r.Header.Get("Cookie"), "tok") {
			t.Fatalf("token sent over plain http to %s", r.URL.Host)
		}
	}
}

// A 401 holds the item as login-required (not failed, not retried), the others go on;
// the state survives a restart; SetToken queues it again and it completes byte-identical;
// the journal never holds the token.
func TestLoginRequiredThenSetTokenResumes(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	items := itemsFor(t, ts.URL, dir, append([]sim.Product{pickExclusive(t)}, pick(t, 2, 3000, 40000)...))
	o := fastOpts(t)
	o.MastURL = ts.URL
	st := runQueue(t, newManager(t, o), items, 30*time.Second)
	byID := map[string]Status{}
	for _, s := range st {
		byID[s.ID] = s
	}
	if s := byID[items[0].ID]; s.State != LoginRequired || s.Attempt != 1 || !strings.HasPrefix(s.Err, "login required") {
		t.Fatalf("exclusive item: %s after %d attempts (%q); want login-required at the first", s.State, s.Attempt, s.Err)
	}
	for _, it := range items[1:] {
		if s := byID[it.ID]; s.State != Done {
			t.Fatalf("public item %s: %s %q", it.Filename, s.State, s.Err)
		}
	}

	m := newManager(t, o) // the journal remembers the state
	if s, _ := m.Status(items[0].ID); s.State != LoginRequired {
		t.Fatalf("after a restart the item is %s, want %s", s.State, LoginRequired)
	}
	if tot := m.Totals(); tot.LoginRequired != 1 {
		t.Fatalf("totals %+v", tot)
	}
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	m.Start(ctx)
	if err := m.SetToken(sim.DemoToken); err != nil {
		t.Fatal(err)
	}
	if err := m.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if s, _ := m.Status(items[0].ID); s.State != Done {
		t.Fatalf("after SetToken: %s %q", s.State, s.Err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, items)
	j, err := os.ReadFile(o.JournalPath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(j), sim.DemoToken) {
		t.Fatal("the token is in the journal")
	}
}
