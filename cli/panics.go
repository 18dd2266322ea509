package cli

import (
	"fmt"
	"log/slog"
	"runtime/debug"

	tea "github.com/charmbracelet/bubbletea"
)

// panicLogged is the TUI's root model with its panics written to the log before Bubble
// Tea's own recovery restores the terminal (which prints them to the screen it then
// clears): the log keeps what a user could not copy.
type panicLogged struct {
	tea.Model
	log *slog.Logger
}

func (p panicLogged) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer p.logPanic()
	m, cmd := p.Model.Update(msg)
	return panicLogged{m, p.log}, cmd
}

func (p panicLogged) View() string {
	defer p.logPanic()
	return p.Model.View()
}

// logPanic logs a panic in progress with its stack and goes on panicking.
func (p panicLogged) logPanic() {
	if r := recover(); r != nil {
		p.log.Error("panic in the TUI", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		panic(r)
	}
}
