package cli

import (
	"strings"
	"testing"

	"mastui/services/mast"
)

// headerOf is the first line of a table's output, split into its column names.
func headerOf(out string) []string {
	line, _, _ := strings.Cut(out, "\n")
	return strings.Fields(line)
}

// The table format shows a catalog's key columns (those the Catalogs tab shows first);
// csv keeps every column.
func TestCatalogQueryTableShowsKeyColumns(t *testing.T) {
	url := startSim(t)
	args := []string{"catalog", "query", "--catalog", "TIC", "--object", "M10", "--radius", "0.02", "--mast-url", url}
	out, _, err := runCLI(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := mast.LookupCatalog("TIC")
	head := headerOf(out)
	if len(cat.KeyColumns) == 0 || len(head) == 0 || len(head) > len(cat.KeyColumns) {
		t.Fatalf("table header has %d columns, want at most the %d key columns %v:\n%.300s", len(head), len(cat.KeyColumns), cat.KeyColumns, out)
	}
	for _, h := range head {
		if !strings.Contains(strings.Join(cat.KeyColumns, " "), h) {
			t.Errorf("table column %q is not a key column of TIC %v", h, cat.KeyColumns)
		}
	}
	csvOut, _, err := runCLI(t, append(args, "--format", "csv")...)
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := csvRecords(t, csvOut); len(h) <= len(cat.KeyColumns) {
		t.Fatalf("csv has %d columns, want every column (more than the keys)", len(h))
	}
	// --select names the columns: the keys do not narrow them.
	out, _, err = runCLI(t, append(args, "--select", "ID,Vmag,Jmag")...)
	if err != nil {
		t.Fatal(err)
	}
	if h := headerOf(out); strings.Join(h, " ") != "ID Vmag Jmag" {
		t.Fatalf("--select ID,Vmag,Jmag shows %v", h)
	}
}
