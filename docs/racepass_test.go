package docs

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// notRaced are the packages that start goroutines yet are tested without the race
// detector, each with the reason.
var notRaced = map[string]string{
	"./cli": "its tests run the engines (download, the service, the SSH server, the client, " +
		"the simulator) through the command line, serving some on goroutines; those are " +
		"race-tested in their own packages. Its own goroutine, stopOnSignal's relay, runs " +
		"only under Main, in the real binary (e2e 30-signals).",
}

// runsProgram finds a test running a Bubble Tea program.
var runsProgram = regexp.MustCompile(`teatest\.NewTestModel|tea\.NewProgram`)

// concurrent reports why a Go file makes its package concurrent ("" when it does not):
// it starts a goroutine, or (a test) runs a Bubble Tea program, which runs every command
// on a goroutine of its own.
func concurrent(path string) (string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution)
	if err != nil {
		return "", err
	}
	why := ""
	ast.Inspect(f, func(n ast.Node) bool {
		if _, ok := n.(*ast.GoStmt); ok && why == "" {
			why = "starts a goroutine"
		}
		return why == ""
	})
	if why == "" && strings.HasSuffix(path, "_test.go") && runsProgram.Match(src) {
		why = "runs a Bubble Tea program"
	}
	return why, nil
}

// make test runs the race detector only over the Makefile's RACE_PKGS. Every package
// whose code or tests start goroutines (or run a Bubble Tea program) must be among them,
// or its races go unchecked; and every package listed must be such a package, or the
// race pass spends minutes linking and running tests that cannot race.
func TestRacePassCoversEveryGoroutine(t *testing.T) {
	mk, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^RACE_PKGS\s*=\s*(.+)$`).FindSubmatch(mk)
	if m == nil {
		t.Fatal("the Makefile has no RACE_PKGS line")
	}
	listed := strings.Fields(string(m[1]))
	need := map[string]string{} // package dir → why
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
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		why, err := concurrent(path)
		if err != nil || why == "" {
			return err
		}
		dir := "./" + filepath.ToSlash(filepath.Dir(strings.TrimPrefix(path, "../")))
		if filepath.Dir(path) == ".." {
			dir = "."
		}
		if need[dir] == "" {
			need[dir] = strings.TrimPrefix(path, "../") + " " + why
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(need) < 5 {
		t.Fatalf("found %d concurrent packages: the walk missed the code?", len(need))
	}
	for dir, why := range need {
		if _, ok := notRaced[dir]; !ok && !slices.Contains(listed, dir) {
			t.Errorf("%s: %s, but %s is not in the Makefile's RACE_PKGS", dir, why, dir)
		}
	}
	for _, dir := range listed {
		if need[dir] == "" {
			t.Errorf("RACE_PKGS lists %s, which starts no goroutine and runs no Bubble Tea program: test it in the plain pass", dir)
		}
	}
	for dir := range notRaced {
		if need[dir] == "" {
			t.Errorf("notRaced lists %s, which is not concurrent (any more)", dir)
		}
	}
}
