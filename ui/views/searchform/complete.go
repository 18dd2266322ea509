package searchform

import (
	"strings"

	"mastui/ui/common"
)

// maxCandidates bounds the completion list (tab cycles through at most this many).
const maxCandidates = 50

// completion is tab completion in progress on one field: the candidates are frozen
// while tab cycles through them; any other key ends it.
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

// complete handles tab on the focused field: the first tab completes the item being
// typed to the best candidate, further tabs cycle through the others. It returns false
// when there is nothing to complete (tab then moves on).
func (m *Model) complete() bool {
	f := m.fields[m.focus]
	if f.kind != kindText && f.kind != kindAdd {
		return false
	}
	if !m.comp.active || m.comp.field != m.focus {
		base, item := completing(f)
		if item == "" {
			return false
		}
		cs := m.candidates(f, item)
		if len(cs) == 0 || len(cs) == 1 && cs[0].value == item {
			return false
		}
		m.comp = completion{active: true, field: m.focus, base: base}
		for _, c := range cs {
			m.comp.cands = append(m.comp.cands, c.value)
		}
		if cs[0].value == item && len(cs) > 1 {
			m.comp.sel = 1
		}
	} else {
		if len(m.comp.cands) == 1 { // completed already: tab moves on
			m.comp = completion{}
			return false
		}
		m.comp.sel = (m.comp.sel + 1) % len(m.comp.cands)
	}
	f.input.SetValue(m.comp.base + m.comp.cands[m.comp.sel])
	f.input.CursorEnd()
	return true
}
