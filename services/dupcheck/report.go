package dupcheck

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"mastui/model"
)

// Formats of a report.
const (
	FormatTable    = model.FormatTable
	FormatCSV      = model.FormatCSV
	FormatJSON     = model.FormatJSON
	FormatMarkdown = model.FormatMarkdown
)

// Machine reports whether a format is read by programs (csv, json): its stdout holds only
// the rows, the summaries go to stderr.
func Machine(format string) bool { return format == FormatCSV || format == FormatJSON }

// Describe is a target as one line: "1 MSA 53.13000 -27.80000 G395H/F290LP 950 s".
func Describe(t Target) string {
	return fmt.Sprintf("%s %s %.5f %+.5f %s/%s %s s", t.Label(), t.Aperture.Name, t.Position.RA, t.Position.Dec,
		t.Grating, t.Filter, strconv.FormatFloat(t.Exposure, 'f', -1, 64))
}

// NearMissCount is "1 near miss" or "N near misses".
func NearMissCount(r Result) string {
	if len(r.NearMisses) == 1 {
		return "1 near miss"
	}
	return fmt.Sprintf("%d near misses", len(r.NearMisses))
}

// MissReasons are the distinct reasons of r's near misses, in their order.
func MissReasons(r Result) []string {
	var out []string
	for _, c := range r.NearMisses {
		if !slices.Contains(out, c.Miss) {
			out = append(out, c.Miss)
		}
	}
	return out
}

// Summary is one target's outcome: "3 potential duplicates (proposals 1180, 1210) · 2
// near misses (grating/filter, exposure)", or the error.
func Summary(r Result) string {
	if r.Err != nil {
		return "check failed: " + model.OneLine(r.Err.Error())
	}
	s := "no potential duplicate"
	switch n := len(r.Matches); {
	case n == 1:
		s = "1 potential duplicate"
	case n > 1:
		s = fmt.Sprintf("%d potential duplicates", n)
	}
	if n := len(r.Matches); n > 0 {
		s += " (proposal"
		if len(r.ProposalIDs) > 1 {
			s += "s"
		}
		s += " " + strings.Join(r.ProposalIDs, ", ") + ")"
	}
	if len(r.NearMisses) > 0 {
		s += " · " + NearMissCount(r) + " (" + strings.Join(MissReasons(r), ", ") + ")"
	}
	if r.DetailErr != nil {
		s += " · file detail failed: " + model.OneLine(r.DetailErr.Error())
	}
	return s
}

// AllProposals lists the proposals of every target's matches, once each.
func AllProposals(results []Result) []string {
	var all []Candidate
	for _, r := range results {
		all = append(all, r.Matches...)
	}
	return proposals(all)
}

// Rows is the report as one table: each target's matches, then its near misses (the
// kind column tells them apart), with the reason of each.
func Rows(results []Result) *model.Table {
	cols := map[string]*model.Column{}
	var order []*model.Column
	add := func(name string, kind model.Kind) {
		c := model.NewColumn(name, kind, 0)
		cols[name] = c
		order = append(order, c)
	}
	for _, n := range []string{"target", "target_name", "aperture", "kind", "obs_id", "obsid", "proposal_id", "pi",
		"instrument_name", "filters"} {
		add(n, model.KindString)
	}
	add("separation", model.KindFloat)
	add("exposure", model.KindFloat)
	add("exposure_ratio", model.KindFloat)
	add("status", model.KindString)
	add("reason", model.KindString)
	str := func(name, v string) { cols[name].Str = append(cols[name].Str, v) }
	num := func(name string, v float64) {
		cols[name].Float = append(cols[name].Float, round(v, 3))
	}
	for _, r := range results {
		for _, c := range append(append([]Candidate{}, r.Matches...), r.NearMisses...) {
			str("target", r.Target.Number)
			str("target_name", r.Target.Name)
			str("aperture", r.Target.Aperture.Name)
			str("kind", string(c.Kind))
			str("obs_id", c.ObsID)
			str("obsid", c.Obsid)
			str("proposal_id", c.ProposalID)
			str("pi", c.PI)
			str("instrument_name", c.Instrument)
			str("filters", c.Filters)
			num("separation", c.SeparationArcsec)
			num("exposure", c.Exposure)
			num("exposure_ratio", c.ExposureRatio)
			str("status", c.Status)
			str("reason", c.Reason)
		}
	}
	cols["separation"].Meta.Unit = "arcsec"
	cols["exposure"].Meta.Unit = "s"
	return model.NewTable(order...)
}

// Select is the rows of some candidates of one result.
func Select(r Result, cands []Candidate) *model.Table {
	return Rows([]Result{{Target: r.Target, Matches: cands}})
}

