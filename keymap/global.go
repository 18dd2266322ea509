package keymap

import "github.com/charmbracelet/bubbles/key"

// Global bindings work in every view. The rule: a text field takes typed letters, so the
// letter keys (q, w, O, M, C, T, V, :) are off while one has the keys; esc leaves the
// field and they work again (a tab opened with its letter opens outside its field); the ctrl chords (ctrl+p, ctrl+t, ctrl+l, ctrl+x, ctrl+c) work
// everywhere, text fields included.
type Global struct {
	Help            key.Binding
	Palette         key.Binding // the command palette (outside text fields)
	PaletteAnywhere key.Binding // the command palette, from anywhere (text fields included)
	Queue           key.Binding // opens or closes the download queue panel
	Missions        key.Binding // the Missions tab (outside text fields)
	Catalogs        key.Binding // the Catalogs tab (outside text fields)
	Cutouts         key.Binding // the Cutouts tab (outside text fields)
	Duplicates      key.Binding // the Duplicates tab: the JWST duplication check (outside text fields)
	NextTab         key.Binding // the next tab, from anywhere (text fields included)
	Messages        key.Binding // the errors and warnings of the session in full, and the log file (anywhere)
	Login           key.Binding // the login dialog (anywhere, text fields included)
	Quit            key.Binding // asks first while downloads are active or waiting
	ForceQuit       key.Binding
}

// DefaultGlobal returns the default global bindings.
func DefaultGlobal() Global {
	return Global{
		Help:            key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Palette:         key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "command palette")),
		PaletteAnywhere: key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "command palette (works in text fields)")),
		Queue:           key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "downloads queue")),
		Missions:        key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "Missions tab")),
		Catalogs:        key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "Catalogs tab")),
		Cutouts:         key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "Cutouts tab")),
		Duplicates:      key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "Duplicates tab (JWST duplication check)")),
		NextTab:         key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "next tab (works in text fields)")),
		Messages:        key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "messages: errors in full, the log file")),
		Login:           key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "MAST login: token, who you are, logout (works in text fields)")),
		Quit:            key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// ShortHelp implements help.KeyMap: help, quit and the palette, in their forms that work
// here (q and : outside text fields, ctrl+c and ctrl+p in them).
func (k Global) ShortHelp() []key.Binding {
	quit, palette := k.ForceQuit, k.PaletteAnywhere
	if k.Quit.Enabled() {
		quit, palette = k.Quit, k.Palette
	}
	hint := key.NewBinding(key.WithKeys(palette.Keys()...), key.WithHelp(palette.Help().Key, "commands"))
	return []key.Binding{hint, k.Help, quit} // quit last: the status line drops hints from the left
}

// FullHelp implements help.KeyMap.
func (k Global) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Help, k.Palette, k.PaletteAnywhere, k.Queue, k.Missions, k.Catalogs, k.Cutouts, k.Duplicates, k.NextTab, k.Messages, k.Login, k.Quit, k.ForceQuit}}
}
