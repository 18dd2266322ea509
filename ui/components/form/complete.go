package form

import "strings"

// Candidate is one completion of a field's text, with a note (a column's label and
// unit, a value's count).
type Candidate struct {
	Value string
	Note  string
}

// Completer lists the completions a field offers for the item being typed (column
// names, facet values): the owner knows them, the form does the rest.
type Completer interface {
	Candidates(item string) []Candidate
}

// CompleterFunc adapts a function to Completer.
type CompleterFunc func(item string) []Candidate

// Candidates implements Completer.
func (f CompleterFunc) Candidates(item string) []Candidate { return f(item) }

// Match keeps the candidates of pool that match item, case-blind: prefixes first, then
// those containing it (or, with notes, whose note contains it), at most limit.
func Match(pool []Candidate, item string, notes bool, limit int) []Candidate {
	needle := strings.ToLower(item)
	var prefix, inside []Candidate
	for _, c := range pool {
		low := strings.ToLower(c.Value)
		switch {
		case strings.HasPrefix(low, needle):
			prefix = append(prefix, c)
		case strings.Contains(low, needle) || notes && needle != "" && strings.Contains(strings.ToLower(c.Note), needle):
			inside = append(inside, c)
		}
	}
	out := append(prefix, inside...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// SplitItem splits a field's text into what stays and the item being typed: the whole
// text (trimmed) for a field holding one name, else the last comma-separated member
// without its leading spaces and "!" (which stay).
func SplitItem(v string, whole bool) (base, item string) {
	if whole {
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

// Completion is a completion made on one field: its candidates are frozen while ↑/↓
// pick among them; the owner ends it (Stop) on any other key.
type Completion struct {
	Active bool
	Field  int    // the field completed
	Base   string // the text before the completed item ("HST," or "!" kept)
	Cands  []string
	Sel    int
}

// Start freezes cands as the completions of item in field, base staying before it. It
// reports false (and starts nothing) when there is nothing to complete: no item, no
// candidate, or an item that already is one.
func (c *Completion) Start(field int, base, item string, cands []Candidate) bool {
	if item == "" || len(cands) == 0 {
		return false
	}
	for _, k := range cands {
		if strings.EqualFold(k.Value, item) {
			return false // complete already
		}
	}
	*c = Completion{Active: true, Field: field, Base: base}
	for _, k := range cands {
		c.Cands = append(c.Cands, k.Value)
	}
	return true
}

// On reports whether a completion is active on field.
func (c *Completion) On(field int) bool { return c.Active && c.Field == field }

// Stop ends the completion.
func (c *Completion) Stop() { *c = Completion{} }

// Step moves the selection by dir (↓ 1, ↑ -1), wrapping.
func (c *Completion) Step(dir int) {
	if n := len(c.Cands); n > 0 {
		c.Sel = ((c.Sel+dir)%n + n) % n
	}
}

// Text is the field's text with the selected candidate in.
func (c *Completion) Text() string { return c.Base + c.Cands[c.Sel] }
