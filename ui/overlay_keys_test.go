package ui_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui"
	"mastui/ui/uitest"
	"mastui/ui/views/results"
)

// While a results view's column chooser is open, the letter tab keys (O, M, C, w) belong
// to the chooser: they neither switch tabs nor leave it closed behind. Checked in the
// Observations, Missions and Catalogs results, through the root.
func TestOpenChooserKeepsTheTabKeys(t *testing.T) {
	check := func(t *testing.T, m *ui.Model, tab string, view func() *results.Model) {
		t.Helper()
		if m.Tab() != tab || !view().Ready() {
			t.Fatalf("no %s results (tab %s):\n%s", tab, m.Tab(), m.View())
		}
		send(t, m, key("c"))
		if !view().ChooserOpen() {
			t.Fatalf("c did not open the chooser:\n%s", m.View())
		}
		for _, k := range []string{"O", "M", "C", "w"} {
			send(t, m, key(k))
			if m.Tab() != tab || !view().ChooserOpen() {
				t.Fatalf("%s with the chooser open: tab %s, chooser open %v", k, m.Tab(), view().ChooserOpen())
			}
		}
		send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
		if view().ChooserOpen() {
			t.Fatal("esc did not close the chooser")
		}
		send(t, m, key("w")) // closed: the tab keys work again
		if m.Tab() != "queue" {
			t.Fatalf("w after the chooser closed: tab %s", m.Tab())
		}
	}
	t.Run("observations", func(t *testing.T) {
		m := started(t, &uitest.Archive{Rows: 50}, 110, 30)
		check(t, m, "observations", m.Results)
	})
	t.Run("missions", func(t *testing.T) {
		m := started(t, &uitest.Archive{Rows: 50}, 110, 30)
		send(t, m, key("M"), tea.KeyMsg{Type: tea.KeyTab})
		send(t, m, typeText("M101")...)
		send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
		check(t, m, "missions", func() *results.Model { return m.Missions().Results() })
	})
	t.Run("catalogs", func(t *testing.T) {
		m := ui.NewModel(clocked(), uitest.SimArchive(t), ui.Options{StartTab: "catalogs"})
		sendSim(t, m, tea.WindowSizeMsg{Width: 110, Height: 30})
		settleWait(t, m, m.Init(), 3e9)
		for range 3 { // HSC → GALEX → Gaia → TIC
			sendSim(t, m, tea.KeyMsg{Type: tea.KeyRight})
		}
		sendSim(t, m, tea.KeyMsg{Type: tea.KeyTab})
		sendSim(t, m, typeText("254.2875 -4.1")...)
		sendSim(t, m, tea.KeyMsg{Type: tea.KeyTab})
		sendSim(t, m, typeText("0.02")...)
		sendSim(t, m, tea.KeyMsg{Type: tea.KeyEnter})
		check(t, m, "catalogs", func() *results.Model { return m.Catalogs().Results() })
	})
}
