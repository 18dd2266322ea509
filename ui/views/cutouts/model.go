// Package cutouts is the Cutouts tab: a small form (service, target, moving-target kind,
// size parsed as typed, the listing's radius, Zcut's image options), the sectors
// (TESScut, with their dates and cadence) or surveys (Zcut) at the target in the shared
// grid with its selection, D to queue one cutout per chosen sector or survey in the
// download queue (HAPCut queues its one cutout straight from the form), and, for a
// finished TESScut cutout, its light curve as a sparkline over its header cards. Other
// tabs open it at a row's position through common.CutoutsHereMsg.
package cutouts

import (
	"context"

	"mastui/download"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/details"
	"mastui/ui/components/form"
	"mastui/ui/components/grid"

	cutsvc "mastui/services/cutouts"
)

// ID is the tab's registry name (and `mastui --tab cutouts`).
const ID = "cutouts"

// Client is what the tab asks MAST: *mast.Client implements it.
type Client interface {
	ResolveCutoutTarget(ctx context.Context, t mast.CutoutTarget) (cutsvc.Target, *mast.Resolved, error)
	TESScutSectors(ctx context.Context, t mast.CutoutTarget, radiusDeg float64) ([]cutsvc.Sector, error)
	ZcutSurveys(ctx context.Context, pos mast.Position, radiusDeg float64) ([]string, error)
}

var _ Client = (*mast.Client)(nil)

// Config is where cutouts go.
type Config struct {
	// Downloads is the session's download queue (nil: D says downloads are unavailable,
	// with Unavailable as the reason).
	Downloads   common.Downloads
	Unavailable string
	Dir         string // the download directory ("" is the current one)
	BaseURL     string // the MAST URL the cutout GETs go to ("" is real MAST)
}

// Services are the cutout services, in the picker's order.
func Services() []string { return []string{TESScut, Zcut, HAPCut} }

// Service names.
const (
	TESScut = "TESScut"
	Zcut    = "Zcut"
	HAPCut  = "HAPCut"
)

// MovingKinds are the moving-target choices: not moving, or a JPL Horizons body of
// either kind (MAST tries major, then small), a small body or a major body.
func MovingKinds() []string { return []string{"no", "auto", "small body", "major body"} }

// movingType is the obj_type of moving choice i ("" for none or auto).
func movingType(i int) string {
	switch i {
	case 2:
		return cutsvc.SmallBody
	case 3:
		return cutsvc.MajorBody
	}
	return ""
}

// Form rows. The rows after rowSize show only for the services they shape (see
// shownRows), so the ones shown are always the first few and the indices hold.
const (
	rowService = iota
	rowTarget
	rowMoving
	rowSize
	rowRadius  // TESScut and Zcut listings
	rowFormat  // Zcut
	rowStretch // Zcut jpg/png
	rowMinMax  // Zcut jpg/png
	rowInvert  // Zcut jpg/png
	rowCount
)

// defaultStretch is the stretch choice that sends none (the server's, asinh).
const defaultStretch = "default"

// Stretches are the stretch choices: the server's, or one of Zcut's.
func Stretches() []string { return append([]string{defaultStretch}, cutsvc.Stretches()...) }

// pane is the part of the tab with the keys.
type pane int

const (
	paneForm pane = iota
	paneList
	paneDetails
)

// Model is the Cutouts tab.
type Model struct {
	c       *common.Common
	client  Client
	cfg     Config
	width   int
	height  int
	focused bool // the tab has the keys

	form    *form.Model
	fields  []*form.Field // every row, shown or not (form holds the shown ones)
	formErr string
	req     *common.Requests
	pane    pane

	list   *listing // the last listing asked for (nil before the first)
	grid   *grid.Model
	status map[string]download.Status // the queue's items by ID, refreshed from its snapshot

	lc      *curve // the finished cutout shown in the details pane
	details *details.Model
}

// New builds the tab; a nil client (a fake archive) says so when asked to list.
func New(c *common.Common, client Client, cfg Config) *Model {
	st := c.Styles
	m := &Model{
		c: c, client: client, cfg: cfg, req: c.NewRequests(),
		fields: []*form.Field{
			form.NewChoice("service", "Service", Services(), 0),
			form.NewText(st, "target", "Target", 0),
			form.NewChoice("moving", "Moving target", MovingKinds(), 0),
			form.NewText(st, "size", "Size", 40),
			form.NewText(st, "radius", "Radius", 24),
			form.NewChoice("format", "Format", cutsvc.Formats(), 0),
			form.NewChoice("stretch", "Stretch", Stretches(), 0),
			form.NewText(st, "minmax", "Min/max %", 24),
			form.NewChoice("invert", "Invert", []string{"no", "yes"}, 0),
		},
		grid:    grid.New(c),
		status:  map[string]download.Status{},
		details: details.New(c),
	}
	m.fields[rowTarget].Hint = "coordinates or an object name (TIC 32449963)"
	m.fields[rowSize].Hint = "5, 5x7, 3 arcmin, [5, 7] arcmin · empty: 5x5 px"
	m.fields[rowMinMax].Hint = "scale limits in percentiles: 0.5,99.5 · empty: the server's"
	m.form = form.New(m.fields[:m.shownRows()]...)
	m.form.FocusIndex(rowTarget)
	return m
}

// shownRows is how many of the form's rows the chosen service takes: HAPCut none after
// the size, TESScut the radius of its sector listing, Zcut the radius and the image
// format, and for a jpg or png the image's stretch, limits and inversion.
func (m *Model) shownRows() int {
	switch m.fields[rowService].Value() {
	case TESScut:
		return rowRadius + 1
	case Zcut:
		if m.fields[rowFormat].Value() == cutsvc.FormatFITS {
			return rowFormat + 1
		}
		return rowCount
	}
	return rowSize + 1
}

// syncRows shows the rows the service takes (the focus stays on its row) and gives the
// list what room is left.
func (m *Model) syncRows() {
	if n := m.shownRows(); n != m.form.Len() {
		m.form.SetFields(m.fields[:n]...)
		m.SetSize(m.width, m.height)
	}
}

// Pane is the part with the keys: "form", "list" or "details" (tests, hints).
func (m *Model) Pane() string {
	switch m.pane {
	case paneList:
		return "list"
	case paneDetails:
		return "details"
	}
	return "form"
}

// Target is the target field as typed (tests).
func (m *Model) Target() string { return m.form.Field(rowTarget).Value() }
