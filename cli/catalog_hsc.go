package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"mastui/services/mast"
)

// hscMatchesCommand is `mastui catalog hsc-matches MATCHID` (query_hsc_matchid).
func (e *cliEnv) hscMatchesCommand() *cobra.Command {
	var version string
	cmd := &cobra.Command{
		Use:     "hsc-matches MATCHID",
		Short:   "every HSC measurement of a MatchID (from an HSC row)",
		Example: "  mastui catalog hsc-matches 17554326 --version 3",
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("catalog hsc-matches: give one MatchID, e.g. from mastui catalog query --catalog HSC --object M10 --select MatchID")
			}
			if err := requireValues(c, "version"); err != nil {
				return err
			}
			if err := checkVersion("HSC", version); err != nil {
				return err
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			t, err := e.client().HSCMatches(e.ctx, args[0], version)
			if err != nil {
				return err
			}
			return e.write(t, nil)
		},
	}
	versionFlag(cmd.Flags(), &version)
	return cmd
}

// hscSpectraCommand is `mastui catalog hsc-spectra` (get_hsc_spectra).
func (e *cliEnv) hscSpectraCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "hsc-spectra",
		Short: "every HSC spectrum (its DatasetName is what download-spectra takes)",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("catalog hsc-spectra takes no arguments")
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			t, err := e.client().HSCSpectra(e.ctx)
			if err != nil {
				return err
			}
			return e.write(t, nil)
		},
	}
}

// downloadSpectraCommand is `mastui catalog download-spectra NAME...`
// (download_hsc_spectra): through the journaled download engine, manifest written.
func (e *cliEnv) downloadSpectraCommand() *cobra.Command {
	var dir string
	var flat bool
	var transfer transferOptions
	cmd := &cobra.Command{
		Use:   "download-spectra DATASETNAME...",
		Short: "download HSC spectra by DatasetName to mastDownload/HSC/ (resumable, journaled)",
		Example: "  mastui catalog download-spectra HAG_J072704.61+691530.3_J8HPAOZMQ_V01.SPEC1D --dir data\n" +
			"  mastui catalog hsc-spectra --columns DatasetName --format csv    # the names",
		RunE: func(c *cobra.Command, args []string) error {
			rate, err := transfer.check(e)
			if err != nil {
				return err
			}
			var names []string
			for _, a := range args {
				names = append(names, mast.SplitList(a)...)
			}
			if len(names) == 0 {
				return usagef("catalog download-spectra: give DatasetNames (mastui catalog hsc-spectra lists them)")
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			cl := e.client()
			t, err := cl.HSCSpectra(e.ctx)
			if err != nil {
				return err
			}
			col := t.Col("DatasetName")
			if col == nil {
				return fmt.Errorf("the HSC spectra list has no DatasetName column")
			}
			at := make(map[string]int, t.Rows())
			for i := range t.Rows() {
				at[col.String(i)] = i
			}
			var rows []int
			var unknown []string
			for _, n := range names {
				i, ok := at[n]
				if !ok {
					unknown = append(unknown, n)
					continue
				}
				rows = append(rows, i)
			}
			if len(unknown) > 0 {
				return fmt.Errorf("no HSC spectrum is called %s%s", quoteList(unknown), didYouMean(unknown[0], col.Str))
			}
			items, err := cl.HSCSpectrumItems(t, rows, dir, flat)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%d %s to download\n", len(items), plural(len(items), "spectrum", "spectra"))
			return e.runQueue(items, transfer.workers, rate, dir)
		},
	}
	downloadDirFlags(cmd.Flags(), &dir, &flat, ".", "download directory `D`")
	transferFlags(cmd.Flags(), &transfer)
	return cmd
}
