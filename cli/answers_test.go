package cli

// The CLI against answers the simulator misbehaves with: capped pages and the answer
// size caps of the config.

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mastui/services/sim"
)

// startSimWith is startSim with simulator options.
func startSimWith(t *testing.T, opts sim.Options) string {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("MASTUI_CONFIG", t.TempDir()+"/none.json")
	t.Setenv("MASTUI_MAST_URL", "")
	ctx, cancel := context.WithCancel(context.Background())
	url, stop, err := sim.Start(ctx, "127.0.0.1:0", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stop(); cancel() })
	return url
}

func csvRows(t *testing.T, out string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("csv: %v\n%.300s", err, out)
	}
	return recs[1:]
}

// TestCLICappedPagesGiveEveryRow: `sim --page-cap 50` serves 50 rows per page whatever
// the page size; query and products still print every row.
func TestCLICappedPagesGiveEveryRow(t *testing.T) {
	url := startSimWith(t, sim.Options{Archive: demoArchive(t), Faults: sim.Faults{PageSizeCap: 50}})
	out, _, err := runCLI(t, "query", "object", "M101", "--mast-url", url, "--format", "csv", "--columns", "obsid")
	if err != nil {
		t.Fatal(err)
	}
	rows := csvRows(t, out)
	count, _, err := runCLI(t, "query", "object", "M101", "--count", "--mast-url", url)
	if n, _ := strconv.Atoi(strings.TrimSpace(count)); err != nil || n != len(rows) || n <= 100 {
		t.Fatalf("query printed %d rows, --count says %q (%v)", len(rows), count, err)
	}
	var ids []string
	for _, r := range rows[:10] {
		ids = append(ids, r[0])
	}
	prods, _, err := runCLI(t, append([]string{"products", "--mast-url", url, "--format", "csv", "--columns", "dataURI"}, ids...)...)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(sim.Options{Archive: demoArchive(t)}) // the same archive, to count
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, id := range ids {
		n, _ := strconv.ParseUint(id, 10, 64)
		want += len(s.Archive().Products(n))
	}
	if got := len(csvRows(t, prods)); got != want || got <= 50 {
		t.Fatalf("products printed %d rows, the archive has %d", got, want)
	}
}

// TestCLIAnswerCapsFromConfig: max_page_bytes and max_metadata_bytes of config.json cap
// the answers, and the error names the key.
func TestCLIAnswerCapsFromConfig(t *testing.T) {
	url := startSimWith(t, sim.Options{Archive: demoArchive(t)})
	cfg := filepath.Join(t.TempDir(), "config.json")
	os.WriteFile(cfg, []byte(`{"max_page_bytes": "20KiB"}`), 0o600)
	_, _, err := runCLI(t, "query", "object", "M101", "--mast-url", url, "--config", cfg)
	if err == nil || !strings.Contains(err.Error(), "answer larger than 20KiB, the max_page_bytes limit of the config (Mast.Caom.Cone)") {
		t.Errorf("page cap: %v", err)
	}
	os.WriteFile(cfg, []byte(`{"max_metadata_bytes": "1KiB"}`), 0o600)
	_, _, err = runCLI(t, "collections", "--mast-url", url, "--config", cfg)
	if err == nil || !strings.Contains(err.Error(), "max_metadata_bytes") {
		t.Errorf("metadata cap: %v", err)
	}
}
