package searchform

import (
	"strings"

	"mastui/ui/common"
	"mastui/ui/components/form"
)

// maxCandidates bounds the completion list (↑/↓ pick among at most this many).
const maxCandidates = 50

// completing splits the focused text into what stays and the item being typed: the
// whole text on the add row, else the last comma-separated member without its "!".
func completing(f *field) (base, item string) {
	return form.SplitItem(f.Input.Value(), f.kind == kindAdd || f.spec == fixedSpecs()[FieldTarget])
}

// candidates lists the completions of item in field f: column names on the add row
// (the fields the form already has are left out, a column's label and unit match too),
// known values for a facet column. Prefix matches come first, then substring matches.
func (m *Model) candidates(f *field, item string) []form.Candidate {
	return form.Match(m.completer(f).Candidates(item), item, f.kind == kindAdd, maxCandidates)
}

// completer is what field f completes from: column names on the add row, the facet's
// values on a facet column, nothing elsewhere.
func (m *Model) completer(f *field) form.Completer {
	return form.CompleterFunc(func(string) []form.Candidate {
		var pool []form.Candidate
		switch {
		case f.kind == kindAdd:
			have := map[string]bool{}
			for _, g := range m.fields {
				if g.col != "" {
					have[strings.ToLower(g.col)] = true
				}
			}
			for _, name := range m.metaCols {
				if !have[strings.ToLower(name)] {
					pool = append(pool, form.Candidate{Value: name, Note: m.columnNote(name)})
				}
			}
		case f.spec == fixedSpecs()[FieldTarget]:
			for _, t := range m.recentTargets() {
				pool = append(pool, form.Candidate{Value: t, Note: "recent"})
			}
		case f.col != "":
			pool = m.valueCandidates(strings.ToLower(f.col))
		}
		return pool
	})
}

// valueCandidates are a facet column's values: with the counts of the form's search
// when known (its values first, then the archive's others, "none here"), else with the
// archive's counts.
func (m *Model) valueCandidates(col string) []form.Candidate {
	var pool []form.Candidate
	here, counted := m.here[col]
	if !counted || !m.hereFresh {
		for _, v := range m.facets[col] {
			pool = append(pool, form.Candidate{Value: v.Key, Note: common.Commas(v.Count) + " in the archive"})
		}
		return pool
	}
	has := map[string]bool{}
	for _, v := range here {
		pool = append(pool, form.Candidate{Value: v.Key, Note: common.Commas(v.Count) + " here"})
		has[strings.ToLower(v.Key)] = true
	}
	for _, v := range m.facets[col] {
		if !has[strings.ToLower(v.Key)] {
			pool = append(pool, form.Candidate{Value: v.Key, Note: "none here"})
		}
	}
	return pool
}

// columnNote is "Label · unit" of a column from the metadata.
func (m *Model) columnNote(name string) string {
	fm, ok := m.meta[strings.ToLower(name)]
	if !ok {
		return ""
	}
	note := fm.Label
	if fm.Unit != "" {
		note += " · " + fm.Unit
	}
	return note
}

// complete handles tab on the focused field: it completes the item being typed to the
// best candidate and returns true. It returns false, and tab moves on, when there is
// nothing to complete: no candidate, an item that already is one, or an item the
// previous tab (or ↑/↓ in the add row's list) completed.
func (m *Model) complete() bool {
	f := m.fields[m.form.Focused()]
	if f.kind != kindText && f.kind != kindAdd {
		return false
	}
	if m.comp.On(m.form.Focused()) {
		m.comp.Stop()
		return false
	}
	if !m.startCompletion(f) {
		return false
	}
	m.putCompletion(f)
	return true
}

// startCompletion freezes the candidates of the item being typed in f; false when there
// is nothing to complete.
func (m *Model) startCompletion(f *field) bool {
	base, item := completing(f)
	return m.comp.Start(m.form.Focused(), base, item, m.candidates(f, item))
}

// putCompletion writes the selected candidate into f.
func (m *Model) putCompletion(f *field) {
	f.Input.SetValue(m.comp.Text())
	f.Input.CursorEnd()
}

// pickSuggestion moves the add row's suggestion cursor by dir (↓ 1, ↑ -1) and puts the
// suggestion in; false when the row lists no suggestions (the key then moves focus).
func (m *Model) pickSuggestion(dir int) bool {
	f := m.fields[m.form.Focused()]
	if f.kind != kindAdd {
		return false
	}
	if !m.comp.On(m.form.Focused()) && !m.startCompletion(f) {
		return false
	}
	m.comp.Step(dir)
	m.putCompletion(f)
	return true
}
