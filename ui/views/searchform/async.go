package searchform

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
)

// Init fetches the column metadata and the facets, once.
func (m *Model) Init() tea.Cmd {
	if m.archive == nil {
		return nil
	}
	ctx, a := m.c.Ctx, m.archive
	return tea.Batch(
		func() tea.Msg {
			f, err := a.Metadata(ctx, "observations")
			return MetadataMsg{Fields: f, Err: err}
		},
		func() tea.Msg {
			f, err := a.Facets(ctx)
			msg := FacetsMsg{Facets: f, Err: err}
			// The same Mast.Caom.All answer (cached by the client): one message, so the
			// form never shows the facets without the histograms.
			if h, ok := a.(common.Histogrammer); ok && err == nil {
				msg.Hists, msg.HistErr = h.Histograms(ctx)
			}
			return msg
		},
	)
}

func (m *Model) onMetadata(msg MetadataMsg) tea.Cmd {
	if msg.Err != nil {
		m.metaErr = shortErr(msg.Err)
		return note("Column descriptions unavailable", msg.Err)
	}
	m.meta = make(map[string]mast.FieldMeta, len(msg.Fields))
	m.metaCols = m.metaCols[:0]
	for _, f := range msg.Fields {
		f.Name = common.Sanitize(f.Name)
		f.Label, f.Unit = common.Sanitize(f.Label), common.Sanitize(f.Unit)
		f.Description, f.Examples = common.Sanitize(f.Description), common.Sanitize(f.Examples)
		if f.Name == "" {
			continue
		}
		m.meta[strings.ToLower(f.Name)] = f
		m.metaCols = append(m.metaCols, f.Name)
	}
	m.metaErr = ""
	m.relayout() // units next to the fields
	return nil
}

func (m *Model) onFacets(msg FacetsMsg) tea.Cmd {
	if msg.Err != nil {
		m.facetErr = shortErr(msg.Err)
		return note("Collections unavailable", msg.Err)
	}
	// Without the histograms the time and exposure fields are just fields: logged, as
	// decoration they are not worth a toast.
	if msg.HistErr != nil {
		m.c.Logger.Warn("histograms unavailable", "err", msg.HistErr)
	}
	m.hists = msg.Hists
	m.facets = make(map[string][]mast.FacetValue, len(msg.Facets))
	for col, vals := range msg.Facets {
		clean := make([]mast.FacetValue, 0, len(vals))
		for _, v := range vals {
			if k := common.Sanitize(v.Key); k != "" {
				clean = append(clean, mast.FacetValue{Key: k, Count: v.Count})
			}
		}
		m.facets[strings.ToLower(col)] = clean
	}
	m.setCollectionOptions()
	m.facetErr = ""
	m.relayout()
	return nil
}

// note records a failure in full in the session's message log (the form shows it cut
// short); a cancelled request is no failure.
func note(what string, err error) tea.Cmd {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return common.Note(common.LevelWarn, what+": "+err.Error())
}

// shortErr is the first line of an error, without the context-cancelled noise.
func shortErr(err error) string {
	if errors.Is(err, context.Canceled) {
		return "cancelled"
	}
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return common.Sanitize(s)
}
