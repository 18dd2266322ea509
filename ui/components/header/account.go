package header

import (
	"errors"
	"fmt"
	"time"

	"mastui/services/mast"
	"mastui/ui/common"
)

// Account is what the header knows of the session's MAST login.
type Account struct {
	Checked  bool // the session's token was looked up (and, when there is one, MAST asked)
	HasToken bool
	Identity mast.Identity
	Err      error // the whoami failed
}

// expiryWarn is how close an expiry must be for the warning style (storyboard: yellow
// under 2 days).
const expiryWarn = 48 * time.Hour

// SetAccount sets the account line.
func (m *Model) SetAccount(a Account) { m.account = &a }

// accountLine is "anon", "● demo", "● demo · token 3 d left" (warning style under two
// days), "token expired" or "token invalid" (error style): server strings sanitized.
func (m *Model) accountLine(compact bool) string {
	st := m.c.Styles
	as := st.Account
	a := *m.account
	var lr *mast.LoginRequiredError
	switch {
	case !a.Checked:
		return as.Anon.Render("…")
	case !a.HasToken:
		return as.Anon.Render("anon")
	case errors.As(a.Err, &lr) && lr.TokenSent:
		return as.Expired.Render("token expired")
	case a.Err != nil:
		return as.Anon.Render(st.Glyphs.LoggedIn + " token (unchecked)")
	case a.Identity.Anonymous:
		return as.Expired.Render("token invalid")
	}
	name := a.Identity.EZID
	if name == "" {
		name = a.Identity.Name()
	}
	user := as.User.Render(st.Glyphs.LoggedIn + " " + common.Truncate(common.Sanitize(name), 24))
	if a.Identity.Expires.IsZero() {
		return user
	}
	left := a.Identity.Expires.Sub(m.c.Now())
	switch {
	case left <= 0:
		return user + as.Expiry.Render(st.Glyphs.Separator) + as.Expired.Render("token expired")
	case compact && left < expiryWarn: // "● demo · 36 h" where "token 36 h left" does not fit
		return user + as.Expiry.Render(st.Glyphs.Separator) + as.Warn.Render(shortLeft(left))
	case compact:
		return user + as.Expiry.Render(st.Glyphs.Separator+shortLeft(left))
	case left < expiryWarn:
		return user + as.Expiry.Render(st.Glyphs.Separator) + as.Warn.Render("token "+shortLeft(left)+" left")
	}
	return user + as.Expiry.Render(st.Glyphs.Separator+"token "+shortLeft(left)+" left")
}

// shortLeft is "3 d", "36 h" (hours under two days: "1 d" would hide half of it),
// "25 min".
func shortLeft(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d d", int(d/(24*time.Hour)))
	case d >= time.Hour:
		return fmt.Sprintf("%d h", int(d/time.Hour))
	}
	return fmt.Sprintf("%d min", max(1, int(d/time.Minute)))
}
