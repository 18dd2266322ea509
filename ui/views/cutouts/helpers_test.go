package cutouts

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/download"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"

	cutsvc "mastui/services/cutouts"
)

func init() {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

// rig is the tab over the MAST client on a simulator, with a fake download queue in a
// temporary directory, sized and focused, on a test clock.
type rig struct {
	*Model
	client *mast.Client
	dl     *uitest.Downloads
	dir    string
}

func newRig(t *testing.T) *rig {
	t.Helper()
	c, _ := uitest.ClockedCommon("")
	client := uitest.SimArchive(t)
	dl := uitest.NewDownloads()
	dir := t.TempDir()
	m := New(c, client, Config{Downloads: dl, Dir: dir, BaseURL: client.Config().BaseURL})
	m.SetSize(100, 30)
	m.Focus()
	return &rig{Model: m, client: client, dl: dl, dir: dir}
}

// deliver runs cmd (it must not wait on a fired timer), hands its answers back to the tab
// and returns the intents for the root (toasts).
func (r *rig) deliver(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, msg := range uitest.Messages(cmd) {
		switch msg.(type) {
		case common.TabMsg:
			out = append(out, r.deliver(t, r.Update(msg))...)
		case common.TimerMsg, common.ListenMsg: // the refresh's wait: tests refresh themselves
		default:
			out = append(out, msg)
		}
	}
	return out
}

// press sends keys: named ones ("enter", "tab", "esc", "space") or text typed rune by rune.
func (r *rig) press(t *testing.T, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		var msgs []tea.KeyMsg
		switch k {
		case "enter":
			msgs = []tea.KeyMsg{{Type: tea.KeyEnter}}
		case "tab":
			msgs = []tea.KeyMsg{{Type: tea.KeyTab}}
		case "esc":
			msgs = []tea.KeyMsg{{Type: tea.KeyEsc}}
		case "space":
			msgs = []tea.KeyMsg{{Type: tea.KeySpace, Runes: []rune{' '}}}
		case "right":
			msgs = []tea.KeyMsg{{Type: tea.KeyRight}}
		case "up":
			msgs = []tea.KeyMsg{{Type: tea.KeyUp}}
		default:
			for _, c := range k {
				msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{c}})
			}
		}
		for _, msg := range msgs {
			out = append(out, r.deliver(t, r.Update(msg))...)
		}
	}
	return out
}

// toasts are the texts of the toasts among msgs.
func toasts(msgs []tea.Msg) []string {
	var out []string
	for _, m := range msgs {
		if t, ok := m.(common.ToastMsg); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// typeTarget puts text in the target field (focused first: the form opens there).
func (r *rig) typeTarget(t *testing.T, text string) {
	t.Helper()
	r.form.FocusIndex(rowTarget)
	r.form.Field(rowTarget).SetValue("")
	r.press(t, text)
}

// finish marks every queued item done and fetches its zip to its Dest, as the queue
// would (without the unpack step).
func (r *rig) finish(t *testing.T) {
	t.Helper()
	for i, s := range r.dl.Status {
		resp, err := http.Get(s.URL)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %v", s.URL, resp.StatusCode, err)
		}
		if err := os.WriteFile(s.Dest, body, 0o644); err != nil {
			t.Fatal(err)
		}
		r.dl.Status[i].State, r.dl.Status[i].Done, r.dl.Status[i].Total = download.Done, int64(len(body)), int64(len(body))
	}
}

// sectors lists the TESScut sectors at a position through the simulator, as the test's
// expectation.
func (r *rig) sectors(t *testing.T, ra, dec float64) []cutsvc.Sector {
	t.Helper()
	s, err := r.client.TESScutSectors(context.Background(), mast.CutoutTarget{Position: &mast.Position{RA: ra, Dec: dec}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func contains(t *testing.T, view string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(view, w) {
			t.Fatalf("the screen lacks %q:\n%s", w, view)
		}
	}
}
