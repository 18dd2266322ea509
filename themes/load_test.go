package themes

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestResolveBuiltinsAndAuto(t *testing.T) {
	for setting, want := range map[string]string{"": "dark", "auto": "dark", "dark": "dark", "light": "light", "high-contrast": "high-contrast"} {
		if p, err := Resolve(setting, t.TempDir(), true); err != nil || p.Name != want {
			t.Errorf("%q: %q %v", setting, p.Name, err)
		}
	}
	if p, _ := Resolve("auto", t.TempDir(), false); p.Name != "light" {
		t.Errorf("auto on a light background: %q", p.Name)
	}
	_, err := Resolve("hight-contrast", t.TempDir(), true)
	if err == nil || !strings.Contains(err.Error(), `did you mean "high-contrast"?`) {
		t.Errorf("unknown theme: %v", err)
	}
}

// A theme file changes its base's colours; by name (in <config dir>/themes) or by path.
func TestThemeFile(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "themes"), 0o755)
	path := filepath.Join(dir, "themes", "solar.json")
	os.WriteFile(path, []byte("// solarized-ish\n{\n  \"base\": \"light\",\n  \"accent\": \"#b58900\",\n  \"cursor_bg\": \"236\",\n}\n"), 0o600)
	for _, setting := range []string{"solar", "solar.json", path} {
		p, err := Resolve(setting, dir, true)
		if err != nil {
			t.Fatalf("%s: %v", setting, err)
		}
		if p.Name != "solar" || p.Accent != "#b58900" || p.CursorBg != "236" || p.Fg != Light().Fg {
			t.Errorf("%s: %+v", setting, p)
		}
	}
	for text, want := range map[string]string{
		"{\n  \"acent\": \"1\"\n}":           `line 2: unknown key "acent": did you mean "accent"?`,
		"{\n\n  \"fg\": \"#12345\"\n}":       `line 3: fg: bad colour "#12345"`,
		"{\n  \"fg\": 300\n}":                `line 2: fg: want a string, got the number 300`,
		"{\n  \"base\": \"solar\"\n}":        `line 2: base "solar"`,
		"{\n  \"dim\": \"256\"\n}":           `line 2: dim: bad colour "256"`,
		"{\n  \"border\": \"#abc\",\n  x\n}": `line 3: invalid character 'x'`,
	} {
		os.WriteFile(path, []byte(text), 0o600)
		if _, err := Resolve("solar", dir, true); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", text, err, want)
		}
	}
}

// NO_COLOR: no colour in any theme, but bold and reverse video still mark the cursor
// row (a terminal that shows attributes); a dumb terminal gets plain text.
func TestForTerminalNoColorKeepsAttributes(t *testing.T) {
	render := func(e env, p Palette) string {
		r := lipgloss.NewRenderer(io.Discard, termenv.WithEnvironment(e), termenv.WithTTY(true))
		return ForTerminal(r, p).CursorRow.Render("row")
	}
	for _, p := range []Palette{Dark(), Light(), HighContrast()} {
		if got := render(env{"TERM": "xterm-256color", "NO_COLOR": "1"}, p); got != "\x1b[1;7mrow\x1b[0m" {
			t.Errorf("%s with NO_COLOR: %q", p.Name, got)
		}
		if got := render(env{"TERM": "xterm-256color"}, p); !strings.Contains(got, "48;5;") && !strings.Contains(got, ";10") {
			t.Errorf("%s: cursor row without a background colour: %q", p.Name, got)
		}
	}
	if got := render(env{"TERM": "dumb", "NO_COLOR": "1"}, Dark()); got != "row" {
		t.Errorf("dumb terminal: %q", got)
	}
}

// A bad theme file reports every problem at once (an unknown key does not hide a bad
// colour), on one line labelled "theme file", without runs of spaces.
func TestThemeFileReportsEveryProblem(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(path, []byte("{\n  \"bogus\": 1,\n  \"accent\": \"#zzzzzz\"\n}\n"), 0o600)
	_, err := Resolve(path, t.TempDir(), true)
	want := `theme file ` + path + `: line 2: unknown key "bogus"; line 3: accent: bad colour "#zzzzzz": want a number 0-255 or "#rrggbb"`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}
