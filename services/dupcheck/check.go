// Package dupcheck is the JWST duplication check (seed 004, issue 15): for each planned
// observation of a target list, the archived and planned JWST observations with the same
// instrument mode, grating and filter, within the aperture's search radius and with an
// exposure time within a factor of four, and the near misses that fail one of these, so
// a user sees why something did not match. APT's duplication checker stays the
// authority; this finds the proposals to look at there.
package dupcheck

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"mastui/model"
	"mastui/services/mast"
)

// Reminder is what every report ends with.
const Reminder = "APT's duplication checker is the authority: check these proposals there (JWST Duplicate Observations Policy)."

// ExposureFactor bounds the exposure ratio of a duplicate: within ×4 either way.
const ExposureFactor = 4.0

// NearFactor is how far outside the search radius a near miss may lie (× the radius).
const NearFactor = 2.0

// Searcher runs a CAOM observation query one page at a time (*mast.Client and the
// TUI's archive do).
type Searcher interface {
	SearchPage(ctx context.Context, q mast.Query, page, pageSize int) (*mast.Page, error)
}

// Servicer runs a generic Portal service request (*mast.Client does): the JWST
// file-level detail.
type Servicer interface {
	Service(ctx context.Context, r mast.ServiceRequest) (*mast.ServiceResult, error)
}

// Options tune a check.
type Options struct {
	RadiusScale float64          // scales every aperture radius (0 means 1)
	Now         func() time.Time // the clock deciding what is still proprietary (nil: time.Now)
	Parallel    int              // targets checked at once (0 means 4)
	PageSize    int              // rows per CAOM page (0 means 5000)
	// Detail, when set, fetches the Mast.Jwst.Filtered.<Instrument> file rows of the
	// matched programs.
	Detail Servicer
}

// Kind tells a match from a near miss.
type Kind string

// Kinds of candidates.
const (
	KindMatch    Kind = "match"
	KindNearMiss Kind = "near_miss"
)

// Candidate is an observation found around a target, a potential duplicate or a near miss.
type Candidate struct {
	Kind             Kind
	ObsID            string // obs_id
	Obsid            string // the product group id (products are listed by it)
	ProposalID       string
	PI               string
	Instrument       string // instrument_name: NIRSPEC/MSA
	Filters          string // CAOM filters: F290LP;G395H
	TargetName       string
	SeparationArcsec float64 // from the target to the observation's centre (s_ra, s_dec)
	Exposure         float64 // t_exptime, seconds
	ExposureRatio    float64 // t_exptime / the target's exposure
	CalibLevel       int
	Status           string // executed, planned, proprietary until 2026-07-01
	Release          time.Time
	Reason           string // why it matched, or why not
	Miss             string // a near miss's failed criterion: "grating/filter", "exposure", "radius"
	AlsoChecked      bool   // found through the aperture's also_check list (FS/IFU vs MOS)
}

// Result is the check of one target.
type Result struct {
	Target       Target
	RadiusArcsec float64 // the search radius used (scaled)
	Matches      []Candidate
	NearMisses   []Candidate
	ProposalIDs  []string     // of the matches, to check in APT
	Detail       *model.Table // file-level rows of the matched programs (Options.Detail)
	DetailErr    error
	Err          error
}

// Checker runs checks; its semaphore bounds the queries in flight across every target
// it is asked about, so a TUI running one command per target stays bounded too.
type Checker struct {
	archive Searcher
	opts    Options
	sem     chan struct{}
}

