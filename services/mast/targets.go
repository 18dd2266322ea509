package mast

import "strings"

// SplitList splits a comma list, trimming items and dropping blank ones.
func SplitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// SplitTargets reads targets as astroquery's MastMissions takes them: a comma list of
// "RA Dec" positions and object names, or one position written with a comma
// ("10.5, -20.1", the legacy form). A list whose every item is a position is a list of
// positions, so "10 20, 30 40" is two targets, not one sexagesimal position.
func SplitTargets(s string) (pos []Position, names []string) {
	parts := SplitList(s)
	if len(parts) > 1 {
		all := make([]Position, 0, len(parts))
		for _, part := range parts {
			p, err := ParseCoordinates(part)
			if err != nil {
				break
			}
			all = append(all, p)
		}
		if len(all) == len(parts) {
			return all, nil
		}
	}
	if len(parts) > 0 {
		if p, err := ParseCoordinates(s); err == nil {
			return []Position{p}, nil
		}
	}
	for _, part := range parts {
		if p, err := ParseCoordinates(part); err == nil {
			pos = append(pos, p)
		} else {
			names = append(names, part)
		}
	}
	return pos, names
}
