package form

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/themes"
	"mastui/ui/common"
	"mastui/ui/components/textfield"
)

// MarkWidth is the width of the focus mark before a label (" ▸ ").
const MarkWidth = 3

// Label draws a row's label in width cells: the focused row is marked with the cursor
// glyph, not only a colour (NO_COLOR).
func Label(st *themes.Styles, text string, focused bool, width int) string {
	text = textfield.Fit(common.Truncate(text, width-MarkWidth-1), width-MarkWidth)
	if focused {
		return " " + st.FormLabelFocused.Render(st.Glyphs.Cursor+" "+text)
	}
	return strings.Repeat(" ", MarkWidth) + st.FormLabel.Render(text)
}

// Choices draws a choice row in room cells, the chosen option in brackets ("" options
// show blank); when it is too wide, the options before the chosen one give way ("…") so
// the chosen one always shows.
func Choices(st *themes.Styles, opts []string, on int, blank string, room int) string {
	for first := 0; ; first++ {
		out, upto := "", "" // upto: the row through the chosen option
		if first > 0 {
			out = st.FormHint.Render("…") + " "
		}
		for i := first; i < len(opts); i++ {
			o := opts[i]
			if o == "" {
				o = blank
			}
			if i == on {
				out += st.FormChoiceOn.Render("[" + o + "]")
				upto = out
			} else {
				out += st.FormChoice.Render(" " + o + " ")
			}
			out += " "
		}
		if first >= on || ansi.StringWidth(upto) <= room {
			return out
		}
	}
}
