// Package keymap defines every key binding of the TUI once, with its help text. The
// status-bar hints and the `?` overlay are generated from these bindings. A KeyMap is
// per session (bindings are enabled and disabled as focus moves), never shared.
package keymap

import "github.com/charmbracelet/bubbles/key"

// KeyMap groups the bindings by the view they belong to.
type KeyMap struct {
	Global     Global
	Form       Form
	Results    Results
	Details    Details
	Chooser    Chooser
	Products   Products
	Filters    Filters
	TextInput  TextInput
	Queue      Queue
	Missions   Missions
	Catalogs   Catalogs
	Cutouts    Cutouts
	Duplicates Duplicates
	Login      Login
	Export     Export
	Sky        Sky
	Palette    Palette
}

// Default returns a fresh KeyMap with the default bindings.
func Default() *KeyMap {
	return &KeyMap{
		Global: DefaultGlobal(), Form: DefaultForm(), Results: DefaultResults(),
		Details: DefaultDetails(), Chooser: DefaultChooser(),
		Products: DefaultProducts(), Filters: DefaultFilters(), TextInput: DefaultTextInput(),
		Queue: DefaultQueue(), Missions: DefaultMissions(), Catalogs: DefaultCatalogs(),
		Cutouts: DefaultCutouts(), Login: DefaultLogin(), Duplicates: DefaultDuplicates(), Export: DefaultExport(), Sky: DefaultSky(), Palette: DefaultPalette(),
	}
}

// Section is one titled group of bindings, as the help overlay lists them.
type Section struct {
	Title    string
	Bindings []key.Binding
}

// Flatten turns a help.KeyMap's FullHelp columns into one list.
func Flatten(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// Enabled keeps the enabled bindings that have help text.
func Enabled(bs []key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b.Enabled() && b.Help().Key != "" {
			out = append(out, b)
		}
	}
	return out
}

// Relabel is b with another description (same keys, as the user bound them), for a hint
// that says what the key does in one place: esc "clear the find" rather than "cancel".
func Relabel(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}
