package ui_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"mastui/services/mast"
	"mastui/services/testmode"
	"mastui/ui"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/results"
	"mastui/ui/views/searchform"
)

// run executes cmd (and the batches it yields) and returns the messages it produces, with
// the timers shorter than 50 ms fired (see runFor).
func run(cmd tea.Cmd) []tea.Msg { return runFor(cmd, 50*time.Millisecond) }

// runFor executes cmd (and the batches it yields) and returns the messages it produces.
// Real work (a request to the fake or to the simulator) is waited for. The models run on
// a test clock (uitest.Clock), so a timer answers at once with its description: one
// shorter than window fires (the clock moves on to it), a longer one (toast expiry
// after a short window) is dropped, as if the test had moved on before it fired. Event
// listeners are parked: the tests send events themselves.
func runFor(cmd tea.Cmd, window time.Duration) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runFor(c, window)...)
		}
		return out
	case common.TimerMsg:
		if msg.Delay < window {
			return runFor(msg.Fire, window)
		}
		return nil
	case common.ListenMsg:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

// settle feeds the messages of cmd back into m until nothing but timers remain. It
// fails the test on tea.Quit.
func settle(t testing.TB, m *ui.Model, cmd tea.Cmd) { settleWait(t, m, cmd, 50*time.Millisecond) }

func settleWait(t testing.TB, m *ui.Model, cmd tea.Cmd, wait time.Duration) {
	t.Helper()
	for i := 0; i < 50 && cmd != nil; i++ {
		var next []tea.Cmd
		for _, msg := range runFor(cmd, wait) {
			switch msg.(type) {
			case tea.QuitMsg:
				t.Fatal("the model quit")
			case spinner.TickMsg:
				continue // frames only
			}
			_, c := m.Update(msg)
			next = append(next, c)
		}
		cmd = tea.Batch(next...)
	}
}

func send(t testing.TB, m *ui.Model, msgs ...tea.Msg) {
	t.Helper()
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		settle(t, m, cmd)
	}
}

// sendSim is send for a model on the simulator: answers get up to 3 s each (timers
// longer than that, such as toast expiry, are left).
func sendSim(t testing.TB, m *ui.Model, msgs ...tea.Msg) {
	t.Helper()
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		settleWait(t, m, cmd, 3*time.Second)
	}
}

func typeText(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

func started(t *testing.T, a ui.Archive, w, h int) *ui.Model {
	t.Helper()
	m := newApp(a, 400)
	send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	return m
}

func pageOf(t *testing.T, a *uitest.Archive, page int) *mast.Page {
	t.Helper()
	p, err := a.SearchPage(t.Context(), mast.Query{Object: "M101"}, page, 400)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSearchLoadsFirstPage(t *testing.T) {
	a := &uitest.Archive{Rows: 1200}
	m := started(t, a, 120, 30)
	if m.Focus() != "results" || m.Results().Loaded() != 400 || m.Results().Total() != 1200 {
		t.Fatalf("focus %s, loaded %d of %d", m.Focus(), m.Results().Loaded(), m.Results().Total())
	}
	if got := a.Pages(); !reflect.DeepEqual(got, []int{1}) {
		t.Fatalf("pages requested %v, want [1]", got)
	}
	q := a.Calls()[0].Query
	if q.Object != "M101" || q.Position != nil || q.RadiusDeg != 0.2 || a.Calls()[0].PageSize != 400 {
		t.Fatalf("query %+v", a.Calls()[0])
	}
	if v := m.View(); !strings.Contains(v, "M101 → 210.802429 +54.348750 (SIMBAD)") {
		t.Fatalf("resolved position missing:\n%s", v)
	}
}

func TestCoordinateSearchSetsPosition(t *testing.T) {
	a := &uitest.Archive{Rows: 10}
	m := newApp(a, 400)
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	send(t, m, typeText("14h03m12.6s +54d20m56s")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyCtrlU})
	send(t, m, typeText("3 arcmin")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeySpace}, tea.KeyMsg{Type: tea.KeySpace})
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	calls := a.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls", len(calls))
	}
	q := calls[0].Query
	if q.Object != "" || q.Position == nil || q.Resolver != "NED" {
		t.Fatalf("query %+v", q)
	}
	if d := q.Position.RA - 210.8025; d > 1e-4 || d < -1e-4 || q.RadiusDeg != 0.05 {
		t.Fatalf("position %+v radius %v", *q.Position, q.RadiusDeg)
	}
}

