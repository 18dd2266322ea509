package ui_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/download"
	"mastui/model"
	"mastui/services/mast"
	"mastui/ui"
	"mastui/ui/uitest"
	"mastui/ui/views/results"
)

// simApp is the app on the simulator (deterministic data) at w × h, after searching M101.
func simApp(t *testing.T, w, h int) *teatest.TestModel {
	tm, _ := simAppRecorded(t, w, h)
	return tm
}

// simAppRecorded is simApp with a record of the messages the app has handled, for tests
// that must wait for an answer whose arrival the screen does not show for sure.
func simAppRecorded(t *testing.T, w, h int) (*teatest.TestModel, *recorder) {
	t.Helper()
	m := ui.NewModel(uitest.Common(""), uitest.SimArchive(t), ui.Options{PageSize: 500, ServerLabel: "demo"})
	r := &recorder{Model: m}
	tm := teatest.NewTestModel(t, r, teatest.WithInitialTermSize(w, h))
	search(t, tm, "M101")
	return tm, r
}

// recorder runs the app and notes the type of every message it has handled (an
// answer by the type inside its envelope).
type recorder struct {
	*ui.Model
	mu   sync.Mutex
	seen map[string]bool
}

func (r *recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := r.Model.Update(msg)
	r.mu.Lock()
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[fmt.Sprintf("%T", unwrap(msg))] = true // answers come in their envelopes
	r.mu.Unlock()
	return r, cmd
}

// waitHandled waits until the app has handled a message like sample (a hang guard of a
// minute, not a speed check).
func (r *recorder) waitHandled(t *testing.T, sample tea.Msg) {
	t.Helper()
	name := fmt.Sprintf("%T", sample)
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		r.mu.Lock()
		ok := r.seen[name]
		r.mu.Unlock()
		if ok {
			return
		}
	}
	t.Fatalf("the app never handled a %s", name)
}

func keys(tm *teatest.TestModel, s string) {
	for _, r := range s {
		if r == ' ' {
			tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			continue
		}
		tm.Send(key(string(r)))
	}
}

func TestResultsDetailsPane(t *testing.T) {
	tm, rec := simAppRecorded(t, 120, 40)
	keys(tm, "jjd")
	// The table's own columns describe themselves at once; the metadata's answer then
	// orders the fields, so wait for that answer, not for a description on screen.
	rec.waitHandled(t, results.MetadataMsg{})
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestResultsSorted(t *testing.T) {
	tm := simApp(t, 120, 30)
	keys(tm, "llllll") // t_exptime
	keys(tm, "oo")     // descending
	waitText(t, tm, "sorted by t_exptime ↓")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestColumnChooserOverlay(t *testing.T) {
	tm := simApp(t, 100, 30)
	keys(tm, "c j jJ")
	waitText(t, tm, "32 of 34 shown")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestProductsWithFilterPanel(t *testing.T) {
	tm := simApp(t, 140, 45)
	keys(tm, "  ")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	// One wait: the cloud column (looked up in the background) can fill in the same
	// output chunk as the list, and a first wait would consume it.
	waitText(t, tm, " yes ")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestProductsUniqueAndFiltered(t *testing.T) {
	tm := simApp(t, 140, 45)
	keys(tm, "  ")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	// One wait: the cloud column (looked up in the background) can fill in the same
	// output chunk as the list, and a first wait would consume it.
	waitText(t, tm, " yes ")
	keys(tm, "U")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	keys(tm, " ") // SCIENCE
	keys(tm, "/_cal")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	keys(tm, "jj  ")
	waitText(t, tm, "selected 2")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestSaveColumnsGetsTheChoice(t *testing.T) {
	var mu sync.Mutex
	var saved []string
	var table string
	opts := ui.Options{PageSize: 400, ServerLabel: "demo", Columns: map[string][]string{"observations": {"obs_id", "target_name", "nope", "t_exptime"}},
		SaveColumns: func(tb string, cols []string) error {
			mu.Lock()
			defer mu.Unlock()
			table, saved = tb, cols
			return nil
		}}
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 1200}, opts)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	// A cone search: distance shows after the first column though the choice lacks it.
	if got := m.Results().ShownColumns(); !slices.Equal(got, []string{"obs_id", "distance", "target_name", "t_exptime"}) {
		t.Fatalf("initial columns %v", got)
	}
	send(t, m, key("c"), key("j"), key("j"), key("J"), key("j"), tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}, tea.KeyMsg{Type: tea.KeyEnter})
	want := []string{"obs_id", "distance", "t_exptime", "target_name", "obs_collection"}
	mu.Lock()
	defer mu.Unlock()
	if table != "observations" || !slices.Equal(saved, want) {
		t.Fatalf("saved %q %v, want %v", table, saved, want)
	}
	if got := m.Results().ShownColumns(); !slices.Equal(got, want) {
		t.Fatalf("shown %v", got)
	}
	if !strings.Contains(m.Toast(), "5 columns shown") {
		t.Fatalf("toast %q", m.Toast())
	}
}

func TestSaveColumnsErrorIsShown(t *testing.T) {
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{PageSize: 400,
		SaveColumns: func(string, []string) error { return errors.New("read-only file system") }})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	send(t, m, key("c"), tea.KeyMsg{Type: tea.KeyEnter})
	if !strings.Contains(m.Toast(), "read-only file system") {
		t.Fatalf("toast %q", m.Toast())
	}
}

type sink struct {
	mu  sync.Mutex
	got [][]model.ProductRef
}

func (s *sink) Enqueue(ps []model.ProductRef) (download.AddResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, ps)
	return download.AddResult{Added: len(ps), Bytes: model.TotalSize(ps)}, nil
}

