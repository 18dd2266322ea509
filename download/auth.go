package download

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"mastui/services/masthttp"
)

// auth decides which requests carry credentials. astroquery sends its token cookie to
// every host; we send the token (cookie and Bearer, section 2.2) only to MAST's own
// hosts, and only where nobody on the way can read it: over https, or over plain http to
// the loopback addresses the simulator listens on. The user:password of MastURL go only
// to MastURL's own scheme, host and port.
type auth struct {
	mu    sync.RWMutex
	token string   // replaced by a login (Manager.SetToken): read it with current
	hosts []string // lower-case "host" (https on 443) or "host:port"

	basic  *url.Userinfo // MastURL's user:password, nil without
	origin string        // MastURL's scheme://host:port, where basic goes
}

func newAuth(token string, hosts []string, mastURL string) *auth {
	a := &auth{token: token}
	if len(hosts) == 0 {
		hosts = []string{"mast.stsci.edu"}
	}
	if u, err := url.Parse(mastURL); err == nil && u.Host != "" {
		hosts = append(hosts, u.Host)
		if u.User != nil {
			a.basic, a.origin = u.User, origin(u)
		}
	}
	for _, h := range hosts {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			a.hosts = append(a.hosts, h)
		}
	}
	return a
}

// origin is scheme://host:port with the scheme's default port made explicit.
func origin(u *url.URL) string {
	return strings.ToLower(u.Scheme) + "://" + masthttp.HostPort(u)
}

// current is the token now ("" for none).
func (a *auth) current() string {
	if a == nil {
		return ""
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.token
}

// set replaces the token (a login, or "" for a logout).
func (a *auth) set(token string) {
	a.mu.Lock()
	a.token = token
	a.mu.Unlock()
}

// allowed reports whether the token may go to u (masthttp.TokenAllowed: a safe transport
// to a token host).
func (a *auth) allowed(u *url.URL) bool {
	return a.current() != "" && masthttp.TokenAllowed(a.hosts, u)
}

func (a *auth) apply(req *http.Request) {
	if tok := a.current(); tok != "" && masthttp.TokenAllowed(a.hosts, req.URL) {
		masthttp.SetToken(req, tok)
		return
	}
	if a != nil && a.basic != nil && origin(req.URL) == a.origin {
		pw, _ := a.basic.Password()
		req.SetBasicAuth(a.basic.Username(), pw)
	}
}

// guardRedirects returns a copy of c whose redirects drop the credentials when they
// leave where they may go, and for good after any https → http step (Go only drops them
// when the domain changes).
func (a *auth) guardRedirects(c *http.Client) *http.Client {
	cc := *c
	orig := c.CheckRedirect
	cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		keep := !masthttp.Downgraded(req, via) && (a.allowed(req.URL) || a.basic != nil && origin(req.URL) == a.origin && req.Header.Get("Authorization") != "")
		if !keep {
			masthttp.StripToken(req)
		}
		if orig != nil {
			return orig(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &cc
}

// StripCredentials returns raw without the user:password@ of its authority, so a URL
// built from --mast-url can be journaled, logged and exported.
func StripCredentials(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return u.String()
}
