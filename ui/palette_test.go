package ui_test

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/ui"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// ctrl+p opens the palette from the first screen's text field (nothing typed into it);
// a fuzzy "ctlg" finds the Catalogs tab first, and enter goes there.
func TestPaletteFromTextFieldRunsTab(t *testing.T) {
	m := newApp(&uitest.Archive{Rows: 10}, 400)
	send(t, m, tea.WindowSizeMsg{Width: 110, Height: 30})
	settle(t, m, m.Init())
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
	if !m.PaletteOpen() {
		t.Fatal("ctrl+p in the target field did not open the palette")
	}
	send(t, m, typeText("ctlg")...)
	if got := m.PaletteMatches(); len(got) == 0 || got[0] != ":catalogs" {
		t.Fatalf("matches for ctlg: %v", got)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if m.PaletteOpen() || m.Tab() != "catalogs" {
		t.Fatalf("enter: palette open %v, tab %s", m.PaletteOpen(), m.Tab())
	}
	if q, _ := m.Form().Query(); q.Object != "" {
		t.Fatalf("the target field got %q", q.Object)
	}
}

// Every enabled binding with help text is an action of the palette: choosing one presses
// its key (here the results' "choose columns", c).
func TestPaletteRunsKeyActions(t *testing.T) {
	m := started(t, &uitest.Archive{Rows: 50}, 110, 30)
	send(t, m, key(":"))
	send(t, m, typeText("choose col")...)
	if got := m.PaletteMatches(); len(got) == 0 || got[0] != "choose columns" {
		t.Fatalf("matches: %v", got)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if !m.Results().ChooserOpen() {
		t.Fatalf("the column chooser did not open:\n%s", m.View())
	}
}

// A command registered by a feature runs with its argument; a wrong argument or name is
// refused with the nearest known one, and nothing runs.
func TestPaletteCommandsAndDidYouMean(t *testing.T) {
	c := clocked()
	var ran [][]string
	if err := c.Commands.Add(common.Command{Name: "theme", Args: []string{"dark", "light", "high-contrast"}, Help: "change the theme",
		Run: func(args []string) tea.Cmd { ran = append(ran, args); return nil }}); err != nil {
		t.Fatal(err)
	}
	m := ui.NewModel(c, &uitest.Archive{Rows: 10}, ui.Options{})
	send(t, m, tea.WindowSizeMsg{Width: 110, Height: 30})
	open := func(line string) {
		t.Helper()
		send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
		send(t, m, typeText(line)...)
		send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	}
	open("theme lihgt")
	if !m.PaletteOpen() || !strings.Contains(m.PaletteProblem(), "did you mean :theme light?") || len(ran) != 0 {
		t.Fatalf("bad argument: open %v, problem %q, ran %v", m.PaletteOpen(), m.PaletteProblem(), ran)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	open("tehme light")
	if !strings.Contains(m.PaletteProblem(), `did you mean :theme?`) {
		t.Fatalf("typo: problem %q, matches %v", m.PaletteProblem(), m.PaletteMatches())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	open("theme light")
	if m.PaletteOpen() || !slices.Equal(ran[0], []string{"light"}) {
		t.Fatalf("theme light: open %v, ran %v", m.PaletteOpen(), ran)
	}
	// ↑ on an empty line brings the last command back.
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP}, tea.KeyMsg{Type: tea.KeyUp}, tea.KeyMsg{Type: tea.KeyEnter})
	if len(ran) != 2 || !slices.Equal(ran[1], []string{"light"}) {
		t.Fatalf("history: ran %v", ran)
	}
}

func TestPaletteScreen(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(&uitest.Archive{Rows: 1200}, 400), teatest.WithInitialTermSize(100, 30))
	waitText(t, tm, "Collection   any")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlP})
	waitText(t, tm, "─ commands")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestPaletteFilteredScreen(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(&uitest.Archive{Rows: 1200}, 400), teatest.WithInitialTermSize(100, 30))
	search(t, tm, "M101")
	tm.Type(":")
	waitText(t, tm, "─ commands")
	tm.Type("sel")
	waitText(t, tm, "select all loaded")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestPaletteDidYouMeanScreen(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(&uitest.Archive{Rows: 1200}, 400), teatest.WithInitialTermSize(100, 30))
	waitText(t, tm, "Collection   any")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlP})
	waitText(t, tm, "─ commands")
	tm.Type("queu x")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "did you mean")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// A command runs from a text field without typing into it, and an action that a command
// already offers (the global "downloads queue", w) is not listed twice.
func TestPaletteCommandFromTextField(t *testing.T) {
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{Downloads: uitest.NewDownloads()})
	send(t, m, tea.WindowSizeMsg{Width: 110, Height: 30})
	settle(t, m, m.Init())
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
	send(t, m, typeText("queue")...)
	got := m.PaletteMatches()
	if len(got) == 0 || got[0] != ":queue" || slices.Contains(got, "downloads queue") {
		t.Fatalf("matches: %v", got)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if m.Tab() != "queue" {
		t.Fatalf("tab %s", m.Tab())
	}
	if q, _ := m.Form().Query(); q.Object != "" {
		t.Fatalf("the target got %q", q.Object)
	}
}
