package cli

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"mastui/model"
	"mastui/services/export"
	"mastui/services/mast"
)

// shellWords splits a command line the way a POSIX shell does (sh itself does it).
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	out, err := exec.Command("sh", "-c", `for a in `+line+`; do printf '%s\0' "$a"; done`).Output()
	if err != nil {
		t.Fatalf("sh cannot read %s: %v", line, err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}

// TestCopiedCommandLineGetsTheSameRows: the "copy as command" line of a search, read by
// sh and run, prints the rows the client gets for that search.
func TestCopiedCommandLineGetsTheSameRows(t *testing.T) {
	url := startSim(t)
	client := mast.New(mast.Config{BaseURL: url})
	for _, q := range []mast.Query{
		{Object: "M101", RadiusDeg: 0.05},
		{Position: &mast.Position{RA: 210.80227, Dec: 54.34895}, RadiusDeg: 0.1},
		{Object: "M101", Criteria: []mast.Criterion{{Name: "obs_collection", Value: "HST,GALEX"}, {Name: "dataproduct_type", Value: "!spectrum"}, {Name: "t_exptime", Value: ">=100"}}},
		{Criteria: []mast.Criterion{{Name: "obs_collection", Value: "JWST"}, {Name: "instrument_name", Value: "NIRCAM*"}}},
	} {
		line := export.CommandLine(export.ObservationsArgs(q))
		words := shellWords(t, line)
		if words[0] != "mastui" {
			t.Fatalf("%s: not a mastui line", line)
		}
		out, stderr, err := runCLI(t, append(words[1:], "--mast-url", url, "--format", "csv")...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", line, err, stderr)
		}
		want, _, err := client.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		model.WriteCSV(&b, want)
		if want.Rows() == 0 || out != b.String() {
			t.Errorf("%s: %d rows printed, want the %d rows of the search (same bytes: %v)", line, strings.Count(out, "\n")-1, want.Rows(), out == b.String())
		}
	}
}
