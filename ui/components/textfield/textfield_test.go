package textfield_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"mastui/ui/components/textfield"
	"mastui/ui/uitest"
)

func init() {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

func typed(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// A boxed field is exactly as wide as asked, whatever its value, and shows its text
// between brackets.
func TestBoxedWidthIsExact(t *testing.T) {
	st := uitest.Common("").Styles
	for _, w := range []int{3, 8, 16, 40} {
		for _, v := range []string{"", "M101", "a much longer value than the box can show at all", "日本語の名前"} {
			in := textfield.New(st, "", 0)
			textfield.SetBoxWidth(&in, w)
			in.SetValue(v)
			in.Focus()
			got := textfield.Boxed(in, w)
			if ansi.StringWidth(got) != w || got[0] != '[' || got[len(got)-1] != ']' {
				t.Errorf("Boxed(%q, %d) = %q (width %d)", v, w, got, ansi.StringWidth(got))
			}
		}
	}
	in := textfield.New(st, "", 0)
	textfield.SetBoxWidth(&in, 12)
	in.SetValue("M101")
	if got := textfield.Boxed(in, 12); got != "[M101      ]" {
		t.Errorf("Boxed = %q", got)
	}
}

// The placeholder shows in an empty field; the limit holds; the cursor does not blink
// (no Cmd while idle).
func TestPlaceholderLimitAndStaticCursor(t *testing.T) {
	st := uitest.Common("").Styles
	in := textfield.New(st, "M101 or 210.8 54.35", 4)
	textfield.SetBoxWidth(&in, 24)
	if got := textfield.Boxed(in, 24); got != "[M101 or 210.8 54.35   ]" {
		t.Errorf("placeholder: %q", got)
	}
	if cmd := in.Focus(); cmd != nil {
		if msg := cmd(); msg != nil {
			t.Errorf("focus started a blink: %T", msg)
		}
	}
	in, _ = in.Update(typed("NGC 6121"))
	if in.Value() != "NGC " {
		t.Errorf("limit 4: value %q", in.Value())
	}
}

// Paste (ctrl+v) and the suggestion keys are off: over SSH the clipboard is the
// server's, and completion is the form's business.
func TestPasteAndSuggestionKeysOff(t *testing.T) {
	st := uitest.Common("").Styles
	in := textfield.New(st, "", 0)
	in.Focus()
	in.SetSuggestions([]string{"sci_instrume"})
	in.SetValue("sci")
	in.CursorEnd()
	for _, k := range []tea.KeyType{tea.KeyCtrlV, tea.KeyTab, tea.KeyCtrlN, tea.KeyCtrlP} {
		var cmd tea.Cmd
		in, cmd = in.Update(tea.KeyMsg{Type: k})
		if cmd != nil {
			if msg := cmd(); msg != nil {
				t.Errorf("%v: Cmd answered %T", k, msg)
			}
		}
		if in.Value() != "sci" {
			t.Errorf("%v changed the value to %q", k, in.Value())
		}
	}
}

// Fit pads or cuts to exactly w cells.
func TestFit(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{{"abc", 5, "abc  "}, {"abcdef", 3, "abc"}, {"", 2, "  "}, {"abc", 0, ""}} {
		if got := textfield.Fit(c.in, c.w); got != c.want {
			t.Errorf("Fit(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
	}
}
