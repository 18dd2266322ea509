package common

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func colourCommon(t *testing.T) *Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	r.SetHasDarkBackground(true)
	return New(t.Context(), r, nil, "demo")
}

// A runtime theme switch changes the styles every view holds (one pointer per session).
func TestSwitchThemeChangesTheSessionStyles(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	c := colourCommon(t)
	held := c.Styles // as a view holds them
	before := held.CursorRow.Render("x")
	if err := c.SwitchTheme("light"); err != nil {
		t.Fatal(err)
	}
	if after := held.CursorRow.Render("x"); after == before || !strings.Contains(after, "48;5;153") || held.Palette.Name != "light" {
		t.Errorf("theme not switched: %q → %q", before, after)
	}
	if err := c.SwitchTheme("lihgt"); err == nil || !strings.Contains(err.Error(), `did you mean "light"?`) || held.Palette.Name != "light" {
		t.Errorf("bad name: %v, theme %s", err, held.Palette.Name)
	}
	dir := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "mastui", "themes")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "solar.json"), []byte(`{"cursor_bg": "#073642"}`), 0o600)
	if err := c.SwitchTheme("solar"); err != nil || held.Palette.Name != "solar" {
		t.Errorf("theme file: %v %s", err, held.Palette.Name)
	}
}

// Two sessions with one look keep their own keymaps and styles.
func TestApplyLookIsPerSession(t *testing.T) {
	look := Look{Keys: map[string][]string{"queue.pause": {"space"}}}
	a, b := colourCommon(t), colourCommon(t)
	if err := a.ApplyLook(look); err != nil {
		t.Fatal(err)
	}
	if b.Keys.Queue.Pause.Keys()[0] != "p" || a.Keys.Queue.Pause.Keys()[0] != " " {
		t.Errorf("keys: a %v b %v", a.Keys.Queue.Pause.Keys(), b.Keys.Queue.Pause.Keys())
	}
	a.SwitchTheme("high-contrast")
	if b.Styles.Palette.Name != "dark" {
		t.Errorf("b's theme changed to %s", b.Styles.Palette.Name)
	}
	if err := b.ApplyLook(Look{Keys: map[string][]string{"queue.pause": {"x"}}}); err == nil || b.Keys.Queue.Pause.Keys()[0] != "p" {
		t.Errorf("a conflicting look: %v, keys %v", err, b.Keys.Queue.Pause.Keys())
	}
}
