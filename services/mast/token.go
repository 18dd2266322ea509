package mast

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"mastui/services/masthttp"
)

// authorize puts the session's token on req where it may go (masthttp.TokenAllowed) and
// tells whether it did. A token withheld because the transport is unsafe (plain http to a
// host that is not loopback) is logged, without the token.
func (c *Client) authorize(req *http.Request) bool {
	tok := c.token()
	if tok == "" {
		return false
	}
	if !masthttp.TokenAllowed(c.cfg.TokenHosts, req.URL) {
		if !masthttp.SafeTransport(req.URL) {
			c.log.Warn("MAST token withheld: plain http to a host that is not loopback", "host", req.URL.Host)
		}
		return false
	}
	masthttp.SetToken(req, tok)
	return true
}

// token is the session's token now, "" for none.
func (c *Client) token() string {
	if c.cfg.Token == nil {
		return ""
	}
	return c.cfg.Token()
}

// redact hides the session's token in server text shown to the user (a server echoing a
// request back in an error page).
func (c *Client) redact(b []byte) []byte {
	if tok := c.token(); tok != "" {
		b = bytes.ReplaceAll(b, []byte(tok), []byte("[token]"))
	}
	return b
}

// guardTokenRedirects returns a copy of hc whose redirects drop the token when they leave
// where it may go, and for good after an https → http step.
func guardTokenRedirects(hc *http.Client, hosts []string) *http.Client {
	cc := *hc
	orig := hc.CheckRedirect
	cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if masthttp.Downgraded(req, via) || !masthttp.TokenAllowed(hosts, req.URL) {
			masthttp.StripToken(req)
		}
		if orig != nil {
			return orig(req, via)
		}
		if len(via) >= 10 {
			return errTooManyRedirects
		}
		return nil
	}
	return &cc
}

var errTooManyRedirects = errors.New("stopped after 10 redirects")

// TokenPage is where MAST API tokens are made (protocol 5, E6).
const TokenPage = "https://auth.mast.stsci.edu/token?suggested_name=mastui&suggested_scope=mast:exclusive_access"

// LoginRequiredError is MAST's HTTP 401: the request needs a (valid) MAST token. The TUI
// tells it from other failures with errors.As, to offer a login.
type LoginRequiredError struct {
	What      string // service or endpoint
	TokenSent bool   // a token went with the request: MAST refused it
	Withheld  bool   // a token was there but not sent: plain http to a host that is not loopback
}

func (e *LoginRequiredError) Error() string {
	if e.Withheld {
		return fmt.Sprintf("login required: %s needs the MAST token, which mastui sends only over https "+
			"(or plain http to a loopback host): use an https URL", e.What)
	}
	if e.TokenSent {
		return fmt.Sprintf("login required: MAST refused the token (expired, revoked, or without access) for %s: "+
			"make a new one at %s and run `mastui login --reenter`", e.What, TokenPage)
	}
	return fmt.Sprintf("login required: %s needs a MAST token: run `mastui login` (or set MAST_API_TOKEN)", e.What)
}
