package searchform

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

const labelWidth = 10 // "Resolver" plus a gap

// View draws the form in at most width × height cells.
func (m *Model) View() string {
	st := m.c.Styles
	g := st.Glyphs
	lines := make([]string, 0, 12)
	lines = append(lines, " "+st.FormTitle.Render("Search observations"), "")

	field := func(i int, label, body string) {
		mark, ls := "  ", st.FormLabel
		if i == m.focus {
			mark, ls = g.Cursor+" ", st.FormLabelFocused
		}
		lines = append(lines, " "+mark+ls.Render(pad(label, labelWidth))+body)
		if e := m.errs[i]; e != "" {
			msg := common.Truncate(g.Error+" "+e, max(1, m.width-labelWidth-4))
			lines = append(lines, strings.Repeat(" ", labelWidth+3)+st.FormError.Render(msg))
		}
	}
	field(FieldTarget, "Target", "["+m.target.View()+"]")
	field(FieldRadius, "Radius", "["+m.radius.View()+"]")
	var res strings.Builder
	for i := 0; i < numResolvers; i++ {
		if i > 0 {
			res.WriteString("  ")
		}
		if i == m.resolver {
			res.WriteString(st.FormChoiceOn.Render(g.RadioOn + " " + resolverName(i)))
		} else {
			res.WriteString(st.FormChoice.Render(g.RadioOff + " " + resolverName(i)))
		}
	}
	field(FieldResolver, "Resolver", " "+res.String())

	lines = append(lines, "")
	if m.resolved != "" {
		lines = append(lines, "   "+st.FormLabel.Render(pad("Resolved", labelWidth))+" "+st.FormResolved.Render(m.resolved), "")
	}
	lines = append(lines, "   "+st.FormHint.Render(m.hint()))

	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > m.width {
			lines[i] = ansi.Truncate(l, m.width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

func (m *Model) hint() string {
	switch m.focus {
	case FieldRadius:
		return "Cone radius: 0.2 deg, 3 arcmin or 10 arcsec (a bare number is degrees)"
	case FieldResolver:
		return "Name resolver: any (first answer), SIMBAD or NED · space or ←/→ changes it"
	default:
		return `Object name (M101, NGC 6121) or "RA Dec" (210.8 54.35, 14h03m12.6s +54d20m56s)`
	}
}

// pad right-pads s with spaces to w cells.
func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
