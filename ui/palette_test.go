package ui_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/model/history"
	"mastui/themes"
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
	if err := c.Commands.Add(common.Command{Name: "shade", Args: []string{"dark", "light", "high-contrast"}, Help: "change the shade",
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
	open("shade lihgt")
	if !m.PaletteOpen() || !strings.Contains(m.PaletteProblem(), "did you mean :shade light?") || len(ran) != 0 {
		t.Fatalf("bad argument: open %v, problem %q, ran %v", m.PaletteOpen(), m.PaletteProblem(), ran)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	open("sahde light")
	if !strings.Contains(m.PaletteProblem(), `did you mean :shade?`) {
		t.Fatalf("typo: problem %q, matches %v", m.PaletteProblem(), m.PaletteMatches())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	open("shade light")
	if m.PaletteOpen() || !slices.Equal(ran[0], []string{"light"}) {
		t.Fatalf("shade light: open %v, ran %v", m.PaletteOpen(), ran)
	}
	// ↑ on an empty line brings the last command back.
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP}, tea.KeyMsg{Type: tea.KeyUp}, tea.KeyMsg{Type: tea.KeyEnter})
	if len(ran) != 2 || !slices.Equal(ran[1], []string{"light"}) {
		t.Fatalf("history: ran %v", ran)
	}
}

// ↑ moves the highlight back up once ↓ moved it, even on an empty line with a command
// in the history (the recall is from the top only).
func TestPaletteUpMovesAfterDown(t *testing.T) {
	m := started(t, &uitest.Archive{Rows: 50}, 110, 30)
	paletteRun(t, m, "help")
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
	second := strings.TrimPrefix(m.PaletteMatches()[1], ":")
	send(t, m, tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyCtrlK}, tea.KeyMsg{Type: tea.KeyEnter})
	if m.PaletteOpen() || m.HelpVisible() || m.Tab() != second {
		t.Fatalf("↓↓↑ enter: open %v, help %v, tab %s (want %s)", m.PaletteOpen(), m.HelpVisible(), m.Tab(), second)
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

// paletteRun opens the palette with ctrl+p, types line and runs it.
func paletteRun(t *testing.T, m *ui.Model, line string) {
	t.Helper()
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
	send(t, m, typeText(line)...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if m.PaletteOpen() {
		t.Fatalf(":%s left the palette open: %s", line, m.PaletteProblem())
	}
}

// :save keeps the Observations search under a name; :open, from another tab and a fresh
// session, puts it back in the form, runs it and shows the results.
func TestPaletteSaveAndOpen(t *testing.T) {
	store := history.Open(t.TempDir())
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{History: store})
	send(t, m, tea.WindowSizeMsg{Width: 110, Height: 30})
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	paletteRun(t, m, "save m101-jwst")
	if s, err := store.Get("m101-jwst"); err != nil || s.Search.Target != "M101" {
		t.Fatalf("saved: %+v, %v", s, err)
	}
	// The palette offers the saved names (read when it opens: saved a moment ago).
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
	send(t, m, typeText("open ")...)
	if got := m.PaletteMatches(); !slices.Contains(got, ":open m101-jwst") {
		t.Fatalf(":open offers %v", got)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	m = ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{History: store, StartTab: "catalogs"})
	send(t, m, tea.WindowSizeMsg{Width: 110, Height: 30})
	paletteRun(t, m, "open m101-jwst")
	if m.Tab() != "observations" || m.Results().Loaded() == 0 {
		t.Fatalf(":open: tab %s, %d rows loaded:\n%s", m.Tab(), m.Results().Loaded(), m.View())
	}
	if q, _ := m.Form().Query(); q.Object != "M101" {
		t.Fatalf("the form holds %q", q.Object)
	}
	if v := m.View(); !strings.Contains(v, "10 observations") {
		t.Fatalf("the results are not shown:\n%s", v)
	}
	paletteRun(t, m, "open nosuch")
	if v := m.View(); !strings.Contains(v, "nosuch") {
		t.Fatalf("no complaint about an unknown saved search:\n%s", v)
	}
}

// :export csv opens the export dialog of the table in view with CSV chosen; on a tab
// without tables it is refused with the reason.
func TestPaletteExport(t *testing.T) {
	m := started(t, &uitest.Archive{Rows: 50}, 110, 30)
	paletteRun(t, m, "export ecsv")
	if !m.Results().ExportOpen() || !strings.Contains(m.View(), ".ecsv") {
		t.Fatalf(":export ecsv did not open the dialog with ECSV:\n%s", m.View())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	send(t, m, key("w")) // the queue: nothing to export there
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
	send(t, m, typeText("export csv")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if !strings.Contains(m.PaletteProblem(), "no table to export") {
		t.Fatalf("export on the queue: problem %q", m.PaletteProblem())
	}
}

// :theme switches the session's styles at once; an unknown name is refused nearby.
func TestPaletteTheme(t *testing.T) {
	c := clocked()
	m := ui.NewModel(c, &uitest.Archive{Rows: 50}, ui.Options{PageSize: 400})
	send(t, m, tea.WindowSizeMsg{Width: 110, Height: 30})
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	before := c.Styles.Palette.Name
	paletteRun(t, m, "theme light")
	if c.Styles.Palette.Name != "light" || before == "light" {
		t.Fatalf("theme %q → %q", before, c.Styles.Palette.Name)
	}
	if got := m.Toast(); !strings.Contains(got, `theme light for this session; set "theme" in the config file to keep it`) {
		t.Fatalf("toast after :theme light: %q", got)
	}
	paletteRun(t, m, "theme lihgt")
	if got := m.Toast(); !strings.Contains(got, `did you mean "light"?`) || c.Styles.Palette.Name != "light" {
		t.Fatalf("theme lihgt: toast %q, theme %s", got, c.Styles.Palette.Name)
	}
}

// :theme takes a theme file by path, or by name in <config dir>/themes even when the
// file was added after the app started (the palette offers it then); a bad file is a
// toast naming the theme file and every problem; the palette's help line for :theme is
// whole at 80 columns.
func TestPaletteThemeFile(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	c := clocked()
	m := ui.NewModel(c, &uitest.Archive{Rows: 50}, ui.Options{PageSize: 400})
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	elsewhere := filepath.Join(t.TempDir(), "good.json")
	os.WriteFile(elsewhere, []byte(`{"base":"light","accent":"#b58900"}`), 0o600)
	paletteRun(t, m, "theme "+elsewhere)
	if p := c.Styles.Palette; p.Name != "good" || p.Accent != "#b58900" || p.Fg != themes.Light().Fg {
		t.Fatalf(":theme %s: theme %+v, toast %q", elsewhere, p, m.Toast())
	}
	if got := m.Toast(); !strings.Contains(got, `theme good for this session`) {
		t.Fatalf("toast %q", got)
	}
	dir := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "mastui", "themes")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "solar.json"), []byte(`{"accent":"#268bd2"}`), 0o600)
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
	send(t, m, typeText("theme sol")...)
	if got := m.PaletteMatches(); len(got) == 0 || got[0] != ":theme solar" {
		t.Fatalf("a theme file added after start is not offered: %v", got)
	}
	view := m.View()
	send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyEnter})
	if c.Styles.Palette.Name != "solar" {
		t.Fatalf(":theme solar: theme %s, toast %q", c.Styles.Palette.Name, m.Toast())
	}
	if !strings.Contains(view, "switch the theme: a name or a theme file") {
		t.Fatalf("the :theme help is cut:\n%s", view)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"bogus": 1, "accent": "#zzzzzz"}`), 0o600)
	paletteRun(t, m, "theme bad")
	if got := m.Toast(); !strings.Contains(got, "theme file "+bad+`: line 1: unknown key "bogus"; line 1: accent: bad colour "#zzzzzz"`) || c.Styles.Palette.Name != "solar" {
		t.Fatalf(":theme bad: toast %q, theme %s", got, c.Styles.Palette.Name)
	}
}

// A command that takes no argument refuses extra words instead of ignoring them; one
// that takes one refuses a second.
func TestPaletteRefusesExtraWords(t *testing.T) {
	m := started(t, &uitest.Archive{Rows: 50}, 110, 30)
	for line, want := range map[string]string{
		"quit now":         ":quit takes no argument",
		"help me":          ":help takes no argument",
		"observations foo": ":observations takes no argument",
		"export csv json":  ":export takes one argument, not 2",
	} {
		send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
		send(t, m, typeText(line)...)
		send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
		if !m.PaletteOpen() || !strings.Contains(m.PaletteProblem(), want) || m.HelpVisible() || m.ConfirmingQuit() {
			t.Errorf(":%s: open %v, problem %q", line, m.PaletteOpen(), m.PaletteProblem())
		}
		send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	}
}
