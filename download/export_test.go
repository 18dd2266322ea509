package download

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func exportItems() []Item {
	base := "https://mast.stsci.edu"
	return []Item{
		{URL: FileURL(base, "mast:HST/product/u9o40504m_c3m.fits"), Dest: "/data/mastDownload/HST/U9O40504M/u9o40504m_c3m.fits", Size: 2_880_000},
		{URL: FileURL(base, "mast:HLA/url/cgi-bin/fitscut.cgi?red=x&size=1"), Dest: "/data/mastDownload/HLA/it's/fitscut.cgi_red=x&size=1", Size: 0},
		{URL: "https://other.example.org/file.fits", Dest: "/elsewhere/file.fits", Size: 5760},
	}
}

func TestExportGolden(t *testing.T) {
	opt := ExportOptions{Dir: "/data"}
	var curl, aria, list bytes.Buffer
	if err := WriteCurlScript(&curl, exportItems(), opt); err != nil {
		t.Fatal(err)
	}
	if err := WriteAria2Input(&aria, exportItems(), opt); err != nil {
		t.Fatal(err)
	}
	if err := WriteURLList(&list, exportItems()); err != nil {
		t.Fatal(err)
	}
	golden(t, "curl.sh", curl.Bytes())
	golden(t, "aria2.txt", aria.Bytes())
	golden(t, "urls.txt", list.Bytes())
	if sh, err := exec.LookPath("sh"); err == nil {
		if out, err := exec.Command(sh, "-n", filepath.Join("..", "testdata", "download", "curl.sh")).CombinedOutput(); err != nil {
			t.Fatalf("sh -n: %v\n%s", err, out)
		}
	}
}

// TestCurlScriptRuns runs the written script with the real curl against the simulator,
// interrupts one file, and runs it again: the script resumes and every file is exact.
func TestCurlScriptRuns(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("no curl")
	}
	c, ts := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	items := itemsFor(t, ts.URL, dir, pick(t, 4, 150_000, 400_000))
	script := filepath.Join(dir, "fetch.sh")
	var b bytes.Buffer
	if err := WriteCurlScript(&b, items, ExportOptions{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(script, b.Bytes(), 0o755); err != nil {
		t.Fatal(err)
	}
	run := func() {
		ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
		defer cancel()
		cmd := exec.CommandContext(ctx, "sh", script)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("script: %v\n%s", err, out)
		}
	}
	run()
	checkFiles(t, items)
	// Interrupted download: half a file left. The re-run fetches only the rest.
	full := content(t, items[1].URI)
	if err := os.WriteFile(items[1].Dest, full[:len(full)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	before := c.bytes.Load()
	run()
	checkFiles(t, items)
	if got, want := c.bytes.Load()-before, int64(len(full)-len(full)/2); got != want {
		t.Fatalf("re-run fetched %d bytes, want only the missing %d", got, want)
	}
	if reqs := c.requests(); len(reqs) != len(items)+1 || !strings.HasPrefix(reqs[len(reqs)-1].Range, "bytes=") {
		t.Fatalf("requests %+v: want one resume with Range on the re-run", reqs)
	}
}
