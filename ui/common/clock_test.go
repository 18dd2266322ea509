package common_test

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/uitest"
)

// A debounce waits on the session's clock: on a test clock it answers at once with the
// timer, whose firing delivers the addressed answer and moves the clock on.
func TestDebounceRunsOnTheSessionClock(t *testing.T) {
	c, clock := uitest.ClockedCommon("")
	r := c.NewRequests()
	start := clock.Now()
	timer, ok := r.Debounce("live", 450*time.Millisecond, answerMsg{7})().(common.TimerMsg)
	if !ok || timer.Delay != 450*time.Millisecond {
		t.Fatalf("debounce answered %#v, want a 450ms timer", timer)
	}
	if !clock.Now().Equal(start) {
		t.Fatal("the clock moved before the timer fired")
	}
	got, ok := timer.Fire().(common.TabMsg)
	if !ok || got.To != "live" || got.Req != r.Current("live") || got.Msg != (answerMsg{7}) {
		t.Fatalf("fired %#v", got)
	}
	if d := clock.Now().Sub(start); d != 450*time.Millisecond {
		t.Fatalf("clock moved %v", d)
	}
	if msg, ok := r.Take(got); !ok || msg != (answerMsg{7}) {
		t.Fatalf("the debounce's answer was not taken: %v", msg)
	}
}

// Address reaches through a parked listener too: the event it delivers arrives addressed.
func TestAddressWrapsAParkedListener(t *testing.T) {
	c, _ := uitest.ClockedCommon("")
	listen := c.Listen(func() tea.Msg { return answerMsg{1} })
	parked, ok := common.Address("queue", 0, listen)().(common.ListenMsg)
	if !ok {
		t.Fatal("the listener was not parked")
	}
	if got := parked.Cmd(); got != (common.TabMsg{To: "queue", Msg: answerMsg{1}}) {
		t.Fatalf("event arrived as %#v", got)
	}
	// On the wall clock a listener is the Cmd itself.
	wall := common.New(context.Background(), nil, nil, "")
	if got := common.Address("queue", 0, wall.Listen(func() tea.Msg { return answerMsg{2} }))(); got != (common.TabMsg{To: "queue", Msg: answerMsg{2}}) {
		t.Fatalf("wall-clock listener answered %#v", got)
	}
}
