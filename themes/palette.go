// Package themes builds every lipgloss style the TUI uses, once per session, from the
// session's renderer. Views never call NewStyle themselves.
package themes

import "github.com/charmbracelet/lipgloss"

// Palette is the set of colour tokens a theme is made of. Colours are 256-colour codes
// or hex strings; lipgloss degrades them to 16 colours, and a renderer with the Ascii
// profile (NO_COLOR, or a dumb terminal) drops them entirely.
type Palette struct {
	Name      string
	Fg        lipgloss.Color // ordinary text
	Dim       lipgloss.Color // secondary text, inactive tabs, hints
	Accent    lipgloss.Color // brand, active tab, focused field label
	Header    lipgloss.Color // table header text
	CursorFg  lipgloss.Color // cursor row text
	CursorBg  lipgloss.Color // cursor row background
	Error     lipgloss.Color
	Warn      lipgloss.Color
	Info      lipgloss.Color
	Success   lipgloss.Color
	Border    lipgloss.Color
	InputText lipgloss.Color
}

// Dark is the default theme.
func Dark() Palette {
	return Palette{
		Name:      "dark",
		Fg:        lipgloss.Color("252"),
		Dim:       lipgloss.Color("243"),
		Accent:    lipgloss.Color("81"),
		Header:    lipgloss.Color("110"),
		CursorFg:  lipgloss.Color("231"),
		CursorBg:  lipgloss.Color("238"),
		Error:     lipgloss.Color("203"),
		Warn:      lipgloss.Color("221"),
		Info:      lipgloss.Color("117"),
		Success:   lipgloss.Color("114"),
		Border:    lipgloss.Color("240"),
		InputText: lipgloss.Color("229"),
	}
}

// Light is a theme for light terminal backgrounds.
func Light() Palette {
	return Palette{
		Name:      "light",
		Fg:        lipgloss.Color("235"),
		Dim:       lipgloss.Color("245"),
		Accent:    lipgloss.Color("25"),
		Header:    lipgloss.Color("24"),
		CursorFg:  lipgloss.Color("16"),
		CursorBg:  lipgloss.Color("153"),
		Error:     lipgloss.Color("160"),
		Warn:      lipgloss.Color("130"),
		Info:      lipgloss.Color("25"),
		Success:   lipgloss.Color("28"),
		Border:    lipgloss.Color("250"),
		InputText: lipgloss.Color("17"),
	}
}

// ByName returns the named palette ("dark" or "light"); unknown names give Dark.
func ByName(name string) Palette {
	if name == "light" {
		return Light()
	}
	return Dark()
}
