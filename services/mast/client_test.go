package mast

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestConfigDefaults(t *testing.T) {
	c := New(Config{})
	cfg := c.Config()
	if cfg.BaseURL != "https://mast.stsci.edu" || cfg.ResolverURL != "http://mastresolver.stsci.edu/Santa-war/query" ||
		cfg.RequestTimeout != 2*time.Minute || cfg.QueryBudget != 600*time.Second || cfg.PageSize != 50000 ||
		cfg.MaxRetries != 5 || cfg.PollInterval != 200*time.Millisecond || cfg.UserAgent == "" || cfg.HTTPClient == nil {
		t.Errorf("defaults %+v", cfg)
	}
	cfg = New(Config{BaseURL: "http://127.0.0.1:8765/", MaxRetries: -1}).Config()
	if cfg.BaseURL != "http://127.0.0.1:8765" || cfg.ResolverURL != "http://127.0.0.1:8765/Santa-war/query" || cfg.MaxRetries != 0 {
		t.Errorf("overridden base: %+v", cfg)
	}
	cfg = New(Config{BaseURL: "http://x", ResolverURL: "http://r/q"}).Config()
	if cfg.ResolverURL != "http://r/q" {
		t.Errorf("explicit resolver URL lost: %s", cfg.ResolverURL)
	}
	// The catalogs API (PanSTARRS): its own host on MAST, the base URL elsewhere, or
	// what is set.
	for _, tc := range []struct{ base, catalogs, want string }{
		{"", "", "https://catalogs.mast.stsci.edu"},
		{"http://127.0.0.1:8765/", "", "http://127.0.0.1:8765"},
		{"http://x", "http://cat.example/", "http://cat.example"},
	} {
		if got := New(Config{BaseURL: tc.base, CatalogsURL: tc.catalogs}).Config().CatalogsURL; got != tc.want {
			t.Errorf("base %q catalogs %q: %q, want %q", tc.base, tc.catalogs, got, tc.want)
		}
	}
}

func TestRetryAfterBeyondBudget(t *testing.T) {
	f := newFake(t)
	f.onInvoke = func(c invokeCall, n int) reply {
		return reply{status: 429, header: map[string]string{"Retry-After": "3600"}}
	}
	c := f.client(nil)
	_, _, err := c.Search(context.Background(), Query{Position: &Position{RA: 1, Dec: 2}})
	// It gives up at once with the reason, rather than sleeping into the budget.
	if err == nil || !strings.Contains(err.Error(), "429") || !strings.Contains(err.Error(), "beyond the query's time left") || errors.Is(err, ErrBudget) {
		t.Errorf("err %v", err)
	}
}
