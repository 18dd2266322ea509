// Package docs holds no code: its test keeps the protocol citations of the Go code and
// docs/protocol.md in step.
package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	// "protocol 3.6", "protocol section 6", "section 2.2", "protocol sections 1, 2.4 and 13"
	citationRe = regexp.MustCompile(`(?i)\b(?:protocol(?:\s+sections?)?|sections?)\s+(\d+(?:\.\d+)*(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)\d+(?:\.\d+)*)*)`)
	numberRe   = regexp.MustCompile(`\d+(?:\.\d+)*`)
	quirkRe    = regexp.MustCompile(`(?i)\bquirks?\s+(\d+)`)
	endpointRe = regexp.MustCompile(`\((E\d{1,2})\)`)
	headingRe  = regexp.MustCompile(`^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s`)
	quirkItem  = regexp.MustCompile(`^(\d+)\.\s`)
	rangeRe    = regexp.MustCompile(`^E(\d+)\s*[–-]\s*E(\d+)$`)
)

// protocolDoc is what docs/protocol.md offers to citations: its numbered headings, the
// numbered quirks of section 14 and the endpoint ids of section 0's table.
type protocolDoc struct {
	sections, quirks, endpoints map[string]bool
}

func readProtocolDoc(t *testing.T) protocolDoc {
	t.Helper()
	b, err := os.ReadFile("protocol.md")
	if err != nil {
		t.Fatal(err)
	}
	d := protocolDoc{map[string]bool{}, map[string]bool{}, map[string]bool{}}
	section := ""
	for _, line := range strings.Split(string(b), "\n") {
		if m := headingRe.FindStringSubmatch(line); m != nil {
			section = m[1]
			d.sections[section] = true
			continue
		}
		switch section {
		case "14":
			if m := quirkItem.FindStringSubmatch(line); m != nil {
				d.quirks[m[1]] = true
			}
		case "0":
			cells := strings.Split(line, "|")
			if len(cells) < 3 {
				continue
			}
			for _, id := range strings.Split(cells[1], ",") {
				id = strings.TrimSpace(id)
				if m := rangeRe.FindStringSubmatch(id); m != nil {
					lo, _ := strconv.Atoi(m[1])
					hi, _ := strconv.Atoi(m[2])
					for n := lo; n <= hi; n++ {
						d.endpoints["E"+strconv.Itoa(n)] = true
					}
				} else if strings.HasPrefix(id, "E") {
					d.endpoints[id] = true
				}
			}
		}
	}
	return d
}

// Every "protocol N.N" / "section N" / "quirk N" / "(EN)" citation in a Go file names
// something docs/protocol.md has, so a maintainer can follow it without anything
// outside the repository.
func TestProtocolCitationsResolve(t *testing.T) {
	doc := readProtocolDoc(t)
	if len(doc.sections) < 20 || len(doc.quirks) == 0 || len(doc.endpoints) < 20 {
		t.Fatalf("protocol.md parsed to %d sections, %d quirks, %d endpoints: the headings changed shape?",
			len(doc.sections), len(doc.quirks), len(doc.endpoints))
	}
	cited := 0
	err := filepath.WalkDir("..", func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if name := e.Name(); path != ".." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			where := path + ":" + strconv.Itoa(i+1)
			for _, m := range citationRe.FindAllStringSubmatch(line, -1) {
				for _, n := range numberRe.FindAllString(m[1], -1) {
					cited++
					if !doc.sections[n] {
						t.Errorf("%s cites %q: docs/protocol.md has no section %s", where, m[0], n)
					}
				}
			}
			for _, m := range quirkRe.FindAllStringSubmatch(line, -1) {
				cited++
				if !doc.quirks[m[1]] {
					t.Errorf("%s cites quirk %s: section 14 of docs/protocol.md has no item %s", where, m[1], m[1])
				}
			}
			for _, m := range endpointRe.FindAllStringSubmatch(line, -1) {
				cited++
				if !doc.endpoints[m[1]] {
					t.Errorf("%s cites endpoint %s: section 0 of docs/protocol.md does not list it", where, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if cited < 20 {
		t.Errorf("only %d citations found in the Go code: is the pattern still right?", cited)
	}
}
