package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/services/mast"
)

// CatalogHereMsg is the intent to run a catalog cone search around a position: the
// results' "catalog sources near this row" key (N) sends it from any tab, and the root
// gives the keys to the tab that is a CatalogSearcher and hands it the position.
type CatalogHereMsg struct {
	Position mast.Position
	Label    string // what the row is, for messages ("TIC 1234", an obs_id)
}

// CatalogSearcher is implemented by the tab that runs catalog searches (Catalogs).
type CatalogSearcher interface {
	// CatalogHere fills its target with the position and runs its search there.
	CatalogHere(msg CatalogHereMsg) tea.Cmd
}

// QueueItemsMsg is the intent to download files that are not MAST products (HSC spectra
// from HLA): Items builds the download items for the session's download directory and
// layout, and the root adds them to the download queue.
type QueueItemsMsg struct {
	What  string // what the files are, plural ("HSC spectra"), for messages
	Items func(dir string, flat bool) ([]download.Item, error)
}
