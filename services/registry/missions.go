package registry

import (
	"errors"
	"fmt"
	"strings"

	"mastui/model"
)

// Mission is one mission of the MAST Search API (protocol 6.1).
type Mission struct {
	Name                string // lower-cased, the <mission> of /search/<mission>/api/v0.1/
	DatasetKeyword      string // dataset-ID column; "" when none is known
	UsesRetrieveProduct bool   // downloads via retrieve_product (else Download/file with a mast: URI)
	// Telescope is the name users may type for the mission ("webb"), for a "did you
	// mean"; never sent. "" when it is the mission's name or a program's.
	Telescope string
}

// Browsable reports whether datasets of the mission can be listed and their products
// fetched: that needs the dataset-ID column. The Missions tab offers these and the
// simulator serves them; the others are known only for their download route.
func (m Mission) Browsable() bool { return m.DatasetKeyword != "" }

// DefaultMission is the mission of a query that names none (astroquery's default).
const DefaultMission = "hst"

// Missions returns every known mission, in the order the Missions tab offers them.
// A fresh slice each call, so no caller can change another's view of the registry.
func Missions() []Mission {
	return []Mission{
		{"hst", "sci_data_set_name", true, "hubble"},
		{"jwst", "fileSetName", true, "webb"},
		{"roman", "fileSetName", true, ""},
		{"roman_spectra", "", true, ""},
		{"roman_cgi", "", true, ""},
		{"classy", "Target", false, ""},
		{"ullyses", "observation_id", false, ""},
		{"iue", "iue_data_id", false, ""},
	}
}

// LookupMission finds a mission by its exact (lower-case) name.
func LookupMission(name string) (Mission, bool) {
	for _, m := range Missions() {
		if m.Name == name {
			return m, true
		}
	}
	return Mission{}, false
}

// MissionNames returns the names of every known mission, in registry order.
func MissionNames() []string {
	var names []string
	for _, m := range Missions() {
		names = append(names, m.Name)
	}
	return names
}

// SuggestMission is the known mission most like name, by its name or its telescope's
// ("jswt" and "Webb" give jwst), or "" when none is close.
func SuggestMission(name string) string {
	var candidates []string
	mission := map[string]string{} // candidate -> its mission
	for _, m := range Missions() {
		for _, c := range []string{m.Name, m.Telescope} {
			if _, seen := mission[c]; c != "" && !seen {
				candidates = append(candidates, c)
				mission[c] = m.Name
			}
		}
	}
	return mission[model.Closest(name, candidates)]
}

// BrowsableMissions returns the names of the missions whose datasets can be browsed, in
// registry order.
func BrowsableMissions() []string {
	var names []string
	for _, m := range Missions() {
		if m.Browsable() {
			names = append(names, m.Name)
		}
	}
	return names
}

// ResolveMission reads a mission name as the user gave it (trimmed, any case; ""
// means DefaultMission); ok is false for a mission the registry does not know, which
// is then returned with only its name.
func ResolveMission(name string) (m Mission, ok bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		n = DefaultMission
	}
	if m, ok := LookupMission(n); ok {
		return m, true
	}
	return Mission{Name: n}, false
}

// CheckMissionName rejects a name that cannot be the <mission> segment of a Search API
// path (known or not: the server answers for unknown ones).
func CheckMissionName(name string) error {
	if name == "" {
		return errors.New("no mission given")
	}
	for i := 0; i < len(name); i++ {
		b := name[i]
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-') {
			return fmt.Errorf("invalid mission name %q", name)
		}
	}
	return nil
}
