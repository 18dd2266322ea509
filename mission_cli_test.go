package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMissionSearchSeedExampleCLI(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "mission", "search", "--mission", "hst", "--mast-url", url, "--format", "csv",
		"sci_obs_type=IMAGE", "sci_instrume=!COS", "sci_spec_1234=F150W,F105W,F110W", "sci_dec=>0",
		"sci_actual_duration=1000..2000", "sci_targname=*GAL*", "--select", "sci_targname,sci_instrume,sci_dec,sci_actual_duration")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	head := strings.Join(recs[0], ",")
	if !strings.Contains(head, "sci_data_set_name") || !strings.Contains(head, "sci_targname") {
		t.Errorf("header %s", head)
	}
	_, _, err = runCLI(t, "mission", "search", "--mission", "hst", "--mast-url", url, "sci_Targname=M101")
	if err == nil || !strings.Contains(err.Error(), "sci_targname") {
		t.Errorf("case-sensitive did you mean: %v", err)
	}
	_, _, err = runCLI(t, "mission", "search", "--mission", "hst", "--mast-url", url, "--coordinates", "10 10", "--radius", "45")
	if err == nil || !strings.Contains(err.Error(), "30") {
		t.Errorf("radius over 30 arcmin: %v", err)
	}
}

func TestMissionDownloadFlatAndTree(t *testing.T) {
	url := startSim(t)
	for _, flat := range []bool{false, true} {
		dir := t.TempDir()
		args := []string{"mission", "download", "--mission", "hst", "N4A701010", "--mast-url", url, "--dir", dir, "--filter", "extension=fits"}
		if flat {
			args = append(args, "--flat")
		}
		if _, stderr, err := runCLI(t, args...); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		pattern := filepath.Join(dir, "mastDownload", "hst", "N4A701010", "*.fits")
		if flat {
			pattern = filepath.Join(dir, "*.fits")
		}
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			t.Fatalf("flat=%v: no files at %s", flat, pattern)
		}
		b, _ := os.ReadFile(files[0])
		if !strings.HasPrefix(string(b), "SIMPLE  =") || len(b)%2880 != 0 {
			t.Errorf("%s is not a FITS file", files[0])
		}
	}
}

func TestMissionDownloadFromSubscriptionJSON(t *testing.T) {
	url := startSim(t)
	list, _, err := runCLI(t, "mission", "products", "--mission", "hst", "N4A701010", "--mast-url", url, "--format", "json", "--filter", "extension=fits")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "subscription.json")
	if err := os.WriteFile(path, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, stderr, err := runCLI(t, "mission", "download", "--mission", "hst", "--products-json", path, "--mast-url", url, "--dir", dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "mastDownload", "hst", "N4A701010", "*.fits"))
	if len(files) == 0 || strings.Count(list, `"filename"`) != len(files) {
		t.Fatalf("%d files from a list of %d products", len(files), strings.Count(list, `"filename"`))
	}
}
