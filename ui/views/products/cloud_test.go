package products

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// cloudFake is the test archive with a cloud side: the _raw.fits files have a copy in
// the bucket, nothing else. It records the URIs of each lookup.
type cloudFake struct {
	uitest.Archive
	mu      sync.Mutex
	lookups [][]string
}

func (a *cloudFake) CloudCopies(ctx context.Context, uris []string, verify bool) ([]mast.CloudCopy, error) {
	a.mu.Lock()
	a.lookups = append(a.lookups, append([]string(nil), uris...))
	a.mu.Unlock()
	out := make([]mast.CloudCopy, len(uris))
	for i, u := range uris {
		out[i] = mast.CloudCopy{URI: u, Missing: "no cloud path"}
		if strings.HasSuffix(u, "_raw.fits") {
			out[i] = mast.CloudCopy{URI: u, Key: "test/public/" + strings.TrimPrefix(u, "mast:TEST/product/")}
		}
	}
	return out, nil
}

func (a *cloudFake) ObjectURL(key string) string { return "https://bucket.example/" + key }

var _ common.CloudArchive = (*cloudFake)(nil)

// loadAll is load, also feeding back the cloud lookups, until nothing is left to run.
func loadAll(t testing.TB, m *Model, obsids []string) {
	t.Helper()
	cmd := m.Start(obsids, obsids)
	for i := 0; cmd != nil && i < 1000; i++ {
		var next []tea.Cmd
		for _, msg := range msgs(cmd) {
			if b, ok := msg.(common.TabMsg); ok && (b.To == BatchTask || b.To == CloudTask) {
				next = append(next, m.Update(b))
			}
		}
		cmd = tea.Batch(next...)
	}
	if m.Fetching() || m.cloudBusy {
		t.Fatal("fetch or lookup did not finish")
	}
}

func TestCloudLookupRunsPerBatchAndAsksEachURIOnce(t *testing.T) {
	a := &cloudFake{Archive: uitest.Archive{Rows: 10}}
	m := newView(a, 2)
	cmd := m.Start([]string{"a", "b", "c"}, nil)
	first := msgs(cmd)[0].(common.TabMsg)
	// Batch 1 in: the next batch and a lookup start together; shared_asn.json is asked once.
	next := msgs(m.Update(first))
	if len(a.lookups) != 1 || len(a.lookups[0]) != 5 {
		t.Fatalf("lookups after batch 1: %v", a.lookups)
	}
	if got := m.cloudCol.Str; strings.Join(got, ",") != "…,…,…,…,…,…" {
		t.Fatalf("marks before the answer: %v", got)
	}
	var rest []tea.Cmd
	for _, msg := range next {
		rest = append(rest, m.Update(msg.(common.TabMsg)))
	}
	for _, msg := range msgs(tea.Batch(rest...)) {
		m.Update(msg.(common.TabMsg))
	}
	// Batch 2 repeats shared_asn.json: only its own two new files are asked about.
	if len(a.lookups) != 2 || strings.Join(a.lookups[1], " ") != "mast:TEST/product/c_raw.fits mast:TEST/product/c_cal.fits" {
		t.Fatalf("lookups %v", a.lookups)
	}
	uri := m.table.Col("dataURI")
	for r := 0; r < m.Rows(); r++ {
		want := cloudNo
		if strings.HasSuffix(uri.String(r), "_raw.fits") {
			want = cloudYes
		}
		if m.cloudCol.Str[r] != want {
			t.Errorf("row %d (%s): %q, want %q", r, uri.String(r), m.cloudCol.Str[r], want)
		}
	}
}

func TestCopyAndExportS3URIsOfTheSelection(t *testing.T) {
	m := newView(&cloudFake{Archive: uitest.Archive{Rows: 10}}, 5)
	loadAll(t, m, []string{"a", "b"})
	clip := m.c.Clipboard.(*uitest.Clipboard)
	msgs(m.Update(keyOf("Y"))) // the product under the cursor: a_raw.fits
	if got := clip.Last(); got != "s3://stpubdata/test/public/a_raw.fits" {
		t.Fatalf("copied %q", got)
	}
	m.Update(keyOf("a")) // everything shown: two raw files among six rows
	msgs(m.Update(keyOf("Y")))
	if got := clip.Last(); got != "s3://stpubdata/test/public/a_raw.fits s3://stpubdata/test/public/b_raw.fits" {
		t.Fatalf("copied %q", got)
	}
	t.Chdir(t.TempDir())
	out := msgs(m.Update(keyOf("E")))
	toast, ok := out[0].(common.ToastMsg)
	if !ok || !strings.Contains(toast.Text, "2 S3 URIs written to ") || !strings.Contains(toast.Text, "4 without a cloud copy") {
		t.Fatalf("export answered %+v", out)
	}
	path := strings.TrimSpace(strings.SplitN(strings.TrimPrefix(toast.Text, "2 S3 URIs written to "), " · ", 2)[0])
	b, err := os.ReadFile(path)
	if err != nil || filepath.Dir(path) != mustGetwd(t) {
		t.Fatalf("%s: %v", path, err)
	}
	if string(b) != "s3://stpubdata/test/public/a_raw.fits\ns3://stpubdata/test/public/b_raw.fits\n" {
		t.Fatalf("file holds %q", b)
	}
}

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func TestCloudToggleQueuesBucketURLs(t *testing.T) {
	m := newView(&cloudFake{Archive: uitest.Archive{Rows: 10}}, 5)
	loadAll(t, m, []string{"a"})
	m.Update(keyOf("a"))
	queued := func() map[string]string {
		for _, msg := range msgs(m.Update(keyOf("D"))) {
			if q, ok := msg.(common.QueueProductsMsg); ok {
				got := map[string]string{}
				for _, p := range q.Products {
					got[p.Filename] = p.CloudURL
				}
				return got
			}
		}
		t.Fatal("D queued nothing")
		return nil
	}
	if got := queued(); got["a_raw.fits"] != "" {
		t.Fatalf("cloud off, yet %v", got)
	}
	msgs(m.Update(keyOf("c")))
	if !m.CloudDownloads() || !strings.Contains(m.View(), "downloads from the cloud") {
		t.Fatal("c did not turn cloud downloads on, or the title does not say so")
	}
	got := queued()
	if got["a_raw.fits"] != "https://bucket.example/test/public/a_raw.fits" || got["a_cal.fits"] != "" {
		t.Fatalf("cloud on: %v", got)
	}
}

// Without a cloud side (a mission's products, or an archive without one), there is no
// cloud column and the cloud keys only say so.
func TestNoCloudColumnWithoutCloudArchive(t *testing.T) {
	m := newView(&uitest.Archive{Rows: 10}, 5)
	load(t, m, []string{"a"})
	if m.cloudCol != nil || strings.Contains(m.View(), "cloud") {
		t.Fatal("a cloud column without a cloud archive")
	}
	if out := msgs(m.Update(keyOf("Y"))); len(out) != 1 || !strings.Contains(out[0].(common.ToastMsg).Text, "No cloud copies") {
		t.Fatalf("Y answered %+v", out)
	}
}

// TestCloudColumnGolden is the products screen at 100x16 with the cloud column filled.
// go test ./ui/views/products -run Golden -update rewrites it.
func TestCloudColumnGolden(t *testing.T) {
	m := newView(&cloudFake{Archive: uitest.Archive{Rows: 10}}, 5)
	m.SetSize(100, 16)
	loadAll(t, m, []string{"a", "b"})
	m.Update(keyOf("c"))
	golden.RequireEqual(t, []byte(m.View()))
}
