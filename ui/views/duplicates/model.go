// Package duplicates is the Duplicates tab: the JWST duplication check (seed 004, issue
// 15). A small form takes a target list file (with file-name completion) or targets
// typed on one line, a radius scale and the export format; enter runs the check, one
// request per target (their progress shows as they finish); the results are grouped by
// target as in the storyboard, enter shows why a row matched and the target's near
// misses, o lists the matched observation's products in the products view, e writes the
// report to a file. The engine is services/dupcheck.
package duplicates

import (
	"mastui/services/dupcheck"
	"mastui/ui/common"
	"mastui/ui/components/details"
	"mastui/ui/components/form"
	"mastui/ui/views/products"
)

// ID is the tab's registry name (and `mastui --tab duplicates`).
const ID = "duplicates"

// Config is what the tab is built from.
type Config struct {
	Dir          string // where exports go ("" is the current directory)
	Apertures    string // an aperture table replacing the built-in one ("": none)
	ProductBatch int    // obsids per product request
}

// Form rows.
const (
	rowTargets = iota
	rowScale
	rowExport
	rowCount
)

// Formats are the export formats, in the form's order.
func Formats() []string {
	return []string{dupcheck.FormatMarkdown, dupcheck.FormatCSV, dupcheck.FormatJSON}
}

// pane is the part of the tab with the keys.
type pane int

const (
	paneForm pane = iota
	paneResults
	paneDetails
	paneProducts
)

// Model is the Duplicates tab.
type Model struct {
	c       *common.Common
	archive common.Archive
	cfg     Config
	width   int
	height  int
	focused bool

	form    *form.Model
	formErr string
	req     *common.Requests
	pane    pane

	run         *run // the last run (nil before the first)
	pendingSpec spec // the form as read while its file is being read
	seq         int  // numbers runs: answers of an older run are dropped
	cursor      int  // index into run.items()
	offset      int  // first result line shown
	details     *details.Model
	products    *products.Model
}

// run is one duplication check: its targets and their results as they come.
type run struct {
	id      int
	source  string // "targets.csv" or "typed"
	targets []dupcheck.Target
	results []*dupcheck.Result // nil until the target's check answers
	done    int
	format  string // the export format chosen when it ran
}

// item is one selectable row: a target's line (cand -1) or one of its matches.
type item struct{ target, cand int }

// New builds the tab over an archive (nil: the check says it cannot run).
func New(c *common.Common, archive common.Archive, cfg Config) *Model {
	st := c.Styles
	m := &Model{c: c, archive: archive, cfg: cfg, req: c.NewRequests(), details: details.New(c),
		products: products.New(c, archive, cfg.ProductBatch)}
	fields := []*form.Field{
		form.NewText(st, "targets", "Targets", 0),
		form.NewText(st, "scale", "Radius ×", 8),
		form.NewChoice("export", "Export as", Formats(), 0),
	}
	fields[rowTargets].Hint = "a .csv/.ecsv file, or type: number aperture ra dec grating filter exposure; …"
	fields[rowScale].Hint = "scales every aperture's radius · empty: 1"
	m.form = form.New(fields...)
	m.form.FocusIndex(rowTargets)
	return m
}

// Pane is the part with the keys: "form", "results", "details" or "products" (tests).
func (m *Model) Pane() string {
	return [...]string{"form", "results", "details", "products"}[m.pane]
}

// Results are the results of the last run, nil for a target still running (tests).
func (m *Model) Results() []*dupcheck.Result {
	if m.run == nil {
		return nil
	}
	return m.run.results
}

// Products is the products view (tests).
func (m *Model) Products() *products.Model { return m.products }

// items are the selectable rows of the last run: each target, then its matches.
func (r *run) items() []item {
	var out []item
	for i := range r.targets {
		out = append(out, item{i, -1})
		if res := r.results[i]; res != nil {
			for k := range res.Matches {
				out = append(out, item{i, k})
			}
		}
	}
	return out
}

// finished lists the results that came, in the list's order.
func (r *run) finished() []dupcheck.Result {
	var out []dupcheck.Result
	for _, res := range r.results {
		if res != nil {
			out = append(out, *res)
		}
	}
	return out
}