func TestStalePageIsDropped(t *testing.T) {
	a := &uitest.Archive{Rows: 1200}
	m := newApp(a, 400)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	// Two searches; hold their answers and deliver the old one last-but-late.
	_, _ = m.Update(searchMsg("M101"))
	old := m.Results().QueryID()
	_, _ = m.Update(searchMsg("M51"))
	if m.Results().QueryID() == old {
		t.Fatal("a new search kept the query id")
	}
	send(t, m, pageAnswer(old, results.PageLoadedMsg{Page: 1, Result: pageOf(t, a, 1)}))
	if n := m.Results().Loaded(); n != 0 {
		t.Fatalf("stale page applied: %d rows loaded", n)
	}
	if m.Results().Inflight() != 1 {
		t.Fatal("stale page cleared the in-flight page")
	}
	send(t, m, pageAnswer(m.Results().QueryID(), results.PageLoadedMsg{Page: 1, Result: pageOf(t, a, 1)}))
	if n := m.Results().Loaded(); n != 400 {
		t.Fatalf("current page not applied: %d rows", n)
	}
	// A late page 2 of the old query is dropped too.
	send(t, m, pageAnswer(old, results.PageLoadedMsg{Page: 2, Result: pageOf(t, a, 2)}))
	if n := m.Results().Loaded(); n != 400 {
		t.Fatalf("stale page 2 applied: %d rows", n)
	}
}

func searchMsg(target string) tea.Msg {
	return searchformSubmit(common.Search{Query: mast.Query{Object: target}, Target: target, Radius: "0.2 deg"})
}

func TestLazyPagingRequestsNextPage(t *testing.T) {
	gate := make(chan struct{})
	a := &uitest.Archive{Rows: 1200}
	m := started(t, a, 120, 30)
	a.Gate = gate // hold the next request in flight
	defer close(gate)

	// Moving a little does not fetch.
	send(t, m, typeText("jjjj")...)
	if got := a.Pages(); len(got) != 1 {
		t.Fatalf("fetched early: %v", got)
	}
	// Near the end of the loaded rows, page 2 is requested once (G asks first whether
	// to load every page: n goes to the last loaded row).
	m.Update(tea.KeyMsg{Type: tea.KeyEnd})
	_, cmd := m.Update(key("n"))
	if m.Results().Inflight() != 2 || cmd == nil {
		t.Fatalf("no page 2 in flight (inflight %d)", m.Results().Inflight())
	}
	if act := m.Results().Activity(); act != "Fetching page 2/3…" {
		t.Fatalf("activity %q", act)
	}
	if !strings.Contains(m.View(), "Fetching page 2/3…") {
		t.Fatalf("status line lacks the fetch:\n%s", m.View())
	}
	// While it is in flight, more keys ask for nothing else.
	for _, k := range []string{"k", "j", "G"} {
		if _, c := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}); c != nil {
			for _, msg := range run(c) {
				if _, ok := msg.(results.PageLoadedMsg); ok {
					t.Fatal("a second page request while one is in flight")
				}
			}
		}
	}
	go func() { gate <- struct{}{} }()
	for _, msg := range runWait(cmd) {
		if _, ok := msg.(spinner.TickMsg); !ok {
			send(t, m, msg)
		}
	}
	if n := m.Results().Loaded(); n != 800 {
		t.Fatalf("after page 2: %d rows", n)
	}
	if got := a.Pages(); !reflect.DeepEqual(got[:2], []int{1, 2}) {
		t.Fatalf("pages requested %v", got)
	}
}

// runWait runs a batch and waits for its page answer (the fake is gated).
func runWait(cmd tea.Cmd) []tea.Msg {
	msg := cmd()
	b, ok := msg.(tea.BatchMsg)
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range b {
		if c == nil {
			continue
		}
		done := make(chan tea.Msg, 1)
		go func() { done <- c() }()
		select {
		case m := <-done:
			out = append(out, m)
		case <-time.After(15 * time.Second):
		}
	}
	return out
}

