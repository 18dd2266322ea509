package keymap

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the README key reference")

const beginKeys, endKeys = "<!-- keys:begin -->\n", "<!-- keys:end -->"

// TestReadmeKeyReferenceIsCurrent keeps the README's key table equal to the keymap.
// Regenerate with: go test ./keymap -run Readme -update-readme
func TestReadmeKeyReferenceIsCurrent(t *testing.T) {
	const path = "../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, beginKeys), strings.Index(s, endKeys)
	if i < 0 || j < i {
		t.Fatalf("README lacks the %q … %q markers", beginKeys, endKeys)
	}
	want := Reference(Default())
	if got := s[i+len(beginKeys) : j]; got != want {
		if *updateReadme {
			s = s[:i+len(beginKeys)] + want + s[j:]
			if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README key reference is stale; run go test ./keymap -run Readme -update-readme\n got:\n%s\nwant:\n%s", got, want)
	}
}
