package ui_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui"
	"mastui/ui/uitest"
)

// The walkthrough: on the Cutouts form, type a target, esc, then w: w opens the queue
// (it was typed into the Target, "Foo123w"), and the Target keeps what was typed.
func TestCutoutsEscLeavesTargetThenWOpensQueue(t *testing.T) {
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{StartTab: "cutouts", Downloads: uitest.NewDownloads()})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(t, m, m.Init())
	send(t, m, typeText("Foo123")...)
	if got := m.Cutouts().Target(); got != "Foo123" {
		t.Fatalf("typed Foo123, the Target has %q:\n%s", got, m.View())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Typing() {
		t.Fatalf("esc did not leave the Target:\n%s", m.View())
	}
	send(t, m, key("w"))
	if m.Tab() != "queue" {
		t.Fatalf("w after esc went to %s; Target %q", m.Tab(), m.Cutouts().Target())
	}
	if got := m.Cutouts().Target(); got != "Foo123" {
		t.Fatalf("the Target became %q", got)
	}
}

// The walkthrough's path: a target that does not resolve, enter: no listing, the error
// under the form. esc then w opened nothing: the failed listing took the keys, esc gave
// them back to the Target and w was typed there ("Foo123w"). A listing with nothing in it
// leaves the keys in the form, whose esc leaves the field as on the other forms.
func TestCutoutsFailedListingEscThenWOpensQueue(t *testing.T) {
	m := ui.NewModel(clocked(), uitest.SimArchive(t), ui.Options{StartTab: "cutouts", Downloads: uitest.NewDownloads()})
	sendSim(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(t, m, m.Init())
	sendSim(t, m, typeText("Foo123")...)
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if !strings.Contains(m.View(), `could not resolve "Foo123"`) {
		t.Fatalf("no resolver error shown:\n%s", m.View())
	}
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	sendSim(t, m, key("w"))
	if m.Tab() != "queue" {
		t.Fatalf("esc w after a failed listing went to %s; Target %q", m.Tab(), m.Cutouts().Target())
	}
	if got := m.Cutouts().Target(); got != "Foo123" {
		t.Fatalf("the Target became %q", got)
	}
}
