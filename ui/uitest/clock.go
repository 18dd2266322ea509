package uitest

import (
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// Clock is a test clock (common.Clock): time stands still until a timer fires. A timer
// Cmd returns at once a common.TimerMsg (its delay, and Fire, which delivers its message
// and moves the clock on to the timer's time); a listener Cmd returns a common.ListenMsg
// instead of blocking. The test decides which timers fire: nothing waits on the wall
// clock, so a loaded machine changes nothing.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock is a test clock set to the current time.
func NewClock() *Clock { return &Clock{now: time.Now()} }

// Now implements common.Clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// After implements common.Clock: the timer is due d after now (when the Cmd is made,
// as the program would start it then).
func (c *Clock) After(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	due := c.Now().Add(d)
	fire := func() tea.Msg {
		c.mu.Lock()
		if due.After(c.now) {
			c.now = due
		}
		c.mu.Unlock()
		return fn(due)
	}
	return func() tea.Msg { return common.TimerMsg{Delay: d, Fire: fire} }
}

// Listen implements common.Clock: the listener is parked (a ListenMsg holds it).
func (c *Clock) Listen(cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg { return common.ListenMsg{Cmd: cmd} }
}

// ClockedCommon is Common(label) on a test clock, returned too.
func ClockedCommon(label string) (*common.Common, *Clock) {
	c := Common(label)
	clock := NewClock()
	c.Clock = clock
	return c, clock
}

// Fire runs cmd and, if it is a timer, fires it: the message the timer delivers.
func Fire(cmd tea.Cmd) tea.Msg {
	msg := cmd()
	if t, ok := msg.(common.TimerMsg); ok {
		return t.Fire()
	}
	return msg
}
