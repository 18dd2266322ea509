package cutouts

import "strings"

// body is a moving target the simulator knows, with the sectors TESS saw it in.
type body struct {
	name, kind string // kind: majorbody or smallbody (obj_type)
	ids        []string
	hits       []hit
}

// bodies are a few named solar-system objects (JPL Horizons names and IDs).
var bodies = []body{
	{"Ceres", "smallbody", []string{"ceres", "1", "1 ceres", "(1) ceres"}, []hit{{43, 1, 1}, {44, 1, 2}}},
	{"Eris", "smallbody", []string{"eris", "136199", "136199 eris", "(136199) eris"}, []hit{{3, 1, 1}, {30, 1, 1}}},
	{"Eleonora", "smallbody", []string{"eleonora", "354", "354 eleonora", "(354) eleonora"}, []hit{{6, 1, 2}, {33, 1, 2}, {87, 1, 3}}},
	{"Mars", "majorbody", []string{"mars", "499"}, []hit{{44, 1, 3}, {45, 1, 4}}},
	{"Jupiter", "majorbody", []string{"jupiter", "599"}, []hit{{45, 1, 1}}},
	{"Neptune", "majorbody", []string{"neptune", "899"}, nil}, // never in a TESS field here: "no data"
}

// findBody looks a moving target up as MAST does: by kind when given, else major bodies
// first, then small bodies.
func findBody(id, kind string) (*body, bool) {
	id = strings.ToLower(strings.Join(strings.Fields(id), " "))
	kinds := []string{"majorbody", "smallbody"}
	if kind != "" {
		kinds = []string{kind}
	}
	for _, k := range kinds {
		for i := range bodies {
			b := &bodies[i]
			if b.kind != k {
				continue
			}
			for _, v := range b.ids {
				if v == id {
					return b, true
				}
			}
		}
	}
	return nil, false
}
