// Package themes builds every lipgloss style the TUI uses, once per session, from the
// session's renderer. Views never call NewStyle themselves.
package themes

import "github.com/charmbracelet/lipgloss"

// Palette is the set of colour tokens a theme is made of. Colours are 256-colour codes
// or hex strings; lipgloss degrades them to 16 colours, and a renderer with the Ascii
// profile (NO_COLOR, or a dumb terminal) drops them entirely.
// A theme file (Load) sets these by their json names.
type Palette struct {
	Name      string         `json:"name"`
	Fg        lipgloss.Color `json:"fg"`         // ordinary text
	Dim       lipgloss.Color `json:"dim"`        // secondary text, inactive tabs, hints
	Accent    lipgloss.Color `json:"accent"`     // brand, active tab, focused field label
	Header    lipgloss.Color `json:"header"`     // table header text
	CursorFg  lipgloss.Color `json:"cursor_fg"`  // cursor row text
	CursorBg  lipgloss.Color `json:"cursor_bg"`  // cursor row background
	Error     lipgloss.Color `json:"error"`      //
	Warn      lipgloss.Color `json:"warn"`       //
	Info      lipgloss.Color `json:"info"`       //
	Success   lipgloss.Color `json:"success"`    //
	Border    lipgloss.Color `json:"border"`     //
	InputText lipgloss.Color `json:"input_text"` //
	// Mono has no colours (NO_COLOR): cursors and selections are drawn in reverse
	// video and bold instead.
	Mono bool `json:"-"`
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

// HighContrast is the 16 bright colours on the terminal's background, black on yellow
// for the cursor.
func HighContrast() Palette {
	return Palette{
		Name:      "high-contrast",
		Fg:        lipgloss.Color("15"),
		Dim:       lipgloss.Color("7"),
		Accent:    lipgloss.Color("14"),
		Header:    lipgloss.Color("11"),
		CursorFg:  lipgloss.Color("0"),
		CursorBg:  lipgloss.Color("11"),
		Error:     lipgloss.Color("9"),
		Warn:      lipgloss.Color("11"),
		Info:      lipgloss.Color("14"),
		Success:   lipgloss.Color("10"),
		Border:    lipgloss.Color("15"),
		InputText: lipgloss.Color("15"),
	}
}

// Mono is p without colours, for NO_COLOR.
func Mono(p Palette) Palette { return Palette{Name: p.Name, Mono: true} }

// builtin are the themes by name, in the order they are offered.
var builtin = []struct {
	name    string
	palette func() Palette
}{{"dark", Dark}, {"light", Light}, {"high-contrast", HighContrast}}

// Names lists the built-in themes (and "auto", which picks dark or light).
func Names() []string {
	out := []string{"auto"}
	for _, b := range builtin {
		out = append(out, b.name)
	}
	return out
}

// ByName returns the named built-in palette; unknown names give Dark.
func ByName(name string) Palette {
	for _, b := range builtin {
		if b.name == name {
			return b.palette()
		}
	}
	return Dark()
}
