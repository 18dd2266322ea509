package cutouts

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/grid"
	"mastui/ui/uitest"

	cutsvc "mastui/services/cutouts"
)

// The size is parsed as it is typed: a bad size is marked on its field at once, a good
// one says what it means, and enter with a bad size asks nothing.
func TestSizeParsedAsTyped(t *testing.T) {
	r := newRig(t)
	r.typeTarget(t, "324.24368 -27.01029")
	r.press(t, "tab", "tab", "5x") // Moving target, then Size
	if got := r.form.Field(rowSize).Err(); !strings.Contains(got, `unknown unit "x"`) {
		t.Fatalf("size error %q", got)
	}
	contains(t, r.View(), `✗ cutout size "5x"`)
	r.press(t, "7")
	if got := r.form.Field(rowSize).Err(); got != "" {
		t.Fatalf("5x7 marked %q", got)
	}
	contains(t, r.View(), "→ 5x7 px")
	r.press(t, " arcsecs") // "5x7 arcsecs" is fine; make it bad again
	r.press(t, "x")
	if cmd := r.Update(keyEnter()); cmd != nil {
		t.Fatal("enter with a bad size asked something")
	}
	contains(t, r.View(), "Not listed: cutout size")
	if r.Pane() != "form" {
		t.Fatalf("pane %s", r.Pane())
	}
}

// A target with coordinates that do not parse is marked; no target at all is refused.
func TestTargetChecked(t *testing.T) {
	r := newRig(t)
	r.press(t, "enter")
	contains(t, r.View(), "Not listed: give a target")
	r.typeTarget(t, "400 10")
	if got := r.form.Field(rowTarget).Err(); !strings.Contains(got, "RA 400 is outside 0..360") {
		t.Fatalf("target error %q", got)
	}
}

// Enter lists the sectors at a position; two selected, D queues one cutout each: the
// TESScut GET of that sector, a zip in the download directory, unpacked by the queue.
func TestSectorsListedAndTwoQueued(t *testing.T) {
	r := newRig(t)
	r.typeTarget(t, "324.24368 -27.01029")
	r.press(t, "enter")
	want := r.sectors(t, 324.24368, -27.01029)
	if r.Pane() != "list" || r.list.rows() != len(want) || len(want) < 3 {
		t.Fatalf("pane %s, %d rows, want %d:\n%s", r.Pane(), r.list.rows(), len(want), r.View())
	}
	contains(t, r.View(), want[0].Name, want[1].Name, "sector camera ccd dates", "cadence cutout sectorName",
		"1      1   3 2018-07-25 → 2018-08-22 30 min")
	got := toasts(r.press(t, "space", "space", "D"))
	if !slices.Equal(got, []string{"2 cutouts queued"}) {
		t.Fatalf("toasts %q", got)
	}
	if len(r.dl.Added) != 2 {
		t.Fatalf("%d items added", len(r.dl.Added))
	}
	for i, it := range r.dl.Added {
		url, _ := cutsvc.TESScutURL(r.client.Config().BaseURL, cutsvc.TESScutCutout{
			Target: cutsvc.Target{RA: 324.24368, Dec: -27.01029}, Sectors: []int{want[i].Sector}})
		dest := filepath.Join(r.dir, "tesscut_"+sectorTag(want[i].Sector)+"_324.24368_-27.01029_5x5px.zip")
		if it.URL != url || it.Dest != dest || it.Root != r.dir || it.Unpack != download.UnpackCutouts ||
			it.Collection != "TESS" || it.ObsID != want[i].Name || it.ID != download.ItemID(url, dest) {
			t.Errorf("item %d: %+v\nwant URL %s Dest %s", i, it, url, dest)
		}
	}
	contains(t, r.View(), "2 selected", "queued")
	// None selected: D queues every sector; the two already queued are said so.
	r.press(t, "n")
	got = toasts(r.press(t, "D"))
	wantText := "3 of 5 cutouts queued · 2 already queued"
	if len(want) != 5 || !slices.Equal(got, []string{wantText}) {
		t.Fatalf("toasts %q, want %q (%d sectors)", got, wantText, len(want))
	}
}

