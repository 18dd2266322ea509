package keymap

import "github.com/charmbracelet/bubbles/key"

// Login bindings apply while the login dialog is open (Global.Login opens it from
// anywhere, Queue.Login from a login-required download). Its text field has the focus,
// so none is a letter.
type Login struct {
	Submit key.Binding // checks the token with MAST, and stores it when MAST accepts it
	Logout key.Binding // removes the stored token (keyring and file)
	Close  key.Binding
}

// DefaultLogin returns the default login-dialog bindings.
func DefaultLogin() Login {
	return Login{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check the token with MAST and store it")),
		Logout: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "log out: remove the stored token")),
		Close:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Login) ShortHelp() []key.Binding { return []key.Binding{k.Logout, k.Close, k.Submit} } // enter last: kept longest

// FullHelp implements help.KeyMap.
func (k Login) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Submit, k.Logout, k.Close}} }
