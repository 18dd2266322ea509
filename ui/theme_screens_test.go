package ui_test

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"mastui/themes"
	"mastui/ui"
	"mastui/ui/uitest"
)

// termEnv is a terminal's environment for a renderer.
type termEnv map[string]string

func (e termEnv) Environ() []string {
	var out []string
	for k, v := range e {
		out = append(out, k+"="+v)
	}
	return out
}

func (e termEnv) Getenv(k string) string { return e[k] }

// themedApp is the app on a 256-colour terminal with environment env, in look.
func themedApp(t *testing.T, env termEnv, look ui.Look) *ui.Model {
	t.Helper()
	r := lipgloss.NewRenderer(io.Discard, termenv.WithEnvironment(env), termenv.WithTTY(true))
	r.SetHasDarkBackground(true)
	c := ui.NewCommon(context.Background(), r, slog.New(slog.DiscardHandler), "demo")
	c.Clipboard = &uitest.Clipboard{}
	c.Clock = uitest.NewClock()
	if err := c.ApplyLook(look); err != nil {
		t.Fatal(err)
	}
	return ui.NewModel(c, &uitest.Archive{Rows: 1200}, ui.Options{PageSize: 400, ServerLabel: "demo"})
}

// colourCode is an SGR sequence setting a colour (16 or 256).
var colourCode = regexp.MustCompile(`\x1b\[(?:[0-9]+;)*(?:3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(?:;[0-9]+)*m`)

// The results screen in each theme, and with NO_COLOR: the goldens keep the escape
// sequences, so they show the colours (or their absence) and how the cursor row is
// marked.
func TestThemeScreens(t *testing.T) {
	colour := termEnv{"TERM": "xterm-256color"}
	for _, c := range []struct {
		name    string
		env     termEnv
		palette themes.Palette
		cursor  string // how the cursor row's style starts
	}{
		{"dark", colour, themes.Dark(), "48;5;238"},
		{"light", colour, themes.Light(), "48;5;153"},
		{"high-contrast", colour, themes.HighContrast(), "30;103m"}, // black on bright yellow
		{"no-color", termEnv{"TERM": "xterm-256color", "NO_COLOR": "1"}, themes.Dark(), "\x1b[1;7m"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := c.palette
			m := themedApp(t, c.env, ui.Look{Palette: &p})
			send(t, m, tea.WindowSizeMsg{Width: 100, Height: 16})
			send(t, m, typeText("M101")...)
			send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
			send(t, m, key("j"))
			view := m.View()
			var cursorLine string
			for _, l := range strings.Split(view, "\n") {
				if strings.Contains(l, "▸") && strings.Contains(l, "M101-A-VERY") {
					cursorLine = l
				}
			}
			if cursorLine == "" || !strings.Contains(cursorLine, c.cursor) {
				t.Errorf("cursor row not marked by %q: %q", c.cursor, cursorLine)
			}
			if got := colourCode.FindString(view); (c.name == "no-color") != (got == "") {
				t.Errorf("colour codes: %q", got)
			}
			teatest.RequireEqualOutput(t, []byte(view))
		})
	}
}

// NO_COLOR on a dumb terminal: no escape at all; the glyph still marks the cursor.
func TestNoColorDumbTerminalIsPlain(t *testing.T) {
	m := themedApp(t, termEnv{"TERM": "dumb", "NO_COLOR": "1"}, ui.Look{})
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 16})
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if v := m.View(); strings.Contains(v, "\x1b[") || !strings.Contains(v, "▸") {
		t.Fatalf("dumb terminal view:\n%q", v)
	}
}

// Key overrides reach the keys and the help overlay: the overlay lists the user's key.
func TestKeyOverrideInHelpOverlay(t *testing.T) {
	m := themedApp(t, termEnv{"TERM": "dumb"}, ui.Look{Keys: map[string][]string{"global.help": {"f1"}, "results.down": {"f3"}}})
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 40})
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	send(t, m, tea.KeyMsg{Type: tea.KeyF3})
	if !strings.Contains(m.View(), "▸  JWST") {
		t.Errorf("f3 did not move down:\n%s", m.View())
	}
	send(t, m, key("?"))
	if strings.Contains(m.View(), "esc closes") {
		t.Fatal("? still opens the help")
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyF1})
	v := m.View()
	if !strings.Contains(v, "f1 or esc closes") || !regexp.MustCompile(`f1\s+help`).MatchString(v) || !regexp.MustCompile(`f3\s+down`).MatchString(v) {
		t.Fatalf("help overlay lacks the user's keys:\n%s", v)
	}
}
