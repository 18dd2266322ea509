package products

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/filterpanel"
	"mastui/ui/uitest"
)

// The fake archive lists four products per dataset: _raw.fits (UNCALIBRATED),
// _flt.fits (CALIBRATED), _drz.jpg (PREVIEW), _asn.fits (AUX).
var twoDatasets = []string{"JBTAA0010", "JBTAA0020"}

func newMissionView(w, h int) *Model {
	m := NewWithProfile(uitest.Common(""), &uitest.Archive{Rows: 10}, MissionProfile("HST"))
	m.SetSize(w, h)
	return m
}

// groups lists the panel's group headings in order, with each toggle group's
// value=count options.
func groups(items []filterpanel.Item) (order []string, opts map[string][]string) {
	opts = map[string][]string{}
	for _, it := range items {
		if !slices.Contains(order, it.Group) {
			order = append(order, it.Group)
		}
		if it.Kind == filterpanel.Toggle {
			opts[it.Group] = append(opts[it.Group], fmt.Sprintf("%s=%d", it.Label, it.Count))
		}
	}
	return order, opts
}

func TestMissionProfileBasics(t *testing.T) {
	p := MissionProfile(" JWST ")
	if p.Name != "jwst" || p.Noun != "datasets" || p.BatchSize != mast.DefaultMissionBatchSize ||
		p.FileColumn != "filename" || p.URIColumn != "uri" || p.MRPOnly || !p.GuideStars {
		t.Fatalf("profile %+v", p)
	}
	if c := CAOMProfile(0); c.Name != "caom" || c.BatchSize != DefaultBatchSize || !c.MRPOnly || !c.GuideStars {
		t.Fatalf("caom profile %+v", c)
	}
	if m := newMissionView(100, 30); m.Name() != "hst" {
		t.Fatalf("name %q", m.Name())
	}
	if m := newView(&uitest.Archive{}, 0); m.Name() != "caom" || m.batchSize != DefaultBatchSize {
		t.Fatalf("New: name %q, batch %d", m.Name(), m.batchSize)
	}
}

func TestMissionBatchesOf1000(t *testing.T) {
	m := newMissionView(100, 30)
	ids := make([]string, 2500)
	for i := range ids {
		ids[i] = fmt.Sprintf("D%04d", i)
	}
	cmd := m.Start(ids, nil)
	if len(m.batches) != 3 || len(m.batches[0]) != 1000 || len(m.batches[2]) != 500 {
		t.Fatalf("%d batches", len(m.batches))
	}
	env := msgs(cmd)[0].(common.TabMsg)
	b := env.Msg.(BatchMsg)
	if env.To != BatchTask || env.Req != m.FetchID() || b.Err != nil || b.Table.Rows() != 4000 {
		t.Fatalf("batch: addressed to %s #%d, err %v", env.To, env.Req, b.Err)
	}
}

func TestMissionPanelGroupsAndToggles(t *testing.T) {
	m := newMissionView(100, 30)
	load(t, m, twoDatasets)
	if m.Rows() != 8 || m.Duplicates() != 0 {
		t.Fatalf("%d rows, %d duplicates", m.Rows(), m.Duplicates())
	}
	order, opts := groups(m.Panel().Items())
	if want := []string{"Category", "Suffix", "Type", "Extension", "Access", "Other"}; !slices.Equal(order, want) {
		t.Fatalf("groups %q, want %q", order, want)
	}
	for g, want := range map[string][]string{
		"Category":  {"AUX=2", "CALIBRATED=2", "PREVIEW=2", "UNCALIBRATED=2"},
		"Suffix":    {"asn=2", "drz=2", "flt=2", "raw=2"},
		"Type":      {"science=4", "auxiliary=2", "preview=2"}, // science first, as CAOM's types
		"Extension": {".fits=6", ".jpg=2"},
		"Access":    {"PUBLIC=8"},
	} {
		if !slices.Equal(opts[g], want) {
			t.Errorf("%s: %q, want %q", g, opts[g], want)
		}
	}
	for _, it := range m.Panel().Items() {
		if it.Key == keyMRP || it.Key == keyGuide {
			t.Errorf("HST products have a %s flag", it.Key)
		}
	}

	toggle(t, m, "category", "CALIBRATED")
	if !slices.Equal(m.Shown(), []int{1, 5}) {
		t.Fatalf("CALIBRATED shows rows %v", m.Shown())
	}
	for _, r := range m.Shown() {
		if f := m.Table().Col("filename").String(r); !strings.HasSuffix(f, "_flt.fits") {
			t.Errorf("CALIBRATED shows %s", f)
		}
	}
	if _, opts = groups(m.Panel().Items()); !slices.Equal(opts["Type"], []string{"science=2", "auxiliary=0", "preview=0"}) {
		t.Errorf("type counts under CALIBRATED: %q", opts["Type"])
	}

	m.Update(keyOf("X"))
	toggle(t, m, keyExt, "jpg")
	if !slices.Equal(m.Shown(), []int{2, 6}) {
		t.Fatalf(".jpg shows rows %v", m.Shown())
	}
	want, err := model.Filters{{Key: "extension", Values: []string{"jpg"}}}.Rows(m.Table(), model.FilterOptions{FilenameColumn: "filename"})
	if err != nil || !slices.Equal(m.Shown(), want) {
		t.Fatalf("the engine keeps %v (%v)", want, err)
	}
	if v := m.View(); !strings.Contains(v, "Products of 2 datasets") || !strings.Contains(v, "2 shown of 8") {
		t.Fatalf("title:\n%s", v)
	}
}

