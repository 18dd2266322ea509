package cli

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the README command list")

const beginCLI, endCLI = "<!-- cli:begin -->\n", "<!-- cli:end -->"

// TestReadmeCommandListIsCurrent keeps the README's command list equal to the command
// tree the help is generated from.
// Regenerate with: go test ./cli -run Readme -update-readme
func TestReadmeCommandListIsCurrent(t *testing.T) {
	const path = "../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, beginCLI), strings.Index(s, endCLI)
	if i < 0 || j < i {
		t.Fatalf("README lacks the %q … %q markers", beginCLI, endCLI)
	}
	want := Reference()
	if got := s[i+len(beginCLI) : j]; got != want {
		if *updateReadme {
			s = s[:i+len(beginCLI)] + want + s[j:]
			if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README command list is stale; run go test ./cli -run Readme -update-readme\n got:\n%s\nwant:\n%s", got, want)
	}
}
