package form_test

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/uitest"
)

func typed(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func key(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

// sample is a form of a choice row, two text rows, then criteria from "criteria" on.
func sample(c *common.Common) *form.Model {
	st := c.Styles
	crit := func(name, label string) *form.Field { return form.NewText(st, name, label, 0) }
	return form.New(
		form.NewChoice("resolver", "Resolver", []string{"", "SIMBAD", "NED"}, 0),
		form.NewText(st, "target", "Target", 0),
		form.NewText(st, "radius", "Radius", 0),
		crit("sci_targname", "Target name"),
		crit("sci_instrume", "Instrument"),
		crit("sci_spec_1234", "Filters"),
		crit("sci_aper_1234", "Aperture"),
	)
}

func keys(c *common.Common) keymap.FormNav { return c.Keys.Missions.FormNav }

// Tab, ↓, shift+tab and ↑ move the focus and wrap at both ends; only the focused text
// field shows a cursor, none once the form is blurred; focus by name is case-blind.
func TestFocusCyclesAndWraps(t *testing.T) {
	c := uitest.Common("")
	m := sample(c)
	k := keys(c)
	if m.Focused() != 0 || m.Typing() {
		t.Fatalf("start: focus %d typing %v", m.Focused(), m.Typing())
	}
	if !m.Navigate(key(tea.KeyShiftTab), k) || m.Focused() != m.Len()-1 {
		t.Fatalf("shift+tab from the first field: focus %d", m.Focused())
	}
	m.Navigate(key(tea.KeyTab), k)
	m.Navigate(key(tea.KeyDown), k)
	if m.Focused() != 1 || !m.Typing() || !m.Current().Input.Focused() {
		t.Fatalf("tab, ↓ from the last field: focus %d", m.Focused())
	}
	m.Navigate(key(tea.KeyUp), k)
	if m.Focused() != 0 {
		t.Fatalf("↑: focus %d", m.Focused())
	}
	if m.Navigate(typed("x"), k) {
		t.Fatal("a letter moved the focus")
	}
	if !m.FocusName("SCI_INSTRUME") || m.Current().Name != "sci_instrume" {
		t.Fatalf("focus by name: %d", m.Focused())
	}
	if m.FocusName("nosuch") || m.Current().Name != "sci_instrume" {
		t.Fatal("focus by an unknown name moved the focus")
	}
	for i, f := range m.Fields() {
		if f.Input.Focused() != (i == m.Focused()) {
			t.Fatalf("field %d focused %v", i, f.Input.Focused())
		}
	}
	m.Blur()
	for i, f := range m.Fields() {
		if f.Input.Focused() {
			t.Fatalf("field %d still shows a cursor after Blur", i)
		}
	}
	m.Focus()
	if !m.Current().Input.Focused() {
		t.Fatal("Focus did not bring the cursor back")
	}
}

// A field's error slot holds one message; typing in the field clears it, a key that
// changes nothing keeps it; Clear empties values, choices and errors.
func TestErrorSlotAndTyping(t *testing.T) {
	c := uitest.Common("")
	m := sample(c)
	m.FocusName("radius")
	r := m.Current()
	r.SetErr("radius: not a number")
	if got := m.Errors(); len(got) != 1 || got["radius"] != "radius: not a number" {
		t.Fatalf("errors %v", got)
	}
	if changed, _ := m.Type(key(tea.KeyLeft)); changed || r.Err() == "" {
		t.Fatalf("a cursor move changed the field (%v) or cleared its error", changed)
	}
	if changed, _ := m.Type(typed("3")); !changed || r.Err() != "" || r.Value() != "3" {
		t.Fatalf("typing: changed %v, error %q, value %q", changed, r.Err(), r.Value())
	}
	m.FocusIndex(0)
	if changed, _ := m.Type(typed("x")); changed {
		t.Fatal("a choice row took text")
	}
	m.Current().Cycle(-1)
	if m.Current().Value() != "NED" {
		t.Fatalf("cycling back from the first choice: %q", m.Current().Value())
	}
	// One slot, three sources: the form's own check shows first, then the server's
	// verdict, then an unresolved name; clearing one shows the next.
	tg := m.ByName("target")
	tg.SetErrFrom(form.Unresolved, `"nowhere" has no position`)
	tg.SetErrFrom(form.Remote, "unknown object")
	tg.SetErr("target is empty")
	for _, want := range []string{"target is empty", "unknown object", `"nowhere" has no position`, ""} {
		if tg.Err() != want {
			t.Fatalf("error shown %q, want %q", tg.Err(), want)
		}
		switch want {
		case "target is empty":
			tg.SetErr("")
		case "unknown object":
			tg.SetErrFrom(form.Remote, "")
		default:
			tg.SetErrFrom(form.Unresolved, "")
		}
	}
	tg.SetErrFrom(form.Unresolved, "unresolved")
	mission := form.NewChoice("mission", "Mission", []string{"hst", "jwst", "roman"}, 1)
	m.Append(mission)
	mission.Cycle(1)
	m.Clear()
	if mission.Value() != "jwst" {
		t.Fatalf("Clear put the choice on %q, not its default", mission.Value())
	}
	if m.Field(0).Value() != "" || r.Value() != "" || len(m.Errors()) != 0 {
		t.Fatalf("after Clear: choice %q radius %q errors %v", m.Field(0).Value(), r.Value(), m.Errors())
	}
}

func jumpKeys(c *common.Common) keymap.FormNav { return keys(c) }

func jumpType(j *form.Jump, m *form.Model, c *common.Common, s string) {
	for _, r := range s {
		j.Key(m, typed(string(r)), jumpKeys(c))
	}
}

// Go to a field: candidates match the name (prefixes first) or the label, only from
// From on; tab completes and a second tab goes; ↑ picks from the end; esc cancels; a
// name nothing matches says so and the line stays.
func TestJumpToField(t *testing.T) {
	c := uitest.Common("")
	m := sample(c)
	j := form.NewJump(c.Styles, 3)
	j.Start(m)
	if !j.Active() || len(j.Candidates()) != 4 {
		t.Fatalf("open: active %v candidates %v", j.Active(), j.Candidates())
	}
	jumpType(&j, m, c, "targ") // the name "sci_targname" contains it; "target" (row 1) is not a candidate
	if got := j.Candidates(); len(got) != 1 || got[0] != 3 {
		t.Fatalf("candidates for targ: %v", got)
	}
	if res, _ := j.Key(m, key(tea.KeyTab), jumpKeys(c)); res != form.JumpTyping || j.Text() != "sci_targname" {
		t.Fatalf("tab: %v, line %q", res, j.Text())
	}
	if res, _ := j.Key(m, key(tea.KeyTab), jumpKeys(c)); res != form.JumpWent || j.Active() || m.Current().Name != "sci_targname" {
		t.Fatalf("second tab: %v, active %v, focus %s", res, j.Active(), m.Current().Name)
	}

	j.Start(m)
	jumpType(&j, m, c, "filt") // the label "Filters" matches
	if got := j.Candidates(); len(got) != 1 || got[0] != 5 {
		t.Fatalf("candidates for a label: %v", got)
	}
	j.Key(m, key(tea.KeyBackspace), jumpKeys(c))
	j.Key(m, key(tea.KeyBackspace), jumpKeys(c))
	j.Key(m, key(tea.KeyBackspace), jumpKeys(c))
	j.Key(m, key(tea.KeyBackspace), jumpKeys(c))
	jumpType(&j, m, c, "sci_")
	j.Key(m, key(tea.KeyUp), jumpKeys(c)) // the last candidate
	if j.Text() != "sci_aper_1234" {
		t.Fatalf("↑ picked %q", j.Text())
	}
	if res, _ := j.Key(m, key(tea.KeyEsc), jumpKeys(c)); res != form.JumpCancelled || j.Active() || m.Current().Name != "sci_targname" {
		t.Fatalf("esc: %v, focus %s", res, m.Current().Name)
	}

	j.Start(m)
	jumpType(&j, m, c, "zzz")
	if !strings.Contains(j.View(c.Styles, m, "Go to column", "column"), "no column matches") {
		t.Fatalf("jump line: %q", j.View(c.Styles, m, "Go to column", "column"))
	}
	if res, _ := j.Key(m, key(tea.KeyEnter), jumpKeys(c)); res != form.JumpNone || !j.Active() {
		t.Fatalf("enter on no match: %v, active %v", res, j.Active())
	}
}

// pauseMsg is the sample form's pause in typing.
type pauseMsg struct{}

// blockingCount hands each count's context to the test, then answers total (or err).
type blockingCount struct {
	started chan context.Context
	release chan struct{}
}

func (b blockingCount) count(total int64, err error) func(ctx context.Context) (int64, error) {
	return func(ctx context.Context) (int64, error) {
		b.started <- ctx
		<-b.release
		return total, err
	}
}

// pause is the debounce's answer for the newest wait, as the form's Requests address it.
func pause(l *form.Live) common.TabMsg {
	return common.TabMsg{To: l.Task, Req: l.Req.Current(l.Task), Msg: l.Pause}
}

// The live count hook: an edit waits for a pause, the pause lets the owner ask, the
// answer shows; the next edit cancels the count in flight and its late answer is
// dropped; a name with no position marks the form unresolved.
func TestLiveCountHook(t *testing.T) {
	l := &form.Live{Req: common.NewRequests(context.Background(), nil), Task: "live", Delay: 1, Pause: pauseMsg{}}
	if l.State() != form.Idle {
		t.Fatalf("state %v", l.State())
	}
	if l.Edited() == nil {
		t.Fatal("an edit set no pause")
	}
	got, ok := l.Req.Take(pause(l))
	if _, isPause := got.(pauseMsg); !ok || !isPause {
		t.Fatalf("the pause was not taken: %v %T", ok, got)
	}
	b := blockingCount{started: make(chan context.Context, 1), release: make(chan struct{})}
	ask := l.Ask(b.count(42, nil))
	if l.State() != form.Asking {
		t.Fatalf("state while asking %v", l.State())
	}
	answer := make(chan tea.Msg, 1)
	go func() { answer <- ask() }()
	ctx := <-b.started
	l.Edited() // the form changed under the count
	select {
	case <-ctx.Done():
	default:
		t.Fatal("the count in flight was not cancelled by the edit")
	}
	close(b.release)
	if _, ok := l.Req.Take((<-answer).(common.TabMsg)); ok {
		t.Fatal("the cancelled count's answer was taken")
	}

	l.Req.Take(pause(l))
	msg := uitest.Messages(l.Ask(func(context.Context) (int64, error) { return 42, nil }))[0]
	inner, ok := l.Req.Take(msg.(common.TabMsg))
	if !ok {
		t.Fatal("the newest count's answer was dropped")
	}
	l.Got(inner.(form.CountMsg))
	if l.State() != form.Known || l.Total != 42 {
		t.Fatalf("state %v total %d", l.State(), l.Total)
	}

	l.Edited()
	l.Req.Take(pause(l))
	a := &uitest.Archive{Unresolved: []string{"nowhere"}}
	msg = uitest.Messages(l.Ask(func(ctx context.Context) (int64, error) {
		_, err := a.Resolve(ctx, []string{"nowhere"}, "")
		return 0, err
	}))[0]
	inner, _ = l.Req.Take(msg.(common.TabMsg))
	l.Got(inner.(form.CountMsg))
	if l.State() != form.Problem || !l.Unresolved || l.Known || !strings.Contains(l.Problem, "nowhere") {
		t.Fatalf("unresolved: %+v", l)
	}
}
