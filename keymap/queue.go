package keymap

import "github.com/charmbracelet/bubbles/key"

// Queue bindings apply while the download queue panel has focus (Global.Queue, `w`,
// opens and closes it from the results and the products).
type Queue struct {
	Up          key.Binding
	Down        key.Binding
	PageUp      key.Binding
	PageDown    key.Binding
	Home        key.Binding
	End         key.Binding
	Pause       key.Binding // pauses or resumes the item under the cursor
	PauseAll    key.Binding // pauses everything, or resumes everything when nothing runs
	Cancel      key.Binding
	Retry       key.Binding
	RetryFailed key.Binding
	Clear       key.Binding
	CopyPath    key.Binding
	OpenFolder  key.Binding // the item's folder: a file manager where a display exists, else its path copied
	Details     key.Binding // the item's URL, path and every attempt with its error
	FailedOnly  key.Binding // lists only the failed downloads, or all again
	Login       key.Binding // the login dialog, on a login-required download
	Back        key.Binding
}

// DefaultQueue returns the default queue-panel bindings.
func DefaultQueue() Queue {
	return Queue{
		Up:          key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "ctrl+b", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Home:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first download")),
		End:         key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last download")),
		Pause:       key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pause / resume")),
		PauseAll:    key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "pause / resume all")),
		Cancel:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "cancel")),
		Retry:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry now")),
		RetryFailed: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "retry all failed")),
		Clear:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clear done/failed")),
		CopyPath:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "copy local path")),
		OpenFolder:  key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "open the folder (copies its path over SSH)")),
		Details:     key.NewBinding(key.WithKeys("enter", "d"), key.WithHelp("enter/d", "details: URL, path, attempts")),
		FailedOnly:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "failed only / all")),
		Login:       key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "log in (a login-required download)")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Queue) ShortHelp() []key.Binding {
	return []key.Binding{k.Details, k.Pause, k.Cancel, k.Retry, k.FailedOnly, k.CopyPath, k.Back}
}

// FullHelp implements help.KeyMap.
func (k Queue) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Pause, k.PauseAll, k.Cancel, k.Retry, k.RetryFailed, k.Clear, k.CopyPath, k.OpenFolder, k.Login, k.Back},
		{k.Details, k.FailedOnly},
	}
}
