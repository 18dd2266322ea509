// Package auth is the simulator's MAST token check and /whoami (protocol 5).
package auth

import (
	"net/http"
	"strings"
	"time"

	"mastui/services/sim/internal/simhttp"
)

// DemoToken is a MAST API token the simulator always accepts (cookie mast_token or
// "Authorization: Bearer"). It unlocks EXCLUSIVE_ACCESS products and makes /whoami answer
// as the demo user.
const DemoToken = "mastui-demo-token-0123456789abcdef"

// ExpiringToken is accepted like DemoToken but runs out SoonExpiry after the simulator
// started: its /whoami says so (expires_at), so clients can test their expiry warnings.
const ExpiringToken = "mastui-demo-expiring-token-0123456789"

// ExpiredToken is a token MAST has seen but that ran out: /whoami refuses it with 401, and
// it unlocks nothing.
const ExpiredToken = "mastui-demo-expired-token-0123456789"

// SoonExpiry is how long ExpiringToken lives after the simulator starts.
const SoonExpiry = 36 * time.Hour

// Service checks MAST tokens and answers /whoami.
type Service struct {
	tokens  map[string]bool
	expires time.Time // ExpiringToken's end
}

// New accepts DemoToken, ExpiringToken and the extra tokens.
func New(extra []string) *Service {
	s := &Service{tokens: map[string]bool{DemoToken: true, ExpiringToken: true}, expires: time.Now().Add(SoonExpiry).UTC()}
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

// whoami answers GET /whoami: the demo user for a valid token, 401 for the expired one,
// anonymous otherwise (an unknown token included, as MAST does).
func (s *Service) whoami(w http.ResponseWriter, r *http.Request) {
	t := token(r)
	if t == ExpiredToken {
		http.Error(w, "401 Unauthorized: the token has expired", http.StatusUnauthorized)
		return
	}
	if !s.Authorized(r) {
		simhttp.WriteJSON(w, simhttp.Ordered{
			{"eppn", ""}, {"ezid", "anonymous"}, {"attrib", simhttp.Ordered{}}, {"anon", true},
			{"scopes", []string{}}, {"session", nil}, {"token", nil},
		})
		return
	}
	answer := simhttp.Ordered{
		{"eppn", "demo@mastui.invalid"}, {"ezid", "demo"},
		{"attrib", simhttp.Ordered{
			{"uuid", "00000000-0000-4000-8000-00000000d3m0"}, {"first_name", "Demo"}, {"last_name", "User"},
			{"display_name", "Demo User"}, {"internal", "0"}, {"email", "demo@mastui.invalid"},
			{"Jwstcalengdataaccess", "false"},
		}},
		{"anon", false}, {"scopes", []string{"mast:user:info", "mast:exclusive_access"}},
		{"session", nil}, {"token", t},
	}
	if t == ExpiringToken {
		// Not in MAST's documented answer: a simulator extension (protocol 5).
		answer = append(answer, simhttp.KV{"expires_at", s.expires.Format(time.RFC3339)})
	}
	simhttp.WriteJSON(w, answer)
}
