package searchform

import (
	"context"
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
	if env, ok := late.(common.TabMsg); !ok || env.To != validateTask {
		t.Fatalf("answer %#v, want one addressed to %q", late, validateTask)
	}
	m.Update(late)
	if m.valErr != "" || m.valEdit == m.editSeq {
		t.Fatalf("the cancelled validation's answer was taken: valErr %q", m.valErr)
	}
}
