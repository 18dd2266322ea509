package dupcheck

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"mastui/model"
	"mastui/services/mast"
)

// obsRow is one CAOM row of the fake archive.
type obsRow struct {
	obsID, inst, filters, pid string
	east, north               float64 // arcsec from the target
	exp                       float64
	calib                     int64
	release                   float64 // MJD
}

// fakeArchive answers CAOM queries from rows placed around a position, recording the
// queries and the most in flight at once.
type fakeArchive struct {
	mu             sync.Mutex
	center         mast.Position
	rows           []obsRow
	pageSize       int // rows per page (0: all in one)
	queries        []mast.Query
	inflight, most int
	gate           chan struct{} // when set, each query waits for a token
	err            error
}

func (f *fakeArchive) SearchPage(ctx context.Context, q mast.Query, page, pageSize int) (*mast.Page, error) {
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.inflight++
	f.most = max(f.most, f.inflight)
	f.mu.Unlock()
	defer func() { f.mu.Lock(); f.inflight--; f.mu.Unlock() }()
	if f.gate != nil {
		<-f.gate
	}
	if f.err != nil {
		return nil, f.err
	}
	var inst string
	for _, c := range q.Criteria {
		if c.Name == "instrument_name" {
			inst = c.Value
		}
	}
	var sel []obsRow
	for _, r := range f.rows {
		if r.inst == inst {
			sel = append(sel, r)
		}
	}
	per, pages := len(sel), 1
	if f.pageSize > 0 {
		per, pages = f.pageSize, max(1, (len(sel)+f.pageSize-1)/f.pageSize)
	}
	lo, hi := min((page-1)*per, len(sel)), min(page*per, len(sel))
	return &mast.Page{Table: f.table(sel[lo:hi]), Page: page, PagesFiltered: pages}, nil
}

func (f *fakeArchive) table(rows []obsRow) *model.Table {
	s := func(name string, get func(r obsRow) string) *model.Column {
		c := model.NewColumn(name, model.KindString, len(rows))
		for _, r := range rows {
			c.Str = append(c.Str, get(r))
		}
		return c
	}
	fl := func(name string, get func(r obsRow) float64) *model.Column {
		c := model.NewColumn(name, model.KindFloat, len(rows))
		for _, r := range rows {
			c.Float = append(c.Float, get(r))
		}
		return c
	}
	lvl := model.NewColumn("calib_level", model.KindInt, len(rows))
	for _, r := range rows {
		lvl.Int = append(lvl.Int, r.calib)
	}
	pos := func(r obsRow) (float64, float64) {
		dec := f.center.Dec + r.north/3600
		return f.center.RA + r.east/3600/math.Cos(f.center.Dec*math.Pi/180), dec
	}
	return model.NewTable(
		s("obs_id", func(r obsRow) string { return r.obsID }), s("obsid", func(r obsRow) string { return "9" + r.pid }),
		s("proposal_id", func(r obsRow) string { return r.pid }), s("proposal_pi", func(obsRow) string { return "Doe, J." }),
		s("instrument_name", func(r obsRow) string { return r.inst }), s("filters", func(r obsRow) string { return r.filters }),
		fl("s_ra", func(r obsRow) float64 { ra, _ := pos(r); return ra }), fl("s_dec", func(r obsRow) float64 { _, d := pos(r); return d }),
		fl("t_exptime", func(r obsRow) float64 { return r.exp }), lvl,
		fl("t_obs_release", func(r obsRow) float64 {
			if r.release == 0 {
				return math.NaN()
			}
			return r.release
		}),
	)
}

func target(t *testing.T, aperture string, exp float64) Target {
	t.Helper()
	a, ok := defaults(t).Lookup(aperture)
	if !ok {
		t.Fatal(aperture)
	}
	return Target{Number: "1", Aperture: a, Instrument: a.Instrument, Position: mast.Position{RA: 68.73091, Dec: 24.4814},
		Grating: "G395H", Filter: "F290LP", Exposure: exp}
}

// now is the injected clock: 2026-06-01.
func now() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }

