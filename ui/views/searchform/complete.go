package searchform

import (
	"strings"

	"mastui/ui/common"
)

// maxCandidates bounds the completion list (↑/↓ pick among at most this many).
const maxCandidates = 50

// completion is a completion made on one field: the candidates are frozen while ↑/↓
// pick among them (on the add row); tab moves on, any other key ends it.
type completion struct {
	active bool
	field  int
	base   string // the text before the completed item ("HST," or "!" kept)
	cands  []string
	sel    int
}

// candidate is one completion with a note (label and unit, or a count).
type candidate struct {
	value string
	note  string
}

// completing splits the focused text into what stays and the item being typed: the
// whole text on the add row, else the last comma-separated member without its "!".
func completing(f *field) (base, item string) {
	v := f.input.Value()
	if f.kind == kindAdd {
		return "", strings.TrimSpace(v)
	}
	i := strings.LastIndexByte(v, ',') + 1
	base, item = v[:i], v[i:]
	trimmed := strings.TrimLeft(item, " ")
	base += item[:len(item)-len(trimmed)]
	if strings.HasPrefix(trimmed, "!") {
		base, trimmed = base+"!", trimmed[1:]
	}
	return base, trimmed
}

// candidates lists the completions of item in field f: column names on the add row
// (the fields the form already has are left out), known values for a facet column.
// Prefix matches come first, then substring matches.
func (m *Model) candidates(f *field, item string) []candidate {
	var pool []candidate
	switch {
	case f.kind == kindAdd:
		have := map[string]bool{}
		for _, g := range m.fields {
			if g.col != "" {
				have[strings.ToLower(g.col)] = true
			}
		}
		for _, name := range m.metaCols {
			if have[strings.ToLower(name)] {
				continue
			}
			pool = append(pool, candidate{value: name, note: m.columnNote(name)})
		}
	case f.col != "":
		for _, v := range m.facets[strings.ToLower(f.col)] {
			pool = append(pool, candidate{value: v.Key, note: common.Commas(v.Count)})
		}
	}
	needle := strings.ToLower(item)
	var prefix, inside []candidate
	for _, c := range pool {
		low := strings.ToLower(c.value)
		switch {
		case strings.HasPrefix(low, needle):
			prefix = append(prefix, c)
		case strings.Contains(low, needle) || f.kind == kindAdd && needle != "" && strings.Contains(strings.ToLower(c.note), needle):
			inside = append(inside, c)
		}
	}
	out := append(prefix, inside...)
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
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
	f := m.fields[m.focus]
	if f.kind != kindText && f.kind != kindAdd {
		return false
	}
	if m.comp.active && m.comp.field == m.focus {
		m.comp = completion{}
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
	if item == "" {
		return false
	}
	cs := m.candidates(f, item)
	if len(cs) == 0 {
		return false
	}
	for _, c := range cs {
		if strings.EqualFold(c.value, item) {
			return false // complete already
		}
	}
	m.comp = completion{active: true, field: m.focus, base: base}
	for _, c := range cs {
		m.comp.cands = append(m.comp.cands, c.value)
	}
	return true
}

// putCompletion writes the selected candidate into f.
func (m *Model) putCompletion(f *field) {
	f.input.SetValue(m.comp.base + m.comp.cands[m.comp.sel])
	f.input.CursorEnd()
}

// pickSuggestion moves the add row's suggestion cursor by dir (↓ 1, ↑ -1) and puts the
// suggestion in; false when the row lists no suggestions (the key then moves focus).
func (m *Model) pickSuggestion(dir int) bool {
	f := m.fields[m.focus]
	if f.kind != kindAdd {
		return false
	}
	if !m.comp.active || m.comp.field != m.focus {
		if !m.startCompletion(f) {
			return false
		}
	}
	n := len(m.comp.cands)
	m.comp.sel = (m.comp.sel + dir + n) % n
	m.putCompletion(f)
	return true
}
