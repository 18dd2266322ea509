package themes

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestAsciiProfileDropsColour(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard, termenv.WithProfile(termenv.Ascii))
	s := Default(r)
	if got := s.CursorRow.Render("row"); got != "row" {
		t.Fatalf("ascii render %q", got)
	}
	if s.Glyphs.Cursor == "" || s.Glyphs.Selected == "" {
		t.Fatal("selection must be marked by a glyph too")
	}
}

func TestNoColorEnvIsHonoured(t *testing.T) {
	render := func(e env) string {
		r := lipgloss.NewRenderer(io.Discard, termenv.WithEnvironment(e), termenv.WithTTY(true))
		return Default(r).ToastError.Render("boom")
	}
	if got := render(env{"TERM": "xterm-256color"}); !strings.Contains(got, "\x1b[") {
		t.Fatalf("control: a 256-colour terminal got no colour: %q", got)
	}
	if got := render(env{"NO_COLOR": "1", "TERM": "xterm-256color"}); strings.Contains(got, "\x1b[") {
		t.Fatalf("NO_COLOR still coloured: %q", got)
	}
}

func TestColourProfileColours(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	for _, p := range []Palette{Dark(), Light(), ByName("light"), ByName("nope")} {
		if got := New(r, p).ToastError.Render("boom"); !strings.Contains(got, "\x1b[") {
			t.Fatalf("%s: no colour: %q", p.Name, got)
		}
	}
}

type env map[string]string

func (e env) Environ() []string {
	var out []string
	for k, v := range e {
		out = append(out, k+"="+v)
	}
	return out
}

func (e env) Getenv(k string) string { return e[k] }
