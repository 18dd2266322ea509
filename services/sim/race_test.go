//go:build race

package sim

// raceSlowdown stretches time limits and thins sampling under the race detector.
const raceSlowdown = 8
