package cli

// Seed 004's duplication check through the CLI against the simulator: the expected
// matches and near misses are derived from the demo archive's own observations.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mastui/services/sim"
	"mastui/services/sim/archive"
)

// seed004Targets is seed 004's input catalog as a target list.
const seed004Targets = `number,aperture,ra,dec,grating,filter,exposure_time
1,MSA,53.13,-27.8,G395H,F290LP,950
2,IFU,68.73091,24.48140,G395H,F290LP,22.749
3,S200B1,5.130,-36.895,G140H,F070LP,1880.22
`

// seed004Target is what the oracle needs of a target.
type seed004Target struct {
	number          string
	ra, dec, radius float64 // radius in arcsec
	instruments     []string
	grating, filter string
	exposure        float64
}

var seed004 = []seed004Target{
	{"1", 53.13, -27.8, 180, []string{"NIRSPEC/MSA"}, "G395H", "F290LP", 950},
	{"2", 68.73091, 24.48140, 3, []string{"NIRSPEC/IFU", "NIRSPEC/MSA"}, "G395H", "F290LP", 22.749},
	{"3", 5.130, -36.895, 3.3, []string{"NIRSPEC/SLIT", "NIRSPEC/MSA"}, "G140H", "F070LP", 1880.22},
}

// expectedDupcheck derives, from the archive itself, the obs_ids a check of t must
// report as matches and as near misses (with the criterion each misses), the radius
// scaled by scale: JWST observations of the instruments within twice the radius, a level-2
// exposure left out when its level-3 observation is among them.
func expectedDupcheck(a *sim.Archive, t seed004Target, scale float64) (matches map[string]bool, near map[string]string) {
	radius := t.radius * scale
	var cands []*sim.Obs
	members := map[uint64]bool{}
	for i := range a.Len() {
		o := a.At(i)
		if o.Collection != "JWST" || !slices.Contains(t.instruments, o.Instrument) {
			continue
		}
		if archive.AngDist(t.ra, t.dec, o.RA, o.Dec)*3600 <= 2*radius {
			cands = append(cands, o)
			for _, m := range a.Members(o) {
				members[m] = true
			}
		}
	}
	matches, near = map[string]bool{}, map[string]string{}
	for _, o := range cands {
		if members[o.Obsid] {
			continue
		}
		var fails []string
		parts := strings.Split(o.Filters, ";")
		if !slices.Contains(parts, t.grating) || !slices.Contains(parts, t.filter) {
			fails = append(fails, "grating/filter")
		}
		if r := o.TExptime / t.exposure; r < 0.25 || r > 4 {
			fails = append(fails, "exposure")
		}
		if archive.AngDist(t.ra, t.dec, o.RA, o.Dec)*3600 > radius {
			fails = append(fails, "radius")
		}
		switch len(fails) {
		case 0:
			matches[o.ObsID] = true
		case 1:
			near[o.ObsID] = fails[0]
		}
	}
	return matches, near
}

// dupRow is a JSON row of `mastui dupcheck --format json`.
type dupRow struct {
	Target        string  `json:"target"`
	Kind          string  `json:"kind"`
	ObsID         string  `json:"obs_id"`
	ProposalID    string  `json:"proposal_id"`
	Separation    float64 `json:"separation"`
	ExposureRatio float64 `json:"exposure_ratio"`
	Status        string  `json:"status"`
	Reason        string  `json:"reason"`
}

