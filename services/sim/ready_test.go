package sim

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"testing"
)

// arrivals is a log handler that reports each request reaching the simulator (its
// first log line, before the request waits for the archive).
type arrivals chan string

func (a arrivals) Enabled(context.Context, slog.Level) bool { return true }
func (a arrivals) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "request" {
		r.Attrs(func(at slog.Attr) bool {
			if at.Key == "path" {
				a <- at.Value.String()
			}
			return true
		})
	}
	return nil
}
func (a arrivals) WithAttrs([]slog.Attr) slog.Handler { return a }
func (a arrivals) WithGroup(string) slog.Handler      { return a }

// Start listens before the archive exists (Options.Hold keeps it from being built
// here): a request that gives up meanwhile ends with its context, one that waits gets
// the same bytes as from a server that was ready, and Ready tells when it is.
func TestRequestsWaitForTheArchive(t *testing.T) {
	shared, sts := sharedServer(t)
	arrived := make(arrivals, 8)
	hold, ready := make(chan struct{}), make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, stop, err := Start(ctx, "127.0.0.1:0", Options{
		Archive: shared.Archive(), Logger: slog.New(arrived), Hold: hold,
		Ready: func(err error) { ready <- err },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	cone := "/api/v0/invoke?request=" + url.QueryEscape(`{"service":"Mast.Caom.Cone","params":{"ra":210.80227,"dec":54.34895,"radius":0.05},"format":"json","pagesize":100,"page":1}`)
	get := func(ctx context.Context, base string) ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+cone, nil)
		if err != nil {
			return nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}

	gaveUp := make(chan error, 1)
	rctx, rcancel := context.WithCancel(context.Background())
	go func() { _, err := get(rctx, base); gaveUp <- err }()
	<-arrived
	rcancel()
	if err := <-gaveUp; !errors.Is(err, context.Canceled) {
		t.Fatalf("a request cancelled while the archive is missing: %v, want context.Canceled", err)
	}

	type answer struct {
		body []byte
		err  error
	}
	waited := make(chan answer, 1)
	go func() { b, err := get(context.Background(), base); waited <- answer{b, err} }()
	<-arrived
	select {
	case err := <-ready:
		t.Fatalf("the archive was built before Hold was released (%v)", err)
	case a := <-waited:
		t.Fatalf("answered before the archive was there: %s %v", a.body, a.err)
	default:
	}
	close(hold)
	got := <-waited
	if got.err != nil {
		t.Fatal(got.err)
	}
	want, err := get(context.Background(), sts.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.body, want) || len(want) < 1000 {
		t.Errorf("answer after waiting (%d bytes) differs from a ready server's (%d bytes)", len(got.body), len(want))
	}
	if err := <-ready; err != nil {
		t.Errorf("Ready: %v", err)
	}
}