func TestQueueGoesToTheSinkWithAToast(t *testing.T) {
	q := &sink{}
	m := toProducts(t, ui.Options{Queue: q})
	send(t, m, key("U"), key("a"), key("D"))
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.got) != 1 || len(q.got[0]) != 801 {
		t.Fatalf("sink got %d batches (%d products)", len(q.got), len(q.got[0]))
	}
	if toast := m.Toast(); toast != "801 files, 1.2 MB queued" {
		t.Fatalf("toast %q", toast)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Focus() != "results" {
		t.Fatal("esc did not go back to the results")
	}
	if m.Results().Selected() != 400 {
		t.Fatal("the results lost their selection")
	}
}

func TestProductsTextFilterTakesEveryKey(t *testing.T) {
	m := ui.NewModel(clocked(), withObsid{&uitest.Archive{Rows: 10}}, ui.Options{PageSize: 400})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if m.Focus() != "products" {
		t.Fatalf("enter: focus %s", m.Focus())
	}
	send(t, m, key("/"))
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q?x")}) // a burst: typed, not split
	if m.HelpVisible() || m.Focus() != "products" || !strings.Contains(m.View(), "q?x") {
		t.Fatalf("typing q?x: help %v focus %s\n%s", m.HelpVisible(), m.Focus(), m.View())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc}, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Focus() != "results" {
		t.Fatalf("esc esc: focus %s", m.Focus())
	}
}

// withObsid adds the obsid column (what Mast.Caom.Products takes) to the fake's pages.
type withObsid struct{ *uitest.Archive }

func (a withObsid) SearchPage(ctx context.Context, q mast.Query, page, pageSize int) (*mast.Page, error) {
	p, err := a.Archive.SearchPage(ctx, q, page, pageSize)
	if err != nil || p.Table == nil {
		return p, err
	}
	id := model.NewColumn("obsid", model.KindString, p.Table.Rows())
	obs := p.Table.Col("obs_id")
	for i := 0; i < p.Table.Rows(); i++ {
		id.Str = append(id.Str, "9"+obs.Str[i][3:8])
	}
	p.Table.Columns = append(p.Table.Columns, id)
	return p, nil
}
