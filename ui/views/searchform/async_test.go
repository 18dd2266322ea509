package searchform

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
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
	older := m.req.Current(countTask)
	if m.startCount() == nil {
		t.Fatal("no count requested")
	}
	newer := m.req.Current(countTask)
	m.Update(answer(countTask, older, CountMsg{N: 999}))
	if !m.Counting() {
		t.Fatal("an older answer ended the newer request")
	}
	if _, ok := m.Count(); ok {
		t.Fatal("an older answer was shown")
	}
	m.Update(answer(countTask, newer, CountMsg{N: 1804}))
	m.Update(answer(countTask, older, CountMsg{N: 7}))
	if n, ok := m.Count(); !ok || n != 1804 || m.Counting() {
		t.Fatalf("count %d %v counting %v, want 1804", n, ok, m.Counting())
	}
	if !strings.Contains(m.View(), "≈ 1,804 observations match") {
		t.Fatalf("count not drawn:\n%s", m.View())
	}
	// An error from the newest request is a short dim line, not a toast; the whole of it
	// goes to the message log (ctrl+l).
	m.startCount()
	cmd := m.Update(answer(countTask, m.req.Current(countTask), CountMsg{Err: fmt.Errorf("MAST answered 503\nmore detail")}))
	if !strings.Contains(m.View(), "count unavailable: MAST answered 503") || strings.Contains(m.View(), "more detail") {
		t.Fatalf("count error:\n%s", m.View())
	}
	if n, ok := cmd().(common.NoteMsg); !ok || n.Text != "Count unavailable: MAST answered 503\nmore detail" {
		t.Fatalf("noted %#v", cmd())
	}
}

// Typing fast arms one timer; validation and the count run once, after typing stops.
func TestDebounceSendsOneCount(t *testing.T) {
	a := newFake()
	m := newForm(t, a, 100, 30)
	m.delays = [2]time.Duration{validateDelay, countDelay}
	clock := time.Unix(1000, 0)
	m.now = func() time.Time { return clock }
	m.setFocus(FieldInstrument)

	var timers int
	for i, r := range "NIRCAM*" {
		clock = clock.Add(50 * time.Millisecond)
		if cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}); cmd != nil {
			timers++
			if i > 0 {
				t.Fatalf("key %d armed a second timer", i)
			}
		}
	}
	if timers != 1 {
		t.Fatalf("%d timers for one burst of typing", timers)
	}
	// The timer fires 300 ms after the first key: typing went on, so it re-arms.
	clock = clock.Add(-6*50*time.Millisecond + validateDelay)
	cmd := m.Update(debounceMsg{})
	if cmd == nil || len(a.validations) != 0 {
		t.Fatal("the timer did not re-arm while typing went on")
	}
	// 300 ms after the last key: validation runs (once), then the count 400 ms after it.
	clock = time.Unix(1000, 0).Add(7*50*time.Millisecond + validateDelay)
	cmd = m.Update(debounceMsg{})
	msgs := runAll(cmd)
	if len(msgs) != 1 || len(a.validations) != 1 {
		t.Fatalf("validation: %d messages, %d calls", len(msgs), len(a.validations))
	}
	cmd = m.Update(msgs[0]) // ValidatedMsg: 300 ms idle, the count waits 100 ms more
	if len(a.Counts()) != 0 || cmd == nil {
		t.Fatal("counted before 400 ms of quiet")
	}
	clock = clock.Add(countDelay - validateDelay)
	drive(t, m, m.Update(countTickMsg{Edit: m.editSeq}))
	counts := a.Counts()
	if len(counts) != 1 {
		t.Fatalf("%d counts, want 1", len(counts))
	}
	if got := counts[0].Criteria; len(got) != 1 || got[0] != (mast.Criterion{Name: "instrument_name", Value: "NIRCAM*"}) {
		t.Fatalf("counted %+v", got)
	}
	// A count timer of an older edit does nothing.
	typeInto(m, "x")
	if m.Update(countTickMsg{Edit: m.editSeq - 1}) != nil || len(a.Counts()) != 1 {
		t.Fatal("a stale count timer counted")
	}
}

// The whole chain with real (short) timers: one count for a burst of typing.
func TestDebounceWithTimers(t *testing.T) {
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

// An answer for an older request or edit is dropped.
func TestStaleValidationIsDropped(t *testing.T) {
	a := newFake()
	m := newForm(t, a, 100, 30)
	fill(t, m, FieldExposure, "abc")
	m.validate(false) // the newest request, for an older edit
	m.Update(answer(validateTask, m.req.Current(validateTask), ValidatedMsg{Edit: m.editSeq - 1, Fields: []int{FieldExposure}, Bad: []BadCriterion{{0, "old"}}}))
	m.validate(false)
	older := m.req.Current(validateTask)
	m.validate(false) // an older request, for the current edit
	m.Update(answer(validateTask, older, ValidatedMsg{Edit: m.editSeq, Fields: []int{FieldExposure}, Bad: []BadCriterion{{0, "old"}}}))
	if e := m.Errors()[FieldExposure]; e != "" {
		t.Fatalf("stale verdict shown: %q", e)
	}
	m.Update(answer(validateTask, m.req.Current(validateTask), ValidatedMsg{Edit: m.editSeq, Fields: []int{FieldExposure}, Bad: []BadCriterion{{0, "criterion t_exptime=abc: bad"}}}))
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
