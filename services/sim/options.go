package sim

import (
	"io"
	"log/slog"
	"time"
)

// DemoToken is a MAST API token the simulator always accepts (cookie mast_token or
// "Authorization: Bearer"). It unlocks EXCLUSIVE_ACCESS products and makes /whoami answer
// as the demo user. Options.Tokens adds more.
const DemoToken = "mastui-demo-token-0123456789abcdef"

// ReferenceMJD is the simulator's fixed "today" (2026-01-01): observations whose
// t_obs_release is later are EXCLUSIVE_ACCESS. A constant keeps every run identical.
const ReferenceMJD = 61041.0

// Options configure a simulator. The zero value is a working default.
type Options struct {
	Seed      int64         // archive seed, default 1
	Latency   time.Duration // added to each answer
	Executing int           // answer {"status":"EXECUTING"} N times for a new job before COMPLETE
	Logger    *slog.Logger  // nil = discard
	Tokens    []string      // extra accepted MAST tokens (DemoToken is always accepted)
	Faults    Faults        // injected misbehaviour, all off by default
	// Archive, when set, is served instead of building one from Seed (which is then
	// ignored): an archive never changes once built, so servers with different faults
	// can share one, and building one is the costly part of New.
	Archive *Archive
}

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

	// Portal and Search API.
	PageSizeCap int // silently serve at most this many rows per page / search answer (astroquery#2788)
}

func (o Options) seed() uint64 {
	if o.Seed == 0 {
		return 1
	}
	return uint64(o.Seed)
}

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
