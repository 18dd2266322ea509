package ui_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui"
	"mastui/ui/uitest"
)

// runAll runs cmd and the batches it yields in goroutines, sending every message to out.
func runAll(cmd tea.Cmd, out chan<- tea.Msg) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				runAll(c, out)
			}
			return
		}
		if msg != nil {
			out <- msg
		}
	}()
}

// nextPrepared feeds messages back until Options.Prepare's answer has been handled.
func nextPrepared(m *ui.Model, msgs chan tea.Msg) {
	for msg := range msgs {
		_, cmd := m.Update(msg)
		if _, ok := msg.(ui.PreparedMsg); ok {
			runAll(cmd, msgs)
			return
		}
	}
}

// --demo: the status line says the archive is being prepared from the first frame until
// Prepare returns, and Prepare starts only once the first frame can be drawn.
func TestPreparingStatusUntilPrepared(t *testing.T) {
	for _, fail := range []bool{false, true} {
		var calls atomic.Int32
		started, release := make(chan struct{}), make(chan error)
		prepare := func(ctx context.Context) error {
			if calls.Add(1) == 1 {
				close(started)
			}
			return <-release
		}
		m := ui.NewModel(uitest.Common(""), &uitest.Archive{Rows: 10}, ui.Options{ServerLabel: "demo", Prepare: prepare})
		msgs := make(chan tea.Msg, 64)
		runAll(m.Init(), msgs)
		if calls.Load() != 0 {
			t.Fatal("Prepare ran before the first frame")
		}
		_, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
		runAll(cmd, msgs)
		<-started
		if v := m.View(); !strings.Contains(v, "preparing the demo archive") {
			t.Fatalf("no preparing status on the first frame:\n%s", v)
		}
		_, cmd = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30}) // a resize prepares nothing more
		runAll(cmd, msgs)
		if fail {
			release <- errors.New("duplicate obsid 42")
		} else {
			release <- nil
		}
		nextPrepared(m, msgs)
		if v := m.View(); strings.Contains(v, "preparing the demo archive") {
			t.Errorf("fail=%v: the preparing status stays after Prepare returned:\n%s", fail, v)
		}
		if fail {
			for msg := range msgs { // the toast
				m.Update(msg)
				if v := m.View(); strings.Contains(v, "The demo archive could not be built: duplicate obsid 42") {
					break
				}
			}
		}
		if n := calls.Load(); n != 1 {
			t.Errorf("Prepare ran %d times, want 1", n)
		}
	}
}
