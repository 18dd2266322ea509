//go:build !race

package sim

const raceSlowdown = 1
