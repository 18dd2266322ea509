package registry

// Mission is one mission of the MAST Search API (protocol 6.1).
type Mission struct {
	Name                string // lower-cased, the <mission> of /search/<mission>/api/v0.1/
	DatasetKeyword      string // dataset-ID column; "" when none is known
	UsesRetrieveProduct bool   // downloads via retrieve_product (else Download/file with a mast: URI)
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
		{"hst", "sci_data_set_name", true},
		{"jwst", "fileSetName", true},
		{"roman", "fileSetName", true},
		{"roman_spectra", "", true},
		{"roman_cgi", "", true},
		{"classy", "Target", false},
		{"ullyses", "observation_id", false},
		{"iue", "iue_data_id", false},
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
