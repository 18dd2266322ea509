package sim

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// BenchmarkWholeArchivePage serves every observation (about 28,000 rows, all columns)
// in one json page, the heaviest Portal answer the simulator gives.
func BenchmarkWholeArchivePage(b *testing.B) {
	s, err := New(Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	req := `{"service": "Mast.Caom.Filtered", "params": {"columns": "*", "filters": []}, "format": "json", "pagesize": 50000, "page": 1}`
	body := "request=" + pyQuote(req)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, _ := http.NewRequest("POST", "/api/v0/invoke", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := &countingWriter{h: http.Header{}}
		s.Handler().ServeHTTP(w, r)
		b.SetBytes(w.n)
	}
}

func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := New(Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

type countingWriter struct {
	h http.Header
	n int64
}

func (w *countingWriter) Header() http.Header { return w.h }
func (w *countingWriter) WriteHeader(int)     {}
func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
