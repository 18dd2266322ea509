// Package searchform is the observation search form: a target (name or coordinates)
// with radius and resolver, the criteria people use most (collections from the facets,
// instrument, filters, time, exposure, …), and any other CAOM column added by name.
// Values use the CLI's syntax; they are validated and counted live against the archive
// (form.Live: after a pause in typing, each edit cancelling the request in flight).
package searchform

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/spinner"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/components/multiselect"
	"mastui/ui/components/textfield"
)

// Indexes of the fixed fields, in tab order. Criteria added by name follow FieldRights;
// the "+ add criterion" row is always last.
const (
	FieldTarget = iota
	FieldRadius
	FieldResolver
	FieldCollection
	FieldInstrument
	FieldFilters
	FieldProduct
	FieldCalib
	FieldTime
	FieldExposure
	FieldProposal
	FieldPI
	FieldTargetName
	FieldIntent
	FieldRA
	FieldDec
	FieldRights
	numFixed
)

// kind is how a field is edited.
type kind int

const (
	kindText       kind = iota // a text input (target, radius, criteria)
	kindResolver               // a choice cycled with space or ←/→
	kindCollection             // a multi-select of facet values
	kindAdd                    // "+ add criterion": a column name with completion
)

// spec describes one field: its CAOM column ("" for target, radius and resolver), its
// label and how it is edited.
type spec struct {
	col   string
	label string
	kind  kind
}

// fixedSpecs are the fields every form has, in tab order.
func fixedSpecs() [numFixed]spec {
	return [numFixed]spec{
		FieldTarget:     {"", "Target", kindText},
		FieldRadius:     {"", "Radius", kindText},
		FieldResolver:   {"", "Resolver", kindResolver},
		FieldCollection: {"obs_collection", "Collection", kindCollection},
		FieldInstrument: {"instrument_name", "Instrument", kindText},
		FieldFilters:    {"filters", "Filters", kindText},
		FieldProduct:    {"dataproduct_type", "Product type", kindText},
		FieldCalib:      {"calib_level", "Calib level", kindText},
		FieldTime:       {"t_min", "Time", kindText},
		FieldExposure:   {"t_exptime", "Exposure", kindText},
		FieldProposal:   {"proposal_id", "Proposal id", kindText},
		FieldPI:         {"proposal_pi", "PI", kindText},
		FieldTargetName: {"target_name", "Target name", kindText},
		FieldIntent:     {"intentType", "Intent", kindText},
		FieldRA:         {"s_ra", "RA range", kindText},
		FieldDec:        {"s_dec", "Dec range", kindText},
		FieldRights:     {"dataRights", "Data rights", kindText},
	}
}

// numResolvers is the number of choices of the Resolver field.
const numResolvers = 3

// resolverName is choice i of the Resolver field; "any" sends no resolver.
func resolverName(i int) string { return [numResolvers]string{"any", "SIMBAD", "NED"}[i] }

// field is one row of the form: its form.Field holds the input (kindText and kindAdd),
// the label and the focus.
type field struct {
	spec
	*form.Field
	added bool // added by name; ctrl+d removes it
	// suggest says a value matches nothing, with the nearest known values (from the
	// facets); it does not stop a search, the archive may know newer values.
	suggest string
}

// Model is the search form.
type Model struct {
	c        *common.Common
	archive  common.Archive
	parsers  Parsers
	fields   []*field
	coll     *multiselect.Model
	resolver int
	form     *form.Model // the focus, over the fields' form.Fields
	resolved string
	res      resolution
	width    int
	height   int
	offset   int // first line of the fields shown (the form scrolls)
	comp     form.Completion
	recall   form.Recall // ↑/↓ through the history in the target field

	meta     map[string]mast.FieldMeta // observation columns by lower-case name
	metaCols []string                  // column names in metadata order
	metaErr  string
	facets   map[string][]mast.FacetValue // archive-wide (Mast.Caom.All)
	here     map[string][]mast.FacetValue // among the form's search (nil: not known)
	// hereFresh: here counts the form as it is (an edit makes it stale: completions then
	// show the archive's counts, the collection grid keeps its order until the next).
	hereFresh bool
	hists     map[string]mast.Histogram // t_min, t_exptime, … over the archive (sparklines)
	facetErr  string

	// The live check and count (form.Live over req's live task), and the resolution of
	// the target name (req's resolve task).
	req        *common.Requests
	live       form.Live
	validated  bool   // the archive has accepted the criteria as they are
	valErr     string // validation failed for another reason than a bad criterion
	countWaits bool   // the count starts when the target name's position is known
	spin       spinner.Model
	spinning   bool
}

