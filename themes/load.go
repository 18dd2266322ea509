package themes

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"mastui/model"
	"mastui/model/config"
)

// File is a user theme file: a JSON palette over a built-in one.
//
//	{"base": "dark", "accent": "#b58900", "cursor_bg": "236"}
type File struct {
	Base string `json:"base"` // the built-in theme the file changes (default dark)
	Palette
}

// Resolve finds the theme a setting names: "" or "auto" (dark, or light on a light
// background), a built-in name, a file name in <configDir>/themes ("solar" or
// "solar.json"), or the path of a theme file ("~/" is the home directory).
func Resolve(setting, configDir string, darkBackground bool) (Palette, error) {
	switch setting {
	case "", "auto":
		if darkBackground {
			return Dark(), nil
		}
		return Light(), nil
	}
	for _, b := range builtin {
		if b.name == setting {
			return b.palette(), nil
		}
	}
	path := config.ExpandHome(setting)
	if !strings.ContainsRune(setting, filepath.Separator) {
		path = filepath.Join(configDir, "themes", strings.TrimSuffix(setting, ".json")+".json")
		if _, err := os.Stat(path); err != nil {
			hint := ""
			if best := model.Closest(setting, Names()); best != "" {
				hint = fmt.Sprintf(": did you mean %q?", best)
			}
			return Palette{}, fmt.Errorf("no theme %q%s (themes: %s, or a file in %s)",
				setting, hint, strings.Join(Names(), ", "), filepath.Join(configDir, "themes"))
		}
	}
	return Load(path)
}

// Load reads a theme file: unknown keys, bad colours and syntax errors are reported
// with their lines, all of them at once (a FileError).
func Load(path string) (Palette, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Palette{}, fmt.Errorf("theme file: %w", err)
	}
	var f File
	var problems []string
	lines, err := config.DecodeStrict(b, &f)
	if err != nil {
		problems = append(problems, strings.Split(err.Error(), "\n")...)
	}
	p := Dark()
	if f.Base != "" {
		if isBuiltin(f.Base) {
			p = ByName(f.Base)
		} else {
			problems = append(problems, fmt.Sprintf("line %d: base %q: want one of dark, light, high-contrast", lines["base"], f.Base))
		}
	}
	p.Name = strings.TrimSuffix(filepath.Base(path), ".json")
	if f.Name != "" {
		p.Name = f.Name
	}
	// The colours the file sets replace the base's (those DecodeStrict could read: the
	// others are among the problems already).
	from, to := reflect.ValueOf(f.Palette), reflect.ValueOf(&p).Elem()
	for _, field := range reflect.VisibleFields(from.Type()) {
		key, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		if _, set := lines[key]; !set || field.Type != reflect.TypeFor[lipgloss.Color]() {
			continue
		}
		c := from.FieldByIndex(field.Index).Interface().(lipgloss.Color)
		if !validColour(string(c)) {
			problems = append(problems, fmt.Sprintf("line %d: %s: bad colour %q: want a number 0-255 or \"#rrggbb\"", lines[key], key, c))
			continue
		}
		to.FieldByIndex(field.Index).Set(reflect.ValueOf(c))
	}
	if len(problems) > 0 {
		return Palette{}, &FileError{Path: path, Problems: problems}
	}
	return p, nil
}

// FileError is a theme file with problems, each "line N: …". It reads on one line
// ("theme file /x/bad.json: line 1: unknown key \"bogus\"; line 2: …"): it is shown in
// a toast as well as on the terminal.
type FileError struct {
	Path     string
	Problems []string
}

func (e *FileError) Error() string {
	return "theme file " + e.Path + ": " + strings.Join(e.Problems, "; ")
}

func isBuiltin(name string) bool {
	for _, b := range builtin {
		if b.name == name {
			return true
		}
	}
	return false
}

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// validColour: a 256-colour code or a hex colour.
func validColour(c string) bool {
	if n, err := strconv.Atoi(c); err == nil {
		return n >= 0 && n <= 255
	}
	return hexColour.MatchString(c)
}