// humanColumns are the columns of the table and markdown reports (target is the section).
var humanColumns = []string{"kind", "obs_id", "proposal_id", "pi", "instrument_name", "filters", "separation",
	"exposure_ratio", "status", "reason"}

// WriteReport writes the report: the rows for csv and json; for table and markdown, a
// section per target (its summary, matches, near misses), the proposals to check and
// the reminder that APT decides.
func WriteReport(w io.Writer, results []Result, format string) error {
	switch format {
	case FormatCSV, FormatJSON:
		return model.WriteTable(w, Rows(results), format)
	case "", FormatTable, FormatMarkdown, "md":
	default:
		return fmt.Errorf("unknown format %q: use table, csv, json or markdown", format)
	}
	md := format == FormatMarkdown || format == "md"
	bw := bufio.NewWriter(w)
	if md {
		bw.WriteString("# JWST duplication check\n\n")
	}
	for _, r := range results {
		head := "target " + Describe(r.Target)
		if md {
			fmt.Fprintf(bw, "## Target %s\n\n%s\n\n", model.OneLine(Describe(r.Target)), model.OneLine(Summary(r)))
		} else {
			fmt.Fprintf(bw, "%s: %s\n", model.OneLine(head), model.OneLine(Summary(r)))
		}
		for _, part := range []struct {
			title string
			cands []Candidate
		}{{"Potential duplicates", r.Matches}, {"Near misses (why they do not match)", r.NearMisses}} {
			if len(part.cands) == 0 {
				continue
			}
			t := pick(Select(r, part.cands), humanColumns)
			if md {
				fmt.Fprintf(bw, "%s:\n\n", part.title)
				if err := model.WriteMarkdown(bw, t); err != nil {
					return err
				}
				bw.WriteString("\n")
				continue
			}
			fmt.Fprintf(bw, "  %s:\n", part.title)
			var sb strings.Builder
			if err := model.WriteText(&sb, t); err != nil {
				return err
			}
			for _, line := range strings.SplitAfter(sb.String(), "\n") {
				if line != "" {
					bw.WriteString("    " + line)
				}
			}
		}
		if !md {
			bw.WriteString("\n")
		}
	}
	if ids := AllProposals(results); len(ids) > 0 {
		fmt.Fprintf(bw, "Proposals to check in APT: %s\n", strings.Join(ids, ", "))
	}
	if md {
		bw.WriteString("\n> ")
	}
	bw.WriteString(Reminder + "\n")
	return bw.Flush()
}

// pick keeps the named columns of t, in that order.
func pick(t *model.Table, names []string) *model.Table {
	var cols []*model.Column
	for _, n := range names {
		if c := t.Col(n); c != nil {
			cols = append(cols, c)
		}
	}
	return model.NewTable(cols...)
}

func round(v, q float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, q)
	return math.Round(v*p) / p
}

// detailColumns are the file-level columns the human report shows.
var detailColumns = []string{"target", "filename", "program", "obs_id", "exp_type", "apername", "grating", "filter",
	"effexptm", "publicReleaseDate"}

// DetailRows stacks every target's file-level rows behind a target column.
func DetailRows(results []Result) *model.Table {
	var out *model.Table
	for _, r := range results {
		if r.Detail == nil || r.Detail.Rows() == 0 {
			continue
		}
		tc := model.NewColumn("target", model.KindString, r.Detail.Rows())
		for range r.Detail.Rows() {
			tc.Str = append(tc.Str, r.Target.Number)
		}
		t := model.NewTable(append([]*model.Column{tc}, r.Detail.Columns...)...)
		if out == nil {
			out = t
		} else if err := out.Append(t); err != nil {
			continue // a service with other columns: its rows stay in its target's section
		}
	}
	if out == nil {
		return model.NewTable(model.NewColumn("target", model.KindString, 0))
	}
	return out
}

// WriteDetail writes the file-level rows of the matched programs (table or markdown).
func WriteDetail(w io.Writer, results []Result, format string) error {
	t := pick(DetailRows(results), detailColumns)
	md := format == FormatMarkdown || format == "md"
	title := fmt.Sprintf("\nJWST file detail of the matched programs (%d files):\n", t.Rows())
	if md {
		title = fmt.Sprintf("\n## JWST file detail of the matched programs (%d files)\n\n", t.Rows())
	}
	if _, err := io.WriteString(w, title); err != nil {
		return err
	}
	if t.Rows() == 0 {
		return nil
	}
	if md {
		return model.WriteMarkdown(w, t)
	}
	return model.WriteText(w, t)
}
