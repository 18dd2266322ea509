// Package products is the product list of chosen observations (CAOM) or mission datasets
// (Search API), as a Profile says: fetched in batches (one Cmd per batch, rows appearing
// as batches arrive), de-duplicated on demand, filtered through the filter panel with
// astroquery's filter_products semantics, selected, and sent to the download queue as a
// QueueProductsMsg intent.
package products

import (
	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/exportdialog"
	"mastui/ui/components/filterpanel"
	"mastui/ui/components/grid"
)

// DefaultBatchSize is the number of obsids per Mast.Caom.Products request (astroquery's).
const DefaultBatchSize = 500

// debounceRows is the table size from which filter changes are recomputed after a
// short pause instead of on every key.
const debounceRows = 20_000

// Model is the products view.
type Model struct {
	c         *common.Common
	archive   common.Archive
	p         Profile
	batchSize int
	width     int
	height    int

	// The fetch: one batch request at a time (BatchTask), and the filters' pause
	// (RecomputeTask); the newest request of each wins.
	req      *common.Requests
	ids      []string // observations or datasets, as the profile says
	labels   []string
	batches  [][]string
	queue    []int // batches still to fetch, in order
	inflight int   // the batch being fetched, -1 when none
	done     int   // batches answered successfully
	failed   []int // batches that failed (r retries them)

	table *model.Table

	// Unique products: dup[r] marks a row whose duplicate key (Profile.DupKey) came before.
	unique bool
	dup    []bool
	ndup   int
	seen   map[string]struct{}

	// Filtering.
	panel      *filterpanel.Model
	showPanel  bool
	focusPanel bool
	shown      []int // the table rows that pass, in table order
	filterErr  string
	values     map[string][]string // every value of each toggle key in the data (rebuilt per batch)

	// The list.
	grid    *grid.Model // owns the selection
	selN    int         // selected and shown
	selSize int64       // their bytes

	// Cloud copies (CAOM products; cloud.go): looked up in the background as rows come.
	cloudCol   *model.Column     // the "cloud" column shown (not part of the table)
	cloudKeys  map[string]string // dataURI -> key in the bucket ("" = none), per product list
	cloudAsked int               // rows looked up, or being looked up
	cloudBusy  bool              // a lookup is in flight
	cloudOn    bool              // D downloads from the cloud

	export *exportdialog.Model
}

// New builds an empty view of CAOM observations' products; batchSize <= 0 means
// DefaultBatchSize.
func New(c *common.Common, archive common.Archive, batchSize int) *Model {
	return NewWithProfile(c, archive, CAOMProfile(batchSize))
}

// NewWithProfile builds an empty products view of the kind p describes; a BatchSize
// <= 0 means DefaultBatchSize.
func NewWithProfile(c *common.Common, archive common.Archive, p Profile) *Model {
	batchSize := p.BatchSize
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	m := &Model{c: c, archive: archive, p: p, batchSize: batchSize, req: c.NewRequests(), inflight: -1, showPanel: true,
		grid: grid.New(c), panel: filterpanel.New(c), export: exportdialog.New(c)}
	m.grid.SetLocked(func(r int) bool { return common.Exclusive(m.table, r, m.c.Now()) })
	m.setupPanel()
	return m
}

// Name is the profile's name ("caom", "missions.jwst"), for logs.
func (m *Model) Name() string { return m.p.Name }

// SetSize sets the area the view may draw in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.layout()
}

// FetchID is the number of the batch request in flight (0 when none): its answer
// arrives as common.TabMsg{To: BatchTask, Req: FetchID()}, any other is dropped.
func (m *Model) FetchID() uint64 { return m.req.Current(BatchTask) }

// Table is every product fetched so far (nil before the first batch).
func (m *Model) Table() *model.Table { return m.table }

// Rows is the number of products fetched.
func (m *Model) Rows() int { return m.table.Rows() }

// Shown lists the table rows shown, in order (the grid's view).
func (m *Model) Shown() []int { return m.shown }

// Duplicates is the number of rows repeating an earlier product.
func (m *Model) Duplicates() int { return m.ndup }

// Unique reports whether duplicates are hidden.
func (m *Model) Unique() bool { return m.unique }

// Panel is the filter panel (for tests).
func (m *Model) Panel() *filterpanel.Model { return m.panel }

// Grid is the table window (for tests).
func (m *Model) Grid() *grid.Model { return m.grid }

// Fetching reports whether a batch is in flight.
func (m *Model) Fetching() bool { return m.inflight >= 0 }

// Capturing reports whether every key goes to the view (a text filter is being typed,
// or the export dialog is open).
func (m *Model) Capturing() bool { return m.panel.Editing() || m.export.IsOpen() }

// PanelFocused reports whether the filter panel has focus.
func (m *Model) PanelFocused() bool { return m.focusPanel && m.showPanel }

// Selection is the number and total size of the selected products that are shown.
func (m *Model) Selection() (n int, bytes int64) { return m.selN, m.selSize }

// Activity describes the fetch for the status bar ("" when idle).
func (m *Model) Activity() string {
	if m.inflight < 0 {
		return ""
	}
	return "Fetching products: " + m.progress() + "…"
}

// progress is "batch 2/5 · 3,120 products".
func (m *Model) progress() string {
	return "batch " + itoa(m.done+len(m.failed)+1) + "/" + itoa(len(m.batches)) + " · " + itoa(m.Rows()) + " products"
}

// Counts summarises the list for the status bar ("3,981 products · 12 selected").
func (m *Model) Counts() string {
	if m.table == nil {
		return ""
	}
	s := itoa(m.Rows()) + " products"
	if len(m.shown) != m.Rows() {
		s = itoa(len(m.shown)) + " of " + s
	}
	if m.selN > 0 {
		s += " · " + itoa(m.selN) + " selected"
	}
	return s
}

func itoa(n int) string { return common.Commas(int64(n)) }
