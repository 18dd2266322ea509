package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"mastui/services/mast"
)

// ErrTokenInvalid is a token MAST does not accept (whoami answers anonymous, or 401).
var ErrTokenInvalid = errors.New("MAST API token invalid")

// Whoami asks MAST who a token belongs to: a client sending that token.
type Whoami func(ctx context.Context, token string) (mast.Identity, error)

// Login checks token with whoami and, when MAST accepts it, stores it. Nothing is stored
// for a token MAST refuses.
func Login(ctx context.Context, store *Store, token string, whoami Whoami) (mast.Identity, Stored, error) {
	token = strings.TrimSpace(token)
	if token == "" {
		return mast.Identity{}, Stored{}, fmt.Errorf("%w: empty token", ErrTokenInvalid)
	}
	if strings.ContainsFunc(token, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return mast.Identity{}, Stored{}, fmt.Errorf("%w: it holds spaces or control characters (a paste gone wrong?)", ErrTokenInvalid)
	}
	id, err := whoami(ctx, token)
	var lr *mast.LoginRequiredError
	switch {
	case errors.As(err, &lr) && lr.TokenSent:
		return id, Stored{}, fmt.Errorf("%w: MAST refused it (expired or revoked?): make a new one at %s", ErrTokenInvalid, mast.TokenPage)
	case err != nil:
		return id, Stored{}, fmt.Errorf("check the token with MAST: %w", err)
	case id.Anonymous:
		return id, Stored{}, fmt.Errorf("%w: MAST answers anonymous for it (expired, revoked or mistyped?): make a new one at %s",
			ErrTokenInvalid, mast.TokenPage)
	}
	st, err := store.Save(token)
	return id, st, err
}

// Token lifetimes (protocol 5, 13): 10 days without use, 60 days at most.
const (
	IdleLifetime = 10 * 24 * time.Hour
	MaxLifetime  = 60 * 24 * time.Hour
	// WarnAhead is how close an expiry must be to warn about it.
	WarnAhead = 3 * 24 * time.Hour
)

// ExpiryNote says what is known of a token's expiry, and whether it is near enough to
// warn. MAST's whoami does not always say (then only the general rule is told).
func ExpiryNote(id mast.Identity, now time.Time) (string, bool) {
	if id.Expires.IsZero() {
		return "not told by MAST (tokens expire after 10 days unused, 60 days at most)", false
	}
	left := id.Expires.Sub(now)
	at := id.Expires.UTC().Format("2006-01-02 15:04 UTC")
	if left <= 0 {
		return at + " (expired)", true
	}
	note := fmt.Sprintf("%s (in %s)", at, humanDuration(left))
	if left <= WarnAhead {
		return note + ": soon; make a new token at " + mast.TokenPage, true
	}
	return note, false
}

// humanDuration is "2 days 3 hours", "5 hours", "12 minutes".
func humanDuration(d time.Duration) string {
	days, hours := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour)
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case days > 0 && hours > 0:
		return plural(days, "day") + " " + plural(hours, "hour")
	case days > 0:
		return plural(days, "day")
	case hours > 0:
		return plural(hours, "hour")
	}
	return plural(max(int(d/time.Minute), 1), "minute")
}
