package ui_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/ui/uitest"
)

// ctrl+c asks like q while downloads are active or waiting, from every view (text fields
// included, where q is typed); a second ctrl+c at the question insists and quits.
func TestCtrlCAsksWhileDownloadsRun(t *testing.T) {
	ctrlC := tea.KeyMsg{Type: tea.KeyCtrlC}
	for _, c := range []struct {
		st   []download.Status
		asks bool
	}{
		{uitest.DemoStatuses(queueNow), true},
		{uitest.DemoStatuses(queueNow)[1:2], true},  // queued only
		{uitest.DemoStatuses(queueNow)[2:5], false}, // paused, done, failed
		{nil, false},
	} {
		for _, inForm := range []bool{false, true} {
			m := toResults(uitest.NewDownloads(c.st...))
			if inForm {
				m.Update(key("/"))
				if m.Focus() != "form" {
					t.Fatalf("/ did not open the form: %s", m.Focus())
				}
			}
			_, cmd := m.Update(ctrlC)
			if q := quits(cmd); m.ConfirmingQuit() != c.asks || q == c.asks {
				t.Errorf("%d statuses, form %v: ctrl+c asks %v, quits %v", len(c.st), inForm, m.ConfirmingQuit(), q)
			}
			if !c.asks {
				continue
			}
			if v := m.View(); !strings.Contains(v, "resume on the next start. Quit? y/n") {
				t.Errorf("no question:\n%s", v)
			}
			if _, cmd := m.Update(key("n")); quits(cmd) || m.ConfirmingQuit() {
				t.Error("n quit or kept asking")
			}
			m.Update(ctrlC)
			if _, cmd := m.Update(ctrlC); !quits(cmd) {
				t.Error("a second ctrl+c at the question did not quit")
			}
		}
	}
}