func TestArchiveErrorShowsToastAndKeepsRunning(t *testing.T) {
	a := &uitest.Archive{Rows: 1200, Fail: errors.New("server said 500: \x1b]0;pwned\x07Internal Server Error")}
	m := started(t, a, 100, 30)
	toast := m.Toast()
	if !strings.Contains(toast, "Search failed") || !strings.Contains(toast, "Internal Server Error") {
		t.Fatalf("toast %q", toast)
	}
	if strings.Contains(toast, "\x1b") || strings.Contains(m.View(), "\x1b") || strings.Contains(m.View(), "pwned") {
		t.Fatal("escape sequence from the server reached the screen")
	}
	// The app keeps running: retry, edit the search, search again.
	a.Fail = nil
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
	if m.Toast() != "" {
		t.Fatal("a key press did not clear the toast")
	}
	if m.Results().Loaded() != 400 {
		t.Fatalf("retry loaded %d rows", m.Results().Loaded())
	}
	// A later page failing shows a toast and paging waits for retry.
	a.Fail = errors.New("timeout")
	send(t, m, tea.KeyMsg{Type: tea.KeyEnd}, key("n"))
	if !strings.Contains(m.Toast(), "Page 2 failed") {
		t.Fatalf("toast %q", m.Toast())
	}
	if !strings.Contains(m.View(), "Page 2 failed") {
		t.Fatalf("toast not drawn:\n%s", m.View())
	}
	a.Fail = nil
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
	if m.Results().Loaded() < 800 {
		t.Fatalf("retry of page 2 loaded %d rows", m.Results().Loaded())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	if m.Focus() != "form" {
		t.Fatal("/ did not open the form")
	}
}

func TestEscKeepsFormContents(t *testing.T) {
	a := &uitest.Archive{Rows: 1200}
	m := started(t, a, 100, 30)
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Focus() != "form" {
		t.Fatal("esc did not go back to the form")
	}
	v := m.View()
	if !strings.Contains(v, "[M101") || !strings.Contains(v, "M101 → 210.802429 +54.348750 (SIMBAD)") {
		t.Fatalf("form lost its contents or resolved position:\n%s", v)
	}
	// q types in the form; esc goes back to the results.
	send(t, m, typeText("q")...)
	if !strings.Contains(m.View(), "[M101q") {
		t.Fatalf("q did not type:\n%s", m.View())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Focus() != "results" {
		t.Fatal("esc from the form did not return to the results")
	}
}

func TestEmptyResults(t *testing.T) {
	m := started(t, &uitest.Archive{Rows: 0}, 100, 30)
	if v := m.View(); !strings.Contains(v, "No observations match M101 within 0.2 deg.") {
		t.Fatalf("no empty state:\n%s", v)
	}
}

func TestSpinnerOnlyWhileBusy(t *testing.T) {
	gate := make(chan struct{})
	a := &uitest.Archive{Rows: 1200, Gate: gate}
	m := newApp(a, 400)
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	send(t, m, typeText("M101")...)
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter}) // the form resolves the name, then SubmitMsg
	msgs := run(cmd)
	for len(msgs) == 1 {
		if _, ok := unwrap(msgs[0]).(searchform.SubmitMsg); ok {
			break
		}
		_, cmd = m.Update(msgs[0])
		msgs = run(cmd)
	}
	_, cmd = m.Update(msgs[0]) // starts the search
	if !strings.Contains(m.View(), "Resolving M101…") {
		t.Fatalf("no activity:\n%s", m.View())
	}
	go func() { gate <- struct{}{} }()
	var tick tea.Msg
	for _, msg := range runWait(cmd) {
		if _, ok := msg.(spinner.TickMsg); ok {
			tick = msg
			continue
		}
		send(t, m, msg)
	}
	if tick == nil {
		t.Fatal("no spinner tick while busy")
	}
	if _, c := m.Update(tick); c != nil {
		t.Fatal("spinner kept ticking while idle")
	}
	if strings.Contains(m.View(), "Resolving") {
		t.Fatal("activity shown while idle")
	}
}

