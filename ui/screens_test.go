package ui_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"mastui/services/mast"
	"mastui/ui"
	"mastui/ui/uitest"
)

func init() {
	// Deterministic goldens: no colour, no background probe.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

// newApp is a model for the test helpers (send, settle), on a test clock.
func newApp(a ui.Archive, pageSize int) *ui.Model {
	return ui.NewModel(clocked(), a, ui.Options{PageSize: pageSize, ServerLabel: "demo"})
}

// clocked is a session for a model driven by the test helpers: on a test clock.
func clocked() *ui.Common {
	c, _ := uitest.ClockedCommon("")
	return c
}

// screenApp is a model for teatest, which runs it in a real program: on the wall clock.
func screenApp(a ui.Archive, pageSize int) *ui.Model {
	return ui.NewModel(uitest.Common(""), a, ui.Options{PageSize: pageSize, ServerLabel: "demo"})
}

func key(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func waitText(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

func finalView(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	// Quit the program itself: ctrl+c asks first while downloads are active.
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second))
	return fm.View()
}

// search types a target, presses enter and waits for the rows: the results' own hint
// (the form says "observations" too, so that word would not prove the rows are there,
// and keys sent before them are ignored).
func search(t *testing.T, tm *teatest.TestModel, target string) {
	t.Helper()
	waitText(t, tm, "Target")
	tm.Type(target)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitAny(t, tm, "products of the selection", "col 1 of")
}

// waitAny waits until the screen shows one of texts.
func waitAny(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, s := range texts {
			if bytes.Contains(b, []byte(s)) {
				return true
			}
		}
		return false
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

func TestFormFresh(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(&uitest.Archive{Rows: 1200}, 400), teatest.WithInitialTermSize(100, 24))
	waitText(t, tm, "Collection   any") // the facets are in: the screen is complete
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestFormValidationError(t *testing.T) {
	a := &uitest.Archive{Rows: 1200}
	tm := teatest.NewTestModel(t, screenApp(a, 400), teatest.WithInitialTermSize(100, 24))
	waitText(t, tm, "Collection   any") // the facets are in: the screen is complete
	tm.Type("210.8")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU}) // clear the radius
	tm.Type("3 parsecs")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "unknown radius unit")
	view := finalView(t, tm)
	if n := len(a.Calls()); n != 0 {
		t.Fatalf("invalid form sent %d requests", n)
	}
	teatest.RequireEqualOutput(t, []byte(view))
}

func TestResultsScreen(t *testing.T) {
	a := &uitest.Archive{Rows: 1200}
	tm := teatest.NewTestModel(t, screenApp(a, 400), teatest.WithInitialTermSize(120, 30))
	search(t, tm, "M101")
	tm.Send(key("j"))
	tm.Send(key("j"))
	view := finalView(t, tm)
	teatest.RequireEqualOutput(t, []byte(view))
}

func TestResultsScrolledRight(t *testing.T) {
	a := &uitest.Archive{Rows: 1200}
	tm := teatest.NewTestModel(t, screenApp(a, 400), teatest.WithInitialTermSize(80, 20))
	search(t, tm, "M101")
	for range 10 {
		tm.Send(key("l"))
	}
	waitText(t, tm, "col 11 of 14")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestHelpOverlay(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(&uitest.Archive{Rows: 1200}, 400), teatest.WithInitialTermSize(100, 30))
	search(t, tm, "M101")
	tm.Send(key("?"))
	waitText(t, tm, "esc closes")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestTooSmall(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(&uitest.Archive{Rows: 1200}, 400), teatest.WithInitialTermSize(50, 12))
	waitText(t, tm, "too small")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestErrorToastScreen(t *testing.T) {
	a := &uitest.Archive{Rows: 1200, Fail: errors.New("MAST answered 503 Service Unavailable")}
	tm := teatest.NewTestModel(t, screenApp(a, 400), teatest.WithInitialTermSize(100, 20))
	waitText(t, tm, "Target")
	tm.Type("M101")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "Search failed")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestQuitWithQ(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(&uitest.Archive{Rows: 10}, 400), teatest.WithInitialTermSize(100, 24))
	search(t, tm, "M101")
	tm.Send(key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
}

// searchFails is an archive whose searches fail with err (the rest works).
type searchFails struct {
	*uitest.Archive
	err error
}

func (a searchFails) SearchPage(ctx context.Context, q mast.Query, page, size int) (*mast.Page, error) {
	return nil, a.err
}

// The message log (ctrl+l) shows a long error whole, and the log file.
func TestMessagesScreen(t *testing.T) {
	a := searchFails{&uitest.Archive{Rows: 10}, errors.New(`after 5 retries: columnsconfig Mast.Caom.Cone: Post "http://nosuchhost.invalid/portal/Mashup/Mashup.asmx/columnsconfig": dial tcp: lookup nosuchhost.invalid on 10.255.255.53:53: no such host`)}
	m := ui.NewModel(uitest.Common(""), a, ui.Options{PageSize: 400, ServerLabel: "demo", LogPath: "/home/user/.local/state/mastui/mastui.log"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 24))
	waitText(t, tm, "Target")
	tm.Type("M101")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	// The toast ("✗ …"), not the results' own "Search failed": the toast comes a Cmd later,
	// and ctrl+l sent before it would leave it standing over the log.
	waitText(t, tm, "✗ Search failed")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlL})
	waitText(t, tm, "Log file")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}
