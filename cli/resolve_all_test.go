package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// resolve --all prints every resolver's answer, one row each, and names the names no
// resolver knows (exit non-zero) after printing the others.
func TestResolveAllPrintsEveryResolver(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "resolve", "M101", "NoSuchObject123", "TIC 164458426", "--all", "--mast-url", url, "--format", "csv")
	if err == nil || !strings.Contains(err.Error(), `"NoSuchObject123"`) || strings.Contains(err.Error(), "M101") {
		t.Errorf("err = %v, want it to name NoSuchObject123 only", err)
	}
	recs, cerr := csv.NewReader(strings.NewReader(out)).ReadAll()
	if cerr != nil || len(recs) < 5 {
		t.Fatalf("%v\n%s", cerr, out)
	}
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[0]+"/"+r[2])
	}
	joined := strings.Join(got, ",")
	if !strings.HasPrefix(joined, "M101/SIMBAD,M101/SIMBADCFA,M101/NED,TIC 164458426/TIC,") {
		t.Errorf("rows (name/resolver) %s", joined)
	}
	out, _, err = runCLI(t, "resolve", "M101", "--all", "--mast-url", url, "--format", "json")
	var rows []map[string]any
	if err != nil || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 3 || rows[2]["resolver"] != "NED" {
		t.Errorf("json: %v %s", err, out)
	}
	if _, _, err := runCLI(t, "resolve", "M101", "--all", "--resolver", "NED", "--mast-url", url); err == nil ||
		!strings.Contains(err.Error(), "--resolver") {
		t.Errorf("--all with --resolver: %v", err)
	}
}
