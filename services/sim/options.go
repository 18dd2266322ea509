package sim

import (
	"io"
	"log/slog"
	"time"

	"mastui/services/sim/auth"
	"mastui/services/sim/internal/simhttp"
)

// DemoToken is a MAST API token the simulator always accepts (cookie mast_token or
// "Authorization: Bearer"). It unlocks EXCLUSIVE_ACCESS products and makes /whoami answer
// as the demo user. Options.Tokens adds more.
const DemoToken = auth.DemoToken

// ExpiringToken is accepted like DemoToken, but /whoami says it expires
// auth.SoonExpiry after the simulator started (expiry warnings); ExpiredToken gets 401
// from /whoami and unlocks nothing.
const (
	ExpiringToken = auth.ExpiringToken
	ExpiredToken  = auth.ExpiredToken
)

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
	// Hold, when set, delays Start's archive build until it is closed, so the process can
	// finish its own start-up first (the TUI draws its first frame); requests wait.
	Hold <-chan struct{}
	// Ready, when set, is called once, from the goroutine that built the archive, when
	// the server answers: err is nil, or why the archive could not be built (requests
	// then get 503 with it). Start returns before that; New after.
	Ready func(err error)
}

// Faults make the simulator misbehave the way MAST sometimes does, so clients can be
// tested against it. Zero values switch a fault off.
type Faults = simhttp.Faults

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
