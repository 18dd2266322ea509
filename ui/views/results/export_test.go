package results

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// exportModel is the sort table loaded, sorted by target_name, rows 1 and 5 selected,
// with the export directory in a temporary one and a fixed clock.
func exportModel(t *testing.T) *Model {
	m := fromTable(t, sortTable(), 6, 80, 20)
	clock := uitest.NewClock()
	clock.Advance(time.Date(2026, 12, 5, 15, 44, 0, 0, time.UTC).Sub(clock.Now()))
	m.c.Clock = clock
	m.c.ExportDir = t.TempDir()
	moveToColumn(t, m, "target_name")
	m.cycleSort()
	m.grid.Selection().Set(1, true)
	m.grid.Selection().Set(5, true)
	return m
}

// TestExportDialogGolden: e opens the dialog over the table, the selection offered first.
func TestExportDialogGolden(t *testing.T) {
	m := exportModel(t)
	m.c.ExportDir = "/data/mast"
	m.onKey(keyMsg("e"))
	if !m.Capturing() {
		t.Fatal("the dialog does not take the keys")
	}
	m.onKey(tea.KeyMsg{Type: tea.KeyRight}) // ECSV
	golden.RequireEqual(t, []byte(m.View()))
}

// TestExportWritesTheSelectionInTableOrder: the dialog writes the selected rows in the
// displayed (sorted) order to the default path, in the chosen format, and the toast
// names the file.
func TestExportWritesTheSelectionInTableOrder(t *testing.T) {
	m := exportModel(t)
	m.onKey(keyMsg("e"))
	m.onKey(tea.KeyMsg{Type: tea.KeyRight}) // ECSV
	if cmd := m.onKey(tea.KeyMsg{Type: tea.KeyEnter}); cmd != nil {
		toast := cmd().(common.ToastMsg)
		path := filepath.Join(m.c.ExportDir, "mastui_observations_20261205_154400.ecsv")
		if toast.Level != common.LevelInfo || toast.Text != "2 observations written to "+path {
			t.Fatalf("toast %+v", toast)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var body []string
		for _, l := range strings.SplitAfter(string(b), "\n") {
			if !strings.HasPrefix(l, "#") {
				body = append(body, l)
			}
		}
		recs, err := csv.NewReader(strings.NewReader(strings.Join(body, ""))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		// sorted by target_name: B (row 5) before a (row 1), unlike the loaded order
		if len(recs) != 3 || recs[1][0] != "B" || recs[2][0] != "a" || recs[1][4] != "o5" || !strings.Contains(string(b), "{name: \"calib_level\", datatype: int64}") {
			t.Errorf("file:\n%s", b)
		}
		if m.Capturing() {
			t.Error("the dialog stays open after writing")
		}
	} else {
		t.Fatal("enter wrote nothing")
	}
	// The same path again: refused, the first file kept.
	m.onKey(keyMsg("e"))
	toast := cmdMsg(t, m.onKey(tea.KeyMsg{Type: tea.KeyEnter})).(common.ToastMsg)
	if toast.Level != common.LevelError || !strings.Contains(toast.Text, "already exists") {
		t.Errorf("overwrite: %+v", toast)
	}
}

// TestExportAllRowsAsVOTableToATypedPath: the rows row switches to every loaded row;
// a typed path replaces the default.
func TestExportAllRowsAsVOTableToATypedPath(t *testing.T) {
	m := exportModel(t)
	m.onKey(keyMsg("e"))
	for _, k := range []tea.KeyType{tea.KeyRight, tea.KeyRight, tea.KeyTab, tea.KeyRight, tea.KeyTab} {
		m.onKey(tea.KeyMsg{Type: k})
	}
	path := filepath.Join(t.TempDir(), "sub", "t.xml")
	for range 200 {
		m.onKey(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	m.onKey(keyMsg(path))
	toast := cmdMsg(t, m.onKey(tea.KeyMsg{Type: tea.KeyEnter})).(common.ToastMsg)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (toast %q)", err, toast.Text)
	}
	if n := strings.Count(string(b), "<TR>"); n != 6 || !strings.Contains(string(b), `<FIELD name="calib_level" datatype="long"/>`) {
		t.Errorf("%d rows:\n%s", n, b)
	}
}

// TestCopySearchAsCommand: ctrl+y copies the search as a mastui line (with --demo on
// the demo archive), alt+y as an astroquery snippet; numeric criteria columns of the
// table become [min, max].
func TestCopySearchAsCommand(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 80, 20)
	m.c.ServerLabel = "demo"
	m.search.Query = mast.Query{Object: "M 101", Criteria: []mast.Criterion{{Name: "t_exptime", Value: "10..30"}, {Name: "target_name", Value: "a*"}}}
	clip := m.c.Clipboard.(*uitest.Clipboard)
	cmdMsg(t, m.onKey(tea.KeyMsg{Type: tea.KeyCtrlY}))
	if want := "mastui query criteria t_exptime=10..30 'target_name=a*' --object 'M 101' --demo"; clip.Last() != want {
		t.Errorf("ctrl+y copied\n%s\nwant\n%s", clip.Last(), want)
	}
	cmdMsg(t, m.onKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y"), Alt: true}))
	if want := `from astroquery.mast import Observations; obs = Observations.query_criteria(objectname="M 101", radius="0.2 deg", t_exptime=[10, 30], target_name="a*")`; clip.Last() != want {
		t.Errorf("alt+y copied\n%s\nwant\n%s", clip.Last(), want)
	}
	m.search.Fetch = func(context.Context, int, int) (*mast.Page, error) { return nil, nil }
	if toast := cmdMsg(t, m.onKey(tea.KeyMsg{Type: tea.KeyCtrlY})).(common.ToastMsg); toast.Level != common.LevelWarn {
		t.Errorf("a catalog search: %+v", toast)
	}
}
