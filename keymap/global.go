package keymap

import "github.com/charmbracelet/bubbles/key"

// Global bindings work in every view (Quit and Queue are disabled while a text field has
// focus).
type Global struct {
	Help       key.Binding
	Queue      key.Binding // opens or closes the download queue panel
	Missions   key.Binding // the Missions tab (outside text fields)
	Catalogs   key.Binding // the Catalogs tab (outside text fields)
	Cutouts    key.Binding // the Cutouts tab (outside text fields)
	Duplicates key.Binding // the Duplicates tab: the JWST duplication check (outside text fields)
	NextTab    key.Binding // the next tab, from anywhere (text fields included)
	Messages   key.Binding // the errors and warnings of the session in full, and the log file (anywhere)
	Login      key.Binding // the login dialog (anywhere, text fields included)
	Quit       key.Binding // asks first while downloads are active or waiting
	ForceQuit  key.Binding
}

// DefaultGlobal returns the default global bindings.
func DefaultGlobal() Global {
	return Global{
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Queue:      key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "downloads queue")),
		Missions:   key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "Missions tab")),
		Catalogs:   key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "Catalogs tab")),
		Cutouts:    key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "Cutouts tab")),
		Duplicates: key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "Duplicates tab (JWST duplication check)")),
		NextTab:    key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "next tab (works in text fields)")),
		Messages:   key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "messages: errors in full, the log file")),
		Login:      key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "MAST login: token, who you are, logout (works in text fields)")),
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Global) ShortHelp() []key.Binding {
	if k.Quit.Enabled() {
		return []key.Binding{k.Help, k.Quit}
	}
	return []key.Binding{k.Help, k.ForceQuit}
}

// FullHelp implements help.KeyMap.
func (k Global) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Help, k.Queue, k.Missions, k.Catalogs, k.Cutouts, k.Duplicates, k.NextTab, k.Messages, k.Login, k.Quit, k.ForceQuit}}
}
