// Package simhttp holds what every protocol of the simulator shares: the injected
// faults, error answers and small JSON helpers.
package simhttp

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"mastui/services/sim/archive"
)

// Faults make the simulator misbehave the way MAST sometimes does, so clients can be
// tested against it. Zero values switch a fault off.
type Faults struct {
	// Downloads (GET /api/v0.1/Download/file).
	DropAfterBytes  int64         // cut the connection after this many body bytes of each answer
	IgnoreRange     bool          // answer 200 with the whole file even when Range is sent
	NoContentLength bool          // stream without Content-Length (like dynamic HLA files)
	StallBody       time.Duration // pause after the headers, before the first body byte
	// TruncateAfterBytes ends each GET body cleanly after this many bytes, sent without
	// Content-Length (a dynamic file cut short: nothing on the wire says it is short).
	// HEAD still announces the whole size unless NoContentLength.
	TruncateAfterBytes int64

	// Any endpoint listed in ErrorPaths (all endpoints when empty).
	ErrorEvery  int           // every ErrorEvery-th request starts a burst of HTTP errors
	ErrorBurst  int           // length of each burst (default 1)
	ErrorStatus int           // status of injected errors (default 503); 429 also sends Retry-After
	RetryAfter  time.Duration // Retry-After sent with 429/503 (default 1s)
	ErrorPaths  []string      // URL path prefixes the injected errors apply to
	HTMLErrors  bool          // HTTP error bodies are HTML pages instead of text/JSON

	// Cutouts: hold each TESScut answer this long while it counts against the limit of
	// 10 requests in flight (so tests can see a client keep to it).
	CutoutLatency time.Duration

	// Cloud: the public bucket answers every request with 503 SlowDown (clients fall
	// back to MAST).
	BucketDown bool

	// Portal and Search API.
	PageSizeCap int // silently serve at most this many rows per page / search answer (astroquery#2788)
}

// Error sends an HTTP error: a short text, or an HTML page like a proxy's when
// Faults.HTMLErrors is set.
func (f *Faults) Error(w http.ResponseWriter, status int, msg string) {
	w.Header().Del("Content-Length")
	w.Header().Del("Content-Disposition")
	w.Header().Del("Accept-Ranges")
	if f.HTMLErrors {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<!DOCTYPE html>\n<html><head><title>%d %s</title></head><body><h1>%s</h1><p>%s</p></body></html>\n",
			status, http.StatusText(status), http.StatusText(status), html.EscapeString(msg))
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "%d %s: %s\n", status, http.StatusText(status), msg)
}

// maxBody bounds what a request body may hold.
const maxBody = 16 << 20

// ReadBody reads a (bounded) request body.
func ReadBody(r *http.Request) (string, error) {
	if r.Body == nil {
		return "", nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return "", fmt.Errorf("read request body: %w", err)
	}
	return string(b), nil
}

// WriteJSON writes a small JSON answer (maps sort their keys, which SANTA's order
// happens to match).
func WriteJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, fmt.Sprintf("encode answer: %v", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// Env is what every protocol's handlers share with the server they belong to.
type Env struct {
	Archive *archive.Archive
	Log     *slog.Logger
	Faults  Faults
}

// Error sends an HTTP error, shaped by the faults in force.
func (e *Env) Error(w http.ResponseWriter, status int, msg string) {
	e.Faults.Error(w, status, msg)
}

// ShellQuote quotes s for sh, in single quotes.
func ShellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
