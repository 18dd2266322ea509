package duplicates

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"mastui/services/dupcheck"
)

// spec is the form read as a check: a file to read, or targets typed.
type spec struct {
	path    string            // a target list file ("" when typed)
	targets []dupcheck.Target // typed targets
	scale   float64
	format  string
}

// apertures is the aperture table: the configured file (a small local file), else the
// built-in one.
func (m *Model) apertures() (*dupcheck.Apertures, error) {
	return dupcheck.LoadApertures(m.cfg.Apertures)
}

// looksLikeFile tells a file name from typed targets: a name ending as target lists
// do, or one line without the spaces of a typed target.
func looksLikeFile(s string) bool {
	low := strings.ToLower(s)
	for _, ext := range []string{".csv", ".ecsv", ".txt"} {
		if strings.HasSuffix(low, ext) {
			return true
		}
	}
	return !strings.ContainsAny(s, " ;")
}

// read checks the form, marking each field at fault, and returns the check to run.
func (m *Model) read() (spec, error) {
	f := m.form
	for _, fl := range f.Fields() {
		fl.SetErr("")
	}
	sp := spec{scale: 1, format: f.Field(rowExport).Value()}
	var first error
	fail := func(row int, err error) {
		f.Field(row).SetErr(err.Error())
		if first == nil {
			first = err
		}
	}
	text := f.Field(rowTargets).Trimmed()
	switch {
	case text == "":
		fail(rowTargets, errors.New("give a target list file, or type targets: 1 MSA 53.13 -27.8 G395H F290LP 950"))
	case looksLikeFile(text):
		sp.path = expandHome(text)
	default:
		ap, err := m.apertures()
		if err != nil {
			fail(rowTargets, err)
			break
		}
		ts, err := parseTyped(text, ap)
		if err != nil {
			fail(rowTargets, err)
		}
		sp.targets = ts
	}
	if s := f.Field(rowScale).Trimmed(); s != "" {
		v, err := strconv.ParseFloat(strings.TrimPrefix(s, "×"), 64)
		if err != nil || !(v > 0) || v > 100 {
			fail(rowScale, fmt.Errorf("%q: give a positive factor (0.5, 2)", s))
		}
		sp.scale = v
	}
	return sp, first
}

// typedColumns are the columns of a typed target, in order.
var typedColumns = []string{"number", "aperture", "ra", "dec", "grating", "filter", "exposure_time"}

// parseTyped reads targets typed on one line: "number aperture ra dec grating filter
// exposure", targets separated by ";" (coordinates in degrees or hh:mm:ss dd:mm:ss).
func parseTyped(text string, ap *dupcheck.Apertures) ([]dupcheck.Target, error) {
	var out []dupcheck.Target
	for i, part := range strings.Split(text, ";") {
		words := strings.Fields(part)
		if len(words) == 0 {
			continue
		}
		if len(words) != len(typedColumns) {
			return nil, fmt.Errorf("target %d: %d values, want 7: number aperture ra dec grating filter exposure", i+1, len(words))
		}
		t, err := dupcheck.ParseTarget(func(col string) string {
			for k, c := range typedColumns {
				if c == col {
					return words[k]
				}
			}
			return ""
		}, ap)
		if err != nil {
			return nil, fmt.Errorf("target %d: %s", i+1, strings.ReplaceAll(err.Error(), "\n", "; "))
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, errors.New("no targets typed")
	}
	return out, nil
}

// expandHome reads a leading ~/ as the home directory.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

// completePath extends a typed file name to the longest name the directory's entries
// share (target lists and directories); it reports false when nothing extends it.
func completePath(typed string) (string, bool) {
	if typed == "" || strings.ContainsAny(typed, " ;") {
		return typed, false
	}
	dir, base := filepath.Split(typed)
	entries, err := os.ReadDir(expandHome(dir + "."))
	if err != nil {
		return typed, false
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, base) || strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		low := strings.ToLower(n)
		switch {
		case e.IsDir():
			names = append(names, n+"/")
		case strings.HasSuffix(low, ".csv") || strings.HasSuffix(low, ".ecsv") || strings.HasSuffix(low, ".txt"):
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return typed, false
	}
	sort.Strings(names)
	prefix := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	if prefix == base {
		return typed, false
	}
	return dir + prefix, true
}
