package mast

import (
	"fmt"

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
	m, ok := registry.ResolveMission(name)
	if !ok {
		return m, fmt.Sprintf("The mission %q does not have a known dataset ID keyword.", m.Name)
	}
	return m, ""
}
