package cutouts

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"mastui/services/sim/internal/simhttp"
)

func newService() *Service {
	return New(&simhttp.Env{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

// The 11th request in flight from one client gets 503 with Retry-After; another client
// is not affected.
func TestLimitRefusesTheEleventh(t *testing.T) {
	s := newService()
	entered, release := make(chan struct{}), make(chan struct{})
	h := s.limited(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("mast_token"); err == nil {
			return // the other client's request: answered at once
		}
		entered <- struct{}{}
		<-release
	})
	done := make(chan int, MaxInFlight)
	for i := 0; i < MaxInFlight; i++ {
		go func() {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("POST", "/tesscut/api/v0.1/sector", nil)
			h(rec, req)
			done <- rec.Code
		}()
		<-entered
	}
	rec := httptest.NewRecorder()
	h(rec, httptest.NewRequest("POST", "/tesscut/api/v0.1/sector", nil))
	if rec.Code != 503 || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("11th: %d %v", rec.Code, rec.Header())
	}
	other := httptest.NewRequest("POST", "/tesscut/api/v0.1/sector", nil)
	other.AddCookie(&http.Cookie{Name: "mast_token", Value: "someone-else"})
	rec = httptest.NewRecorder()
	h(rec, other)
	if rec.Code != 200 {
		t.Errorf("another client: %d", rec.Code)
	}
	close(release)
	for i := 0; i < MaxInFlight; i++ {
		<-done
	}
	if st := s.Stats(); st.MaxInFlight != MaxInFlight+1 || st.Rejected != 1 {
		t.Errorf("stats %+v", st)
	}
}

// The same request gives the same bytes (a Range resume is byte-exact).
func TestCutoutsAreDeterministic(t *testing.T) {
	s := newService()
	mux := http.NewServeMux()
	s.Register(mux)
	for _, u := range []string{
		"/tesscut/api/v0.1/astrocut?ra=324.24368&dec=-27.01029&y=5&x=7&units=px&sector=1",
		"/zcut/api/v0.1/astrocut?ra=189.2&dec=62.2&y=20&x=20&units=px&cutout_format=png",
	} {
		var bodies [][]byte
		for i := 0; i < 2; i++ {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
			if rec.Code != 200 || !bytes.HasPrefix(rec.Body.Bytes(), []byte("PK")) {
				t.Fatalf("%s: %d %.100s", u, rec.Code, rec.Body.String())
			}
			bodies = append(bodies, rec.Body.Bytes())
		}
		if !bytes.Equal(bodies[0], bodies[1]) {
			t.Errorf("%s: two answers differ", u)
		}
	}
}

func TestBadRequests(t *testing.T) {
	s := newService()
	mux := http.NewServeMux()
	s.Register(mux)
	for _, u := range []string{
		"/tesscut/api/v0.1/astrocut?ra=324.2&dec=-27&x=500&y=5&units=px",
		"/tesscut/api/v0.1/astrocut?ra=abc&dec=-27",
		"/tesscut/api/v0.1/moving_target/sector?obj_id=Vulcan",
		"/zcut/api/v0.1/astrocut?ra=189.2&dec=62.2&cutout_format=gif",
		"/zcut/api/v0.1/astrocut?ra=189.2&dec=62.2&cutout_format=jpg&minmax_percent=[9,1]",
	} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
		if rec.Code != 400 {
			t.Errorf("%s: %d %s", u, rec.Code, rec.Body.String())
		}
	}
}