// Each sector shows its dates from the mission's table and its cadence; a sector the
// table does not know shows no dates (the masked mark), never invented ones.
func TestSectorDatesAndCadence(t *testing.T) {
	r := newRig(t)
	r.typeTarget(t, "107.18696 -70.50919") // the southern CVZ: every southern sector
	r.press(t, "enter")
	dated, undated := "", ""
	for i, s := range r.list.sectors {
		span, known := cutsvc.SectorDates(s.Sector)
		row := r.grid.Columns()
		var cells []string
		for _, c := range row {
			cells = append(cells, c.Text(i))
		}
		line := strings.Join(cells, "|")
		if known && dated == "" {
			dated = line
			if !strings.Contains(line, "|"+span.String()+"|30 min|") {
				t.Errorf("sector %d: %s", s.Sector, line)
			}
		}
		if !known && undated == "" {
			undated = line
			if !strings.Contains(line, "|"+grid.Masked+"|200 s|") {
				t.Errorf("sector %d: %s", s.Sector, line)
			}
		}
	}
	if dated == "" || undated == "" {
		t.Fatalf("want a dated and an undated sector: %d sectors", r.list.rows())
	}
}

func sectorTag(n int) string { return fmt.Sprintf("s%04d", n) }

func keyEnter() tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyEnter} }

func cutoutsHere(ra, dec float64, label string) common.CutoutsHereMsg {
	return common.CutoutsHereMsg{Position: mast.Position{RA: ra, Dec: dec}, Label: label}
}

// No sector at the target is the service's message in the tab, not an empty table.
func TestNoSectorIsAMessage(t *testing.T) {
	r := newRig(t)
	r.typeTarget(t, "Neptune")
	r.press(t, "tab", "right", "enter") // moving target: auto
	if r.list == nil || r.list.noData == "" {
		t.Fatalf("no message:\n%s", r.View())
	}
	contains(t, r.View(), "! TESScut: Coordinates are not in any TESS sector.", "No cutouts at Neptune")
	if strings.Contains(r.View(), "sectorName") {
		t.Fatalf("a table for no data:\n%s", r.View())
	}
	if got := toasts(r.press(t, "D")); len(got) != 0 || len(r.dl.Added) != 0 {
		t.Fatalf("D queued something: %q %d", got, len(r.dl.Added))
	}
}

// A moving target is listed by MAST's moving-target sectors and queued one cutout per
// sector on the moving-target route.
func TestMovingTargetOnePerSector(t *testing.T) {
	r := newRig(t)
	r.typeTarget(t, "Ceres")
	r.press(t, "tab", "right", "right", "enter") // small body
	if r.list.rows() != 2 {
		t.Fatalf("%d rows:\n%s", r.list.rows(), r.View())
	}
	if got := toasts(r.press(t, "D")); !slices.Equal(got, []string{"2 cutouts queued"}) {
		t.Fatalf("toasts %q", got)
	}
	for _, it := range r.dl.Added {
		if !strings.Contains(it.URL, "/tesscut/api/v0.1/moving_target/astrocut?obj_id=Ceres&obj_type=smallbody&") ||
			!strings.HasPrefix(filepath.Base(it.Dest), "tesscut_s00") || !strings.Contains(it.Dest, "_Ceres_5x5px.zip") {
			t.Errorf("item %s → %s", it.URL, it.Dest)
		}
	}
}

