package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// wheelRows is how many rows one wheel notch scrolls.
const wheelRows = 3

// onMouse places a mouse event by the root's layout (mouse: true or --mouse): a click
// on the tab bar opens that tab; in the body, a click or the wheel goes to the focused
// tab (common.Mouse) relative to its area. Overlays, questions and the palette take no
// mouse events.
func (m *Model) onMouse(msg tea.MouseMsg) tea.Cmd {
	if m.tooSmall() || m.confirm || m.ffiPending != nil || m.showHelp || m.showMsgs || m.account.IsOpen() || m.palette.IsOpen() {
		return nil
	}
	ev := tea.MouseEvent(msg)
	top, bh := headerHeight, m.bodyHeight()
	inBody := ev.Y >= top && ev.Y < top+bh
	t := m.focused()
	mt, _ := t.(common.Mouse)
	switch {
	case ev.Action != tea.MouseActionPress:
		return nil
	case ev.Button == tea.MouseButtonLeft && ev.Y == 0:
		if i := m.header.TabAt(ev.X); i >= 0 {
			return m.focusTab(i)
		}
	case mt == nil || !inBody || t.Capturing():
		return nil
	case ev.Button == tea.MouseButtonLeft:
		return m.address(t, mt.Click(ev.X, ev.Y-top))
	case ev.Button == tea.MouseButtonWheelUp:
		return m.address(t, mt.Wheel(ev.X, ev.Y-top, -wheelRows))
	case ev.Button == tea.MouseButtonWheelDown:
		return m.address(t, mt.Wheel(ev.X, ev.Y-top, wheelRows))
	}
	return nil
}
