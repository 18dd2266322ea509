package searchform

import (
	"github.com/charmbracelet/bubbles/spinner"

	"mastui/services/mast"
	"mastui/ui/common"
)

// SubmitMsg is the form's intent: run this search. The Observations tab applies it.
type SubmitMsg struct{ Search common.Search }

// MetadataMsg carries the observation columns' metadata.
type MetadataMsg struct {
	Fields []mast.FieldMeta
	Err    error
}

// FacetsMsg carries the values (with counts) of the discrete columns, and the binned
// distributions of the numeric ones when the archive has them.
type FacetsMsg struct {
	Facets  map[string][]mast.FacetValue
	Err     error
	Hists   map[string]mast.Histogram
	HistErr error
}

// ValidatedMsg is the answer of one validation request; an answer for anything but the
// newest request of the live task (see Requests) is dropped, and every edit starts one.
type ValidatedMsg struct {
	Fields []int          // the field each criterion came from
	Bad    []BadCriterion // criteria the archive rejected
	Err    error          // validation itself failed (not a bad criterion)
	Submit bool           // enter was pressed: search when all is well
}

// BadCriterion is one rejected criterion: its index in the list sent and why.
type BadCriterion struct {
	Index   int
	Message string
}

// spinMsg is a frame of the form's own spinner (wrapped so the root's spinner does not
// take it).
type spinMsg struct{ tick spinner.TickMsg }
