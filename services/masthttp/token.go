package masthttp

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// MAST's own hosts, where a MAST token may go (protocol 2.2). astroquery sends its token
// cookie to every host its session talks to; we send it only here and to the overriding
// base URL's host.
func mastHosts() []string { return []string{"mast.stsci.edu", "catalogs.mast.stsci.edu"} }

// TokenHosts is the list of hosts a MAST token may go to for a client whose base URL is
// baseURL: MAST's own hosts plus baseURL's host:port when it was replaced (the simulator).
// extra adds hosts (entries with a port match that host:port only).
func TokenHosts(baseURL string, extra ...string) []string {
	hosts := append(mastHosts(), extra...)
	if u, err := url.Parse(baseURL); err == nil && u.Host != "" {
		hosts = append(hosts, u.Host)
	}
	out := hosts[:0]
	for _, h := range hosts {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// SafeTransport reports whether credentials may travel to u at all: https, or plain http
// to a loopback address (the simulator), where nobody on the way can read them.
func SafeTransport(u *url.URL) bool {
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

// HostPort is u's lower-case host:port, the scheme's default port made explicit.
func HostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if strings.EqualFold(u.Scheme, "https") {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// TokenAllowed reports whether a MAST token may go to u: a safe transport to one of
// hosts. An entry with a port matches host:port; one without matches the host on the
// scheme's default port only.
func TokenAllowed(hosts []string, u *url.URL) bool {
	if u == nil || !SafeTransport(u) {
		return false
	}
	hp := HostPort(u)
	for _, h := range hosts {
		if _, _, err := net.SplitHostPort(h); err != nil {
			h = HostPort(&url.URL{Scheme: u.Scheme, Host: h})
		}
		if h == hp {
			return true
		}
	}
	return false
}

// SetToken puts token on req as MAST accepts it: the cookie mast_token (what astroquery
// sends) and "Authorization: Bearer" (protocol 2.2).
func SetToken(req *http.Request, token string) {
	req.Header.Set("Authorization", "Bearer "+token)
	req.AddCookie(&http.Cookie{Name: "mast_token", Value: token})
}

// StripToken removes a MAST token from req (a redirect leaving where it may go), keeping
// the other cookies.
func StripToken(req *http.Request) {
	req.Header.Del("Authorization")
	cookies := req.Cookies()
	req.Header.Del("Cookie")
	for _, c := range cookies {
		if c.Name != "mast_token" {
			req.AddCookie(c)
		}
	}
}

// Downgraded reports whether a redirect chain went from https to anything else: from then
// on no credential follows, wherever it goes (Go only drops them when the domain changes).
func Downgraded(req *http.Request, via []*http.Request) bool {
	prev := req.URL
	for i := len(via) - 1; i >= 0; i-- {
		if strings.EqualFold(via[i].URL.Scheme, "https") && !strings.EqualFold(prev.Scheme, "https") {
			return true
		}
		prev = via[i].URL
	}
	return false
}