// Zcut lists its surveys at the position and queues one cutout per survey; HAPCut has
// no list: enter queues its one cutout.
func TestZcutSurveysAndHAPCut(t *testing.T) {
	r := newRig(t)
	r.form.FocusIndex(rowService)
	r.press(t, "right") // Zcut
	r.typeTarget(t, "189.2 62.2")
	r.press(t, "enter")
	contains(t, r.View(), "3 surveys", "candels_gn_60mas", "goods_north")
	if got := toasts(r.press(t, "D")); !slices.Equal(got, []string{"3 cutouts queued"}) {
		t.Fatalf("toasts %q", got)
	}
	if it := r.dl.Added[0]; !strings.Contains(it.URL, "/zcut/api/v0.1/astrocut?ra=189.2&dec=62.2&") || !strings.Contains(it.URL, "survey=candels_gn_60mas") ||
		filepath.Base(it.Dest) != "zcut_candels_gn_60mas_189.2_62.2_5x5px.zip" {
		t.Errorf("zcut item %s → %s", it.URL, it.Dest)
	}
	r.press(t, "esc")
	r.form.FocusIndex(rowService)
	r.press(t, "right") // HAPCut
	r.typeTarget(t, "189.2 62.2")
	if got := toasts(r.press(t, "enter")); !slices.Equal(got, []string{"1 cutout queued"}) {
		t.Fatalf("toasts %q", got)
	}
	if it := r.dl.Added[3]; !strings.Contains(it.URL, "/hapcut/api/v0.1/astrocut?ra=189.2&dec=62.2&x=5&y=5&units=px") ||
		filepath.Base(it.Dest) != "hapcut_189.2_62.2_5x5px.zip" || it.Collection != "HST" {
		t.Errorf("hapcut item %+v", it)
	}
}

// A finished cutout's light curve and headers open with enter: from the zip as fetched,
// and from the target pixel file once the queue unpacked it; a cutout not done says so.
func TestLightCurveOfAFinishedCutout(t *testing.T) {
	r := newRig(t)
	r.typeTarget(t, "324.24368 -27.01029")
	r.press(t, "enter")
	if got := toasts(r.press(t, "enter")); len(got) != 1 || !strings.Contains(got[0], "is not downloaded: D queues its cutout") {
		t.Fatalf("enter before D: %q", got)
	}
	r.press(t, "space", "D", "up")
	if got := toasts(r.press(t, "enter")); len(got) != 1 || !strings.Contains(got[0], "cutout is queued") {
		t.Fatalf("enter while queued: %q", got)
	}
	r.finish(t)
	r.press(t, "enter")
	if r.Pane() != "details" || r.lc == nil {
		t.Fatalf("pane %s:\n%s", r.Pane(), r.View())
	}
	if n := len(r.lc.LC.Flux); n < 100 || r.lc.LC.Pixels != [2]int{5, 5} || !strings.HasSuffix(r.lc.Path, "_astrocut.fits") ||
		!strings.Contains(r.lc.Path, ".zip › tess-s0001-") {
		t.Fatalf("curve %d cadences, %v pixels, from %s", n, r.lc.LC.Pixels, r.lc.Path)
	}
	contains(t, r.View(), "Light curve · summed FLUX of 5x5 px", "e-/s · BTJD", "RA_OBJ", "324.24368", "── PIXELS")
	if !strings.ContainsAny(r.View(), "▁▂▃▄▅▆▇█") {
		t.Fatalf("no sparkline:\n%s", r.View())
	}
	r.press(t, "esc")
	// The queue's unpack step: members next to the zip, the zip removed.
	dest := r.dl.Status[0].Dest
	if _, err := cutsvc.Unpack(dest, filepath.Dir(dest), cutsvc.UnpackOptions{Service: "TESScut"}); err != nil {
		t.Fatal(err)
	}
	r.lc = nil
	r.press(t, "enter")
	if r.lc == nil || !strings.HasPrefix(r.lc.Path, r.dir) || !strings.HasPrefix(filepath.Base(r.lc.Path), "tess-s0001-") {
		t.Fatalf("after unpacking: %+v\n%s", r.lc, r.View())
	}
}