// New builds the form over archive (nil: no metadata, facets, validation or counts)
// with an empty target and the default radius. Init fetches the metadata and facets.
func New(c *common.Common, archive common.Archive, p Parsers) *Model {
	m := &Model{
		c:       c,
		archive: archive,
		parsers: p.withDefaults(),
		coll:    multiselect.New(c.Styles),
		form:    form.New(),
		req:     c.NewRequests(),
		spin: spinner.New(spinner.WithStyle(c.Styles.Spinner), spinner.WithSpinner(spinner.Spinner{
			Frames: []string{"⣾", "⣽", "⣻", "⢿", "⡿", "⣟", "⣯", "⣷"},
			FPS:    time.Second / 10,
		})),
	}
	m.live = form.Live{Req: m.req, Task: liveTask, Delay: liveDelay, Pause: livePauseMsg{}}
	for _, s := range fixedSpecs() {
		m.fields = append(m.fields, m.newField(s))
	}
	m.fields = append(m.fields, m.newField(spec{label: "+ add", kind: kindAdd}))
	m.syncForm()
	m.fields[FieldTarget].Input.Placeholder = "M101, NGC 6121 or 210.8 54.35"
	m.fields[FieldTarget].Input.CharLimit = 256
	m.fields[FieldRadius].Input.CharLimit = 32
	m.fields[FieldRadius].Input.SetValue(defaultRadius)
	m.fields[len(m.fields)-1].Input.CharLimit = 64
	m.Focus()
	return m
}

const defaultRadius = "0.2 deg"

func (m *Model) newField(s spec) *field {
	name := s.col
	if name == "" {
		name = strings.ToLower(strings.TrimPrefix(s.label, "+ "))
	}
	f := &field{spec: s, Field: &form.Field{Name: name, Label: s.label, Kind: form.Custom}}
	switch s.kind {
	case kindText, kindAdd:
		f.Kind, f.Input = form.Text, textfield.New(m.c.Styles, "", 512)
	case kindResolver:
		f.Kind = form.Choice
	}
	return f
}

// syncForm gives the form component the fields as they are now (after one was added or
// removed).
func (m *Model) syncForm() {
	fs := make([]*form.Field, len(m.fields))
	for i, f := range m.fields {
		fs[i] = f.Field
	}
	m.form.SetFields(fs...)
}

// SetSize sets the area the form may draw in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.relayout()
}

// Focus gives the form keyboard focus (on the field that had it).
func (m *Model) Focus() { m.setFocus(m.form.Focused()) }

// Blur removes keyboard focus from the text fields (and ends a walk through the
// history: the form is left as it is).
func (m *Model) Blur() {
	m.recall.Stop()
	for _, f := range m.fields {
		f.Input.Blur()
	}
}

// Focused is the index of the field with focus (FieldTarget …, then added criteria,
// then the "+ add criterion" row).
func (m *Model) Focused() int { return m.form.Focused() }

// FocusedColumn is the CAOM column of the focused field ("" for target, radius,
// resolver and the add row).
func (m *Model) FocusedColumn() string { return m.fields[m.form.Focused()].col }

// TakesEsc reports whether esc acts inside the form (it clears the Collection list's
// filter) rather than leaving it.
func (m *Model) TakesEsc() bool {
	return m.fields[m.form.Focused()].kind == kindCollection && m.coll.Filter() != ""
}

// NumFields is the number of fields, the "+ add criterion" row included.
func (m *Model) NumFields() int { return len(m.fields) }

// Errors returns the message shown under each field ("" when fine).
func (m *Model) Errors() []string {
	out := make([]string, len(m.fields))
	for i, f := range m.fields {
		out[i] = f.Err()
	}
	return out
}

// SetResolved shows where the last searched name resolved ("" hides it).
func (m *Model) SetResolved(s string) { m.resolved = s }

// SetTarget sets the target text (for tests and a later ":search" command).
func (m *Model) SetTarget(s string) { m.setText(FieldTarget, s) }

// SetRadius sets the radius text.
func (m *Model) SetRadius(s string) { m.setText(FieldRadius, s) }

func (m *Model) setText(i int, s string) {
	m.fields[i].Input.SetValue(s)
	m.fields[i].Input.CursorEnd()
}

// Resolver returns the chosen resolver ("" for any).
func (m *Model) Resolver() string {
	if m.resolver == 0 {
		return ""
	}
	return resolverName(m.resolver)
}

// Collections returns the chosen collections.
func (m *Model) Collections() []string { return m.coll.Selected() }

// Count is the last live count, and whether one is known.
func (m *Model) Count() (int64, bool) { return m.live.Total, m.live.Known }

// Counting reports whether a count request is in flight.
func (m *Model) Counting() bool { return m.live.Asking }

// addIndex is the index of the "+ add criterion" row.
func (m *Model) addIndex() int { return len(m.fields) - 1 }

// setFocus gives the focus to field i (wrapping): only its input shows a cursor.
func (m *Model) setFocus(i int) {
	m.form.FocusIndex(i)
	m.comp.Stop()
	m.follow()
}

// Reset empties the form: no target, the default radius, any resolver, no criteria.
// Answers still in flight are dropped.
func (m *Model) Reset() {
	for _, f := range m.fields {
		f.Input.SetValue("")
		f.ClearErrs()
	}
	m.fields = append(m.fields[:numFixed], m.fields[len(m.fields)-1])
	m.syncForm()
	m.fields[FieldRadius].Input.SetValue(defaultRadius)
	m.fields[FieldRadius].Input.CursorEnd()
	m.coll.Reset()
	m.resolver = 0
	m.resolved = ""
	m.res = resolution{}
	m.req.Cancel(resolveTask) // drops an answer in flight
	m.valErr, m.validated, m.countWaits = "", false, false
	m.live.Reset() // drops the pause, check or count in flight
	m.req.Cancel(facetTask)
	m.clearHere()
	m.offset = 0
	m.setFocus(FieldTarget)
	m.relayout()
}
