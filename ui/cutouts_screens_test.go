package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/download"
	"mastui/services/mast"
	"mastui/ui"
	"mastui/ui/uitest"

	cutsvc "mastui/services/cutouts"
)

// cutoutsApp is the app on the simulator, opened on the Cutouts tab, with dl as its
// download queue in dir.
func cutoutsApp(t *testing.T, client *mast.Client, dl *uitest.Downloads, dir string) *ui.Model {
	return ui.NewModel(uitest.Common(""), client, ui.Options{ServerLabel: "demo", StartTab: "cutouts",
		Downloads: dl, DownloadDir: dir, MastURL: client.Config().BaseURL})
}

// The form marks a size that does not parse on its field as it is typed.
func TestCutoutsFormScreen(t *testing.T) {
	client := uitest.SimArchive(t)
	tm := teatest.NewTestModel(t, cutoutsApp(t, client, uitest.NewDownloads(), t.TempDir()), teatest.WithInitialTermSize(100, 24))
	waitText(t, tm, "No listing yet")
	tm.Type("324.24368 -27.01029")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("5x7 parsecs")
	waitText(t, tm, "unknown unit")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// The sectors at a position, two selected and queued.
func TestCutoutsSectorsScreen(t *testing.T) {
	client := uitest.SimArchive(t)
	tm := teatest.NewTestModel(t, cutoutsApp(t, client, uitest.NewDownloads(), t.TempDir()), teatest.WithInitialTermSize(100, 24))
	waitText(t, tm, "No listing yet")
	tm.Type("324.24368 -27.01029")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "tess-s0105")
	tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	tm.Send(key("D"))
	waitText(t, tm, "2 cutouts queued")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// No sector: the service's message in the tab.
func TestCutoutsNoDataScreen(t *testing.T) {
	client := uitest.SimArchive(t)
	tm := teatest.NewTestModel(t, cutoutsApp(t, client, uitest.NewDownloads(), t.TempDir()), teatest.WithInitialTermSize(100, 24))
	waitText(t, tm, "No listing yet")
	tm.Type("Neptune")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Send(tea.KeyMsg{Type: tea.KeyRight}) // a moving target (auto)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "No cutouts at")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// A finished sector's light curve and headers (its zip as the queue fetched it).
func TestCutoutsLightCurveScreen(t *testing.T) {
	client := uitest.SimArchive(t)
	dir := t.TempDir()
	target := cutsvc.Target{RA: 324.24368, Dec: -27.01029}
	url, err := cutsvc.TESScutURL(client.Config().BaseURL, cutsvc.TESScutCutout{Target: target, Sectors: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	zip, err := client.TESScutCutouts(context.Background(), cutsvc.TESScutCutout{Target: target, Sectors: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "tesscut_s0001_324.24368_-27.01029_5x5px.zip") // the tab's name for it
	if err := os.WriteFile(dest, zip, 0o644); err != nil {
		t.Fatal(err)
	}
	dl := uitest.NewDownloads(download.Status{Item: download.Item{ID: download.ItemID(url, dest), URL: url, Dest: dest,
		Unpack: download.UnpackCutouts}, State: download.Done, Done: int64(len(zip)), Total: int64(len(zip))})
	tm := teatest.NewTestModel(t, cutoutsApp(t, client, dl, dir), teatest.WithInitialTermSize(100, 25))
	waitText(t, tm, "No listing yet")
	tm.Type("324.24368 -27.01029")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "done")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "observation start time")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}