func TestMissionUniqueByFilename(t *testing.T) {
	m := newMissionView(100, 30)
	load(t, m, []string{"JBTAA0010", "JBTAA0020", "JBTAA0010"})
	want, dups := mast.UniqueMissionProducts(m.Table())
	if dups != 4 || m.Duplicates() != dups {
		t.Fatalf("duplicates %d, mast.UniqueMissionProducts says %d", m.Duplicates(), dups)
	}
	toast := msgs(m.Update(keyOf("U")))[0].(common.ToastMsg)
	if toast.Text != "4 of 12 products were duplicates; showing 8 unique" {
		t.Fatalf("toast %q", toast.Text)
	}
	got := m.Table().Select(m.Shown())
	if !slices.Equal(got.Col("filename").Str, want.Col("filename").Str) {
		t.Fatalf("unique shows %q\nwant %q", got.Col("filename").Str, want.Col("filename").Str)
	}
}

func TestMissionQueueRefs(t *testing.T) {
	m := newMissionView(100, 30)
	load(t, m, twoDatasets)
	m.Update(keyOf("j"))
	m.Update(keyOf(" ")) // row 1: _flt.fits
	m.Update(keyOf(" ")) // row 2: _drz.jpg
	msg := msgs(m.Update(keyOf("D")))[0].(common.QueueProductsMsg)
	if len(msg.Products) != 2 {
		t.Fatalf("queued %+v", msg.Products)
	}
	uri := m.Table().Col("uri")
	for i, r := range []int{1, 2} {
		p := msg.Products[i]
		if p.Mission != "hst" || p.ObsCollection != "hst" || p.ObsID != "JBTAA0010" || p.URI != uri.String(r) ||
			p.Filename != m.Table().Col("filename").String(r) || p.Size != int64(10_000*(r+1)) {
			t.Errorf("ref %d: %+v", i, p)
		}
	}
	if n, size := m.Selection(); n != 2 || size != 50_000 {
		t.Fatalf("selection %d, %d bytes", n, size)
	}
	toast := msgs(m.Update(keyOf("y")))[0].(common.ToastMsg)
	if toast.Text != "copied uri JBTAA0010/jbtaa0010_asn.fits" {
		t.Fatalf("copy: %q", toast.Text)
	}
}

func TestMessagesOfAnotherViewIgnored(t *testing.T) {
	c := uitest.Common("") // one session: request numbers are its own
	hst := NewWithProfile(c, &uitest.Archive{Rows: 10}, MissionProfile("HST"))
	caom := New(c, &uitest.Archive{Rows: 10}, 500)
	hst.SetSize(100, 30)
	caom.SetSize(140, 40)
	hb := msgs(hst.Start(twoDatasets, nil))[0].(common.TabMsg)
	cb := msgs(caom.Start([]string{"a"}, nil))[0].(common.TabMsg)
	if hb.To != cb.To || hb.Msg.(BatchMsg).Batch != cb.Msg.(BatchMsg).Batch {
		t.Fatal("the two fetches should look alike but for their request numbers")
	}
	if caom.Update(hb) != nil || caom.Rows() != 0 || !caom.Fetching() {
		t.Fatal("the CAOM view took the HST batch")
	}
	if hst.Update(cb) != nil || hst.Rows() != 0 || !hst.Fetching() {
		t.Fatal("the HST view took the CAOM batch")
	}
	hst.Update(hb)
	caom.Update(cb)
	if hst.Rows() != 8 || caom.Rows() != 3 {
		t.Fatalf("own batches: %d and %d rows", hst.Rows(), caom.Rows())
	}
	if _, ok := msgs(hst.Update(keyEsc))[0].(BackMsg); !ok {
		t.Fatal("esc did not ask to go back")
	}
}

// TestMissionProductsGolden is the mission products screen at 100x30 with one product
// selected. go test ./ui/views/products -run Golden -update rewrites it.
func TestMissionProductsGolden(t *testing.T) {
	m := newMissionView(100, 30)
	load(t, m, twoDatasets)
	m.Update(keyOf("j"))
	m.Update(keyOf(" "))
	golden.RequireEqual(t, []byte(m.View()))
}
