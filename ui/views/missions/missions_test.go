package missions

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

func init() {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

// newTab is the tab over a, sized, with the hst columns loaded.
func newTab(t *testing.T, a common.Archive) *Model {
	t.Helper()
	m := New(uitest.Common(""), a, nil)
	m.SetSize(110, 30)
	deliver(t, m, m.Focus())
	if len(m.st().fields) == 0 {
		t.Fatalf("no criteria fields after Focus:\n%s", m.View())
	}
	return m
}

// deliver runs cmd (it must not wait on a timer) and hands its answers back to m.
func deliver(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	for _, msg := range uitest.Messages(cmd) {
		m.Update(msg)
	}
}

func keyMsg(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

// typeText types s into the focused field, dropping the Cmds (debounce timers, cursor
// blinks): tests deliver the answers they need themselves.
func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// liveTick is the debounce's answer for mission s as the tab's Requests address it.
func liveTick(s *state) tea.Msg {
	return common.TabMsg{To: s.mission, Msg: common.TabMsg{To: liveTask, Req: s.req.Current(liveTask), Msg: LiveTickMsg{}}}
}

// blockingSearch hands the context of every mission search to the test and waits for
// it to end.
type blockingSearch struct {
	*uitest.Archive
	started chan context.Context
}

func (a *blockingSearch) MissionSearch(ctx context.Context, _ mast.MissionQuery) (*mast.MissionPage, error) {
	a.started <- ctx
	<-ctx.Done()
	return nil, ctx.Err()
}

// An edit cancels the live count in flight (its context ends) and its late answer is
// dropped: before the request tracker the count ran on the session's context to its end.
func TestLiveCountCancelledByTheNextEdit(t *testing.T) {
	a := &blockingSearch{Archive: &uitest.Archive{Rows: 9}, started: make(chan context.Context, 1)}
	m := newTab(t, a)
	m.Update(keyMsg(tea.KeyTab)) // Targets
	typeText(m, "M101")
	s := m.st()
	count := m.Update(liveTick(s)) // typing paused: the count starts
	if count == nil || !s.live.Asking {
		t.Fatal("no live count after the pause")
	}
	answers := make(chan tea.Msg, 1)
	go func() { answers <- count() }()
	ctx := <-a.started
	typeText(m, "1") // the form changed
	select {
	case <-ctx.Done():
	default:
		t.Fatal("the count in flight was not cancelled by the next edit")
	}
	m.Update(<-answers)
	if s.live.Known || s.live.Problem != "" {
		t.Fatalf("the cancelled count's answer was taken: %+v", s.live)
	}
}

// The live total shows after a pause; a name with no position keeps enter in the form.
func TestLiveCountShownAndUnresolvedNameBlocksSubmit(t *testing.T) {
	m := newTab(t, &uitest.Archive{Rows: 9, Unresolved: []string{"nowhere"}})
	m.Update(keyMsg(tea.KeyTab))
	typeText(m, "M101")
	deliver(t, m, m.Update(liveTick(m.st())))
	if v := m.View(); !strings.Contains(v, "9 datasets match") {
		t.Fatalf("no live total:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlR}) // clear the form
	typeText(m, "nowhere")
	deliver(t, m, m.Update(liveTick(m.st())))
	m.Update(keyMsg(tea.KeyEnter))
	if m.Pane() != "form" || !strings.Contains(m.View(), "Not searched:") {
		t.Fatalf("pane %s after enter on an unresolvable name:\n%s", m.Pane(), m.View())
	}
}

// Enter on an empty form says what is missing and searches nothing.
func TestEmptyFormNotSearched(t *testing.T) {
	m := newTab(t, &uitest.Archive{Rows: 9})
	if cmd := m.Update(keyMsg(tea.KeyEnter)); cmd != nil {
		t.Fatal("an empty form asked something")
	}
	if v := m.View(); !strings.Contains(v, "Not searched: give targets or at least one criterion") {
		t.Fatalf("no form error:\n%s", v)
	}
}

// Tab and shift+tab cycle the rows; letters type only in text rows; the picker changes
// the mission, whose columns are then fetched.
func TestFormFocusTypingAndPicker(t *testing.T) {
	m := newTab(t, &uitest.Archive{Rows: 9})
	if m.Typing() || m.Capturing() {
		t.Fatal("the picker row takes text")
	}
	m.Update(keyMsg(tea.KeyTab))
	if !m.Typing() || m.st().form.Focused() != rowTargets {
		t.Fatalf("tab: row %d typing %v", m.st().form.Focused(), m.Typing())
	}
	m.Update(keyMsg(tea.KeyShiftTab))
	m.Update(keyMsg(tea.KeyShiftTab)) // wraps to the last criterion
	if s := m.st(); s.form.Focused() != fixedRows+len(s.fields)-1 {
		t.Fatalf("shift+tab from the picker: row %d", s.form.Focused())
	}
	m.Update(keyMsg(tea.KeyTab)) // back to the picker
	cmd := m.Update(keyMsg(tea.KeyRight))
	if m.Mission() != "jwst" || cmd == nil {
		t.Fatalf("→ on the picker: mission %s, fetch %v", m.Mission(), cmd != nil)
	}
	if !strings.Contains(m.Activity(), "Fetching jwst columns") {
		t.Fatalf("activity %q", m.Activity())
	}
	deliver(t, m, cmd)
	if m.Activity() != "" || !strings.Contains(m.View(), "queryable jwst columns") {
		t.Fatalf("jwst columns not shown (activity %q):\n%s", m.Activity(), m.View())
	}
}

// An answer goes to the mission that asked, even when another is shown.
func TestAnswerGoesToTheMissionThatAsked(t *testing.T) {
	m := New(uitest.Common(""), &uitest.Archive{Rows: 9}, nil)
	m.SetSize(110, 30)
	hst := m.Focus() // asks for the hst columns; the answer is held
	m.Update(keyMsg(tea.KeyRight))
	if m.Mission() != "jwst" {
		t.Fatalf("mission %s", m.Mission())
	}
	deliver(t, m, hst)
	if len(m.states["hst"].fields) == 0 || len(m.states["jwst"].fields) != 0 {
		t.Fatalf("hst fields %d, jwst fields %d", len(m.states["hst"].fields), len(m.states["jwst"].fields))
	}
	m.Update(common.TabMsg{To: "nosuchmission", Msg: ColumnsMsg{}}) // logged and dropped
}

// ctrl+n goes to a column's field by name: tab completes, enter goes.
func TestJumpToColumn(t *testing.T) {
	m := newTab(t, &uitest.Archive{Rows: 9})
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlN})
	if !m.Jumping() || !m.Typing() {
		t.Fatal("ctrl+n did not open the jump line")
	}
	if hints := m.Hints(); len(hints) == 0 || hints[0].Help().Key != m.c.Keys.TextInput.ShortHelp()[0].Help().Key {
		t.Fatalf("hints while jumping: %v", hints)
	}
	typeText(m, "targ")
	m.Update(keyMsg(tea.KeyEnter))
	s := m.st()
	if m.Jumping() || s.form.Focused() < fixedRows || s.fields[s.form.Focused()-fixedRows].col.Name != "sci_targname" {
		t.Fatalf("jump went to row %d", s.form.Focused())
	}
	if v := m.View(); !strings.Contains(v, "sci_targname (string): Target name") {
		t.Fatalf("the field's help is not shown:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlN})
	typeText(m, "zzz")
	m.Update(keyMsg(tea.KeyEnter))
	if v := m.View(); !strings.Contains(v, `hst has no queryable column like "zzz"`) {
		t.Fatalf("no error for an unknown column:\n%s", v)
	}
}

// The help names the Missions keys; the results' help comes first once they show.
func TestHelpSectionsFollowThePane(t *testing.T) {
	m := newTab(t, &uitest.Archive{Rows: 9})
	if secs := m.HelpSections(); len(secs) != 1 || secs[0].Title != "Missions" {
		t.Fatalf("form help %v", secs)
	}
	m.Update(keyMsg(tea.KeyTab))
	typeText(m, "M101")
	deliver(t, m, m.Update(keyMsg(tea.KeyEnter)))
	if m.Pane() != "results" {
		t.Fatalf("pane %s after enter", m.Pane())
	}
	secs := m.HelpSections()
	if secs[0].Title != "Results" || secs[len(secs)-1].Title != "Missions" {
		t.Fatalf("results help %v", secs)
	}
	if h := m.Hints(); h[0].Help().Key != "O" {
		t.Fatalf("results hints start with %q, want O", h[0].Help().Key)
	}
	if !strings.Contains(m.Counts(), "9") {
		t.Fatalf("counts %q", m.Counts())
	}
}
