package common

import (
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// Clock is the session's time. Every timer of the TUI (debounces, toast expiry, spinner
// frames) is an After of it, so that tests can swap in a clock whose timers fire on
// demand (uitest.Clock) instead of waiting on the wall clock.
type Clock interface {
	Now() time.Time
	// After is a Cmd that delivers fn's message once d has passed (tea.Tick).
	After(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
	// Listen marks cmd as waiting on the outside world with no deadline (the download
	// engine's next event): the real clock runs it as it is, a test clock parks it.
	Listen(cmd tea.Cmd) tea.Cmd
}

// WallClock is the real clock: timers are tea.Tick.
type WallClock struct{}

// Now is time.Now.
func (WallClock) Now() time.Time { return time.Now() }

// After is tea.Tick.
func (WallClock) After(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return tea.Tick(d, fn)
}

// Listen is cmd itself.
func (WallClock) Listen(cmd tea.Cmd) tea.Cmd { return cmd }

func (c *Common) clock() Clock {
	if c.Clock == nil {
		return WallClock{}
	}
	return c.Clock
}

// Now is the session clock's time.
func (c *Common) Now() time.Time { return c.clock().Now() }

// After is a Cmd delivering fn's message after d on the session's clock.
func (c *Common) After(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return c.clock().After(d, fn)
}

// Listen marks cmd as waiting for outside events with no deadline (see Clock.Listen).
func (c *Common) Listen(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return c.clock().Listen(cmd)
}

// Spin advances spinner s on its tick msg and times its next frame on the session's
// clock (the spinner's own Update would use tea.Tick). A tick that is not s's is ignored.
func (c *Common) Spin(s spinner.Model, msg spinner.TickMsg) (spinner.Model, tea.Cmd) {
	next, cmd := s.Update(msg)
	if cmd == nil {
		return next, nil
	}
	return next, c.After(next.Spinner.FPS, func(time.Time) tea.Msg { return next.Tick() })
}

// Deferred is what a test clock's Cmds return at once instead of waiting (TimerMsg,
// ListenMsg): a placeholder for an answer to come. A wrapper of Cmds (Address) wraps the
// Cmd that will deliver the answer, so that it arrives as the real one would have.
type Deferred interface {
	Wrap(wrap func(tea.Cmd) tea.Cmd) tea.Msg
}

// TimerMsg stands for a timer of a test clock: Fire delivers its message (moving that
// clock on to the timer's time).
type TimerMsg struct {
	Delay time.Duration
	Fire  tea.Cmd
}

// Wrap implements Deferred.
func (t TimerMsg) Wrap(wrap func(tea.Cmd) tea.Cmd) tea.Msg {
	return TimerMsg{Delay: t.Delay, Fire: wrap(t.Fire)}
}

// ListenMsg stands for a listener a test clock parked: Cmd waits for the next event.
type ListenMsg struct{ Cmd tea.Cmd }

// Wrap implements Deferred.
func (l ListenMsg) Wrap(wrap func(tea.Cmd) tea.Cmd) tea.Msg { return ListenMsg{Cmd: wrap(l.Cmd)} }
