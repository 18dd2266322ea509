package searchform

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
)

// An older count answer arriving after a newer one never overwrites it, and an older
// answer arriving first does not end the newer request.
func TestStaleCountIsDropped(t *testing.T) {
	m := newForm(t, newFake(), 100, 30)
	m.SetTarget("M101")
	drive(t, m, m.resolveTarget(false)) // a name is counted once its position is known
	if m.startCount() == nil {
		t.Fatal("no count requested")
	}
	older := m.req.Current(liveTask)
	if m.startCount() == nil {
		t.Fatal("no count requested")
	}
	newer := m.req.Current(liveTask)
	m.Update(answer(liveTask, older, form.CountMsg{Total: 999}))
	if !m.Counting() {
		t.Fatal("an older answer ended the newer request")
	}
	if _, ok := m.Count(); ok {
		t.Fatal("an older answer was shown")
	}
	m.Update(answer(liveTask, newer, form.CountMsg{Total: 1804}))
	m.Update(answer(liveTask, older, form.CountMsg{Total: 7}))
	if n, ok := m.Count(); !ok || n != 1804 || m.Counting() {
		t.Fatalf("count %d %v counting %v, want 1804", n, ok, m.Counting())
	}
	if !strings.Contains(m.View(), "≈ 1,804 observations match") {
		t.Fatalf("count not drawn:\n%s", m.View())
	}
	// An error from the newest request is a short dim line, not a toast; the whole of it
	// goes to the message log (ctrl+l).
	m.startCount()
	cmd := m.Update(answer(liveTask, m.req.Current(liveTask), form.CountMsg{Err: fmt.Errorf("MAST answered 503\nmore detail")}))
	if !strings.Contains(m.View(), "count unavailable: MAST answered 503") || strings.Contains(m.View(), "more detail") {
		t.Fatalf("count error:\n%s", m.View())
	}
	if n, ok := cmd().(common.NoteMsg); !ok || n.Text != "Count unavailable: MAST answered 503\nmore detail" {
		t.Fatalf("noted %#v", cmd())
	}
}

// Typing fast: every key restarts the pause, so only the last key's pause is taken;
// validation and the count then run once, for the text as typed.
func TestPauseSendsOneCount(t *testing.T) {
	a := newFake()
	m := newForm(t, a, 100, 30)
	m.setFocus(FieldInstrument)
	var pauses []common.TimerMsg
	for _, cmd := range typeInto(m, "NIRCAM*") {
		tm, ok := cmd().(common.TimerMsg)
		if !ok || tm.Delay != liveDelay {
			t.Fatalf("a key armed %#v, want a pause of %v", tm, liveDelay)
		}
		pauses = append(pauses, tm)
	}
	// The pauses of the earlier keys end (their timers fire) but are dropped.
	for _, p := range pauses[:len(pauses)-1] {
		if cmd := m.Update(p.Fire()); cmd != nil {
			t.Fatal("the pause of an earlier key did something")
		}
	}
	if len(a.validations) != 0 || len(a.Counts()) != 0 {
		t.Fatal("checked or counted while typing")
	}
	drive(t, m, m.Update(pauses[len(pauses)-1].Fire()))
	if len(a.validations) != 1 {
		t.Fatalf("%d validations, want 1", len(a.validations))
	}
	counts := a.Counts()
	if len(counts) != 1 {
		t.Fatalf("%d counts, want 1", len(counts))
	}
	if got := counts[0].Criteria; len(got) != 1 || got[0] != (mast.Criterion{Name: "instrument_name", Value: "NIRCAM*"}) {
		t.Fatalf("counted %+v", got)
	}
	if n, ok := m.Count(); !ok || n != 1804 {
		t.Fatalf("count %d %v", n, ok)
	}
}

// The whole chain from the keys: one count for a burst of typing, of the target as typed.
func TestTypingCountsOnce(t *testing.T) {
	a := newFake()
	m := newForm(t, a, 100, 30)
	m.setFocus(FieldTarget)
	drive(t, m, tea.Batch(typeInto(m, "M101")...))
	if n := len(a.Counts()); n != 1 {
		t.Fatalf("%d counts for one burst", n)
	}
	if q := a.Counts()[0]; q.Object != "M101" || q.RadiusDeg != 0.2 {
		t.Fatalf("count query %+v", q)
	}
	if n, ok := m.Count(); !ok || n != 1804 {
		t.Fatalf("count %d %v", n, ok)
	}
}

