package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
)

// Level is the severity of a toast.
type Level int

// Toast levels.
const (
	LevelInfo Level = iota
	LevelWarn
	LevelError
)

// ToastMsg asks the root to show a toast above the status line.
type ToastMsg struct {
	Level Level
	Text  string
}

// Toast returns a Cmd that shows a toast.
func Toast(level Level, text string) tea.Cmd {
	return func() tea.Msg { return ToastMsg{Level: level, Text: text} }
}

// Search is one observation search as the user asked for it.
type Search struct {
	Query  mast.Query
	Target string // the target as typed, for messages ("M101", "210.8 54.35")
	Radius string // the radius as typed ("0.2 deg")
}