// An IFU target (3″): matches, each kind of near miss with its reason, the MOS
// observations checked too, level-2 exposures folded into their level-3 observation.
func TestCheckClassifies(t *testing.T) {
	f := &fakeArchive{center: mast.Position{RA: 68.73091, Dec: 24.4814}, pageSize: 2, rows: []obsRow{
		{obsID: "jw01282-o001_t001_nirspec_g395h-f290lp", inst: "NIRSPEC/IFU", filters: "G395H;F290LP", pid: "1282", east: 1, exp: 30, calib: 3},
		{obsID: "jw01282001001_02101_00001_nrs1", inst: "NIRSPEC/IFU", filters: "F290LP;G395H", pid: "1282", east: 1.5, exp: 10, calib: 2},
		{obsID: "jw01283-o001_t001_nirspec_f290lp-g395h", inst: "NIRSPEC/IFU", filters: "f290lp;g395h", pid: "1283", north: 2, exp: 20, calib: -1},
		{obsID: "jw01284-o001_t001_nirspec_f290lp-g395h", inst: "NIRSPEC/IFU", filters: "F290LP;G395H", pid: "1284", north: -2.5, exp: 22, calib: 3, release: 61900},
		{obsID: "jw01285-o001_t001_nirspec_f170lp-g235h", inst: "NIRSPEC/IFU", filters: "F170LP;G235H", pid: "1285", east: 0.5, exp: 22, calib: 3},
		{obsID: "jw01286-o001_t001_nirspec_f290lp-g395h", inst: "NIRSPEC/IFU", filters: "F290LP;G395H", pid: "1286", east: -0.5, exp: 113.75, calib: 3},
		{obsID: "jw01287-o001_t001_nirspec_f290lp-g395h", inst: "NIRSPEC/IFU", filters: "F290LP;G395H", pid: "1287", north: 4.5, exp: 22, calib: 3},
		{obsID: "jw01288-o001_t001_nirspec_f170lp-g235h", inst: "NIRSPEC/IFU", filters: "F170LP;G235H", pid: "1288", north: 4.5, exp: 22, calib: 3},
		{obsID: "jw01289-o001_t001_nirspec_f290lp-g395h", inst: "NIRSPEC/MSA", filters: "F290LP;G395H", pid: "1289", east: 2, exp: 40, calib: 3},
		{obsID: "jw01290-o001_t001_nirspec_f290lp-g395h", inst: "NIRSPEC/MSA", filters: "F290LP;G395H", pid: "1290", east: 200, exp: 40, calib: 3},
	}}
	c := NewChecker(f, Options{Now: now, RadiusScale: 1})
	r := c.Check(context.Background(), target(t, "IFU", 22.749))
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	// 8 IFU rows in pages of 2, then the MOS ones in one page.
	if len(f.queries) != 5 || f.queries[3].Criteria[1].Value != "NIRSPEC/IFU" || f.queries[4].Criteria[1].Value != "NIRSPEC/MSA" ||
		f.queries[0].Criteria[0] != (mast.Criterion{Name: "obs_collection", Value: "JWST"}) || math.Abs(f.queries[0].RadiusDeg-6.0/3600) > 1e-12 {
		t.Fatalf("queries %+v", f.queries)
	}
	got := map[string]Candidate{}
	for _, m := range append(append([]Candidate{}, r.Matches...), r.NearMisses...) {
		got[m.ProposalID] = m
	}
	want := map[string]struct {
		kind         Kind
		status, text string
	}{
		"1282": {KindMatch, "executed", "NIRSPEC/IFU G395H+F290LP, 1″ ≤ 3″ radius, exposure ×1.32"},
		"1283": {KindMatch, "planned", "exposure ×0.88"},
		"1284": {KindMatch, "proprietary until 2028-05-09", "2.5″ ≤ 3″"},
		"1285": {KindNearMiss, "executed", "grating/filter F170LP;G235H, not G395H+F290LP"},
		"1286": {KindNearMiss, "executed", "exposure ×5 is outside ×0.25–×4"},
		"1287": {KindNearMiss, "executed", "4.5″ from the target, outside the 3″ radius"},
		"1289": {KindMatch, "executed", "(checked against NIRSPEC/MSA)"},
	}
	if len(got) != len(want) {
		t.Errorf("got %d candidates, want %d: %+v", len(got), len(want), got)
	}
	for pid, w := range want {
		g, ok := got[pid]
		if !ok || g.Kind != w.kind || g.Status != w.status || !strings.Contains(g.Reason, w.text) {
			t.Errorf("%s: %+v\nwant %+v", pid, g, w)
		}
	}
	if g := got["1282"]; g.ObsID != "jw01282-o001_t001_nirspec_g395h-f290lp" {
		t.Errorf("the level-2 exposure was not folded: %+v", g)
	}
	if strings.Join(r.ProposalIDs, ",") != "1282,1283,1284,1289" {
		t.Errorf("proposals %v", r.ProposalIDs)
	}
	for i := 1; i < len(r.Matches); i++ {
		if r.Matches[i].SeparationArcsec < r.Matches[i-1].SeparationArcsec {
			t.Errorf("matches not by separation: %+v", r.Matches)
		}
	}
	if s := Summary(r); s != "4 potential duplicates (proposals 1282, 1283, 1284, 1289) · 3 near misses (grating/filter, exposure, radius)" {
		t.Errorf("summary %q", s)
	}
}