// The archive's verdict lands under the field the bad criterion came from (all of them,
// though the archive names one at a time), and enter does not search until it is fixed.
func TestValidationMarksFieldAndBlocksSubmit(t *testing.T) {
	a := newFake()
	a.validate = func(cs []mast.Criterion) error {
		for i, c := range cs {
			if strings.Contains(c.Value, "abc") || strings.Contains(c.Value, "zz") {
				return &mast.CriterionError{Index: i, Name: c.Name,
					Err: fmt.Errorf("criterion %s=%s: %q is not a number", c.Name, c.Value, c.Value)}
			}
		}
		return nil
	}
	m := newForm(t, a, 120, 40)
	fill(t, m, FieldInstrument, "NIRCAM*")
	fill(t, m, FieldCalib, "zz")
	fill(t, m, FieldExposure, "abc")
	m.setFocus(FieldTarget)
	if _, ok := submit(t, m); ok {
		t.Fatal("submitted with invalid criteria")
	}
	errs := m.Errors()
	if errs[FieldExposure] != `"abc" is not a number` || errs[FieldCalib] != `"zz" is not a number` || errs[FieldInstrument] != "" {
		t.Fatalf("errors %q", errs)
	}
	if m.Focused() != FieldCalib {
		t.Fatalf("focus %d, want the first bad field", m.Focused())
	}
	v := m.View()
	if !strings.Contains(v, `✗ "abc" is not a number`) || !strings.Contains(v, "fix the marked field") {
		t.Fatalf("errors not drawn:\n%s", v)
	}
	// Known bad: enter asks nothing and sends nothing.
	calls := len(a.validations)
	if cmd := press(m, m.c.Keys.Form.Submit); cmd != nil || len(a.validations) != calls {
		t.Fatal("enter with a known-bad field did something")
	}
	fill(t, m, FieldCalib, "2..3")
	fill(t, m, FieldExposure, ">100")
	if m.Errors()[FieldExposure] != "" {
		t.Fatal("editing did not clear the error")
	}
	msg, ok := submit(t, m)
	if !ok || len(msg.Search.Query.Criteria) != 3 {
		t.Fatalf("fixed form not submitted: %+v %q", msg, m.Errors())
	}
}

// A verdict for an older request is dropped, and so is one for a form edited since:
// the edit started a newer request of the live task (its pause).
func TestStaleValidationIsDropped(t *testing.T) {
	a := newFake()
	m := newForm(t, a, 100, 30)
	fill(t, m, FieldExposure, "abc")
	m.validate(false)
	edited := m.req.Current(liveTask)
	typeInto(m, "d") // the form changes while the check is in flight
	m.Update(answer(liveTask, edited, ValidatedMsg{Fields: []int{FieldExposure}, Bad: []BadCriterion{{0, "old"}}}))
	m.validate(false)
	older := m.req.Current(liveTask)
	m.validate(false)
	m.Update(answer(liveTask, older, ValidatedMsg{Fields: []int{FieldExposure}, Bad: []BadCriterion{{0, "old"}}}))
	if e := m.Errors()[FieldExposure]; e != "" {
		t.Fatalf("stale verdict shown: %q", e)
	}
	m.Update(answer(liveTask, m.req.Current(liveTask), ValidatedMsg{Fields: []int{FieldExposure}, Bad: []BadCriterion{{0, "criterion t_exptime=abc: bad"}}}))
	if e := m.Errors()[FieldExposure]; e != "criterion t_exptime=abc: bad" {
		t.Fatalf("current verdict %q", e)
	}
}

// Enter right after typing (before the debounce) validates first, then searches.
func TestEnterValidatesFirst(t *testing.T) {
	a := newFake()
	m := newForm(t, a, 100, 30)
	m.setFocus(FieldFilters)
	typeInto(m, "F277W") // the timer is not run
	msg, ok := submit(t, m)
	if !ok || len(a.validations) == 0 || msg.Search.Query.Criteria[0].Value != "F277W" {
		t.Fatalf("submit %v, %d validations", ok, len(a.validations))
	}
	// That check took the place of the pause's (the edit cancelled it): the form is
	// counted too, so the count line is of the form as searched when one comes back.
	if n, ok := m.Count(); !ok || n != 1804 || len(a.Counts()) != 1 {
		t.Fatalf("count %d %v after enter, %d counts", n, ok, len(a.Counts()))
	}
	// The fake rejects unknown columns: the add row's column is checked the same way.
	m.Reset()
	press(m, m.c.Keys.Form.Add)
	typeInto(m, "srcDen")
	press(m, m.c.Keys.Form.Submit)
	if e := m.Errors()[m.addIndex()]; m.meta != nil && !strings.Contains(e, "unknown column") {
		t.Fatalf("add row error %q", e)
	}
}

// answer is the answer msg of request req of task, as the form's Requests address it.
func answer(task string, req uint64, msg tea.Msg) common.TabMsg {
	return common.TabMsg{To: task, Req: req, Msg: msg}
}
