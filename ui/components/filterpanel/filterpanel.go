// Package filterpanel is the product filter sidebar: groups of toggles built from the
// data (product type, suffix, calibration level, extension), on/off flags (minimum
// recommended products, hide guide stars) and text filters (file name, size), each
// toggle with the number of rows it would keep. It turns its state into model.Filters
// (astroquery's filter_products semantics); it never filters anything itself.
package filterpanel

import (
	"slices"

	"github.com/charmbracelet/bubbles/textinput"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/textfield"
)

// Kind is what an item is.
type Kind int

const (
	Toggle Kind = iota // one value of a filter key; the chosen values of a key are OR'd
	Flag               // a key with one fixed value, on or off
	Text               // a key whose values the user types
)

// Option is one toggle of a group: a value as the filter takes it, a label and the
// number of rows it would keep.
type Option struct {
	Value string
	Label string
	Count int
}

// Item is one line of the panel a cursor can rest on.
type Item struct {
	Group string // the heading it shows under
	Key   string // the filter key ("productType", "mrp_only", "name")
	Kind  Kind
	Value string // Toggle: the value; Flag: the value when on
	Label string
	On    bool
	Count int    // rows kept when on; -1 unknown
	Text  string // Text: what the user typed
	Err   string // Text: why the text is not a filter
}

// TextParser turns what the user typed into filter values (an error explains).
type TextParser func(string) ([]string, error)

// Model is the panel.
type Model struct {
	c       *common.Common
	items   []Item
	parsers map[string]TextParser
	holders map[string]string // text placeholders
	cursor  int
	top     int
	width   int
	height  int
	focused bool
	editing int // index of the text item being edited, -1 when none
	input   textinput.Model
}

// New builds an empty panel.
func New(c *common.Common) *Model {
	return &Model{c: c, editing: -1, parsers: map[string]TextParser{}, holders: map[string]string{},
		input: textfield.New(c.Styles, "", 200)}
}

// SetSize sets the panel's box (borders included).
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clamp()
}

// SetFocused marks whether the panel has keyboard focus.
func (m *Model) SetFocused(f bool) {
	m.focused = f
	if !f {
		m.cancelEdit()
	}
}

// Focused reports whether the panel has focus.
func (m *Model) Focused() bool { return m.focused }

// Editing reports whether a text filter is being typed (every key goes to it).
func (m *Model) Editing() bool { return m.editing >= 0 }

// Items are the panel's items in order (for tests and counts).
func (m *Model) Items() []Item { return slices.Clone(m.items) }

// Home puts the cursor on the first item.
func (m *Model) Home() {
	m.cursor, m.top = 0, 0
	m.clamp()
}

// Cursor is the index of the item under the cursor.
func (m *Model) Cursor() int { return m.cursor }

// SetToggles sets the options of a toggle group, in order. Values already chosen stay
// chosen (and stay listed, with a zero count, if the data no longer has them).
func (m *Model) SetToggles(key, group string, opts []Option) {
	old := map[string]bool{}
	first := -1
	for i, it := range m.items {
		if it.Key == key && it.Kind == Toggle {
			if first < 0 {
				first = i
			}
			if it.On {
				old[it.Value] = true
			}
		}
	}
	fresh := make([]Item, 0, len(opts)+len(old))
	seen := map[string]bool{}
	for _, o := range opts {
		seen[o.Value] = true
		fresh = append(fresh, Item{Group: group, Key: key, Kind: Toggle, Value: o.Value, Label: o.Label, On: old[o.Value], Count: o.Count})
	}
	for _, it := range m.items {
		if it.Key == key && it.Kind == Toggle && it.On && !seen[it.Value] {
			it.Count = 0
			fresh = append(fresh, it)
		}
	}
	m.replace(key, first, fresh)
}

// SetFlag adds (or relabels) an on/off item: when on it filters key=value.
func (m *Model) SetFlag(key, group, label, value string) {
	for i, it := range m.items {
		if it.Key == key {
			m.items[i].Label, m.items[i].Value, m.items[i].Group = label, value, group
			return
		}
	}
	m.items = append(m.items, Item{Group: group, Key: key, Kind: Flag, Value: value, Label: label, Count: -1})
}

