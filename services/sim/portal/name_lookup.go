package portal

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

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
	} else if ra, dec, ok := decimalPosition(input); ok {
		// MAST answers a position typed as a name with itself (the astroquery docs
		// run Catalogs.query_object("158.47924 -7.30962", ...)).
		out = append(out, archive.Resolved{SearchString: strings.ToLower(input), Resolver: "COORDINATES",
			CanonicalName: input, RA: ra, Decl: dec, SearchRadius: -1})
	}
	simhttp.WriteJSON(w, map[string]any{"resolvedCoordinate": out, "status": ""})
}

// decimalPosition reads "ra dec" (or "ra, dec") in decimal degrees.
func decimalPosition(s string) (float64, float64, bool) {
	f := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(f) != 2 {
		return 0, 0, false
	}
	ra, err1 := strconv.ParseFloat(f[0], 64)
	dec, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil || ra < 0 || ra >= 360 || dec < -90 || dec > 90 {
		return 0, 0, false
	}
	return ra, dec, true
}
