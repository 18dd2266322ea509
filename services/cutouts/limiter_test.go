package cutouts

import (
	"context"
	"errors"
	"testing"
)

func TestLimiter(t *testing.T) {
	l := NewLimiter(2)
	ctx := context.Background()
	r1, _ := l.Acquire(ctx)
	r2, _ := l.Acquire(ctx)
	full, cancel := context.WithCancelCause(ctx)
	cancel(errors.New("gave up"))
	if _, err := l.Acquire(full); err == nil || err.Error() != "gave up" {
		t.Fatalf("a third slot: %v", err)
	}
	r1()
	r1() // twice frees one slot only
	r3, err := l.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Acquire(full); err == nil {
		t.Fatal("a double release freed two slots")
	}
	r2()
	r3()
}
