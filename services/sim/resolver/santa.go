// Package resolver is the simulator's SANTA name resolver (/Santa-war/query); the
// names it knows come with the archive.
package resolver

import (
	"net/http"
	"strings"

	"mastui/services/sim/archive"
	"mastui/services/sim/internal/simhttp"
)

// Service answers SANTA, the name resolver astroquery asks before a positional query.
type Service struct{ env *simhttp.Env }

// New makes the resolver over env's archive.
func New(env *simhttp.Env) *Service { return &Service{env: env} }

// Register adds the service's endpoints to mux.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("/Santa-war/query", s.santa)
}

// santa answers GET /Santa-war/query?name=..&name=..&outputFormat=json&ResolveAll=..&resolver=..
func (s *Service) santa(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	all := strings.EqualFold(q.Get("resolveAll"), "true")
	var want []string
	for _, v := range q["resolver"] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.ToUpper(strings.TrimSpace(p)); p != "" {
				want = append(want, p)
			}
		}
	}
	out := []archive.Resolved{}
	for _, name := range q["name"] {
		entries := s.env.Archive.ResolveAll(name)
		switch {
		case all:
			out = append(out, withCFA(entries)...)
		case len(want) > 0:
			for _, e := range entries {
				for _, w := range want {
					if e.Resolver == w {
						out = append(out, e)
					}
				}
			}
		case len(entries) > 0:
			out = append(out, entries[0])
		}
	}
	s.env.Log.Debug("santa", "names", q["name"], "Resolved", len(out))
	simhttp.WriteJSON(w, map[string]any{"resolvedCoordinate": out, "status": ""})
}

// withCFA adds, after SIMBAD's answer, the answer of SIMBAD's CfA mirror, which SANTA
// lists too when asked for every resolver (protocol 4.1: TIC, SIMBAD, SIMBADCFA, NED).
func withCFA(entries []archive.Resolved) []archive.Resolved {
	out := make([]archive.Resolved, 0, len(entries)+1)
	for _, e := range entries {
		out = append(out, e)
		if e.Resolver == "SIMBAD" {
			cfa := e
			cfa.Resolver, cfa.ResolverTime, cfa.Cached = "SIMBADCFA", e.ResolverTime+41, false
			out = append(out, cfa)
		}
	}
	return out
}