// TestResizeMatrixSweep: whatever the size and screen, the view never exceeds the terminal.
func TestResizeMatrixSweep(t *testing.T) {
	testmode.Sweep(t)
	screens := map[string]func(t *testing.T) *ui.Model{
		"form": func(t *testing.T) *ui.Model { return newApp(&uitest.Archive{Rows: 10}, 400) },
		"form-errors": func(t *testing.T) *ui.Model {
			m := newApp(&uitest.Archive{Rows: 10}, 400)
			send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
			send(t, m, typeText("999 99")...)
			send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyCtrlU})
			send(t, m, typeText("1 parsec with a very long explanation that goes on")...)
			send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
			return m
		},
		"results": func(t *testing.T) *ui.Model { return started(t, &uitest.Archive{Rows: 1200}, 100, 30) },
		"results-scrolled": func(t *testing.T) *ui.Model {
			m := started(t, &uitest.Archive{Rows: 1200}, 100, 30)
			send(t, m, typeText("llllllllGkk")...)
			return m
		},
		"help": func(t *testing.T) *ui.Model {
			m := started(t, &uitest.Archive{Rows: 1200}, 100, 30)
			send(t, m, typeText("?")...)
			return m
		},
		"toast": func(t *testing.T) *ui.Model {
			return started(t, &uitest.Archive{Fail: errors.New(strings.Repeat("very long error ", 30))}, 100, 30)
		},
		"empty": func(t *testing.T) *ui.Model { return started(t, &uitest.Archive{}, 100, 30) },
		"details": func(t *testing.T) *ui.Model {
			m := started(t, &uitest.Archive{Rows: 1200}, 100, 40)
			send(t, m, typeText("jjlld")...)
			return m
		},
		"sorted-chooser": func(t *testing.T) *ui.Model {
			m := started(t, &uitest.Archive{Rows: 1200}, 100, 30)
			send(t, m, typeText("lloc")...)
			return m
		},
		"products": func(t *testing.T) *ui.Model {
			m := started(t, withObsid{&uitest.Archive{Rows: 1200}}, 100, 30)
			send(t, m, typeText("a")...)
			send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
			send(t, m, typeText("U  ")...)
			return m
		},
		"products-help": func(t *testing.T) *ui.Model {
			m := started(t, withObsid{&uitest.Archive{Rows: 1200}}, 100, 30)
			send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
			send(t, m, typeText("?")...)
			return m
		},
		"missions-form": func(t *testing.T) *ui.Model {
			m := started(t, &uitest.Archive{Rows: 1200}, 100, 30)
			send(t, m, typeText("M")...)
			send(t, m, tea.KeyMsg{Type: tea.KeyTab})
			return m
		},
		"missions-results": func(t *testing.T) *ui.Model {
			m := started(t, &uitest.Archive{Rows: 1200}, 100, 30)
			send(t, m, typeText("M")...)
			send(t, m, tea.KeyMsg{Type: tea.KeyTab})
			send(t, m, typeText("M101")...)
			send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
			send(t, m, typeText("lllG")...)
			return m
		},
		"products-editing-help": func(t *testing.T) *ui.Model {
			m := started(t, withObsid{&uitest.Archive{Rows: 1200}}, 100, 30)
			send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
			send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			send(t, m, typeText("?")...)
			if !m.HelpVisible() {
				t.Fatal("no help")
			}
			send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
			send(t, m, typeText("/a-very-long-file-name-filter-that-goes-on-and-on")...)
			return m
		},
	}
	for name, mk := range screens {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // independent models: both cores draw
			m := mk(t)
			check := func(w, h int) {
				send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
				v := m.View()
				if gw, gh := lipgloss.Width(v), lipgloss.Height(v); gw > w || gh > h {
					t.Fatalf("%dx%d: view is %dx%d:\n%s", w, h, gw, gh, v)
				}
				if w >= ui.MinWidth && h >= ui.MinHeight && lipgloss.Height(v) != h {
					t.Fatalf("%dx%d: view has %d lines", w, h, lipgloss.Height(v))
				}
			}
			for w := 60; w <= 200; w += 7 {
				for h := 15; h <= 60; h += 5 {
					check(w, h)
				}
			}
			check(200, 60)
			for _, s := range [][2]int{{59, 14}, {40, 10}, {20, 5}, {1, 1}, {60, 15}} {
				check(s[0], s[1])
			}
			if v := fmt.Sprint(m.View()); v == "" {
				t.Fatal("empty view")
			}
		})
	}
}

func TestKeyBurstsAreSplit(t *testing.T) {
	m := started(t, &uitest.Archive{Rows: 1200}, 100, 30)
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjjk")})
	if c := m.Results().Cursor(); c != 2 {
		t.Fatalf("cursor %d after a jjjk burst, want 2", c)
	}
	// "/" opens the form; the rest of the burst types into it.
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/x")})
	if m.Focus() != "form" || !strings.Contains(m.View(), "[M101x") {
		t.Fatalf("focus %s:\n%s", m.Focus(), m.View())
	}
}

