package mast

import (
	"errors"
	"fmt"
	"strings"
)

// MAST Search API (astroquery MastMissions, protocol section 6): the missions, their
// limits and the names the client accepts. The other missions_*.go files hold the
// column list, the search, its validation, the decoding of results, products and
// download URLs.

// Mission describes one mission of the Search API.
type Mission struct {
	Name                string // lower-cased, the <mission> of /search/<mission>/api/v0.1/
	DatasetKeyword      string // dataset-ID column; "" when none is known
	UsesRetrieveProduct bool   // downloads via retrieve_product (else Download/file with a mast: URI)
}

var knownMissions = map[string]Mission{
	"hst":           {"hst", "sci_data_set_name", true},
	"jwst":          {"jwst", "fileSetName", true},
	"roman":         {"roman", "fileSetName", true},
	"roman_spectra": {"roman_spectra", "", true},
	"roman_cgi":     {"roman_cgi", "", true},
	"classy":        {"classy", "Target", false},
	"ullyses":       {"ullyses", "observation_id", false},
	"iue":           {"iue", "iue_data_id", false},
}

// Search API defaults and limits.
const (
	DefaultMissionLimit     = 5000
	DefaultMissionRadiusMin = 3.0  // arcmin
	MaxMissionRadiusMin     = 30.0 // arcmin
	MaxMissionTargets       = 100
	DefaultMissionBatchSize = 1000
)

// MissionInfo returns what is known of a mission (name lower-cased; "" means hst). For
// a mission without a known dataset keyword it also returns a notice for the user.
func MissionInfo(name string) (Mission, string) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		n = "hst"
	}
	if m, ok := knownMissions[n]; ok {
		return m, ""
	}
	return Mission{Name: n}, fmt.Sprintf("The mission %q does not have a known dataset ID keyword.", n)
}

func validMissionPath(m string) error {
	if m == "" {
		return errors.New("no mission given")
	}
	for i := 0; i < len(m); i++ {
		b := m[i]
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-') {
			return fmt.Errorf("invalid mission name %q", m)
		}
	}
	return nil
}
