package cli

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

type panicky struct{ inView bool }

func (panicky) Init() tea.Cmd { return nil }
func (p panicky) Update(tea.Msg) (tea.Model, tea.Cmd) {
	if !p.inView {
		var s []int
		_ = s[len(s)-1]
	}
	return p, nil
}
func (p panicky) View() string {
	if p.inView {
		panic("drawn wrong")
	}
	return ""
}

// A panic in the root's Update or View reaches the log, with its stack, and still
// panics (Bubble Tea restores the terminal).
func TestTUIPanicsAreLogged(t *testing.T) {
	for _, inView := range []bool{false, true} {
		var buf bytes.Buffer
		m := panicLogged{panicky{inView}, slog.New(slog.NewTextHandler(&buf, nil))}
		func() {
			defer func() {
				if recover() == nil {
					t.Error("the panic was swallowed")
				}
			}()
			if inView {
				m.View()
			} else {
				m.Update(nil)
			}
		}()
		log := buf.String()
		if !strings.Contains(log, "panic in the TUI") || !strings.Contains(log, "panics_test.go") {
			t.Errorf("inView %v: log %q", inView, log)
		}
	}
}
