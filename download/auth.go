package download

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// auth decides which requests carry the MAST token. astroquery sends its cookie to every
// host; we send it (cookie and Bearer, section 2.2) only to MAST's own hosts.
type auth struct {
	token string
	hosts []string // lower-case "host" or "host:port"
}

func newAuth(token string, hosts []string, mastURL string) *auth {
	a := &auth{token: token}
	if len(hosts) == 0 {
		hosts = []string{"mast.stsci.edu"}
	}
	if u, err := url.Parse(mastURL); err == nil && u.Host != "" {
		hosts = append(hosts, u.Host)
	}
	for _, h := range hosts {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			a.hosts = append(a.hosts, h)
		}
	}
	return a
}

// allowed reports whether u's host is a token host: an entry with a port must match
// host:port, an entry without matches the host on any port.
func (a *auth) allowed(u *url.URL) bool {
	if a == nil || a.token == "" || u == nil {
		return false
	}
	host, hostport := strings.ToLower(u.Hostname()), strings.ToLower(u.Host)
	for _, h := range a.hosts {
		if _, _, err := net.SplitHostPort(h); err == nil {
			if h == hostport {
				return true
			}
		} else if h == host {
			return true
		}
	}
	return false
}

func (a *auth) apply(req *http.Request) {
	if !a.allowed(req.URL) {
		return
	}
	req.Header.Set("Authorization", "Bearer "+a.token)
	req.AddCookie(&http.Cookie{Name: "mast_token", Value: a.token})
}

// strip removes the token from a request (a redirect leaving the token hosts).
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

// guardRedirects returns a copy of c whose redirects drop the token when they leave
// the token hosts (Go only drops it when the domain changes).
func (a *auth) guardRedirects(c *http.Client) *http.Client {
	cc := *c
	orig := c.CheckRedirect
	cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if !a.allowed(req.URL) {
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
