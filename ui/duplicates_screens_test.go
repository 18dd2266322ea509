package ui_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/services/mast"
	"mastui/ui"
	"mastui/ui/uitest"
)

// seed004Typed is seed 004's input catalog typed into the Duplicates form.
const seed004Typed = "1 MSA 53.13 -27.8 G395H F290LP 950; 2 IFU 68.73091 24.48140 G395H F290LP 22.749; 3 S200B1 5.130 -36.895 G140H F070LP 1880.22"

// duplicatesApp is the app on the simulator, opened on the Duplicates tab, exporting to dir.
func duplicatesApp(client *mast.Client, dir string) *ui.Model {
	return ui.NewModel(uitest.Common(""), client, ui.Options{ServerLabel: "demo", StartTab: "duplicates", DownloadDir: dir})
}

// runSeed004 types seed 004's targets, runs the check and waits for every target.
func runSeed004(t *testing.T, tm *teatest.TestModel, fresh bool) {
	t.Helper()
	if fresh {
		waitText(t, tm, "No check yet")
	}
	tm.Type(seed004Typed)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "3 of 3 targets")
}

// The results grouped by target, on a small terminal and a wide one.
func TestDuplicatesResultsScreen(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {140, 30}} {
		t.Run(strings.Join([]string{itoa(size[0]), itoa(size[1])}, "x"), func(t *testing.T) {
			client := uitest.SimArchive(t)
			tm := teatest.NewTestModel(t, duplicatesApp(client, t.TempDir()), teatest.WithInitialTermSize(size[0], size[1]))
			runSeed004(t, tm, true)
			teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
		})
	}
}

// enter on a match: why it matched, and the target's near misses with their reasons.
func TestDuplicatesDetailsScreen(t *testing.T) {
	client := uitest.SimArchive(t)
	tm := teatest.NewTestModel(t, duplicatesApp(client, t.TempDir()), teatest.WithInitialTermSize(100, 30))
	runSeed004(t, tm, true)
	tm.Send(key("j"))
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "Why it matched")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// A typed target the table does not know: the field says so, nothing runs.
func TestDuplicatesFormErrorScreen(t *testing.T) {
	client := uitest.SimArchive(t)
	tm := teatest.NewTestModel(t, duplicatesApp(client, t.TempDir()), teatest.WithInitialTermSize(100, 24))
	waitText(t, tm, "No check yet")
	tm.Type("1 MAS 53.13 -27.8 G395H F290LP 950")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, `did you mean`)
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// o lists the matched observation's products; e writes the report in the chosen format
// to the export directory and names the file in a toast.
func TestDuplicatesProductsAndExport(t *testing.T) {
	client := uitest.SimArchive(t)
	dir := t.TempDir()
	tm := teatest.NewTestModel(t, duplicatesApp(client, dir), teatest.WithInitialTermSize(120, 30))
	waitText(t, tm, "No check yet")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Send(tea.KeyMsg{Type: tea.KeyRight}) // export as csv
	tm.Send(tea.KeyMsg{Type: tea.KeyUp})
	tm.Send(tea.KeyMsg{Type: tea.KeyUp})
	runSeed004(t, tm, false)
	tm.Send(key("j"))
	tm.Send(key("o"))
	waitText(t, tm, "_x1d.fits")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	waitText(t, tm, "o products") // the results' hints: back from the products
	tm.Send(key("e"))
	waitText(t, tm, "report written to")
	// :export json writes the same report as JSON (the table export's command, here).
	tm.Type(":export json")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	jsonFiles := func() []string { f, _ := filepath.Glob(filepath.Join(dir, "dupcheck-*.json")); return f }
	written := func() bool { // the whole report: the file is written after it is created
		f := jsonFiles()
		b, err := os.ReadFile(strings.Join(f, ""))
		return len(f) == 1 && err == nil && strings.Contains(string(b), "jw02750-o901") && strings.HasSuffix(strings.TrimSpace(string(b)), "]")
	}
	teatest.WaitFor(t, tm.Output(), func([]byte) bool { return written() }, teatest.WithDuration(30*time.Second))
	// :export markdown: the report's own format, though no table export has it.
	tm.Type(":export markdown")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func([]byte) bool {
		f, _ := filepath.Glob(filepath.Join(dir, "dupcheck-*.md"))
		b, err := os.ReadFile(strings.Join(f, ""))
		return len(f) == 1 && err == nil && strings.Contains(string(b), "jw02750-o901")
	}, teatest.WithDuration(30*time.Second))
	finalView(t, tm)
	files, _ := filepath.Glob(filepath.Join(dir, "dupcheck-*.csv"))
	if len(files) != 1 {
		t.Fatalf("exported %v", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"target,target_name,aperture,kind,obs_id", "1,,MSA,match,jw01180-o901_t001_nirspec_f290lp-g395h",
		"near_miss", "3,,S200B1,match,jw02750-o901"} {
		if !strings.Contains(text, want) {
			t.Errorf("export lacks %q:\n%s", want, text)
		}
	}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
