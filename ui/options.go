package ui

import (
	"mastui/services/mast"
)

// DefaultPageSize is the number of rows the TUI asks for per page.
const DefaultPageSize = 500

// Minimum terminal size; below it one centred message replaces the screen.
const (
	MinWidth  = 60
	MinHeight = 15
)

// Options configures the root model.
type Options struct {
	PageSize    int    // rows per page; 0 means DefaultPageSize
	ServerLabel string // "MAST", "demo" or a URL; overrides Common.ServerLabel when set
	// ParseCoordinates and ParseRadius parse the form's Target (when it looks like
	// coordinates) and Radius; nil uses simple built-in parsers. Wire
	// mast.ParseCoordinates and mast.ParseRadius here.
	ParseCoordinates func(string) (mast.Position, error)
	ParseRadius      func(string) (float64, error)
}