// SetText adds a text filter: parse turns the typed text into filter values (nil keeps
// the text as the one value).
func (m *Model) SetText(key, group, label, placeholder string, parse TextParser) {
	m.parsers[key] = parse
	m.holders[key] = placeholder
	for i, it := range m.items {
		if it.Key == key {
			m.items[i].Label, m.items[i].Group = label, group
			return
		}
	}
	m.items = append(m.items, Item{Group: group, Key: key, Kind: Text, Label: label, Count: -1})
}

// SetCount sets how many rows the toggle key=value (or the flag key, value "") would keep.
func (m *Model) SetCount(key, value string, n int) {
	for i, it := range m.items {
		if it.Key == key && (it.Kind == Flag || it.Value == value) {
			m.items[i].Count = n
		}
	}
}

// replace swaps the items of key (starting at first, or appended) for fresh.
func (m *Model) replace(key string, first int, fresh []Item) {
	cur := m.curItem()
	rest := make([]Item, 0, len(m.items)+len(fresh))
	for _, it := range m.items {
		if it.Key != key {
			rest = append(rest, it)
		}
	}
	if first < 0 || first > len(rest) {
		first = len(rest) // a new toggle group goes after the others, before flags and texts
		for i, it := range rest {
			if it.Kind != Toggle {
				first = i
				break
			}
		}
	}
	m.items = slices.Concat(rest[:first], fresh, rest[first:])
	m.restoreCursor(cur)
}

func (m *Model) curItem() *Item {
	if m.cursor < len(m.items) {
		it := m.items[m.cursor]
		return &it
	}
	return nil
}

// restoreCursor puts the cursor back on the same item after the list changed.
func (m *Model) restoreCursor(it *Item) {
	if it != nil {
		for i, x := range m.items {
			if x.Key == it.Key && x.Value == it.Value && x.Kind == it.Kind {
				m.cursor = i
				break
			}
		}
	}
	m.clamp()
}

// Filters are the panel's choices as filters: the chosen toggles of a key OR'd in one
// filter, each flag that is on, each text that parses. Keys are AND'd by the engine.
func (m *Model) Filters() model.Filters {
	var fs model.Filters
	idx := map[string]int{}
	for _, it := range m.items {
		switch {
		case it.Kind == Toggle && it.On:
			if i, ok := idx[it.Key]; ok {
				fs[i].Values = append(fs[i].Values, it.Value)
				continue
			}
			idx[it.Key] = len(fs)
			fs = append(fs, model.Filter{Key: it.Key, Values: []string{it.Value}})
		case it.Kind == Flag && it.On:
			fs = append(fs, model.Filter{Key: it.Key, Values: []string{it.Value}})
		case it.Kind == Text && it.Text != "" && it.Err == "":
			if vs, err := m.parse(it.Key, it.Text); err == nil && len(vs) > 0 {
				fs = append(fs, model.Filter{Key: it.Key, Values: vs})
			}
		}
	}
	return fs
}

// Active is the number of keys filtering.
func (m *Model) Active() int { return len(m.Filters()) }

func (m *Model) parse(key, text string) ([]string, error) {
	if p := m.parsers[key]; p != nil {
		return p(text)
	}
	return []string{text}, nil
}

// ClearAll turns every toggle and flag off and empties every text filter.
func (m *Model) ClearAll() {
	for i := range m.items {
		m.items[i].On, m.items[i].Text, m.items[i].Err = false, "", ""
	}
	m.cancelEdit()
}

// SetOn turns the toggle key=value (or the flag key) on or off; false when absent.
func (m *Model) SetOn(key, value string, on bool) bool {
	for i, it := range m.items {
		if it.Key == key && (it.Kind == Flag || it.Kind == Toggle && it.Value == value) {
			m.items[i].On = on
			return true
		}
	}
	return false
}

// SetTextValue sets a text filter as if typed; the error says why it does not parse.
func (m *Model) SetTextValue(key, text string) error {
	for i, it := range m.items {
		if it.Key == key && it.Kind == Text {
			_, err := m.parse(key, text)
			m.items[i].Text = text
			m.items[i].Err = ""
			if err != nil && text != "" {
				m.items[i].Err = err.Error()
			}
			return err
		}
	}
	return nil
}
