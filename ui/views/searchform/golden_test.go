package searchform

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// harness runs the form alone as a program: it sizes it, quits on ctrl+c and records
// what was submitted.
type harness struct {
	form      *Model
	submitted *[]SubmitMsg
	loaded    chan struct{} // closed once the metadata and the facets are in
	once      *sync.Once
}

func (h harness) Init() tea.Cmd { return h.form.Init() }

func (h harness) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.form.SetSize(msg.Width, msg.Height)
		return h, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return h, tea.Quit
		}
	case SubmitMsg:
		*h.submitted = append(*h.submitted, msg)
		return h, nil
	}
	cmd := h.form.Update(msg)
	if h.form.meta != nil && h.form.facets != nil {
		h.once.Do(func() { close(h.loaded) })
	}
	return h, cmd
}

func (h harness) View() string { return h.form.View() }

// startForm runs the form; the channel closes once the metadata and facets are in.
func startForm(t *testing.T, a common.Archive, w, h int) (*teatest.TestModel, *[]SubmitMsg, <-chan struct{}) {
	t.Helper()
	subs := &[]SubmitMsg{}
	loaded := make(chan struct{})
	f := New(uitest.Common(""), a, Parsers{Coordinates: mast.ParseCoordinates, Radius: mast.ParseRadius})
	tm := teatest.NewTestModel(t, harness{form: f, submitted: subs, loaded: loaded, once: &sync.Once{}},
		teatest.WithInitialTermSize(w, h))
	return tm, subs, loaded
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// waitLoaded waits for the archive's answers that every screen shows: the collection
// facets and the column metadata (units). On a loaded machine they can come after the
// keys a test sends, and a golden taken before them would differ.
func waitLoaded(t *testing.T, loaded <-chan struct{}) {
	t.Helper()
	select {
	case <-loaded:
	case <-time.After(time.Minute): // a hang guard, not a speed check
		t.Fatal("the metadata and facets never arrived")
	}
}

func finalForm(t *testing.T, tm *teatest.TestModel) *Model {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	return tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second)).(harness).form
}

func send(tm *teatest.TestModel, keys ...tea.KeyType) {
	for _, k := range keys {
		tm.Send(tea.KeyMsg{Type: k})
	}
}

// The whole form on the simulator: collections from the facets (the list open), a
// target and criteria filled in, and the live count of exactly that query.
func TestGoldenFullForm(t *testing.T) {
	t.Parallel()
	a := uitest.SimArchive(t)
	want, err := a.Count(t.Context(), mast.Query{Object: "M101", Criteria: []mast.Criterion{
		{Name: "obs_collection", Value: "HST,JWST"}, {Name: "calib_level", Value: "2..3"},
		{Name: "t_min", Value: "2000-01-01..2024-12-31"}, {Name: "t_exptime", Value: ">100"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	tm, subs, loaded := startForm(t, a, 120, 40)
	waitFor(t, tm, "Search observations")
	waitLoaded(t, loaded)
	tm.Type("M101")
	send(tm, tea.KeyDown, tea.KeyDown)
	waitFor(t, tm, "8,075") // the facets are in: HST's count
	send(tm, tea.KeySpace)
	tm.Type("JW")
	send(tm, tea.KeySpace, tea.KeyCtrlU)
	send(tm, tea.KeyTab, tea.KeyTab, tea.KeyTab, tea.KeyTab)
	tm.Type("2..3")
	send(tm, tea.KeyTab)
	tm.Type("2000-01-01..2024-12-31")
	send(tm, tea.KeyTab)
	tm.Type(">100")
	send(tm, tea.KeyShiftTab, tea.KeyShiftTab, tea.KeyShiftTab, tea.KeyShiftTab, tea.KeyShiftTab, tea.KeyShiftTab)
	// The count, then the collections counted around M101 (in whichever frames).
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("≈ "+common.Commas(want)+" observations match")) && bytes.Contains(b, []byte("counts for this search"))
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	f := finalForm(t, tm)
	if f.Counting() || f.Focused() != FieldCollection || len(*subs) != 0 {
		t.Fatalf("counting %v, focus %d, %d submits", f.Counting(), f.Focused(), len(*subs))
	}
	teatest.RequireEqualOutput(t, []byte(f.View()))
}

// A bad value is marked under its field with the archive's reason; enter sends nothing.
func TestGoldenInvalidCriterion(t *testing.T) {
	t.Parallel()
	tm, subs, loaded := startForm(t, uitest.SimArchive(t), 100, 30)
	waitFor(t, tm, "Search observations")
	waitLoaded(t, loaded)
	tm.Type("M101")
	waitFor(t, tm, "(SIMBAD)") // where the name is shows when typing stops
	for i := 0; i < 9; i++ {   // to Exposure
		send(tm, tea.KeyTab)
	}
	tm.Type("abc")
	send(tm, tea.KeyShiftTab)
	tm.Type("2022-13-01")
	waitFor(t, tm, `"2022-13-01" is neither a`)  // the verdict on the final value
	send(tm, tea.KeyUp, tea.KeyUp, tea.KeyEnter) // from Resolver, enter jumps to the bad field
	f := finalForm(t, tm)
	if len(*subs) != 0 {
		t.Fatal("an invalid form was submitted")
	}
	if f.Focused() != FieldTime {
		t.Fatalf("focus %d, want the first bad field (Time)", f.Focused())
	}
	teatest.RequireEqualOutput(t, []byte(f.View()))
}

// "+ add criterion" lists the matching columns of the metadata; tab completes, ↓ picks
// the next one.
func TestGoldenAddCompletion(t *testing.T) {
	t.Parallel()
	tm, _, loaded := startForm(t, uitest.SimArchive(t), 100, 30)
	waitFor(t, tm, "Search observations")
	waitLoaded(t, loaded)
	send(tm, tea.KeyCtrlN)
	waitFor(t, tm, "e.g. ") // the metadata is in
	tm.Type("s")
	send(tm, tea.KeyTab, tea.KeyDown)
	waitFor(t, tm, "more; ↑/↓ pick")
	f := finalForm(t, tm)
	if got := f.fields[f.addIndex()].Input.Value(); !strings.HasPrefix(got, "s") || got == "s" {
		t.Fatalf("add row holds %q", got)
	}
	teatest.RequireEqualOutput(t, []byte(f.View()))
}

// One column when narrow; coordinates that do not parse are marked locally.
func TestGoldenNarrow(t *testing.T) {
	t.Parallel()
	tm, _, loaded := startForm(t, uitest.SimArchive(t), 70, 24)
	waitFor(t, tm, "Search observations")
	waitLoaded(t, loaded)
	tm.Type("210.8")
	send(tm, tea.KeyEnter)
	waitFor(t, tm, "RA and Dec")
	teatest.RequireEqualOutput(t, []byte(finalForm(t, tm).View()))
}
