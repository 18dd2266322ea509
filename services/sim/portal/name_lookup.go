package portal

import (
	"encoding/json"
	"net/http"

	"mastui/services/sim/archive"
	"mastui/services/sim/internal/simhttp"
)

// nameLookup answers the Portal service Mast.Name.Lookup (older astroquery resolves
// names through it): the first resolver's answer, SANTA-shaped, status "".
func (s *Service) nameLookup(w http.ResponseWriter, params map[string]json.RawMessage) {
	input := paramString(params, "input")
	out := []archive.Resolved{}
	if e := s.env.Archive.ResolveAll(input); len(e) > 0 {
		out = append(out, e[0])
	}
	simhttp.WriteJSON(w, map[string]any{"resolvedCoordinate": out, "status": ""})
}
