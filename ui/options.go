package ui

import (
	"context"

	"mastui/model/history"
	"mastui/services/mast"
	"mastui/ui/common"
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

	// Columns are the saved column choices of the results tables (visible columns in
	// order) by table name, "observations" or "missions.<mission>": Config.Columns. A
	// table without one shows every column.
	Columns map[string][]string
	// SaveColumns remembers a column choice (the chooser's enter) under its table name.
	// nil keeps choices for the session only. It runs in a Cmd, off the UI goroutine; an
	// error shows as a toast.
	SaveColumns func(table string, cols []string) error
	// DupcheckApertures is an aperture table replacing the duplication check's built-in
	// one (config dupcheck_apertures; "" keeps the built-in one).
	DupcheckApertures string
	// ProductBatchSize is the number of obsids per product request; 0 means 500.
	ProductBatchSize int
	// Queue receives the products the user sends to download (products `D`); nil only
	// confirms with a toast and a log line.
	Queue QueueSink

	// Downloads is the session's download engine (a *download.Manager): the queue panel
	// (`w`) shows and drives it, and when Queue is nil products sent with `D` are added to
	// it. nil (never a nil *download.Manager) means downloads are unavailable.
	Downloads common.Downloads
	// DownloadsUnavailable says why Downloads is nil (e.g. the journal is held by another
	// mastui session); the queue panel shows it.
	DownloadsUnavailable string
	// DownloadsNotice, when set, is shown as a warning toast at start: downloads work,
	// but not as usual (the download service could not be reached, so the queue runs in
	// this process and stops with it).
	DownloadsNotice string
	// DownloadsDetached says Downloads outlives the session (the user's download
	// service): quitting interrupts no download, so it does not ask.
	DownloadsDetached bool
	// DownloadDir is where downloads land ("" is the current directory), in astroquery's
	// mastDownload/<collection>/<obs_id>/ layout unless FlatDownloads.
	DownloadDir   string
	FlatDownloads bool
	// MastURL is the base of the file URLs ("" means https://mast.stsci.edu).
	MastURL string
	// HasToken says whether downloads carry a MAST token; without one, queueing
	// exclusive-access products warns that they will fail. A login or logout in the
	// session (Account) updates it.
	HasToken bool
	// Account is the session's MAST login (common.Session over the CLI's token source):
	// the header's account line and the login dialog (ctrl+x). nil: neither is shown.
	Account common.Account
	// LogPath is the session's log file, named in the message log (ctrl+l); "" for none.
	LogPath string
	// StartTab is the tab that has the keys first, one of TabNames() ("observations",
	// "missions", "queue"); "" is the first. An unknown name is logged and ignored
	// (validate it first against TabNames()).
	StartTab string
	// Prepare, when set, builds the embedded demo archive (--demo) and returns when it is
	// ready. It runs off the UI goroutine once the first frame is drawn, so the archive
	// never delays it; the status line says "preparing the demo archive" until it
	// returns, and an error becomes a toast. Requests made meanwhile wait.
	Prepare func(context.Context) error
	// History is where the searches and saved searches are kept
	// ($XDG_DATA_HOME/mastui); nil keeps none.
	History *history.Store
}

// QueueSink receives products sent to the download queue (see common.QueueSink).
type QueueSink = common.QueueSink
