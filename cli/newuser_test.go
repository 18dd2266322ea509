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

// usageCase runs a command line that is wrong and wants exit status 2 and the message.
func wantUsageError(t *testing.T, want string, args ...string) {
	t.Helper()
	_, _, err := runCLI(t, args...)
	var stderr strings.Builder
	if err == nil {
		t.Fatalf("%q: no error", args)
	}
	if code := reportError(&stderr, err); code != 2 || !strings.Contains(stderr.String(), "mastui: "+want+"\n") {
		t.Errorf("%q: exit %d, stderr %q; want exit 2 and %q", args, code, stderr.String(), want)
	}
}

// Bad command lines exit 2 with one message naming the flag, before any request (the
// MAST URL answers nothing).
func TestBadCommandLinesNameTheFlag(t *testing.T) {
	const nowhere = "http://127.0.0.1:1"
	wantUsageError(t, `--version: catalog Gaia: no version "DR4": use one of DR1, DR2, DR3, TGAS`,
		"catalog", "query", "--catalog", "Gaia", "--version", "DR4", "--object", "M10", "--mast-url", nowhere)
	wantUsageError(t, `--version: catalog TIC: no versions`,
		"catalog", "columns", "--catalog", "TIC", "--version", "2", "--mast-url", nowhere)
	wantUsageError(t, `--limit: must not be negative (got -5)`,
		"mission", "search", "--limit", "-5", "--mast-url", nowhere)
	wantUsageError(t, `--offset: must not be negative (got -1)`,
		"mission", "search", "--offset", "-1", "--mast-url", nowhere)
	wantUsageError(t, `catalog query: give --object or --coordinates (or KEY=VALUE criteria, for TIC, CTL, DiskDetective, PanSTARRS)`,
		"catalog", "query", "--catalog", "TIC", "--mast-url", nowhere)
	wantUsageError(t, `catalog query: give --object or --coordinates (or KEY=VALUE criteria, for TIC, CTL, DiskDetective, PanSTARRS)`,
		"catalog", "query", "--catalog", "HSC", "nr=5", "--mast-url", nowhere)
	wantUsageError(t, `--sector: "ten" is not a sector number`,
		"tesscut", "cutout", "--sector", "ten", "--coordinates", "10 10", "--mast-url", nowhere)
	wantUsageError(t, `--limit: "many" is not a number`,
		"mission", "search", "--limit", "many", "--mast-url", nowhere)
}

// An unknown mission is refused before any request, with the nearest known one and the list.
func TestUnknownMissionRefused(t *testing.T) {
	const nowhere = "http://127.0.0.1:1"
	wantUsageError(t, `--mission: unknown mission "webb": did you mean "jwst"? (missions: hst, jwst, roman, roman_spectra, roman_cgi, classy, ullyses, iue)`,
		"mission", "search", "--mission", "webb", "--mast-url", nowhere)
	wantUsageError(t, `--mission: unknown mission "jswt": did you mean "jwst"? (missions: hst, jwst, roman, roman_spectra, roman_cgi, classy, ullyses, iue)`,
		"mission", "columns", "--mission", "jswt", "--mast-url", nowhere)
}
