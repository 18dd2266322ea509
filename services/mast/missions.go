package mast

import (
	"errors"
	"fmt"
	"strings"

	"mastui/services/registry"
)

// MAST Search API (astroquery MastMissions, protocol section 6): the missions, their
// limits and the names the client accepts. The other missions_*.go files hold the
// column list, the search, its validation, the decoding of results, products and
// download URLs.

// Mission describes one mission of the Search API; the list lives in services/registry,
// shared with the simulator and the Missions tab.
type Mission = registry.Mission

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
		n = registry.DefaultMission
	}
	if m, ok := registry.LookupMission(n); ok {
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