// NewChecker makes a checker over an archive.
func NewChecker(archive Searcher, opts Options) *Checker {
	if opts.RadiusScale <= 0 {
		opts.RadiusScale = 1
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Parallel <= 0 {
		opts.Parallel = 4
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 5000
	}
	return &Checker{archive: archive, opts: opts, sem: make(chan struct{}, opts.Parallel)}
}

// CheckAll checks every target, opts.Parallel at a time, and returns the results in
// the list's order; done (may be nil) is called as each finishes, from its goroutine.
func (c *Checker) CheckAll(ctx context.Context, targets []Target, done func(i int, r Result)) []Result {
	out := make([]Result, len(targets))
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = c.Check(ctx, t)
			if done != nil {
				done(i, out[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// Check checks one target: one CAOM query per instrument_name (the target's, then the
// aperture's also_check list) within NearFactor × the radius, each row classified.
func (c *Checker) Check(ctx context.Context, t Target) Result {
	select {
	case c.sem <- struct{}{}:
		defer func() { <-c.sem }()
	case <-ctx.Done():
		return Result{Target: t, Err: ctx.Err()}
	}
	res := Result{Target: t, RadiusArcsec: t.Aperture.RadiusArcsec * c.opts.RadiusScale}
	instruments := []string{t.Instrument}
	for _, in := range t.Aperture.AlsoCheck {
		if !slices.Contains(instruments, in) {
			instruments = append(instruments, in)
		}
	}
	for k, inst := range instruments {
		rows, err := c.search(ctx, t.Position, res.RadiusArcsec*NearFactor/3600, inst)
		if err != nil {
			res.Err = fmt.Errorf("target %s: %s: %w", t.Label(), inst, err)
			return res
		}
		for _, cand := range rows {
			cand.AlsoChecked = k > 0
			c.classify(t, res.RadiusArcsec, &cand)
			switch cand.Kind {
			case KindMatch:
				res.Matches = append(res.Matches, cand)
			case KindNearMiss:
				res.NearMisses = append(res.NearMisses, cand)
			}
		}
	}
	bySep := func(s []Candidate) {
		sort.SliceStable(s, func(i, j int) bool { return s[i].SeparationArcsec < s[j].SeparationArcsec })
	}
	bySep(res.Matches)
	bySep(res.NearMisses)
	res.ProposalIDs = proposals(res.Matches)
	if c.opts.Detail != nil && len(res.Matches) > 0 {
		res.Detail, res.DetailErr = c.detail(ctx, t, res.Matches)
	}
	return res
}

// search returns the JWST observations of an instrument_name within radius degrees,
// level-2 exposures folded into their level-3 observation when it is in the answer.
func (c *Checker) search(ctx context.Context, pos mast.Position, radiusDeg float64, instrument string) ([]Candidate, error) {
	q := mast.Query{Position: &pos, RadiusDeg: radiusDeg, Criteria: []mast.Criterion{
		{Name: "obs_collection", Value: "JWST"}, {Name: "instrument_name", Value: instrument}}}
	var tables []*model.Table
	for page := 1; ; page++ {
		p, err := c.archive.SearchPage(ctx, q, page, c.opts.PageSize)
		if err != nil {
			return nil, err
		}
		tables = append(tables, p.Table)
		if page >= p.PagesFiltered || p.Table.Rows() == 0 {
			break
		}
	}
	var out []Candidate
	for _, t := range tables {
		out = append(out, candidates(t, pos)...)
	}
	return fold(out), nil
}

// candidates reads the rows of a CAOM answer.
func candidates(t *model.Table, pos mast.Position) []Candidate {
	str := func(name string, r int) string {
		if c := t.Col(name); c != nil && !c.IsNull(r) {
			return strings.TrimSpace(c.String(r))
		}
		return ""
	}
	num := func(name string, r int) float64 {
		c := t.Col(name)
		if c == nil || c.IsNull(r) {
			return math.NaN()
		}
		switch c.Kind {
		case model.KindFloat:
			return c.Float[r]
		case model.KindInt:
			return float64(c.Int[r])
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(c.String(r)), 64)
		if err != nil {
			return math.NaN()
		}
		return v
	}
	var out []Candidate
	for r := 0; r < t.Rows(); r++ {
		cand := Candidate{ObsID: str("obs_id", r), Obsid: str("obsid", r), ProposalID: str("proposal_id", r),
			PI: str("proposal_pi", r), Instrument: str("instrument_name", r), Filters: str("filters", r),
			TargetName: str("target_name", r), Exposure: num("t_exptime", r), CalibLevel: math.MinInt}
		if lvl := num("calib_level", r); !math.IsNaN(lvl) {
			cand.CalibLevel = int(lvl)
		}
		if rel := num("t_obs_release", r); !math.IsNaN(rel) {
			cand.Release = mjdTime(rel)
		}
		ra, dec := num("s_ra", r), num("s_dec", r)
		cand.SeparationArcsec = math.NaN()
		if !math.IsNaN(ra) && !math.IsNaN(dec) {
			cand.SeparationArcsec = mast.AngularSep(pos, mast.Position{RA: ra, Dec: dec}) * 3600
		}
		out = append(out, cand)
	}
	return out
}

// JWST obs_ids: a level-3 observation "jw01180-o016_t001_nirspec_f290lp-g395h" combines
// the exposures "jw01180016001_02101_00001_nrs1" of program 01180, observation 016.
var (
	level3ID   = regexp.MustCompile(`^(?i)(jw\d{5})-o(\d{3})_`)
	exposureID = regexp.MustCompile(`^(?i)(jw\d{5})(\d{3})\d{3}_`)
)

// fold drops the level-2 exposures whose level-3 observation is in the list: one
// observation is one potential duplicate, not one per exposure.
func fold(cands []Candidate) []Candidate {
	l3 := map[string]bool{}
	for _, c := range cands {
		if m := level3ID.FindStringSubmatch(c.ObsID); m != nil {
			l3[strings.ToLower(m[1]+"-o"+m[2])] = true
		}
	}
	out := cands[:0]
	for _, c := range cands {
		if m := exposureID.FindStringSubmatch(c.ObsID); m != nil && l3[strings.ToLower(m[1]+"-o"+m[2])] {
			continue
		}
		out = append(out, c)
	}
	return out
}

// classify decides whether cand duplicates t: the same grating and filter, within the
// radius, the exposure within ×ExposureFactor. Failing one of them (the position only
// by up to NearFactor × the radius) makes a near miss; failing more, nothing.
func (c *Checker) classify(t Target, radius float64, cand *Candidate) {
	cand.Status = status(cand.CalibLevel, cand.Release, c.opts.Now())
	cand.ExposureRatio = cand.Exposure / t.Exposure
	mode := t.Grating + "+" + t.Filter
	var fails []string
	var why []string
	if !hasElements(cand.Filters, t.Grating, t.Filter) {
		fails = append(fails, "grating/filter")
		why = append(why, fmt.Sprintf("grating/filter %s, not %s", orNone(cand.Filters), mode))
	}
	switch ratio := cand.ExposureRatio; {
	case math.IsNaN(ratio):
		fails = append(fails, "exposure")
		why = append(why, "no exposure time")
	case ratio < 1/ExposureFactor || ratio > ExposureFactor:
		fails = append(fails, "exposure")
		why = append(why, fmt.Sprintf("exposure ×%s is outside ×%s–×%s", ratioText(ratio), ratioText(1/ExposureFactor), ratioText(ExposureFactor)))
	}
	sep := cand.SeparationArcsec
	switch {
	case math.IsNaN(sep) || sep > NearFactor*radius:
		fails = append(fails, "radius", "radius") // too far to be near
		why = append(why, "too far")
	case sep > radius:
		fails = append(fails, "radius")
		why = append(why, fmt.Sprintf("%s″ from the target, outside the %s″ radius", arcsec(sep), arcsec(radius)))
	}
	vs := ""
	if cand.AlsoChecked {
		vs = " (checked against " + cand.Instrument + ")"
	}
	switch len(fails) {
	case 0:
		cand.Kind = KindMatch
		cand.Reason = fmt.Sprintf("%s %s, %s″ ≤ %s″ radius, exposure ×%s%s",
			cand.Instrument, mode, arcsec(sep), arcsec(radius), ratioText(cand.ExposureRatio), vs)
	case 1:
		cand.Kind, cand.Miss = KindNearMiss, fails[0]
		cand.Reason = why[0] + vs
	}
}

// hasElements reports whether a CAOM filters value ("F290LP;G395H") holds both the
// grating and the filter, in any order and case.
func hasElements(filters, grating, filter string) bool {
	parts := strings.FieldsFunc(strings.ToUpper(filters), func(r rune) bool { return r == ';' || r == ',' || r == ' ' })
	return slices.Contains(parts, strings.ToUpper(grating)) && slices.Contains(parts, strings.ToUpper(filter))
}

// status is executed, planned (calib_level -1) or proprietary until the release date.
func status(calib int, release time.Time, now time.Time) string {
	switch {
	case calib == -1:
		return "planned"
	case !release.IsZero() && release.After(now):
		return "proprietary until " + release.Format("2006-01-02")
	}
	return "executed"
}

// mjdTime is the time of a Modified Julian Date.
func mjdTime(mjd float64) time.Time {
	epoch := time.Date(1858, 11, 17, 0, 0, 0, 0, time.UTC)
	return epoch.Add(time.Duration(mjd * 86400 * float64(time.Second))).UTC()
}

// proposals lists the distinct proposal ids, numerically.
func proposals(cands []Candidate) []string {
	var out []string
	for _, c := range cands {
		if c.ProposalID != "" && !slices.Contains(out, c.ProposalID) {
			out = append(out, c.ProposalID)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, ea := strconv.Atoi(out[i])
		b, eb := strconv.Atoi(out[j])
		if ea == nil && eb == nil {
			return a < b
		}
		return out[i] < out[j]
	})
	return out
}

// detail fetches the file-level rows of the matched programs from the instruments'
// Mast.Jwst.Filtered.<Instrument> services (seed 004's service), with the target's
// grating and filter.
func (c *Checker) detail(ctx context.Context, t Target, matches []Candidate) (*model.Table, error) {
	byService := map[string][]string{}
	var services []string
	for _, m := range matches {
		svc := FileService(m.Instrument)
		if svc == "" || m.ProposalID == "" {
			continue
		}
		if _, ok := byService[svc]; !ok {
			services = append(services, svc)
		}
		if n, err := strconv.Atoi(m.ProposalID); err == nil {
			// The file services' program is the keyword's text ("01180"); CAOM's
			// proposal_id has no leading zeros: ask for both forms.
			for _, p := range []string{fmt.Sprintf("%05d", n), strconv.Itoa(n)} {
				if !slices.Contains(byService[svc], p) {
					byService[svc] = append(byService[svc], p)
				}
			}
		}
	}
	var out *model.Table
	for _, svc := range services {
		params, err := mast.FilteredServiceParams(svc, []string{"program=" + strings.Join(byService[svc], ","),
			"grating=" + t.Grating, "filter=" + t.Filter})
		if err != nil {
			return nil, err
		}
		r, err := c.opts.Detail.Service(ctx, mast.ServiceRequest{Service: svc, Params: params})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", svc, err)
		}
		if out == nil {
			out = r.Table
		} else if err := out.Append(r.Table); err != nil {
			return nil, fmt.Errorf("%s: %w", svc, err)
		}
	}
	return out, nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// ratioText writes an exposure ratio with 2 decimals (0.25, 1.32, 5).
func ratioText(r float64) string {
	return strconv.FormatFloat(math.Round(r*100)/100, 'f', -1, 64)
}

// arcsec writes a separation or a radius in arcseconds with one decimal.
func arcsec(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
