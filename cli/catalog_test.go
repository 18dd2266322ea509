package cli

// Seed 003 (Catalogs) and seed 004 (Mast.Jwst.Filtered.Nirspec) through the CLI,
// in-process against the simulator.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"mastui/services/testmode"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mastui/services/mast"
)

// csvRecords parses out as CSV: the header and the rows.
func csvRecords(t *testing.T, out string) ([]string, [][]string) {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("csv: %v\n%.500s", err, out)
	}
	return recs[0], recs[1:]
}

// column is the values of the named CSV column.
func column(t *testing.T, head []string, rows [][]string, name string) []string {
	t.Helper()
	for i, h := range head {
		if h == name {
			out := make([]string, len(rows))
			for r := range rows {
				out[r] = rows[r][i]
			}
			return out
		}
	}
	t.Fatalf("no column %s in %v", name, head)
	return nil
}

func TestCatalogQuerySeed003ExamplesSweep(t *testing.T) {
	testmode.Sweep(t)
	url := startSim(t)
	cases := []struct {
		name string
		args []string
		col  string // a column the rows must have
	}{
		{"galex by position", []string{"--catalog", "Galex", "--coordinates", "158.47924 -7.30962"}, "objID"},
		{"tic around M10", []string{"--catalog", "TIC", "--object", "M10", "--radius", "0.02"}, "dstArcSec"},
		{"gaia dr2", []string{"--catalog", "Gaia", "--version", "2", "--coordinates", "158.47924 -7.30962", "--radius", "0.1"}, "source_id"},
		{"panstarrs dr1 mean", []string{"--catalog", "Panstarrs", "--release", "dr1", "--table", "mean", "--coordinates", "158.47924 -7.30962", "--radius", "0.1"}, "objName"},
		{"tic criteria", []string{"--catalog", "Tic", "Bmag=30..50", "objType=STAR"}, "Bmag"},
		{"ctl criteria around M101", []string{"--catalog", "Ctl", "--object", "M101", "--radius", "1", "Tmag=10.75..11"}, "ctlPriority"},
		{"disk detective around M10", []string{"--catalog", "DiskDetective", "--object", "M10", "--radius", "2", "state=complete"}, "ZooniverseURL"},
		{"hsc around M10", []string{"--catalog", "HSC", "--object", "M10", "--radius", ".02"}, "MatchID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"catalog", "query", "--mast-url", url, "--format", "csv"}, c.args...)
			out, stderr, err := runCLI(t, args...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			head, rows := csvRecords(t, out)
			if len(rows) == 0 || column(t, head, rows, c.col)[0] == "" {
				t.Fatalf("%d rows, header %v", len(rows), head)
			}
		})
	}
	// Criteria rows satisfy their criteria; the count agrees with them.
	out, _, err := runCLI(t, "catalog", "query", "--catalog", "Tic", "Bmag=30..50", "objType=STAR", "--mast-url", url, "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	head, rows := csvRecords(t, out)
	for i, b := range column(t, head, rows, "Bmag") {
		if v, _ := strconv.ParseFloat(b, 64); v < 30 || v > 50 || column(t, head, rows, "objType")[i] != "STAR" {
			t.Fatalf("row %d: Bmag %s", i, b)
		}
	}
	n, _, err := runCLI(t, "catalog", "query", "--catalog", "Tic", "Bmag=30..50", "objType=STAR", "--mast-url", url, "--count")
	if err != nil || strings.TrimSpace(n) != strconv.Itoa(len(rows)) {
		t.Fatalf("--count %q (%v), %d rows", n, err, len(rows))
	}
}

func TestCatalogQueryBigIntegersExact(t *testing.T) {
	url := startSim(t)
	// GALEX objID: the CLI's csv and json against the server's own digits.
	raws, err := mast.New(mast.Config{BaseURL: url}).InvokeRaw(context.Background(), mast.InvokeRequest{Service: "Mast.Galex.Catalog",
		Params: mast.Object{{Key: "ra", Value: 158.47924}, {Key: "dec", Value: -7.30962}, {Key: "radius", Value: 0.2}, {Key: "maxrecords", Value: 50000}}})
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Data []map[string]any `json:"data"`
	}
	dec := json.NewDecoder(bytes.NewReader(raws[0]))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil || len(raw.Data) == 0 {
		t.Fatalf("raw answer: %v", err)
	}
	id, _ := raw.Data[0]["objID"].(json.Number)
	want := id.String()
	if n, _ := strconv.ParseUint(want, 10, 64); n <= 1<<53 {
		t.Fatalf("objID %s is not above 2^53: the test proves nothing", want)
	}
	args := []string{"catalog", "query", "--catalog", "GALEX", "--coordinates", "158.47924 -7.30962", "--select", "objID", "--mast-url", url}
	out, _, err := runCLI(t, append(args, "--format", "csv")...)
	if err != nil {
		t.Fatal(err)
	}
	if head, rows := csvRecords(t, out); column(t, head, rows, "objID")[0] != want {
		t.Fatalf("csv objID %s, server sent %s", rows[0][0], want)
	}
	out, _, err = runCLI(t, append(args, "--format", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"objID": `+want+`}`) {
		t.Fatalf("json lacks objID %s exactly:\n%.300s", want, out)
	}
	// Gaia source_id: the server's designation spells it.
	out, _, err = runCLI(t, "catalog", "query", "--catalog", "Gaia", "--version", "DR2", "--coordinates", "158.47924 -7.30962",
		"--radius", "0.1", "--select", "source_id,designation", "--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head, rows := csvRecords(t, out)
	ids, des := column(t, head, rows, "source_id"), column(t, head, rows, "designation")
	for i := range rows {
		if n, _ := strconv.ParseUint(ids[i], 10, 64); n <= 1<<53 || des[i] != "Gaia DR2 "+ids[i] {
			t.Fatalf("row %d: source_id %s, designation %s", i, ids[i], des[i])
		}
	}
}

func TestCatalogQueryWarningsGoToStderr(t *testing.T) {
	url := startSim(t)
	out, stderr, err := runCLI(t, "catalog", "query", "--catalog", "HSC", "--coordinates", "322.49324 12.16683", "magtype=2", "nr=1000",
		"--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	if _, rows := csvRecords(t, out); len(rows) != 1000 {
		t.Fatalf("%d rows, want the 1000 of nr", len(rows))
	}
	if !strings.Contains(stderr, "warning: Maximum catalog results returned (nr=1000)") || strings.Contains(out, "Maximum") {
		t.Fatalf("stderr %q", stderr)
	}
	// PanSTARRS: the seed-003 query, sorted and selected on the server, a full page warned.
	out, stderr, err = runCLI(t, "catalog", "query", "--catalog", "PANSTARRS", "--table", "mean", "--release", "dr2",
		"--coordinates", "5.97754 32.53617", "--radius", "0.01", "nStackDetections>=2", "--select", "objName,objID,nStackDetections,distance",
		"--sort", "distance:desc", "--pagesize", "15", "--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head, rows := csvRecords(t, out)
	if strings.Join(head, ",") != "objName,objID,nStackDetections,distance" || len(rows) != 15 {
		t.Fatalf("header %v, %d rows", head, len(rows))
	}
	dist, nst := column(t, head, rows, "distance"), column(t, head, rows, "nStackDetections")
	for i := range rows {
		d, _ := strconv.ParseFloat(dist[i], 64)
		prev, _ := strconv.ParseFloat(dist[max(i-1, 0)], 64)
		if n, _ := strconv.Atoi(nst[i]); n < 2 || d > prev {
			t.Fatalf("row %d: nStackDetections %s, distance %s after %s", i, nst[i], dist[i], dist[max(i-1, 0)])
		}
	}
	if !strings.Contains(stderr, "warning: Maximum results returned (15 rows)") {
		t.Fatalf("stderr %q", stderr)
	}
	// One page of a Portal catalog says there are more.
	_, stderr, err = runCLI(t, "catalog", "query", "--catalog", "Tic", "Bmag=30..50", "--pagesize", "2", "--page", "1", "--mast-url", url)
	if err != nil || !strings.Contains(stderr, "--page 2 for the next") {
		t.Fatalf("stderr %q, %v", stderr, err)
	}
}

func TestCatalogQuerySelectAndSortPortalRows(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "catalog", "query", "--catalog", "TIC", "--object", "M10", "--radius", "0.02",
		"--select", "ID,Tmag", "--sort", "Tmag:desc", "--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head, rows := csvRecords(t, out)
	if strings.Join(head, ",") != "ID,Tmag" || len(rows) < 3 {
		t.Fatalf("header %v, %d rows", head, len(rows))
	}
	for i := 1; i < len(rows); i++ {
		a, _ := strconv.ParseFloat(rows[i-1][1], 64)
		if b, _ := strconv.ParseFloat(rows[i][1], 64); rows[i][1] != "" && b > a {
			t.Fatalf("row %d: Tmag %v after %v", i, b, a)
		}
	}
}

func TestCatalogBadInputNamesTheProblem(t *testing.T) {
	url := startSim(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"catalog", "query", "--catalog", "Gaai", "--object", "M10"}, `unknown catalog "Gaai": did you mean "Gaia"?`},
		{[]string{"catalog", "query", "--catalog", "TIC", "Bmag"}, "expected KEY=VALUE"},
		{[]string{"catalog", "query", "--catalog", "TIC", "Tmagg=1..2"}, `did you mean "Tmag"`},
		{[]string{"catalog", "query", "--catalog", "PanSTARRS", "nDetections!=2"}, "no negation"},
		{[]string{"catalog", "query", "--catalog", "Gaia", "--release", "dr1", "--object", "M10"}, "data releases and tables are PanSTARRS's"},
		{[]string{"catalog", "query", "--catalog", "Gaia", "--object", "M10", "phot_g_mean_mag=1..2"}, "catalog Gaia takes no criteria"},
		{[]string{"catalog", "query", "--catalog", "HSC", "--object", "M10", "--count"}, "no count offered"},
		{[]string{"catalog", "query", "--catalog", "TIC", "--object", "M10", "--radius", "0.02", "--sort", "Tmagg"}, `did you mean "Tmag"`},
		{[]string{"catalog", "query", "--catalog", "TIC", "--object", "M10", "--radius", "3 parsec"}, "parsec"},
		{[]string{"catalog", "query", "--catalog", "TIC", "--object", "M10", "--coordinates", "1 2"}, "mutually exclusive"},
		{[]string{"catalog", "hsc-matches", "abc"}, "want an integer"},
		{[]string{"catalog", "download-spectra", "HAG_NOPE"}, `no HSC spectrum is called "HAG_NOPE"`},
		{[]string{"service", "Mast.Catalogs.Filtered.Tic.Rows", "--count", "--params", `{"columns": "*", "filters": []}`}, "cannot count"},
		{[]string{"service", "Mast.Jwst.Filtered.Nirspec", "--params", `{"columns": "*",`}, "params must be a JSON object"},
		{[]string{"service", "Mast.Caom.Cone", "--filter", "a=1"}, "not a filtered service"},
	}
	for _, c := range cases {
		_, _, err := runCLI(t, append(c.args, "--mast-url", url)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want it to mention %q", c.args, err, c.want)
		}
	}
}

func TestCatalogListAndColumns(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "catalog", "list", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	head, rows := csvRecords(t, out)
	names := column(t, head, rows, "catalog")
	if len(rows) != len(mast.Catalogs()) || names[0] != "HSC" || column(t, head, rows, "tables")[len(rows)-1] != "mean,stack,detection,forced_mean" {
		t.Fatalf("list:\n%s", out)
	}
	out, _, err = runCLI(t, "catalog", "columns", "--catalog", "TIC", "--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head, rows = csvRecords(t, out)
	found := map[string]bool{}
	for _, r := range rows {
		m := map[string]string{}
		for i, h := range head {
			m[h] = r[i]
		}
		switch m["name"] {
		case "Tmag":
			found["Tmag"] = m["criteria"] == "range" && strings.Contains(m["values"], "..") && m["description"] != ""
		case "objType":
			found["objType"] = m["criteria"] == "list" && strings.Contains(m["values"], "STAR (")
		}
	}
	if !found["Tmag"] || !found["objType"] {
		t.Fatalf("TIC columns: %v\n%.2000s", found, out)
	}
	out, _, err = runCLI(t, "catalog", "columns", "--catalog", "PanSTARRS", "--release", "dr1", "--table", "stack", "--format", "csv", "--mast-url", url)
	if err != nil || !strings.Contains(out, "\nobjID,int,") {
		t.Fatalf("PanSTARRS columns (%v):\n%.500s", err, out)
	}
}

func TestCatalogHSCMatchesAndSpectraDownload(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "catalog", "query", "--object", "M10", "--radius", ".02", "--select", "MatchID", "--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	_, rows := csvRecords(t, out)
	match := rows[0][0]
	out, _, err = runCLI(t, "catalog", "hsc-matches", match, "--version", "3", "--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head, rows := csvRecords(t, out)
	for _, m := range column(t, head, rows, "MatchID") {
		if m != match {
			t.Fatalf("a match of %s has MatchID %s", match, m)
		}
	}
	out, _, err = runCLI(t, "catalog", "hsc-spectra", "--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head, rows = csvRecords(t, out)
	names := column(t, head, rows, "DatasetName")
	if len(names) < 104 {
		t.Fatalf("%d spectra: the seed downloads [100:104]", len(names))
	}
	dir := t.TempDir()
	want := names[100:104]
	_, stderr, err := runCLI(t, append([]string{"catalog", "download-spectra", "--dir", dir, "--mast-url", url}, want...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, n := range want {
		b, err := os.ReadFile(filepath.Join(dir, "mastDownload", "HSC", n+".fits"))
		if err != nil || !bytes.HasPrefix(b, []byte("SIMPLE  =")) || len(b)%2880 != 0 {
			t.Fatalf("%s: %v, %d bytes", n, err, len(b))
		}
	}
	manifests, _ := filepath.Glob(filepath.Join(dir, "mastDownload_manifest_*.csv"))
	if len(manifests) != 1 || !strings.Contains(stderr, "4 downloaded") {
		t.Fatalf("manifests %v, stderr %q", manifests, stderr)
	}
	m, _ := os.ReadFile(manifests[0])
	for _, n := range want {
		if !strings.Contains(string(m), n+".fits") {
			t.Fatalf("manifest lacks %s:\n%s", n, m)
		}
	}
}

func TestServiceSeed004NirspecSweep(t *testing.T) {
	testmode.Sweep(t)
	url := startSim(t)
	const svc = "Mast.Jwst.Filtered.Nirspec"
	out, _, err := runCLI(t, "service", svc, "--params", `{"columns": "*", "filters": []}`, "--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head, all := csvRecords(t, out)
	if len(all) == 0 || column(t, head, all, "filename")[0] == "" {
		t.Fatalf("%d NIRSpec rows", len(all))
	}
	out, _, err = runCLI(t, "service", svc, "--params", `{"columns": "*", "filters": [{"paramName": "exp_type", "values": ["NRS_MSASPEC"]}]}`,
		"--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head, rows := csvRecords(t, out)
	for _, v := range column(t, head, rows, "exp_type") {
		if v != "NRS_MSASPEC" {
			t.Fatalf("exp_type %s", v)
		}
	}
	if len(rows) == 0 || len(rows) >= len(all) {
		t.Fatalf("%d NRS_MSASPEC rows of %d", len(rows), len(all))
	}
	multi := `{"columns": "*", "filters": [{"paramName": "apername", "values": ["NRS1_FULL", "NRS_FULL_MSA"]},
		{"paramName": "detector", "values": ["NRS1"]}, {"paramName": "filter", "values": ["F290LP", "F170LP"]},
		{"paramName": "exp_type", "values": ["NRS_IFU", "NRS_MSASPEC", "NRS_BRIGHTOBJ", "NRS_WATA"]},
		{"paramName": "readpatt", "values": ["NRS", "NRSRAPID"]}]}`
	path := filepath.Join(t.TempDir(), "params.json")
	if err := os.WriteFile(path, []byte(multi), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCLI(t, "service", svc, "--params", "@"+path, "--format", "csv", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head, rows = csvRecords(t, out)
	for i, d := range column(t, head, rows, "detector") {
		if d != "NRS1" || column(t, head, rows, "visitype")[i] == "" {
			t.Fatalf("row %d: detector %s", i, d)
		}
	}
	for _, args := range [][]string{
		{"--params", multi},
		{"--filter", "apername=NRS1_FULL,NRS_FULL_MSA", "--filter", "detector=NRS1", "--filter", "filter=F290LP,F170LP",
			"--filter", "exp_type=NRS_IFU,NRS_MSASPEC,NRS_BRIGHTOBJ,NRS_WATA", "--filter", "readpatt=NRS,NRSRAPID"},
	} {
		n, _, err := runCLI(t, append([]string{"service", svc, "--count", "--mast-url", url}, args...)...)
		if err != nil || strings.TrimSpace(n) != strconv.Itoa(len(rows)) {
			t.Fatalf("%v: count %q (%v), %d rows", args, n, err, len(rows))
		}
	}
}