// A file of the same sector cut elsewhere, or at another size, is not taken for this
// cutout's.
func TestLightCurveOfAnotherCutoutNotTaken(t *testing.T) {
	r := newRig(t)
	r.typeTarget(t, "324.24368 -27.01029")
	r.press(t, "enter", "D")
	r.finish(t)
	dest := r.dl.Status[0].Dest
	if _, err := cutsvc.Unpack(dest, filepath.Dir(dest), cutsvc.UnpackOptions{Service: "TESScut"}); err != nil {
		t.Fatal(err)
	}
	_, err := readCurve(dest, r.list.sectors[0].Name, cutsvc.Target{RA: 324.24368, Dec: -27.01029}, cutsvc.Size{X: 7, Y: 7, Units: cutsvc.Pixels})
	if err == nil || !strings.Contains(err.Error(), "no target pixel file of tess-s0001-") {
		t.Fatalf("another size: %v", err)
	}
	if _, err := readCurve(dest, r.list.sectors[0].Name, cutsvc.Target{RA: 324.3, Dec: -27.01029}, cutsvc.Size{}); err == nil {
		t.Fatal("another position taken")
	}
	if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("zip still there: %v", err)
	}
}

// A server error is a toast and a line in the tab; the form stays usable.
func TestServerErrorShown(t *testing.T) {
	c, _ := uitest.ClockedCommon("")
	m := New(c, failing{}, Config{})
	m.SetSize(100, 30)
	m.Focus()
	r := &rig{Model: m}
	r.typeTarget(t, "10 20")
	got := toasts(r.press(t, "enter"))
	if len(got) != 1 || !strings.Contains(got[0], "Could not list the TESScut cutouts: TESScut rejected the request: bad") {
		t.Fatalf("toasts %q", got)
	}
	contains(t, r.View(), "✗ TESScut rejected the request: bad")
	r.press(t, "esc")
	if r.Pane() != "form" {
		t.Fatalf("pane %s", r.Pane())
	}
}

// CutoutsHere fills the target with the position and lists its sectors.
func TestCutoutsHere(t *testing.T) {
	r := newRig(t)
	r.press(t, "tab") // somewhere else in the form
	r.deliver(t, r.CutoutsHere(cutoutsHere(324.24368, -27.01029, "TIC 32449963")))
	if r.Pane() != "list" || r.list.rows() != 5 || r.form.Field(rowTarget).Value() != "324.243680 -27.010290" {
		t.Fatalf("pane %s, %d rows, target %q", r.Pane(), r.list.rows(), r.form.Field(rowTarget).Value())
	}
	contains(t, r.View(), "5 sectors · TIC 32449963 (324.243680 -27.010290) · 5x5 px")
}

type failing struct{}

func (failing) ResolveCutoutTarget(_ context.Context, t mast.CutoutTarget) (cutsvc.Target, *mast.Resolved, error) {
	return cutsvc.Target{RA: t.Position.RA, Dec: t.Position.Dec}, nil, nil
}

func (failing) TESScutSectors(context.Context, mast.CutoutTarget, float64) ([]cutsvc.Sector, error) {
	return nil, &mast.CutoutQueryError{Service: "TESScut", StatusCode: 400, Msg: "bad"}
}

func (failing) ZcutSurveys(context.Context, mast.Position, float64) ([]string, error) {
	return nil, errors.New("unused")
}

