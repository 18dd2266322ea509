package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"mastui/model"
	"mastui/services/dupcheck"
)

const dupcheckNotes = `The target list is CSV or ECSV with the header number,aperture,ra,dec,grating,filter,exposure_time
(name and instrument optional; coordinates in degrees or sexagesimal, RA in hours; exposure in
seconds). Per target, the JWST observations (executed, planned — calib_level -1 — and
proprietary) of the aperture's instrument mode within its search radius (seed 004's table:
MSA 180", IFU 3", fixed slits 1.6"–3.8", in arcseconds; FS and IFU also checked against
NIRSPEC/MSA) with the same grating and filter and an exposure time within a factor of 4 are
potential duplicates; those failing one criterion (grating/filter, exposure, or up to twice the
radius) are near misses, listed with the reason. --apertures (or config dupcheck_apertures)
replaces the aperture table. table and markdown print a report per target; csv and json print
the rows only (kind match or near_miss) and the per-target summaries on stderr. APT's
duplication checker is the authority.`

// dupcheckCommand is `mastui dupcheck TARGETS.csv`: the JWST duplication check (seed 004).
func (e *cliEnv) dupcheckCommand() *cobra.Command {
	var scale float64
	var detail bool
	var apertures string
	cmd := &cobra.Command{
		Use:   "dupcheck TARGETS.csv",
		Short: "JWST duplication check: observations that may duplicate each target of a list",
		Long:  dupcheckNotes,
		Example: "  mastui dupcheck targets.csv\n" +
			"  mastui dupcheck targets.ecsv --format markdown --radius-scale 1.5 > report.md",
		Annotations: map[string]string{oneShotKey: "yes"},
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("dupcheck: give one target list, e.g. mastui dupcheck targets.csv")
			}
			if !(scale > 0) {
				return usagef("dupcheck: --radius-scale must be positive, got %v", scale)
			}
			switch strings.ToLower(e.format) {
			case "", model.FormatTable, model.FormatCSV, model.FormatJSON, model.FormatMarkdown:
			default:
				return usagef("dupcheck: unknown --format %q: use table, csv, json or markdown", e.format)
			}
			return e.runDupcheck(args[0], apertures, scale, detail)
		},
	}
	fs := cmd.Flags()
	fs.Float64Var(&scale, "radius-scale", 1, "multiply every aperture's search radius by `X`")
	fs.BoolVar(&detail, "jwst-detail", false, "also list the Mast.Jwst.Filtered.<Instrument> files of the matched programs")
	fs.StringVar(&apertures, "apertures", "", "aperture table `FILE` replacing the built-in one (config dupcheck_apertures)")
	return cmd
}

func (e *cliEnv) runDupcheck(path, apertures string, scale float64, detail bool) error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	if apertures == "" {
		apertures = e.cfg.DupcheckApertures
	}
	ap, err := dupcheck.LoadApertures(apertures)
	if err != nil {
		return err
	}
	targets, err := dupcheck.ReadTargetsFile(path, ap)
	if err != nil {
		return err
	}
	client := e.client()
	opts := dupcheck.Options{RadiusScale: scale, Now: time.Now}
	if detail {
		opts.Detail = client
	}
	results := dupcheck.NewChecker(client, opts).CheckAll(e.ctx, targets, nil)
	format := strings.ToLower(e.format)
	if dupcheck.Machine(format) {
		for _, r := range results {
			fmt.Fprintf(e.stderr, "target %s: %s\n", model.OneLine(dupcheck.Describe(r.Target)), model.OneLine(dupcheck.Summary(r)))
		}
		if ids := dupcheck.AllProposals(results); len(ids) > 0 {
			fmt.Fprintf(e.stderr, "Proposals to check in APT: %s\n", strings.Join(ids, ", "))
		}
		fmt.Fprintln(e.stderr, dupcheck.Reminder)
		rows := dupcheck.Rows(results)
		if detail {
			rows = dupcheck.DetailRows(results)
		}
		if err := e.write(rows, nil); err != nil {
			return err
		}
	} else {
		if err := dupcheck.WriteReport(e.stdout, results, format); err != nil {
			return err
		}
		if detail {
			if err := dupcheck.WriteDetail(e.stdout, results, format); err != nil {
				return err
			}
		}
	}
	var failed []string
	for _, r := range results {
		if r.Err != nil {
			failed = append(failed, r.Target.Label())
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("dupcheck: %d of %d targets could not be checked (%s): see their lines above", len(failed), len(results), strings.Join(failed, ", "))
	}
	return nil
}
