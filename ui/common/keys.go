package common

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// KeyMsgOf is the key press a binding's key string names ("w", "ctrl+n", "shift+tab",
// "alt+x", "space"), so an action chosen in the palette runs exactly as its key would.
// ok is false for a string that names no key.
func KeyMsgOf(s string) (msg tea.KeyMsg, ok bool) {
	if s == "space" || s == " " {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}, true
	}
	alt := false
	if rest, found := strings.CutPrefix(s, "alt+"); found && rest != "" {
		alt, s = true, rest
	}
	for t := tea.KeyType(-128); t < 128; t++ { // the named keys (enter, ctrl+n, pgdown …)
		if t != tea.KeyRunes && t != tea.KeySpace && t.String() == s {
			return tea.KeyMsg{Type: t, Alt: alt}, true
		}
	}
	if r := []rune(s); len(r) == 1 {
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: r, Alt: alt}, true
	}
	return tea.KeyMsg{}, false
}
