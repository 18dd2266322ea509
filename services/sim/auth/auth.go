// Package auth is the simulator's MAST token check and /whoami (room for the login
// flows to come).
package auth

import (
	"net/http"
	"strings"

	"mastui/services/sim/internal/simhttp"
)

// DemoToken is a MAST API token the simulator always accepts (cookie mast_token or
// "Authorization: Bearer"). It unlocks EXCLUSIVE_ACCESS products and makes /whoami answer
// as the demo user.
const DemoToken = "mastui-demo-token-0123456789abcdef"

// Service checks MAST tokens and answers /whoami.
type Service struct {
	tokens map[string]bool
}

// New accepts DemoToken and the extra tokens.
func New(extra []string) *Service {
	s := &Service{tokens: map[string]bool{DemoToken: true}}
	for _, t := range extra {
		s.tokens[t] = true
	}
	return s
}

// Register adds the service's endpoints to mux.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("/whoami", s.whoami)
}

// token returns the MAST token a request carries: the mast_token cookie (what
// astroquery sends) or an "Authorization: Bearer" header (what MAST also accepts).
func token(r *http.Request) string {
	if c, err := r.Cookie("mast_token"); err == nil && c.Value != "" {
		return c.Value
	}
	if h := r.Header.Get("Authorization"); len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// Authorized tells whether the request carries a token this service accepts.
func (s *Service) Authorized(r *http.Request) bool {
	t := token(r)
	return t != "" && s.tokens[t]
}

// whoami answers GET /whoami: the demo user for a valid token, anonymous otherwise.
func (s *Service) whoami(w http.ResponseWriter, r *http.Request) {
	if !s.Authorized(r) {
		simhttp.WriteJSON(w, simhttp.Ordered{
			{"eppn", ""}, {"ezid", "anonymous"}, {"attrib", simhttp.Ordered{}}, {"anon", true},
			{"scopes", []string{}}, {"session", nil}, {"token", nil},
		})
		return
	}
	simhttp.WriteJSON(w, simhttp.Ordered{
		{"eppn", "demo@mastui.invalid"}, {"ezid", "demo"},
		{"attrib", simhttp.Ordered{
			{"uuid", "00000000-0000-4000-8000-00000000d3m0"}, {"first_name", "Demo"}, {"last_name", "User"},
			{"display_name", "Demo User"}, {"internal", "0"}, {"email", "demo@mastui.invalid"},
			{"Jwstcalengdataaccess", "false"},
		}},
		{"anon", false}, {"scopes", []string{"mast:user:info", "mast:exclusive_access"}},
		{"session", nil}, {"token", token(r)},
	})
}