// Enter on a name with no position stays in the form, the reason under the target, and
// runs no search (issue 9: "Search failed" with a pointless "r retries").
func TestUnresolvableNameStaysInTheForm(t *testing.T) {
	a := &uitest.Archive{Rows: 10, Unresolved: []string{"NoSuchThing"}}
	m := newApp(a, 400)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	send(t, m, typeText("NoSuchThing")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if m.Focus() != "form" || len(a.Calls()) != 0 || strings.Contains(m.Toast(), "Search failed") {
		t.Fatalf("focus %s, %d searches, toast %q", m.Focus(), len(a.Calls()), m.Toast())
	}
	if v := m.View(); !strings.Contains(v, `✗ could not resolve "NoSuchThing" to a sky position`) || strings.Contains(v, "r retries") {
		t.Fatalf("screen:\n%s", v)
	}
}

// Esc in the Collection list's filter clears the filter and stays in the form; the next
// esc goes back to the results (issue 9: the first esc left the form).
func TestEscClearsCollectionFilterFirst(t *testing.T) {
	m := newApp(&uitest.Archive{Rows: 10}, 400)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(t, m, m.Init()) // the collections
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter}, key("/"))
	send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyTab})
	send(t, m, typeText("HS")...)
	if v := m.View(); m.Focus() != "form" || !strings.Contains(v, "filter: HS") {
		t.Fatalf("focus %s:\n%s", m.Focus(), v)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if v := m.View(); m.Focus() != "form" || strings.Contains(v, "filter: HS") {
		t.Fatalf("first esc: focus %s:\n%s", m.Focus(), v)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Focus() != "results" {
		t.Fatalf("second esc: focus %s", m.Focus())
	}
}

// A long error is readable whole: the toast wraps to its cause, the failed search
// shows it all, and ctrl+l opens the message log with it and the log file's path
// (issue 9: "no such host" was cut off before the cause).
func TestLongErrorReadableWhole(t *testing.T) {
	long := errors.New(`after 5 retries: columnsconfig Mast.Caom.Cone: Post "http://nosuchhost.invalid/portal/Mashup/Mashup.asmx/invoke": dial tcp: lookup nosuchhost.invalid: no such host`)
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10, Fail: long}, ui.Options{PageSize: 400, LogPath: "/state/mastui/mastui.log"})
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	send(t, m, typeText("210.8 54.3")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	v := m.View()
	if strings.Count(v, "lookup nosuchhost.invalid: no such host") != 2 { // the view and the toast
		t.Fatalf("the cause is not shown twice:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if lipgloss.Width(l) > 100 {
			t.Fatalf("line wider than 100: %q", l)
		}
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlL})
	v = m.View()
	if !m.MessagesVisible() || !strings.Contains(v, "Messages") || !strings.Contains(v, "no such host") || !strings.Contains(v, "Log file: /state/mastui/mastui.log") {
		t.Fatalf("message log:\n%s", v)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.MessagesVisible() {
		t.Fatal("esc did not close the message log")
	}
	// From a text field too: ctrl+l is not typed.
	send(t, m, key("/"), tea.KeyMsg{Type: tea.KeyCtrlL})
	if !m.MessagesVisible() || m.Focus() != "form" {
		t.Fatalf("ctrl+l in the form: shown %v, focus %s", m.MessagesVisible(), m.Focus())
	}
}

// Toasts expire on the session's clock: within the error toast's life (6 s) it stays,
// past it the toast is gone, and no test waits six real seconds for that.
func TestToastExpiresOnTheClock(t *testing.T) {
	for _, c := range []struct {
		window  time.Duration
		visible bool
	}{{5 * time.Second, true}, {7 * time.Second, false}} {
		session, clock := uitest.ClockedCommon("")
		m := ui.NewModel(session, &uitest.Archive{Rows: 10, Fail: errors.New("boom")}, ui.Options{PageSize: 400})
		send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
		send(t, m, typeText("M101")...)
		_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
		start := clock.Now()
		settleWait(t, m, cmd, c.window)
		if got := strings.Contains(m.Toast(), "boom"); got != c.visible {
			t.Errorf("after %v: toast %q, want visible %v", c.window, m.Toast(), c.visible)
		}
		if moved := clock.Now().Sub(start); !c.visible && moved < 6*time.Second {
			t.Errorf("the toast expired %v into its 6 s life on the session clock", moved)
		}
	}
}
