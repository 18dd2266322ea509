package docs

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// notRaced are the packages that start goroutines yet are tested without the race
// detector, each with the reason.
var notRaced = map[string]string{
	// Its tests run the engines (download, the service, the client, the simulator) through
	// the command line; those are race-tested in their own packages. Its one goroutine,
	// stopOnSignal's relay, runs only under Main, in the real binary (e2e 30-signals).
	"./cli": "cli/signals.go",
}

// make test runs the race detector only over the Makefile's RACE_PKGS. Every package
// whose code starts a goroutine must be among them, or its races go unchecked.
func TestRacePassCoversEveryGoroutine(t *testing.T) {
	mk, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^RACE_PKGS\s*=\s*(.+)$`).FindSubmatch(mk)
	if m == nil {
		t.Fatal("the Makefile has no RACE_PKGS line")
	}
	patterns := strings.Fields(string(m[1]))
	covered := func(dir string) bool {
		for _, p := range patterns {
			if base, ok := strings.CutSuffix(p, "/..."); ok && (dir == base || strings.HasPrefix(dir, base+"/")) || dir == p {
				return true
			}
		}
		return false
	}
	found := 0
	err = filepath.WalkDir("..", func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if name := e.Name(); path != ".." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "bin") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		var at token.Pos
		ast.Inspect(f, func(n ast.Node) bool {
			if g, ok := n.(*ast.GoStmt); ok && at == 0 {
				at = g.Pos()
			}
			return at == 0
		})
		if at == 0 {
			return nil
		}
		found++
		dir := "./" + filepath.ToSlash(filepath.Dir(strings.TrimPrefix(path, "../")))
		if filepath.Dir(path) == ".." {
			dir = "."
		}
		if file, ok := notRaced[dir]; ok && filepath.ToSlash(strings.TrimPrefix(path, "../")) == file {
			return nil
		}
		if !covered(dir) {
			t.Errorf("%s starts a goroutine, but %s is not in the Makefile's RACE_PKGS (%s)", path, dir, m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 5 {
		t.Fatalf("found %d files starting goroutines: the walk missed the code?", found)
	}
}
