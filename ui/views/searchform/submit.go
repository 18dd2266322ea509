package searchform

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
)

// value is a field's text as it is sent: sanitised and trimmed.
func (f *field) value() string {
	return strings.TrimSpace(common.Sanitize(f.Input.Value()))
}

// criteria lists the non-empty criteria in field order, with the field each came from.
func (m *Model) criteria() ([]mast.Criterion, []int) {
	var crits []mast.Criterion
	var from []int
	for i, f := range m.fields {
		var v string
		switch {
		case f.col == "":
			continue
		case f.kind == kindCollection:
			v = strings.Join(m.coll.Selected(), ",")
		default:
			v = f.value()
		}
		if v != "" {
			crits = append(crits, mast.Criterion{Name: f.col, Value: v})
			from = append(from, i)
		}
	}
	return crits, from
}

// place reads the target and radius into q, with the reason each is bad ("" when fine).
// An empty target leaves q without a position; the radius then does not matter.
func (m *Model) place() (q mast.Query, target, radius, targetErr, radiusErr string) {
	target = m.fields[FieldTarget].value()
	radius = strings.TrimSpace(m.fields[FieldRadius].Input.Value())
	q.Resolver = m.Resolver()
	if target == "" {
		return q, target, "", "", ""
	}
	if LooksLikeCoordinates(target) {
		pos, err := m.parsers.Coordinates(target)
		if err != nil {
			targetErr = err.Error()
		} else {
			q.Position = &pos
		}
	} else {
		q.Object = target
	}
	if radius == "" {
		q.RadiusDeg, radius = mast.DefaultRadiusDeg, defaultRadius
	} else if deg, err := m.parsers.Radius(radius); err != nil {
		radiusErr = err.Error()
	} else {
		q.RadiusDeg = deg
	}
	return q, target, radius, targetErr, radiusErr
}

// Query is the search the form describes now, and whether it is complete and free of
// the errors the form can see itself (the archive's verdict on criteria aside).
func (m *Model) Query() (mast.Query, bool) {
	q, target, _, te, re := m.place()
	q.Criteria, _ = m.criteria()
	return q, te == "" && re == "" && (target != "" || len(q.Criteria) > 0)
}

// countQuery is the query to count: complete, with a good target (a name known to
// have no position is not).
func (m *Model) countQuery() (mast.Query, bool) {
	q, ok := m.Query()
	return q, ok && m.fields[FieldTarget].ErrFrom(form.Unresolved) == ""
}

// checkLocal marks what the form can tell is wrong by itself and focuses the first bad
// field; it returns the search when nothing is.
func (m *Model) checkLocal() (common.Search, bool) {
	q, target, radius, te, re := m.place()
	q.Criteria, _ = m.criteria()
	m.fields[FieldTarget].SetErr(te)
	m.fields[FieldRadius].SetErr(re)
	if target == "" && len(q.Criteria) == 0 {
		m.fields[FieldTarget].SetErr("target is empty: type a name or coordinates, or fill in a criterion")
	}
	m.relayout()
	for i, f := range m.fields {
		if f.ErrFrom(form.Local) != "" && f.kind != kindAdd {
			m.setFocus(i)
			return common.Search{}, false
		}
	}
	return common.Search{Query: q, Target: target, Radius: radius}, true
}

// onEnter adds the typed column on the "+ add criterion" row, else searches: when the
// form is fine, the target name resolves and the archive has accepted the current
// criteria the search is sent at once; what is not checked yet is checked first.
func (m *Model) onEnter() tea.Cmd {
	if f := m.fields[m.form.Focused()]; f.kind == kindAdd && f.value() != "" {
		m.addCriterion(f.value())
		return nil
	}
	if _, ok := m.checkLocal(); !ok {
		return nil
	}
	switch {
	case m.fields[FieldTarget].ErrFrom(form.Unresolved) != "":
		m.setFocus(FieldTarget)
		return nil
	case m.archive != nil && m.objectName() != "" && !m.resolvedKnown():
		return m.resolveTarget(true) // the answer carries on (afterTarget)
	}
	return m.afterTarget()
}

// afterTarget is enter once the target is known to be fine: a bad criterion keeps the
// focus, unchecked criteria are checked first, else the search is sent.
func (m *Model) afterTarget() tea.Cmd {
	for i, f := range m.fields {
		if f.ErrFrom(form.Remote) != "" {
			m.setFocus(i)
			return nil
		}
	}
	if crits, _ := m.criteria(); len(crits) == 0 || m.validated {
		return m.submit()
	}
	return m.validate(true)
}

// submit emits SubmitMsg for the form as it is (checked by the caller).
func (m *Model) submit() tea.Cmd {
	s, ok := m.checkLocal()
	if !ok {
		return nil
	}
	return func() tea.Msg { return SubmitMsg{Search: s} }
}
