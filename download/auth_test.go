package download

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
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
	if st[0].State != Failed || !strings.HasPrefix(st[0].Err, "login required") || st[0].Attempt != 1 {
		t.Fatalf("state %s after %d attempts, err %q; want failed at once with login required", st[0].State, st[0].Attempt, st[0].Err)
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
	if s := byURL[b[0].URL]; s.State != Failed || !strings.HasPrefix(s.Err, "login required") {
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
