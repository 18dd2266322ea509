// Package bar draws a static progress bar ("█████░░░░"), styled by the session's theme.
// It stands in for bubbles/progress's ViewAs, whose spring animation (and the
// harmonica module it needs) a list of many bars redrawn on events has no use for.
package bar

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Model is a bar of a fixed width.
type Model struct {
	Full, Empty lipgloss.Style
	Width       int
}

// ViewAs draws the bar filled to ratio (clamped to [0, 1]) in exactly Width cells.
func (m Model) ViewAs(ratio float64) string {
	if m.Width <= 0 {
		return ""
	}
	ratio = min(1, max(0, ratio))
	n := int(ratio*float64(m.Width) + 0.5)
	if n == m.Width && ratio < 1 {
		n-- // never look finished before it is
	}
	return m.Full.Render(strings.Repeat("█", n)) + m.Empty.Render(strings.Repeat("░", m.Width-n))
}
