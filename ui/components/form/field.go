// Package form is the form component the search forms share: fields (text or a choice)
// with a label, a hint, a help line and one inline-error slot; focus cycling that wraps
// (tab/shift+tab/↓/↑) and focus by name; "go to a field" by name or label (Jump); and
// the live count hook (Live), which waits for a pause in typing through the form's
// common.Requests and then lets the owner ask for its count.
//
// The owner keeps what is its own (which fields exist, what a value means, the submit)
// and draws the rows in its layout with Label and Choices, so each form keeps its look.
//
// A form for a new tab: build the fields (NewText, NewChoice; Hint and Help for the
// lines beside and under them) into New; on a key, try Jump.Key while the jump line is
// active, then Navigate with the tab's keymap.FormNav, then Type, and call Live.Edited
// when Type reports a change; on Live's Pause, check the form (SetErr on the field at
// fault, or Live.Incomplete) and Ask for the count; hand the CountMsg to Got. Offer
// completions with a Completer per field (Match, SplitItem, Completion).
package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"

	"mastui/themes"
	"mastui/ui/components/textfield"
)

// Kind is how a field is edited.
type Kind int

const (
	// Text is a single-line text input.
	Text Kind = iota
	// Choice is one of Choices, cycled with ←/→ or space.
	Choice
	// Custom is edited by the owner (a list of options, say): it takes keys, not text.
	Custom
)

// Field is one row of a form.
type Field struct {
	Name  string // the field's key: focus by name, go-to-field
	Label string // what the row says ("" shows Name)
	Hint  string // a short note beside the input
	Help  string // the help line while the field has focus
	Kind  Kind

	Input   textinput.Model // Text
	Choices []string        // Choice
	Choice  int             // Choice: the chosen one
	Default int             // Choice: the one chosen when the form is cleared

	errs [numSources]string // the inline error by source; the first one set shows
}

// Source is where a field's inline error comes from. A field shows one error: the
// form's own check first, then the server's verdict, then an unresolved name.
type Source int

const (
	// Local is the form's own check (a value that does not parse).
	Local Source = iota
	// Remote is the server's verdict on the value (validation).
	Remote
	// Unresolved says why a name has no position.
	Unresolved
	numSources
)

// NewText is a text field with the form styles; limit bounds its characters (0: none).
func NewText(st *themes.Styles, name, label string, limit int) *Field {
	return &Field{Name: name, Label: label, Kind: Text, Input: textfield.New(st, "", limit)}
}

// NewChoice is a choice field on choice def (also chosen again when the form is
// cleared).
func NewChoice(name, label string, choices []string, def int) *Field {
	return &Field{Name: name, Label: label, Kind: Choice, Choices: choices, Choice: def, Default: def}
}

// Value is the field's text, or its chosen option.
func (f *Field) Value() string {
	if f.Kind == Choice {
		if f.Choice >= 0 && f.Choice < len(f.Choices) {
			return f.Choices[f.Choice]
		}
		return ""
	}
	return f.Input.Value()
}

// Trimmed is Value without surrounding spaces.
func (f *Field) Trimmed() string { return strings.TrimSpace(f.Value()) }

// SetValue sets a text field's text (cursor at its end).
func (f *Field) SetValue(s string) {
	f.Input.SetValue(s)
	f.Input.CursorEnd()
}

// Cycle moves a choice field step options on (negative: back), wrapping.
func (f *Field) Cycle(step int) {
	if n := len(f.Choices); n > 0 {
		f.Choice = ((f.Choice+step)%n + n) % n
	}
}

// Err is the field's inline error, the first source's that has one ("" when fine).
func (f *Field) Err() string {
	for _, e := range f.errs {
		if e != "" {
			return e
		}
	}
	return ""
}

// ErrFrom is the error of one source ("" when none).
func (f *Field) ErrFrom(s Source) string { return f.errs[s] }

// SetErr sets the form's own error (Local); "" clears it.
func (f *Field) SetErr(msg string) { f.errs[Local] = msg }

// SetErrFrom sets source s's error; "" clears it.
func (f *Field) SetErrFrom(s Source, msg string) { f.errs[s] = msg }

// ClearErrs clears every source's error, reporting whether there was one.
func (f *Field) ClearErrs() bool {
	had := f.Err() != ""
	f.errs = [numSources]string{}
	return had
}

// Title is the row's label: Label, or Name when it has none.
func (f *Field) Title() string {
	if f.Label != "" {
		return f.Label
	}
	return f.Name
}
