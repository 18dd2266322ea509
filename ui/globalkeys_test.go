package ui_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui"
	"mastui/ui/uitest"
)

// The one rule for global keys, on every tab of the registry: in a text field letters
// type (w, M and : are text there) and ctrl+p still opens the palette; esc leaves the
// field, and then w opens the queue and : the palette; another key goes back into the
// field. A tab without text fields (the queue) has the letter keys at once.
func TestGlobalKeyRulePerTab(t *testing.T) {
	for _, name := range ui.TabNames() {
		t.Run(name, func(t *testing.T) {
			start := func() *ui.Model {
				m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{StartTab: name, Downloads: uitest.NewDownloads()})
				send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
				settle(t, m, m.Init())
				for range 3 { // pickers come first on some forms: tab to the first text field
					if m.Typing() {
						break
					}
					send(t, m, tea.KeyMsg{Type: tea.KeyTab})
				}
				return m
			}
			m := start()
			if !m.Typing() {
				if name != "queue" {
					t.Fatalf("no text field reached on the %s tab", name)
				}
				send(t, m, key("M"))
				if m.Tab() != "missions" {
					t.Fatalf("M on the queue went to %s", m.Tab())
				}
				send(t, m, key(":"))
				if !m.PaletteOpen() {
					t.Fatal(": outside a text field did not open the palette")
				}
				return
			}
			send(t, m, key("w"), key(":"), key("M"))
			if m.Tab() != name || m.PaletteOpen() || !m.Typing() {
				t.Fatalf("w : M in a text field: tab %s, palette %v, typing %v", m.Tab(), m.PaletteOpen(), m.Typing())
			}
			send(t, m, tea.KeyMsg{Type: tea.KeyCtrlP})
			if !m.PaletteOpen() {
				t.Fatal("ctrl+p in a text field did not open the palette")
			}
			send(t, m, tea.KeyMsg{Type: tea.KeyEsc})

			m = start()
			send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
			if m.Typing() || m.Tab() != name {
				t.Fatalf("esc in the field: typing %v, tab %s", m.Typing(), m.Tab())
			}
			send(t, m, key(":"))
			if !m.PaletteOpen() {
				t.Fatal(": after esc did not open the palette")
			}
			send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
			send(t, m, key("w"))
			if m.Tab() != "queue" {
				t.Fatalf("w after esc went to %s", m.Tab())
			}
			send(t, m, tea.KeyMsg{Type: tea.KeyEsc}) // the queue goes back
			if m.Tab() != name || !m.Typing() {
				t.Fatalf("back from the queue: tab %s, typing %v", m.Tab(), m.Typing())
			}
			send(t, m, tea.KeyMsg{Type: tea.KeyEsc}, key("x")) // another key types again
			if !m.Typing() {
				t.Fatal("x after esc did not go back into the field")
			}
		})
	}
}

// The first screen's complaint: w typed into the empty target resolved "w". After esc it
// opens the queue and the target stays empty, nothing resolved.
func TestEscThenWOpensQueueNotResolver(t *testing.T) {
	a := &uitest.Archive{Rows: 10}
	m := ui.NewModel(clocked(), a, ui.Options{Downloads: uitest.NewDownloads()})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(t, m, m.Init())
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc}, key("w"))
	if m.Tab() != "queue" {
		t.Fatalf("esc w went to %s", m.Tab())
	}
	if q, _ := m.Form().Query(); q.Object != "" {
		t.Fatalf("the target got %q", q.Object)
	}
}

// The walkthrough: on Observations type abc, esc, then M w O w M O: the letters switch
// tabs every time and the Target keeps "abc" (it got "abcwMO": a tab reached with a
// letter key took the next letters into its field). Any other key then types.
func TestTabKeysNeverDropIntoAField(t *testing.T) {
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{Downloads: uitest.NewDownloads()})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(t, m, m.Init())
	send(t, m, typeText("abc")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	want := []string{"missions", "queue", "observations", "queue", "missions", "observations"}
	for i, k := range []string{"M", "w", "O", "w", "M", "O"} {
		send(t, m, key(k))
		if m.Tab() != want[i] || m.Typing() {
			t.Fatalf("key %d (%s): tab %s, typing %v", i, k, m.Tab(), m.Typing())
		}
	}
	if q, _ := m.Form().Query(); q.Object != "abc" {
		t.Fatalf("the target holds %q", q.Object)
	}
	send(t, m, key("x"))
	if q, _ := m.Form().Query(); q.Object != "abcx" || !m.Typing() {
		t.Fatalf("x: target %q, typing %v", q.Object, m.Typing())
	}
}

// Every tab with a text field, reached with its letter key, opens outside the field:
// the tab keys go on working there (C T C T from Catalogs, esc, never typed "T").
func TestEveryTabOpensOutsideItsFieldForALetterKey(t *testing.T) {
	letter := map[string]string{"observations": "O", "missions": "M", "catalogs": "C", "cutouts": "T", "duplicates": "V"}
	for name, k := range letter {
		t.Run(name, func(t *testing.T) {
			m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{StartTab: "queue", Downloads: uitest.NewDownloads()})
			send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
			settle(t, m, m.Init())
			send(t, m, key(k))
			if m.Tab() != name || m.Typing() {
				t.Fatalf("%s: tab %s, typing %v", k, m.Tab(), m.Typing())
			}
			send(t, m, key("w"))
			if m.Tab() != "queue" {
				t.Fatalf("w on %s after %s went to %s", name, k, m.Tab())
			}
		})
	}
}
