package searchform

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
)

// blockingValidator hands the context of every validation to the test and waits for it
// to end.
type blockingValidator struct {
	*fakeArchive
	started chan context.Context
}

func (a *blockingValidator) ValidateCriteria(ctx context.Context, _ []mast.Criterion) error {
	a.started <- ctx
	<-ctx.Done()
	return ctx.Err()
}

// A new validation cancels the one in flight (its context ends) and its late answer is
// dropped: before the request tracker, every validation ran to its end on the session's
// context.
func TestNewValidationCancelsThePrevious(t *testing.T) {
	a := &blockingValidator{fakeArchive: newFake(), started: make(chan context.Context, 2)}
	m := newForm(t, a, 100, 30)
	m.setFocus(FieldExposure)
	typeInto(m, ">100") // the debounce timer is not run
	first := m.validate(false)
	answers := make(chan tea.Msg, 1)
	go func() { answers <- first() }()
	ctx := <-a.started
	if ctx.Err() != nil {
		t.Fatal("the first validation started cancelled")
	}
	m.validate(false) // the form changed: validate again
	select {
	case <-ctx.Done():
	default:
		t.Fatal("the first validation's context was not cancelled by the second")
	}
	late := <-answers // the cancelled request answers late
	if env, ok := late.(common.TabMsg); !ok || env.To != liveTask {
		t.Fatalf("answer %#v, want one addressed to %q", late, liveTask)
	}
	m.Update(late)
	if m.valErr != "" || m.validated {
		t.Fatalf("the cancelled validation's answer was taken: valErr %q", m.valErr)
	}
}

// blockingCounter hands the context of every count to the test and waits for it to end.
type blockingCounter struct {
	*fakeArchive
	started chan context.Context
}

func (a *blockingCounter) Count(ctx context.Context, _ mast.Query) (int64, error) {
	a.started <- ctx
	<-ctx.Done()
	return 0, ctx.Err()
}

// A keystroke cancels the count in flight (its context ends) and its late answer is
// dropped: the count was of a form that no longer is.
func TestKeystrokeCancelsTheCountInFlight(t *testing.T) {
	a := &blockingCounter{fakeArchive: newFake(), started: make(chan context.Context, 1)}
	m := newForm(t, a, 100, 30)
	m.setFocus(FieldInstrument)
	typeInto(m, "NIRCAM") // the debounce is not run
	count := m.startCount()
	if count == nil || !m.Counting() {
		t.Fatal("no count started")
	}
	answers := make(chan tea.Msg, 1)
	go func() {
		for _, msg := range runAll(count) { // the count and the spinner's first frame
			if env, ok := msg.(common.TabMsg); ok {
				answers <- env
			}
		}
	}()
	ctx := <-a.started
	typeInto(m, "*")
	select {
	case <-ctx.Done():
	default:
		t.Fatal("the keystroke did not cancel the count in flight")
	}
	m.Update(<-answers)
	if _, ok := m.Count(); ok || m.Counting() {
		t.Fatal("the cancelled count's answer was taken, or the form still counts")
	}
	if v := m.View(); strings.Contains(v, "cancel") {
		t.Fatalf("a cancelled count shows:\n%s", v)
	}
}
