// Package results is the observation results table: a window over a typed column table
// that pages in lazily from the archive as the cursor nears the end of the loaded rows.
package results

import (
	"context"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
)

// state is where the current search is.
type state int

const (
	stateIdle    state = iota // no search yet
	stateLoading              // page 1 in flight
	stateReady                // page 1 loaded (possibly empty)
	stateFailed               // page 1 failed
)

// Model is the results view.
type Model struct {
	c        *common.Common
	archive  common.Archive
	pageSize int
	width    int
	height   int

	search  common.Search
	queryID uint64
	ctx     context.Context // the search's context; a new search cancels it
	cancel  context.CancelFunc
	state   state
	err     error // why page 1 failed

	table      *model.Table
	total      int64
	pages      int
	loadedPage int   // pages are fetched in order; this is the last one appended
	inflight   int   // the page being fetched, 0 when none
	pageErr    error // a later page failed: paging waits for retry
	resolved   *mast.Resolved

	cursor int // absolute row of the cursor
	top    int // first row in the window
	colOff int // first scrolled column after the pinned one (index into cols[1:])
	cols   []*column
	vis    []visCol // scratch: the columns drawn in the last frame
}

// New builds an empty results view; pageSize <= 0 means 500.
func New(c *common.Common, archive common.Archive, pageSize int) *Model {
	if pageSize <= 0 {
		pageSize = 500
	}
	return &Model{c: c, archive: archive, pageSize: pageSize}
}

// SetSize sets the area the view may draw in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clampWindow()
}

// QueryID identifies the current search; page messages of older searches are dropped.
func (m *Model) QueryID() uint64 { return m.queryID }

// Search returns the current search.
func (m *Model) Search() common.Search { return m.search }

// Resolved is where the current search's object name resolved (nil before page 1 or
// for a coordinate search).
func (m *Model) Resolved() *mast.Resolved { return m.resolved }

// Loaded is the number of rows loaded so far.
func (m *Model) Loaded() int { return m.table.Rows() }

// Total is the number of rows matching the search (known after page 1).
func (m *Model) Total() int64 { return m.total }

// Cursor is the absolute row under the cursor.
func (m *Model) Cursor() int { return m.cursor }

// Inflight is the page being fetched (0 when none).
func (m *Model) Inflight() int { return m.inflight }

// Activity describes the request running, for the status bar ("" when idle).
func (m *Model) Activity() string {
	switch {
	case m.inflight == 0:
		return ""
	case m.inflight == 1 && m.search.Query.Object != "":
		return "Resolving " + m.search.Target + "…"
	case m.inflight == 1:
		return "Searching " + m.search.Target + "…"
	default:
		return "Fetching page " + itoa(m.inflight) + "/" + itoa(m.pages) + "…"
	}
}

// Counts summarises the results for the status bar ("1,804 observations · 500 loaded").
func (m *Model) Counts() string {
	if m.state != stateReady {
		return ""
	}
	s := common.Commas(m.total) + " observations"
	if n := int64(m.Loaded()); n < m.total {
		s += " · " + common.Commas(n) + " loaded"
	}
	return s
}

func itoa(n int) string { return common.Commas(int64(n)) }