// The radius is read with the CLI's --radius parser: a bad unit is marked on its field
// and nothing is asked; a good one widens the sector listing as the service answers it.
func TestRadiusWidensTheSectorListing(t *testing.T) {
	r := newRig(t)
	r.typeTarget(t, "324.24368 -27.01029")
	r.press(t, "tab", "tab", "tab", "3 parsecs") // Moving target, Size, Radius
	if got := r.form.Field(rowRadius).Err(); !strings.Contains(got, `unknown radius unit "parsecs"`) {
		t.Fatalf("radius error %q", got)
	}
	contains(t, r.View(), `✗ unknown radius unit "parsecs"`)
	if cmd := r.Update(keyEnter()); cmd != nil || r.Pane() != "form" {
		t.Fatal("enter with a bad radius asked something")
	}
	r.form.Field(rowRadius).SetValue("")
	r.press(t, "6 deg", "enter")
	pos := &mast.Position{RA: 324.24368, Dec: -27.01029}
	wide, err := r.client.TESScutSectors(context.Background(), mast.CutoutTarget{Position: pos}, 6)
	if err != nil {
		t.Fatal(err)
	}
	if narrow := r.sectors(t, pos.RA, pos.Dec); len(wide) <= len(narrow) {
		t.Fatalf("the simulator's 6 deg listing (%d) is no wider than 0's (%d)", len(wide), len(narrow))
	}
	if !slices.Equal(r.list.sectors, wide) {
		t.Fatalf("listed %v\nwant %v", r.list.sectors, wide)
	}
	// A moving target takes no radius.
	r.press(t, "esc")
	r.form.FocusIndex(rowMoving)
	r.press(t, "right")
	if got := r.form.Field(rowRadius).Err(); !strings.Contains(got, "not a moving target") {
		t.Fatalf("radius with a moving target: %q", got)
	}
}

// Zcut's image options show only for Zcut (the stretch, limits and inversion only for a
// jpg or png) and go into the queued cutout's request as the CLI's zcut cutout sends them.
func TestZcutImageOptions(t *testing.T) {
	r := newRig(t)
	if v := r.View(); strings.Contains(v, "Format") || !strings.Contains(v, "Radius") {
		t.Fatalf("TESScut form:\n%s", v)
	}
	r.form.FocusIndex(rowService)
	r.press(t, "right") // Zcut
	v := r.View()
	contains(t, v, "Format", "fits", "png")
	if strings.Contains(v, "Stretch") {
		t.Fatalf("a FITS cutout with a stretch:\n%s", v)
	}
	r.typeTarget(t, "189.2 62.2")
	r.form.FocusIndex(rowFormat)
	r.press(t, "right") // jpg
	contains(t, r.View(), "Stretch", "Min/max %", "Invert")
	r.press(t, "tab", "right", "right", "right", "right", "right") // Stretch: linear
	r.press(t, "tab", "99,1")
	if got := r.form.Field(rowMinMax).Err(); !strings.Contains(got, "low then high") {
		t.Fatalf("minmax error %q", got)
	}
	r.form.Field(rowMinMax).SetValue("")
	r.press(t, "1,99", "tab", "right", "enter") // Invert: yes
	if got := toasts(r.press(t, "D")); !slices.Equal(got, []string{"3 cutouts queued"}) {
		t.Fatalf("toasts %q:\n%s", got, r.View())
	}
	want, _ := cutsvc.ZcutURL(r.client.Config().BaseURL, cutsvc.ZcutCutout{RA: 189.2, Dec: 62.2, Survey: "candels_gn_60mas",
		Format: cutsvc.FormatJPG, Stretch: "linear", MinMaxPercent: []float64{1, 99}, Invert: true})
	if it := r.dl.Added[0]; it.URL != want || filepath.Base(it.Dest) != "zcut_candels_gn_60mas_189.2_62.2_5x5px_jpg-linear-1-99-inverted.zip" {
		t.Errorf("item %s → %s\nwant %s", it.URL, it.Dest, want)
	}
	// Back to TESScut: the image rows go, the sectors are asked without them.
	r.press(t, "esc")
	r.form.FocusIndex(rowService)
	r.press(t, "right", "right") // HAPCut, TESScut
	if v := r.View(); strings.Contains(v, "Format") || strings.Contains(v, "Stretch") {
		t.Fatalf("TESScut form:\n%s", v)
	}
}
