package searchform

import (
	"context"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/multiselect"
)

// facetTask is the Requests task of the facets counted for the form's search.
const facetTask = "facets"

// FacetCounter counts the categorical values among one search's observations (the
// MAST client's QueryFacets). An archive without it keeps the archive-wide counts.
type FacetCounter interface {
	QueryFacets(ctx context.Context, q mast.Query, columns []string) (*mast.QueryFacets, error)
}

// HereFacetsMsg carries the facets of the search the form held when they were asked
// (only the newest request's answer is taken).
type HereFacetsMsg struct {
	Values  map[string][]mast.FacetValue // by lower-case column
	Partial bool                         // too many observations: nothing counted
	Err     error
}

// startHereFacets asks for the facets of the form's search once its count is known:
// after the pause in typing, so a burst of edits asks once, and each edit cancels the
// request in flight (edited).
func (m *Model) startHereFacets() tea.Cmd {
	fc, ok := m.archive.(FacetCounter)
	q, complete := m.countQuery()
	if !ok || !complete || len(m.facets) == 0 {
		return nil
	}
	var cols []string
	for col := range m.facets {
		if _, known := m.meta[col]; known || m.meta == nil {
			cols = append(cols, col)
		}
	}
	sort.Strings(cols)
	return m.req.Run(facetTask, "", func(ctx context.Context) tea.Msg {
		got, err := fc.QueryFacets(ctx, q, cols)
		if err != nil {
			return HereFacetsMsg{Err: err}
		}
		msg := HereFacetsMsg{Values: lowerKeys(got.Values), Partial: got.Partial}
		// The collections are counted without the collection criterion, so the grid
		// says what each collection would add, not 0 for all but the chosen ones.
		if without, ok := dropCriterion(q, "obs_collection"); ok && !got.Partial {
			coll, err := fc.QueryFacets(ctx, without, []string{"obs_collection"})
			if err != nil {
				return HereFacetsMsg{Err: err}
			}
			if coll.Partial {
				delete(msg.Values, "obs_collection")
			} else {
				msg.Values["obs_collection"] = coll.Values["obs_collection"]
			}
		}
		return msg
	})
}

func lowerKeys(in map[string][]mast.FacetValue) map[string][]mast.FacetValue {
	out := make(map[string][]mast.FacetValue, len(in))
	for k, v := range in {
		out[strings.ToLower(k)] = v
	}
	return out
}

// dropCriterion is q without the criterion on col; false when it has none.
func dropCriterion(q mast.Query, col string) (mast.Query, bool) {
	var keep []mast.Criterion
	for _, c := range q.Criteria {
		if !strings.EqualFold(c.Name, col) {
			keep = append(keep, c)
		}
	}
	if len(keep) == len(q.Criteria) {
		return q, false
	}
	q.Criteria = keep
	if len(keep) == 0 && q.Position == nil && q.Object == "" {
		return q, false // the whole archive: Mast.Caom.All has it
	}
	return q, true
}

// onHereFacets takes the facets of the search as it is: completions and the
// collection grid count them from now on. A search matching too many observations, or
// a failure, keeps the archive-wide counts (a failure is noted in the log).
func (m *Model) onHereFacets(msg HereFacetsMsg) tea.Cmd {
	if msg.Err != nil {
		m.clearHere()
		return note("Facets of this search unavailable", msg.Err)
	}
	if msg.Partial {
		m.clearHere()
		return nil
	}
	m.here = make(map[string][]mast.FacetValue, len(msg.Values))
	for col, vals := range msg.Values {
		clean := make([]mast.FacetValue, 0, len(vals))
		for _, v := range vals {
			if k := common.Sanitize(v.Key); k != "" {
				clean = append(clean, mast.FacetValue{Key: k, Count: v.Count})
			}
		}
		m.here[col] = clean
	}
	m.hereFresh = true
	m.setCollectionOptions()
	return nil
}

// clearHere goes back to the archive-wide counts.
func (m *Model) clearHere() {
	m.hereFresh = false
	if m.here != nil {
		m.here = nil
		m.setCollectionOptions()
	}
}

// setCollectionOptions lists the collections with the counts of the search when known
// (those it has first, biggest first, then the others without a number), else the
// archive's.
func (m *Model) setCollectionOptions() {
	var opts []multiselect.Option
	byCount := func(opts []multiselect.Option) {
		sort.SliceStable(opts, func(i, j int) bool { // biggest first, as the Portal lists them
			if opts[i].Count != opts[j].Count {
				return opts[i].Count > opts[j].Count
			}
			return opts[i].Key < opts[j].Key
		})
	}
	here, counted := m.here["obs_collection"]
	if counted {
		has := map[string]bool{}
		for _, v := range here {
			opts = append(opts, multiselect.Option{Key: v.Key, Count: v.Count})
			has[strings.ToLower(v.Key)] = true
		}
		byCount(opts)
		var rest []multiselect.Option
		for _, v := range m.facets["obs_collection"] {
			if !has[strings.ToLower(v.Key)] {
				rest = append(rest, multiselect.Option{Key: v.Key})
			}
		}
		sort.SliceStable(rest, func(i, j int) bool { return rest[i].Key < rest[j].Key })
		opts = append(opts, rest...)
	} else {
		for _, v := range m.facets["obs_collection"] {
			opts = append(opts, multiselect.Option{Key: v.Key, Count: v.Count})
		}
		byCount(opts)
	}
	m.coll.SetOptions(opts)
	m.relayout()
}
