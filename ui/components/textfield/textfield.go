// Package textfield builds the single-line text inputs of the forms: themed, with a
// static cursor (nothing ticks while idle) and no clipboard paste (over SSH the
// clipboard would be the server's), drawn inside brackets of a fixed width so that
// fields line up and read without colour.
package textfield

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"

	"mastui/themes"
	"mastui/ui/common"
)

// New returns an empty text input with the form styles, a placeholder ("" for none)
// and a character limit (0 for none).
func New(st *themes.Styles, placeholder string, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = placeholder
	ti.CharLimit = limit
	ti.PromptStyle = st.FormInputText
	ti.TextStyle = st.FormInputText
	ti.PlaceholderStyle = st.FormPlaceholder
	ti.CompletionStyle = st.FormPlaceholder
	ti.Cursor.Style = st.FormCursor
	ti.Cursor.TextStyle = st.FormInputText
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.KeyMap.Paste = key.NewBinding(key.WithDisabled())
	// Completion is the form's business (its keys live in keymap/).
	ti.KeyMap.AcceptSuggestion = key.NewBinding(key.WithDisabled())
	ti.KeyMap.NextSuggestion = key.NewBinding(key.WithDisabled())
	ti.KeyMap.PrevSuggestion = key.NewBinding(key.WithDisabled())
	return ti
}

// SetBoxWidth sizes in so that Boxed(in, w) is exactly w cells wide.
func SetBoxWidth(in *textinput.Model, w int) {
	in.Width = max(1, w-3) // two brackets and the cursor cell
}

// Boxed draws in as "[" + its view padded or cut to w-2 cells + "]".
func Boxed(in textinput.Model, w int) string {
	return "[" + Fit(in.View(), max(0, w-2)) + "]"
}

// Fit pads s with spaces, or cuts it, to exactly w cells.
func Fit(s string, w int) string { return common.Fit(s, w, "") }
