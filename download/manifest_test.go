package download

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/download")

// golden compares got with ../testdata/download/name (rewritten with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("..", "testdata", "download", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the golden file:\n%s", name, got)
	}
}

func manifestStatuses() []Status {
	u := func(uri string) string { return FileURL("https://mast.stsci.edu", uri) }
	return []Status{
		{Item: Item{Dest: "./mastDownload/HST/U9O40504M/u9o40504m_c3m.fits", URL: u("mast:HST/product/u9o40504m_c3m.fits")}, State: Done},
		{Item: Item{Dest: "./mastDownload/HST/U9O40504M/u9o40504m_c0f.fits", URL: u("mast:HST/product/u9o40504m_c0f.fits")}, State: Skipped},
		{Item: Item{Dest: "./mastDownload/JWST/jw01/jw01_cal.fits", URL: u("mast:JWST/product/jw01_cal.fits")}, State: Failed,
			Err: "login required: exclusive-access data; log in with a MAST token (HTTP 401 Unauthorized: \"exclusive\")"},
		{Item: Item{Dest: "./mastDownload/TESS/t 1/with space, comma.fits", URL: u("mast:TESS/product/x.fits")}, State: Failed, Err: "HTTP 404 Not Found:\nfile not found"},
		{Item: Item{Dest: "./flat.fits", URL: u("mast:HST/product/flat.fits")}, State: Paused},
		{Item: Item{Dest: "./gone.fits", URL: u("mast:HST/product/gone.fits")}, State: Cancelled, Err: "cancelled by the user"},
		{Item: Item{Dest: "./fitscut.cgi_red=x", URL: u("mast:HLA/url/cgi-bin/fitscut.cgi?red=x")}, State: Unverified,
			Err: "nothing proves the file whole: the server sent no size, and this kind of file has no end marker to check"},
	}
}

func TestManifestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteManifestCSV(&b, manifestStatuses()); err != nil {
		t.Fatal(err)
	}
	golden(t, "manifest.csv", b.Bytes())
	rows, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil || len(rows) != 8 || rows[0][0] != "Local Path" || rows[4][1] != "ERROR" || rows[5][1] != "SKIPPED" || rows[7][1] != "UNVERIFIED" {
		t.Fatalf("rows %q, %v", rows, err)
	}
}

func TestManifestECSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteManifestECSV(&b, manifestStatuses()); err != nil {
		t.Fatal(err)
	}
	golden(t, "manifest.ecsv", b.Bytes())
}
