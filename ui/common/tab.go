package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
)

// Tab is one tab of the TUI (Observations, Missions, Queue, …). The root holds its tabs
// in a slice, draws the tab bar from their titles and asks the focused one for its
// screen, hints, help, activity and counts: it never looks inside a tab. A new tab is one
// package under ui/views/ implementing Tab, plus one line in the root's registry.
type Tab interface {
	// ID is the tab's name in the registry ("observations"): the address of its answers
	// (TabMsg.To) and the value of `mastui --tab`.
	ID() string
	// Title is the tab's label in the tab bar (it may carry a summary: "Queue (2↓ 40%)").
	Title() string

	Init() tea.Cmd
	// Update takes keys (only while focused) and the tab's own answers (whether focused
	// or not), unwrapped from their TabMsg.
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	// Focus is called when the tab gets the keys (it may fetch what it needs), Blur when
	// it loses them.
	Focus() tea.Cmd
	Blur()

	// Hints are the status-line hints of the part with focus (the global ones follow).
	Hints() []key.Binding
	// HelpSections are the help overlay's sections, the part with focus first.
	HelpSections() []keymap.Section
	// Activity is what runs, for the status bar and spinner ("" when idle).
	Activity() string
	// Counts summarises the part with focus for the status bar ("" for none).
	Counts() string
	// Typing reports whether typed letters go to a text field: the global letter keys
	// are then off, and a burst of runes is typed, not split into commands.
	Typing() bool
	// Capturing reports whether a text filter or an open overlay (column chooser, focused
	// details) takes every key (help, quit and the letter tab keys included).
	Capturing() bool
}

// QuitGuard is implemented by a tab whose work quitting would interrupt: the root asks
// its question (ending in "Quit? y/n") before quitting, "" meaning nothing to ask.
type QuitGuard interface {
	QuitQuestion() string
}

// Section is one help section: title and the full help of a key map.
func Section(title string, k interface{ FullHelp() [][]key.Binding }) keymap.Section {
	return keymap.Section{Title: title, Bindings: keymap.Flatten(k.FullHelp())}
}

// Locator is implemented by a tab that says where the user is, for the header's second
// line: the breadcrumbs after the tab's title ("M101", "products of 3", "filters") and
// the cursor's place ("row 1,234 of 27,372"; "" for none).
type Locator interface {
	Crumbs() []string
	Position() string
}

// RowPosition is "row 1,234 of 27,372": the cursor's 0-based row and the row count
// ("" without rows).
func RowPosition(cursor int, of int64) string {
	if of <= 0 || cursor < 0 {
		return ""
	}
	return "row " + Commas(int64(cursor)+1) + " of " + Commas(of)
}

// Mouse is implemented by a tab that takes clicks and the wheel (opt-in: `mouse: true`
// or --mouse). x and y are relative to the tab's area: the root places the click by its
// own layout, and each parent passes on what falls in a part relative to that part.
type Mouse interface {
	// Click is a left click.
	Click(x, y int) tea.Cmd
	// Wheel scrolls by delta rows at (x, y) (negative is up).
	Wheel(x, y, delta int) tea.Cmd
}