func writeTargets(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "targets.csv")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runDupcheckJSON(t *testing.T, args ...string) ([]dupRow, string) {
	t.Helper()
	out, stderr, err := runCLI(t, append([]string{"dupcheck", "--format", "json"}, args...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var rows []dupRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("stdout is not JSON rows: %v\n%.600s", err, out)
	}
	return rows, stderr
}

func checkAgainstArchive(t *testing.T, rows []dupRow, scale float64) {
	t.Helper()
	a := demoArchive(t)
	for _, tg := range seed004 {
		wantMatch, wantNear := expectedDupcheck(a, tg, scale)
		gotMatch, gotNear := map[string]bool{}, map[string]string{}
		for _, r := range rows {
			if r.Target != tg.number {
				continue
			}
			switch r.Kind {
			case "match":
				gotMatch[r.ObsID] = true
				if r.ExposureRatio < 0.25 || r.ExposureRatio > 4 || r.Separation > tg.radius*scale || r.Reason == "" {
					t.Errorf("target %s: match %+v breaks a criterion", tg.number, r)
				}
			case "near_miss":
				gotNear[r.ObsID] = r.Reason
			default:
				t.Errorf("target %s: row kind %q", tg.number, r.Kind)
			}
		}
		if !mapsEqualKeys(gotMatch, wantMatch) {
			t.Errorf("target %s matches:\n got %v\nwant %v", tg.number, keys(gotMatch), keys(wantMatch))
		}
		if !mapsEqualKeys(gotNear, wantNear) {
			t.Errorf("target %s near misses:\n got %v\nwant %v", tg.number, keys(gotNear), keys(wantNear))
		}
		for id, miss := range wantNear {
			word := map[string]string{"grating/filter": "grating/filter", "exposure": "exposure ×", "radius": "outside the"}[miss]
			if !strings.Contains(gotNear[id], word) {
				t.Errorf("target %s near miss %s (%s): reason %q", tg.number, id, miss, gotNear[id])
			}
		}
	}
}

func mapsEqualKeys[V any](a, b map[string]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Seed 004's three targets: every match and near miss the archive holds, no other; the
// summaries and the reminder on stderr, only the rows on stdout.
func TestDupcheckSeed004AgainstTheArchive(t *testing.T) {
	url := startSim(t)
	rows, stderr := runDupcheckJSON(t, writeTargets(t, seed004Targets), "--mast-url", url)
	checkAgainstArchive(t, rows, 1)
	// The simulator holds every kind the check must tell apart.
	kinds := map[string]bool{}
	for _, r := range rows {
		switch {
		case r.Kind == "match" && r.Status == "planned":
			kinds["planned match"] = true
		case r.Kind == "match" && strings.HasPrefix(r.Status, "proprietary until 20"):
			kinds["proprietary match"] = true
		case r.Kind == "match" && strings.Contains(r.Reason, "checked against NIRSPEC/MSA"):
			kinds["FS vs MOS match"] = true
		case r.Kind == "near_miss" && strings.HasPrefix(r.Reason, "grating/filter"):
			kinds["wrong grating"] = true
		case r.Kind == "near_miss" && strings.HasPrefix(r.Reason, "exposure ×5 "):
			kinds["exposure ×5"] = true
		case r.Kind == "near_miss" && strings.Contains(r.Reason, "outside the"):
			kinds["outside the radius"] = true
		}
	}
	for _, k := range []string{"planned match", "proprietary match", "FS vs MOS match", "wrong grating", "exposure ×5", "outside the radius"} {
		if !kinds[k] {
			t.Errorf("no %s in the rows: %+v", k, rows)
		}
	}
	for _, want := range []string{"target 1 MSA 53.13000 -27.80000 G395H/F290LP 950 s: ", "target 2 IFU", "target 3 S200B1",
		"Proposals to check in APT: ", "APT's duplication checker is the authority"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// --radius-scale scales every radius: half the radii, fewer matches, as the archive says.
func TestDupcheckRadiusScale(t *testing.T) {
	url := startSim(t)
	rows, _ := runDupcheckJSON(t, writeTargets(t, seed004Targets), "--mast-url", url, "--radius-scale", "0.5")
	checkAgainstArchive(t, rows, 0.5)
}

// The table and markdown reports: a section per target, near misses with their reason,
// the proposals and the reminder.
func TestDupcheckMarkdownReport(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "dupcheck", writeTargets(t, seed004Targets), "--mast-url", url, "--format", "markdown")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Target 1 MSA", "## Target 3 S200B1", "| kind | obs_id | proposal_id |",
		"Near misses (why they do not match):", "| near_miss | ", "Proposals to check in APT: ", "> APT's duplication checker"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

// --jwst-detail lists the Mast.Jwst.Filtered.Nirspec files of the matched programs
// (never of a planned observation, which has none).
func TestDupcheckJWSTDetail(t *testing.T) {
	url := startSim(t)
	out, stderr, err := runCLI(t, "dupcheck", writeTargets(t, seed004Targets), "--mast-url", url, "--format", "csv", "--jwst-detail")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	head, recs := csvRecords(t, out)
	if len(recs) == 0 {
		t.Fatalf("no file rows:\n%s", stderr)
	}
	programs := column(t, head, recs, "program")
	gratings := column(t, head, recs, "grating")
	for i, tg := range column(t, head, recs, "target") {
		want := map[string]string{"1": "G395H", "3": "G140H"}[tg]
		if want == "" || gratings[i] != want {
			t.Errorf("row %d: target %s grating %s", i, tg, gratings[i])
		}
	}
	if !slices.Contains(programs, "2750") || !slices.Contains(programs, "1180") {
		t.Errorf("programs %v lack the matched 2750 and 1180", programs)
	}
}

// Bad target lists fail naming the line and the column; nothing is asked of MAST.
func TestDupcheckBadTargetList(t *testing.T) {
	url := startSim(t)
	list := "number,aperture,ra,dec,grating,filter,exposure_time\n" +
		"1,MAS,53.13,-27.8,G395H,F290LP,950\n" +
		"2,IFU,25h00m00s,24.48,G395H,F290LP,22\n" +
		"3,S200B1,5.13,-36.9,G140H,F070LP,-5\n"
	_, _, err := runCLI(t, "dupcheck", writeTargets(t, list), "--mast-url", url)
	if err == nil {
		t.Fatal("a bad list was accepted")
	}
	for _, want := range []string{`line 2, column "aperture": unknown aperture "MAS": did you mean "MSA"?`,
		`line 3, column "ra"`, `line 4, column "exposure_time"`, "must be positive"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, _, err := runCLI(t, "dupcheck", writeTargets(t, seed004Targets), "--mast-url", url, "--radius-scale", "0"); err == nil ||
		!strings.Contains(err.Error(), "--radius-scale must be positive") {
		t.Errorf("radius scale 0: %v", err)
	}
}

// An aperture table given in the config replaces the built-in one: a NIRCam mode added
// as data, with no code.
func TestDupcheckApertureTableFromConfig(t *testing.T) {
	url := startSim(t)
	dir := t.TempDir()
	table := filepath.Join(dir, "apertures.csv")
	if err := os.WriteFile(table, []byte("aperture,radius_arcsec,instrument_name,also_check\nWIDE,60,NIRSPEC/MSA,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.json")
	if err := os.WriteFile(cfg, []byte(`{"dupcheck_apertures": "`+table+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	list := "number,aperture,ra,dec,grating,filter,exposure_time\n1,WIDE,03:32:31.2,-27:48:00,G395H,F290LP,950\n"
	rows, _ := runDupcheckJSON(t, writeTargets(t, list), "--mast-url", url, "--config", cfg)
	want, _ := expectedDupcheck(demoArchive(t), seed004Target{"1", 53.13, -27.8, 60, []string{"NIRSPEC/MSA"}, "G395H", "F290LP", 950}, 1)
	got := map[string]bool{}
	for _, r := range rows {
		if r.Kind == "match" {
			got[r.ObsID] = true
		}
	}
	if len(want) == 0 || !mapsEqualKeys(got, want) {
		t.Errorf("matches within 60″:\n got %v\nwant %v", keys(got), keys(want))
	}
	// The built-in table does not know WIDE.
	if _, _, err := runCLI(t, "dupcheck", writeTargets(t, list), "--mast-url", url); err == nil || !strings.Contains(err.Error(), `unknown aperture "WIDE"`) {
		t.Errorf("built-in table: %v", err)
	}
}