// --radius-scale scales the radius of the query and of the decision.
func TestCheckRadiusScale(t *testing.T) {
	f := &fakeArchive{center: mast.Position{RA: 68.73091, Dec: 24.4814}, rows: []obsRow{
		{obsID: "a", inst: "NIRSPEC/MSA", filters: "F290LP;G395H", pid: "1", east: 100, exp: 950, calib: 3},
	}}
	r := NewChecker(f, Options{RadiusScale: 0.5, Now: now}).Check(context.Background(), target(t, "MSA", 950))
	if math.Abs(f.queries[0].RadiusDeg-180.0/3600) > 1e-12 || r.RadiusArcsec != 90 {
		t.Fatalf("radius %v deg, %v″", f.queries[0].RadiusDeg, r.RadiusArcsec)
	}
	if len(r.Matches) != 0 || len(r.NearMisses) != 1 || r.NearMisses[0].Miss != "radius" {
		t.Fatalf("%+v", r)
	}
}

// At most Parallel queries run at once, across every target; an error names its target.
func TestCheckAllBoundedAndErrors(t *testing.T) {
	f := &fakeArchive{center: mast.Position{RA: 68.73091, Dec: 24.4814}, gate: make(chan struct{})}
	c := NewChecker(f, Options{Parallel: 2, Now: now})
	var targets []Target
	for i := range 6 {
		tg := target(t, "MSA", 950)
		tg.Number = fmt.Sprint(i + 1)
		targets = append(targets, tg)
	}
	done := make(chan []Result)
	go func() { done <- c.CheckAll(context.Background(), targets, nil) }()
	for range targets {
		f.gate <- struct{}{}
	}
	res := <-done
	if f.most > 2 || f.most == 0 {
		t.Errorf("%d queries in flight at once", f.most)
	}
	if len(res) != 6 || res[5].Target.Number != "6" {
		t.Errorf("results %+v", res)
	}
	f.gate, f.err = nil, errors.New("server on fire")
	r := c.Check(context.Background(), targets[2])
	if r.Err == nil || !strings.Contains(r.Err.Error(), "target 3: NIRSPEC/MSA: server on fire") || !strings.HasPrefix(Summary(r), "check failed: ") {
		t.Errorf("err %v, summary %q", r.Err, Summary(r))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f.gate = make(chan struct{}) // never opened: a cancelled check must not wait for it
	c2 := NewChecker(f, Options{Parallel: 1, Now: now})
	c2.sem <- struct{}{}
	if r := c2.Check(ctx, targets[0]); !errors.Is(r.Err, context.Canceled) {
		t.Errorf("cancelled: %v", r.Err)
	}
}

// The reports: markdown sections and pipes escaped, csv rows with kind and reason.
func TestWriteReport(t *testing.T) {
	f := &fakeArchive{center: mast.Position{RA: 68.73091, Dec: 24.4814}, rows: []obsRow{
		{obsID: "jw01282-o001_t001_nirspec_f290lp-g395h", inst: "NIRSPEC/IFU", filters: "F290LP;G395H", pid: "1282", east: 1, exp: 30, calib: 3},
		{obsID: "jw01285-o001|x", inst: "NIRSPEC/IFU", filters: "F170LP;G235H", pid: "1285", east: 0.5, exp: 22, calib: 3},
	}}
	r := NewChecker(f, Options{Now: now}).Check(context.Background(), target(t, "IFU", 22.749))
	var md strings.Builder
	if err := WriteReport(&md, []Result{r}, FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Target 1 IFU 68.73091 +24.48140 G395H/F290LP 22.749 s", "1 potential duplicate (proposal 1282) · 1 near miss (grating/filter)",
		"| match | jw01282-o001_t001_nirspec_f290lp-g395h | 1282 |", `| near_miss | jw01285-o001\|x |`, "Proposals to check in APT: 1282", "> " + Reminder} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	var csv strings.Builder
	if err := WriteReport(&csv, []Result{r}, FormatCSV); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "target,target_name,aperture,kind,obs_id,obsid,proposal_id,pi,instrument_name,filters,separation,exposure,exposure_ratio,status,reason") ||
		!strings.HasPrefix(lines[1], "1,,IFU,match,jw01282") || !strings.Contains(lines[2], "near_miss") {
		t.Errorf("csv:\n%s", csv.String())
	}
	if err := WriteReport(&csv, nil, "xml"); err == nil {
		t.Error("xml accepted")
	}
}
