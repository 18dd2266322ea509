package keymap

import "github.com/charmbracelet/bubbles/key"

// Global bindings work in every view (Quit is disabled while a text field has focus).
type Global struct {
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
}

// DefaultGlobal returns the default global bindings.
func DefaultGlobal() Global {
	return Global{
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
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
	return [][]key.Binding{{k.Help, k.Quit, k.ForceQuit}}
}
