package searchform

import (
	"context"
	"sync"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

func init() {
	// Deterministic goldens: no colour, no background probe.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

// fakeArchive records the counts and validations asked of it; validate, when set,
// replaces the fake's column check.
type fakeArchive struct {
	*uitest.Archive
	validate func([]mast.Criterion) error

	mu          sync.Mutex
	counts      []mast.Query
	validations [][]mast.Criterion
}

func newFake() *fakeArchive { return &fakeArchive{Archive: &uitest.Archive{Rows: 1804}} }

func (a *fakeArchive) Count(ctx context.Context, q mast.Query) (int64, error) {
	a.mu.Lock()
	a.counts = append(a.counts, q)
	a.mu.Unlock()
	return a.Archive.Count(ctx, q)
}

func (a *fakeArchive) ValidateCriteria(ctx context.Context, cs []mast.Criterion) error {
	a.mu.Lock()
	a.validations = append(a.validations, append([]mast.Criterion(nil), cs...))
	a.mu.Unlock()
	if a.validate != nil {
		return a.validate(cs)
	}
	return a.Archive.ValidateCriteria(ctx, cs)
}

func (a *fakeArchive) Counts() []mast.Query {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]mast.Query(nil), a.counts...)
}

// newForm is a sized form over a (nil: no archive) with the metadata and facets loaded,
// on a test clock (drive fires its timers).
func newForm(t testing.TB, a common.Archive, w, h int) *Model {
	t.Helper()
	c, _ := uitest.ClockedCommon("")
	m := New(c, a, Parsers{})
	m.SetSize(w, h)
	if a != nil {
		drive(t, m, m.Init())
	}
	return m
}

// drive runs cmd and feeds what it yields back into m until nothing is left (the test
// clock's timers fire at once; spinner frames are dropped), and returns the SubmitMsgs
// seen.
func drive(t testing.TB, m *Model, cmd tea.Cmd) []SubmitMsg {
	t.Helper()
	var subs []SubmitMsg
	for i := 0; cmd != nil; i++ {
		if i > 100 {
			t.Fatal("the form never settles")
		}
		var next []tea.Cmd
		for _, msg := range runAll(cmd) {
			switch msg := msg.(type) {
			case SubmitMsg:
				subs = append(subs, msg)
			case common.TimerMsg:
				next = append(next, msg.Fire)
			case spinMsg:
			default:
				next = append(next, m.Update(msg))
			}
		}
		cmd = tea.Batch(next...)
	}
	return subs
}

// runAll runs cmd, and the commands of the batches it yields concurrently.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	b, ok := msg.(tea.BatchMsg)
	if !ok {
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	}
	res := make([][]tea.Msg, len(b))
	var wg sync.WaitGroup
	for i, c := range b {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i] = runAll(c)
		}()
	}
	wg.Wait()
	var out []tea.Msg
	for _, r := range res {
		out = append(out, r...)
	}
	return out
}

func keyOf(b key.Binding) tea.KeyMsg {
	switch k := b.Keys()[0]; k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "ctrl+n":
		return tea.KeyMsg{Type: tea.KeyCtrlN}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "ctrl+r":
		return tea.KeyMsg{Type: tea.KeyCtrlR}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	default:
		panic("no KeyMsg for " + k)
	}
}

// press sends a binding's first key and returns the Cmd.
func press(m *Model, b key.Binding) tea.Cmd { return m.Update(keyOf(b)) }

// typeInto types s one rune at a time and returns the Cmds.
func typeInto(m *Model, s string) []tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range s {
		cmds = append(cmds, m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))
	}
	return cmds
}

// fill focuses field i and types s into it (replacing what was there).
func fill(t testing.TB, m *Model, i int, s string) {
	t.Helper()
	m.setFocus(i)
	m.fields[i].Input.SetValue("")
	drive(t, m, tea.Batch(typeInto(m, s)...))
}

// submit presses enter and runs what follows; ok when a SubmitMsg came out.
func submit(t testing.TB, m *Model) (SubmitMsg, bool) {
	t.Helper()
	subs := drive(t, m, press(m, m.c.Keys.Form.Submit))
	if len(subs) == 0 {
		return SubmitMsg{}, false
	}
	if len(subs) > 1 {
		t.Fatalf("%d submits", len(subs))
	}
	return subs[0], true
}
