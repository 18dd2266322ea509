package download

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// auth decides which requests carry credentials. astroquery sends its token cookie to
// every host; we send the token (cookie and Bearer, section 2.2) only to MAST's own
// hosts, and only where nobody on the way can read it: over https, or over plain http to
// the loopback addresses the simulator listens on. The user:password of MastURL go only
// to MastURL's own scheme, host and port.
type auth struct {
	token string
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
	return strings.ToLower(u.Scheme) + "://" + hostPortOf(u)
}

// hostPortOf is u's lower-case host:port, the scheme's default port made explicit.
func hostPortOf(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if strings.EqualFold(u.Scheme, "https") {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// safeTransport reports whether credentials may travel to u at all: https, or plain
// http to a loopback address.
func safeTransport(u *url.URL) bool {
	switch strings.ToLower(u.Scheme) {
	case "https":
		return true
	case "http":
		h := strings.ToLower(u.Hostname())
		if h == "localhost" || strings.HasSuffix(h, ".localhost") {
			return true
		}
		ip := net.ParseIP(h)
		return ip != nil && ip.IsLoopback()
	}
	return false
}

// allowed reports whether the token may go to u: a safe transport to a token host. An
// entry with a port matches host:port; one without matches the host on the scheme's
// default port only.
func (a *auth) allowed(u *url.URL) bool {
	if a == nil || a.token == "" || u == nil || !safeTransport(u) {
		return false
	}
	hp := hostPortOf(u)
	for _, h := range a.hosts {
		if _, _, err := net.SplitHostPort(h); err != nil {
			h = hostPortOf(&url.URL{Scheme: u.Scheme, Host: h})
		}
		if h == hp {
			return true
		}
	}
	return false
}

func (a *auth) apply(req *http.Request) {
	if a.allowed(req.URL) {
		req.Header.Set("Authorization", "Bearer "+a.token)
		req.AddCookie(&http.Cookie{Name: "mast_token", Value: a.token})
		return
	}
	if a != nil && a.basic != nil && origin(req.URL) == a.origin {
		pw, _ := a.basic.Password()
		req.SetBasicAuth(a.basic.Username(), pw)
	}
}

// strip removes the credentials from a request (a redirect leaving where they may go).
func strip(req *http.Request) {
	req.Header.Del("Authorization")
	cookies := req.Cookies()
	req.Header.Del("Cookie")
	for _, c := range cookies {
		if c.Name != "mast_token" {
			req.AddCookie(c)
		}
	}
}

// guardRedirects returns a copy of c whose redirects drop the credentials when they
// leave where they may go, and for good after any https → http step (Go only drops them
// when the domain changes).
func (a *auth) guardRedirects(c *http.Client) *http.Client {
	cc := *c
	orig := c.CheckRedirect
	cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		downgraded := false
		prev := req.URL
		for i := len(via) - 1; i >= 0 && !downgraded; i-- {
			downgraded = strings.EqualFold(via[i].URL.Scheme, "https") && !strings.EqualFold(prev.Scheme, "https")
			prev = via[i].URL
		}
		keep := !downgraded && (a.allowed(req.URL) || a.basic != nil && origin(req.URL) == a.origin && req.Header.Get("Authorization") != "")
		if !keep {
			strip(req)
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
