package sim

import (
	"net/http"
	"strings"
)

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

func (s *Server) authorized(r *http.Request) bool {
	t := token(r)
	return t != "" && s.tokens[t]
}

// whoami answers GET /whoami: the demo user for a valid token, anonymous otherwise.
func (s *Server) whoami(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r) {
		writeJSON(w, ordered{
			{"eppn", ""}, {"ezid", "anonymous"}, {"attrib", ordered{}}, {"anon", true},
			{"scopes", []string{}}, {"session", nil}, {"token", nil},
		})
		return
	}
	writeJSON(w, ordered{
		{"eppn", "demo@mastui.invalid"}, {"ezid", "demo"},
		{"attrib", ordered{
			{"uuid", "00000000-0000-4000-8000-00000000d3m0"}, {"first_name", "Demo"}, {"last_name", "User"},
			{"display_name", "Demo User"}, {"internal", "0"}, {"email", "demo@mastui.invalid"},
			{"Jwstcalengdataaccess", "false"},
		}},
		{"anon", false}, {"scopes", []string{"mast:user:info", "mast:exclusive_access"}},
		{"session", nil}, {"token", token(r)},
	})
}
