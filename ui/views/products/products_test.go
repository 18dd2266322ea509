package products

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/services/testmode"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

func keyOf(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var (
	keyTab   = tea.KeyMsg{Type: tea.KeyTab}
	keyEsc   = tea.KeyMsg{Type: tea.KeyEsc}
	keyEnter = tea.KeyMsg{Type: tea.KeyEnter}
)

func newView(a common.Archive, batch int) *Model {
	m := New(uitest.Common(""), a, batch)
	m.SetSize(140, 40)
	return m
}

// msgs runs cmd and the batches it yields, returning every message.
func msgs(cmd tea.Cmd) []tea.Msg { return uitest.Messages(cmd) }

// load starts a fetch and feeds its batches back until it is done.
func load(t testing.TB, m *Model, obsids []string) {
	t.Helper()
	cmd := m.Start(obsids, obsids)
	for i := 0; cmd != nil && i < 1000; i++ {
		var next []tea.Cmd
		for _, msg := range msgs(cmd) {
			if b, ok := msg.(common.TabMsg); ok && b.To == BatchTask {
				next = append(next, m.Update(b))
			}
		}
		cmd = tea.Batch(next...)
	}
	if m.Fetching() {
		t.Fatal("fetch did not finish")
	}
}

// simObsids are the obsids of the simulator's first M101 observations.
func simObsids(t testing.TB, a *mast.Client, n int) []string {
	t.Helper()
	p, err := a.SearchPage(context.Background(), mast.Query{Object: "M101"}, 1, n)
	if err != nil {
		t.Fatal(err)
	}
	c := p.Table.Col("obsid")
	var out []string
	for i := 0; i < p.Table.Rows(); i++ {
		out = append(out, c.String(i))
	}
	return out
}

func TestBatchesArriveProgressively(t *testing.T) {
	m := newView(&uitest.Archive{Rows: 10}, 2)
	cmd := m.Start([]string{"a", "b", "c", "d", "e"}, nil)
	if len(m.batches) != 3 || m.Activity() != "Fetching products: batch 1/3 · 0 products…" {
		t.Fatalf("%d batches, activity %q", len(m.batches), m.Activity())
	}
	b := msgs(cmd)[0].(common.TabMsg)
	next := m.Update(b)
	if m.Rows() != 6 || next == nil || m.Activity() != "Fetching products: batch 2/3 · 6 products…" {
		t.Fatalf("after batch 1: %d rows, activity %q", m.Rows(), m.Activity())
	}
	load(t, m, []string{"a", "b", "c", "d", "e"})
	if m.Rows() != 15 || m.Duplicates() != 4 {
		t.Fatalf("%d rows, %d duplicates", m.Rows(), m.Duplicates())
	}
}

func TestStaleBatchDropped(t *testing.T) {
	a := &uitest.Archive{Rows: 10}
	m := newView(a, 500)
	old := m.Start([]string{"a"}, nil)
	oldMsg := msgs(old)[0].(common.TabMsg)
	cur := m.Start([]string{"b", "c"}, nil)
	if m.FetchID() == oldMsg.Req {
		t.Fatal("a new fetch kept the fetch id")
	}
	if m.Update(oldMsg) != nil || m.Rows() != 0 || !m.Fetching() {
		t.Fatalf("stale batch applied: %d rows", m.Rows())
	}
	curMsg := msgs(cur)[0].(common.TabMsg)
	wrong := curMsg
	wrong.Req++
	if m.Update(wrong); m.Rows() != 0 {
		t.Fatal("a batch nobody asked for was applied")
	}
	m.Update(curMsg)
	if m.Rows() != 6 || m.Fetching() {
		t.Fatalf("current batch: %d rows", m.Rows())
	}
}

// gatedArchive holds Products until released (or cancelled) and records its contexts.
type gatedArchive struct {
	uitest.Archive
	gate chan struct{}
	mu   sync.Mutex
	ctxs []context.Context
}

func (a *gatedArchive) Products(ctx context.Context, obsids []string, opts mast.ProductOptions) (*model.Table, error) {
	a.mu.Lock()
	a.ctxs = append(a.ctxs, ctx)
	a.mu.Unlock()
	select {
	case <-a.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return a.Archive.Products(ctx, obsids, opts)
}

func TestEscCancelsTheFetch(t *testing.T) {
	a := &gatedArchive{Archive: uitest.Archive{Rows: 10}, gate: make(chan struct{})}
	m := newView(a, 1)
	cmd := m.Start([]string{"a", "b", "c"}, nil)
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	for i := 0; i < 200; i++ {
		a.mu.Lock()
		n := len(a.ctxs)
		a.mu.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	back := m.Update(keyEsc)
	if back == nil {
		t.Fatal("esc did nothing")
	}
	if _, ok := back().(BackMsg); !ok {
		t.Fatal("esc did not ask to go back")
	}
	var late tea.Msg
	select {
	case late = <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("the batch in flight was not cancelled")
	}
	if err := a.ctxs[0].Err(); !errors.Is(err, context.Canceled) {
		t.Fatalf("batch context: %v", err)
	}
	if m.Fetching() {
		t.Fatal("still fetching after esc")
	}
	if m.Update(late) != nil || m.Rows() != 0 {
		t.Fatal("the cancelled batch's answer was applied (or toasted)")
	}
}

func TestUniqueMatchesUniqueProducts(t *testing.T) {
	a := uitest.SimArchive(t)
	m := newView(a, 7)
	load(t, m, simObsids(t, a, 25))
	want, dups := mast.UniqueProducts(m.Table())
	if dups == 0 || m.Duplicates() != dups {
		t.Fatalf("duplicates %d, mast.UniqueProducts says %d", m.Duplicates(), dups)
	}
	if msg := msgs(m.Update(keyOf("U")))[0].(common.ToastMsg); msg.Text != itoa(dups)+" of "+itoa(m.Rows())+" products were duplicates; showing "+itoa(m.Rows()-dups)+" unique" {
		t.Fatalf("toast %q", msg.Text)
	}
	got := m.Table().Select(m.Shown())
	if got.Rows() != want.Rows() {
		t.Fatalf("unique shows %d rows, want %d", got.Rows(), want.Rows())
	}
	gu, wu := got.Col("dataURI"), want.Col("dataURI")
	for i := 0; i < got.Rows(); i++ {
		if gu.Str[i] != wu.Str[i] {
			t.Fatalf("row %d: %s, want %s", i, gu.Str[i], wu.Str[i])
		}
	}
	m.Update(keyOf("U"))
	if len(m.Shown()) != m.Rows() {
		t.Fatal("U again did not show every product")
	}
}

// toggle moves the panel's cursor to key=value with j/k and presses space.
func toggle(t *testing.T, m *Model, key_, value string) {
	t.Helper()
	if !m.PanelFocused() {
		m.Update(keyTab)
	}
	for i, it := range m.Panel().Items() {
		if it.Key == key_ && (it.Value == value || it.Kind != 0) {
			for m.Panel().Cursor() < i {
				m.Update(keyOf("j"))
			}
			for m.Panel().Cursor() > i {
				m.Update(keyOf("k"))
			}
			m.Update(keyOf(" "))
			return
		}
	}
	t.Fatalf("no toggle %s=%s in %+v", key_, value, m.Panel().Items())
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func TestFilterTogglesMatchTheEngineSweep(t *testing.T) {
	testmode.Sweep(t)
	a := uitest.SimArchive(t)
	m := newView(a, 500)
	load(t, m, simObsids(t, a, 25))
	tb := m.Table()
	opts := model.FilterOptions{FilenameColumn: "productFilename"}
	check := func(fs model.Filters) {
		t.Helper()
		want, err := fs.Rows(tb, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(m.Shown(), want) {
			t.Fatalf("%v: shown %d rows, the engine keeps %d", fs, len(m.Shown()), len(want))
		}
		// Every toggle's count is what the engine keeps with it added to the others.
		for _, it := range m.Panel().Items() {
			if it.Kind != 0 || it.Key == keyExt {
				continue
			}
			rows, _ := append(slices.Clone(fs.Without(it.Key)), model.Filter{Key: it.Key, Values: []string{it.Value}}).Rows(tb, opts)
			if it.Count != len(rows) {
				t.Fatalf("%v: count of %s=%s is %d, the engine keeps %d", fs, it.Key, it.Value, it.Count, len(rows))
			}
		}
	}
	check(nil)
	toggle(t, m, keyType, "SCIENCE")
	check(model.Filters{{Key: "productType", Values: []string{"SCIENCE"}}})
	toggle(t, m, keyType, "AUXILIARY")
	fs := model.Filters{{Key: "productType", Values: []string{"SCIENCE", "AUXILIARY"}}}
	check(fs)
	toggle(t, m, keyLevel, "2")
	fs = append(fs, model.Filter{Key: "calib_level", Values: []string{"2"}})
	check(fs)
	toggle(t, m, keyExt, "fits")
	fs = append(fs, model.Filter{Key: "extension", Values: []string{"fits"}})
	check(fs)
	toggle(t, m, keyGuide, "")
	fs = append(fs, model.Filter{Key: "guide_stars", Values: []string{"false"}})
	check(fs)
	m.Update(keyOf("/"))
	typeText(m, "_cal")
	m.Update(keyEnter)
	fs = append(fs, model.Filter{Key: "name", Values: []string{"_cal"}})
	check(fs)
	toggle(t, m, keySize, "")
	typeText(m, "<= 12 MB")
	m.Update(keyEnter)
	fs = append(fs, model.Filter{Key: "size", Values: []string{"<=12000000"}})
	check(fs)
	if len(m.Shown()) == 0 || len(m.Shown()) == m.Rows() {
		t.Fatalf("the filters should keep some but not all rows: %d of %d", len(m.Shown()), m.Rows())
	}
	toggle(t, m, keyType, "AUXILIARY") // off again
	fs[0].Values = []string{"SCIENCE"}
	check(fs)
	m.Update(keyOf("X"))
	check(nil)
}

func TestBadSizeKeepsEditing(t *testing.T) {
	m := newView(&uitest.Archive{Rows: 10}, 500)
	load(t, m, []string{"a", "b"})
	toggle(t, m, keySize, "")
	typeText(m, "<= 5 parsecs")
	m.Update(keyEnter)
	if !m.Capturing() || m.Panel().Filters() != nil {
		t.Fatal("a bad size was applied")
	}
	m.Update(keyEsc)
	if m.Capturing() {
		t.Fatal("esc did not stop editing")
	}
}

func TestSelectionCountsAndSize(t *testing.T) {
	m := newView(&uitest.Archive{Rows: 10}, 500)
	load(t, m, []string{"a", "b", "c"}) // sizes 1000, 2000, 3000 per observation
	m.Update(keyOf(" "))
	m.Update(keyOf(" "))
	if n, size := m.Selection(); n != 2 || size != 3000 {
		t.Fatalf("selected %d, %d bytes", n, size)
	}
	m.Update(keyOf("a"))
	if n, size := m.Selection(); n != 9 || size != 18000 {
		t.Fatalf("all: %d, %d bytes", n, size)
	}
	m.Update(keyOf("U")) // hides two duplicates: the selection counts shown rows only
	if n, size := m.Selection(); n != 7 || size != 12000 {
		t.Fatalf("unique: %d, %d bytes", n, size)
	}
	if v := m.View(); !strings.Contains(v, "selected 7 · 12.0 KB (+2 hidden)") {
		t.Fatalf("footer:\n%s", v)
	}
	m.Update(keyOf("i"))
	if n, _ := m.Selection(); n != 0 {
		t.Fatalf("inverted: %d", n)
	}
	m.Update(keyOf("a"))
	m.Update(keyOf("n"))
	if n, _ := m.Selection(); n != 0 || m.grid.Selection().Count() != 0 {
		t.Fatalf("none: %d (%d with hidden)", n, m.grid.Selection().Count())
	}
}

func TestQueueEmitsExactlyTheSelection(t *testing.T) {
	a := uitest.SimArchive(t)
	m := newView(a, 500)
	load(t, m, simObsids(t, a, 3))
	m.Update(keyOf("j"))
	m.Update(keyOf(" ")) // row 1
	m.Update(keyOf("j"))
	m.Update(keyOf(" ")) // row 3
	m.Update(keyOf(" ")) // row 4
	msg := msgs(m.Update(keyOf("D")))[0].(common.QueueProductsMsg)
	want := model.ProductRefs(m.Table(), []int{1, 3, 4})
	if !slices.Equal(msg.Products, want) {
		t.Fatalf("queued %+v\nwant %+v", msg.Products, want)
	}
	if want[0].URI == "" || want[0].Size <= 0 || want[0].Filename == "" || want[0].ObsCollection == "" {
		t.Fatalf("refs lack fields: %+v", want[0])
	}
	if n, size := m.Selection(); n != 3 || size != model.TotalSize(want) {
		t.Fatalf("selection %d %d", n, size)
	}
	// Without a selection D queues the product under the cursor.
	m.Update(keyOf("n"))
	msg = msgs(m.Update(keyOf("D")))[0].(common.QueueProductsMsg)
	if len(msg.Products) != 1 || msg.Products[0] != model.ProductRefs(m.Table(), []int{m.Grid().CursorRow()})[0] {
		t.Fatalf("cursor product: %+v", msg.Products)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string][]string{
		"<= 5 GB":       {"<=5000000000"},
		"size >100MB":   {">100000000"},
		"1MB..2GB":      {"1000000..2000000000"},
		"!<1 KB, 5 KiB": {"!<1000", "5120"},
		"  ":            nil,
		"2.5G":          {"2500000000"},
		">= 1 TiB":      {">=1099511627776"},
		"size = 1234":   {"1234"},
	} {
		got, err := ParseSize(in)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("ParseSize(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"<= 5 parsecs", "big", "1..", "<=GB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}
