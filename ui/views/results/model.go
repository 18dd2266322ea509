// Package results is the observation results table: a window over a typed column table
// that pages in lazily from the archive as the cursor nears the end of the loaded rows,
// with sorting over the loaded rows, a column chooser, a details pane, selection, and
// copying. Enter asks its tab to open the products of the chosen observations.
package results

import (
	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/colchooser"
	"mastui/ui/components/details"
	"mastui/ui/components/exportdialog"
	"mastui/ui/components/grid"
	"mastui/ui/components/textfield"
	"mastui/ui/views/sky"
)

// state is where the current search is.
type state int

const (
	stateIdle    state = iota // no search yet
	stateLoading              // page 1 in flight
	stateReady                // page 1 loaded (possibly empty)
	stateFailed               // page 1 failed
)

// metaState is where the column metadata (labels, units, descriptions) is.
type metaState int

const (
	metaNone metaState = iota
	metaLoading
	metaLoaded
	metaFailed
)

// Model is the results view.
type Model struct {
	profile  Profile
	c        *common.Common
	archive  common.Archive
	pageSize int
	width    int
	height   int

	search  common.Search
	req     *common.Requests // the page request in flight (PageTask): the newest wins
	queryID uint64           // the number of the newest page request, 0 before a search
	state   state
	err     error // why page 1 failed

	table      *model.Table
	total      int64
	pages      int
	loadedPage int   // pages are fetched in order; this is the last one appended
	inflight   int   // the page being fetched, 0 when none
	pageErr    error // a later page failed: paging waits for retry
	resolved   *mast.Resolved
	notices    []string // the server's warnings of this search (a row cap reached), each once

	grid   *grid.Model
	all    []*grid.Column // every column, default order
	choice []string       // the chosen columns in order; nil shows all

	order    []int // sort permutation of the loaded rows; nil is the loaded order
	sortCol  *grid.Column
	sortDesc bool

	details      *details.Model
	showDetails  bool
	detailsFocus bool
	meta         []mast.FieldMeta
	metaState    metaState

	preview      bool                   // the details pane shows the row's preview (v)
	previews     map[string]*PreviewMsg // by PreviewMsg.Key, at most previewCacheSize
	previewAsked string                 // the key of the preview request in flight

	chooser *colchooser.Model // non-nil while the column chooser is open
	export  *exportdialog.Model

	sky          *sky.Model // the footprints of the loaded rows (v)
	showSky      bool
	showTimeline bool // the observations over time, under the table (m)

	find    finder // find within the loaded rows (ctrl+f, |)
	askAll  bool   // "load all N?" is asked (End while pages remain)
	loadAll bool   // every page is being fetched; the cursor goes to the end after
}

// New builds an empty observation results view; pageSize <= 0 means 500.
func New(c *common.Common, archive common.Archive, pageSize int) *Model {
	return NewWithProfile(c, archive, pageSize, ObservationsProfile())
}

// NewWithProfile builds an empty results view of the kind p describes.
func NewWithProfile(c *common.Common, archive common.Archive, pageSize int, p Profile) *Model {
	if pageSize <= 0 {
		pageSize = 500
	}
	m := &Model{profile: p, c: c, archive: archive, pageSize: pageSize, req: c.NewRequests(), grid: grid.New(c), details: details.New(c), export: exportdialog.New(c)}
	m.find.input = textfield.New(c.Styles, "text in any shown column", 200)
	m.grid.SetLocked(func(r int) bool { return common.Exclusive(m.table, r, m.c.Now()) })
	m.sky = newSky(m)
	return m
}

// SetSize sets the area the view may draw in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.layout()
}

// Name routes the view's messages (its Profile's Name).
func (m *Model) Name() string { return m.profile.Name }

// QueryID is the number of the newest page request (0 before the first search): its
// answer arrives as common.TabMsg{To: PageTask, Req: QueryID()}, any other is dropped.
func (m *Model) QueryID() uint64 { return m.queryID }

// Search returns the current search.
func (m *Model) Search() common.Search { return m.search }

// Resolved is where the current search's object name resolved (nil before page 1 or
// for a coordinate search).
func (m *Model) Resolved() *mast.Resolved { return m.resolved }

// Table is the loaded rows (nil before page 1).
func (m *Model) Table() *model.Table { return m.table }

// Loaded is the number of rows loaded so far.
func (m *Model) Loaded() int { return m.table.Rows() }

// Total is the number of rows matching the search (known after page 1).
func (m *Model) Total() int64 { return m.total }

// Cursor is the display position of the cursor (the row in sorted order).
func (m *Model) Cursor() int { return m.grid.Cursor() }

// CursorRow is the table row under the cursor (-1 when none).
func (m *Model) CursorRow() int { return m.grid.CursorRow() }

// Grid is the table window (for tests).
func (m *Model) Grid() *grid.Model { return m.grid }

// Ready reports whether a search has rows or an empty answer to show (not loading or
// failed).
func (m *Model) Ready() bool { return m.state == stateReady }

// Failed reports whether the search failed (r retries).
func (m *Model) Failed() bool { return m.state == stateFailed || m.pageErr != nil }

// Inflight is the page being fetched (0 when none).
func (m *Model) Inflight() int { return m.inflight }

// Capturing reports whether an overlay or the details pane takes every key (the root
// then passes keys such as esc and / through instead of acting on them).
func (m *Model) Capturing() bool {
	return m.chooser != nil || m.detailsFocus || m.export.IsOpen() || m.find.typing || m.askAll
}

// ChooserOpen reports whether the column chooser is open.
func (m *Model) ChooserOpen() bool { return m.chooser != nil }

// DetailsShown reports whether the details pane shows, and whether it has focus.
func (m *Model) DetailsShown() (shown, focused bool) { return m.showDetails, m.detailsFocus }

// Activity describes the request running, for the status bar ("" when idle).
func (m *Model) Activity() string {
	switch {
	case m.inflight == 0:
		if m.metaState == metaLoading {
			return "Fetching column descriptions…"
		}
		return ""
	case m.inflight == 1 && m.search.Query.Object != "":
		return "Resolving " + m.search.Target + "…"
	case m.inflight == 1:
		return "Searching " + m.search.Target + "…"
	case m.profile.Mission != "":
		return "Fetching " + m.profile.Noun + " from " + itoa((m.inflight-1)*m.pageSize) + "…"
	default:
		return "Fetching page " + itoa(m.inflight) + "/" + itoa(m.pages) + "…"
	}
}

// Counts summarises the results for the status bar
// ("1,804 observations · 500 loaded · 2 selected").
func (m *Model) Counts() string {
	if m.state != stateReady {
		return ""
	}
	s := common.Commas(m.total) + " " + m.profile.Noun
	if n := int64(m.Loaded()); n < m.total {
		s += " · " + common.Commas(n) + " loaded"
	}
	if n := m.Selected(); n > 0 {
		s += " · " + itoa(n) + " selected"
	}
	return s
}

// syncKeys enables the bindings that apply in the current state. The bindings are the
// session's, shared by every results view (one per tab, some tabs hold several): only
// the view the user is on may set them, so it is called when a key arrives and when
// the hints are asked for, never on a layout (the root resizes every tab on a toast or
// a resize, and the last view laid out would win).
func (m *Model) syncKeys() {
	m.c.Keys.Results.Focus.SetEnabled(m.showDetails && m.split())
	m.c.Keys.Sky.SetActive(m.showSky)
}

func itoa(n int) string { return common.Commas(int64(n)) }
