package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
)

// CutoutsHereMsg is the intent to see the cutouts at a position: the results' "cutouts
// here" key (t) sends it from any tab, and the root gives the keys to the tab that is a
// CutoutsOpener and hands it the position.
type CutoutsHereMsg struct {
	Position mast.Position
	Label    string // what the row is, for messages ("TIC 1234", an obs_id)
}

// CutoutsOpener is implemented by the tab that makes cutouts (Cutouts).
type CutoutsOpener interface {
	// CutoutsHere fills its target with the position and lists the sectors there.
	CutoutsHere(msg CutoutsHereMsg) tea.Cmd
}
