package searchform

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/components/multiselect"
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
			return FacetsMsg{Facets: f, Err: err}
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
	var opts []multiselect.Option
	for _, v := range m.facets["obs_collection"] {
		opts = append(opts, multiselect.Option{Key: v.Key, Count: v.Count})
	}
	sort.SliceStable(opts, func(i, j int) bool { // biggest first, as the Portal lists them
		if opts[i].Count != opts[j].Count {
			return opts[i].Count > opts[j].Count
		}
		return opts[i].Key < opts[j].Key
	})
	m.coll.SetOptions(opts)
	m.facetErr = ""
	m.relayout()
	return nil
}

// edited records a change of the query and (re)arms the debounce: at most one timer
// waits at a time, and it re-arms itself until typing has stopped for validateDelay.
func (m *Model) edited() tea.Cmd {
	m.editSeq++
	m.countWaits = false
	m.lastEdit = m.now()
	if m.timerPending {
		return nil
	}
	m.timerPending = true
	return m.c.After(m.delays[0], func(time.Time) tea.Msg { return debounceMsg{} })
}

func (m *Model) onDebounce() tea.Cmd {
	if idle := m.now().Sub(m.lastEdit); idle < m.delays[0] {
		return m.c.After(m.delays[0]-idle, func(time.Time) tea.Msg { return debounceMsg{} })
	}
	m.timerPending = false
	m.checkPlace()
	return tea.Batch(m.validate(false), m.resolveTarget(false))
}

// checkPlace marks bad coordinates and a bad radius as soon as typing stops, as the
// archive's verdict marks bad criteria.
func (m *Model) checkPlace() {
	_, _, _, te, re := m.place()
	if t, r := m.fields[FieldTarget], m.fields[FieldRadius]; t.ErrFrom(form.Local) != te || r.ErrFrom(form.Local) != re {
		t.SetErr(te)
		r.SetErr(re)
		m.relayout()
	}
}

// Tasks of the form's Requests: the newest request of each wins, and a new one cancels
// the one in flight.
const (
	validateTask = "validate"
	countTask    = "count"
	resolveTask  = "resolve"
)

// validate asks the archive to check the current criteria (submit: search if they pass).
func (m *Model) validate(submit bool) tea.Cmd {
	crits, fields := m.criteria()
	msg := ValidatedMsg{Edit: m.editSeq, Fields: fields, Submit: submit}
	a := m.archive
	return m.req.Run(validateTask, "", func(ctx context.Context) tea.Msg {
		if a == nil {
			return msg
		}
		// The archive names the first bad criterion; ask again after it to mark them all.
		for start := 0; start < len(crits); {
			err := a.ValidateCriteria(ctx, crits[start:])
			if err == nil {
				break
			}
			var ce *mast.CriterionError
			if !errors.As(err, &ce) || ce.Index < 0 || start+ce.Index >= len(crits) {
				msg.Err = err
				break
			}
			msg.Bad = append(msg.Bad, BadCriterion{Index: start + ce.Index, Message: criterionMessage(crits[start+ce.Index], ce)})
			start += ce.Index + 1
		}
		return msg
	})
}

// criterionMessage drops the "criterion NAME=VALUE: " prefix: the field says which.
func criterionMessage(c mast.Criterion, err error) string {
	s := err.Error()
	return strings.TrimPrefix(s, "criterion "+c.Name+"="+c.Value+": ")
}

func (m *Model) onValidated(msg ValidatedMsg) tea.Cmd {
	if msg.Edit != m.editSeq {
		return nil // stale: the form changed since
	}
	m.valEdit = msg.Edit
	for _, f := range m.fields {
		f.SetErrFrom(form.Remote, "")
	}
	m.valErr = ""
	var noted tea.Cmd
	if msg.Err != nil {
		m.valErr = shortErr(msg.Err)
		noted = note("Criteria not checked", msg.Err)
	}
	first := -1
	for _, b := range msg.Bad {
		if b.Index < 0 || b.Index >= len(msg.Fields) || msg.Fields[b.Index] >= len(m.fields) {
			continue
		}
		i := msg.Fields[b.Index]
		m.fields[i].SetErrFrom(form.Remote, common.Sanitize(b.Message))
		if first < 0 || i < first {
			first = i
		}
	}
	m.relayout()
	switch {
	case msg.Submit && first >= 0:
		m.setFocus(first)
		return noted
	case msg.Submit:
		return tea.Batch(noted, m.submit())
	case first >= 0:
		m.stopCount()
		return noted
	}
	if idle := m.now().Sub(m.lastEdit); idle < m.delays[1] {
		edit := m.editSeq
		return tea.Batch(noted, m.c.After(m.delays[1]-idle, func(time.Time) tea.Msg { return countTickMsg{Edit: edit} }))
	}
	return tea.Batch(noted, m.startCount())
}

// startCount asks for the number of matches of the current query, cancelling the
// previous request. Nothing is asked while the form is empty or the target is bad.
func (m *Model) startCount() tea.Cmd {
	q, ok := m.countQuery()
	if !ok || m.archive == nil {
		m.stopCount()
		m.hasCount = false
		return nil
	}
	if m.objectName() != "" && !m.resolvedKnown() {
		m.countWaits = true // the name first: the count follows its answer
		return m.resolveTarget(false)
	}
	m.counting = true
	a := m.archive
	return tea.Batch(m.req.Run(countTask, "", func(ctx context.Context) tea.Msg {
		n, err := a.Count(ctx, q)
		return CountMsg{N: n, Err: err}
	}), m.startSpinner())
}

// stopCount cancels the count in flight; its answer will be dropped.
func (m *Model) stopCount() {
	m.req.Cancel(countTask)
	m.counting = false
}

func (m *Model) onCount(msg CountMsg) tea.Cmd {
	m.counting = false
	var nr *mast.NotResolvedError
	if errors.As(msg.Err, &nr) { // the count resolved the name first
		m.markUnresolved(msg.Err)
		return nil
	}
	if msg.Err != nil {
		m.countErr = shortErr(msg.Err)
		m.hasCount = false
		return note("Count unavailable", msg.Err)
	}
	m.count, m.hasCount, m.countErr = msg.N, true, ""
	return nil
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return wrapSpin(m.spin.Tick)
}

func (m *Model) onSpin(msg spinMsg) tea.Cmd {
	if !m.counting {
		m.spinning = false // the frame chain ends while idle
		return nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.c.Spin(m.spin, msg.tick)
	return wrapSpin(cmd)
}

func wrapSpin(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		if t, ok := msg.(spinner.TickMsg); ok {
			return spinMsg{tick: t}
		}
		return msg
	}
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
