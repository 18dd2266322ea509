package cli

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"mastui/download"
	"mastui/model"
	"mastui/services/mast"
	"mastui/services/registry"
)

// missionCommand is `mastui mission columns|search|products|download|download-file`
// (astroquery's MastMissions, the MAST Search API).
func (e *cliEnv) missionCommand() *cobra.Command {
	var mission string
	cmd := &cobra.Command{
		Use:         "mission",
		Short:       "the MAST Search API (MastMissions): hst, jwst, …",
		Annotations: map[string]string{oneShotKey: "yes", "word": "subcommand"},
		RunE:        subcommandRequired,
	}
	cmd.PersistentFlags().StringVar(&mission, "mission", "hst", "mission `M`: hst, jwst, roman, classy, ullyses, iue, …")
	// begin checks the flags, refuses a mission the registry does not know (the server
	// answers an unknown one with HTTP 400 anyway) and sets up; the caller closes the env.
	begin := func(c *cobra.Command, flags ...string) (mast.Mission, error) {
		if err := requireValues(c, append(flags, "mission")...); err != nil {
			return mast.Mission{}, err
		}
		info, ok := registry.ResolveMission(mission)
		if !ok {
			hint := ""
			if near := registry.SuggestMission(info.Name); near != "" {
				hint = ": did you mean " + strconv.Quote(near) + "?"
			}
			return info, usagef("--mission: unknown mission %q%s (missions: %s)", strings.TrimSpace(mission), hint, strings.Join(registry.MissionNames(), ", "))
		}
		return info, e.setup()
	}
	cmd.AddCommand(
		e.missionColumnsCommand(begin),
		e.missionSearchCommand(begin),
		e.missionProductsCommand(begin, "products"),
		e.missionProductsCommand(begin, "download"),
		e.missionDownloadFileCommand(begin),
	)
	return cmd
}

// missionBegin is what every mission subcommand starts with (see missionCommand).
type missionBegin func(c *cobra.Command, flags ...string) (mast.Mission, error)

func (e *cliEnv) missionColumnsCommand(begin missionBegin) *cobra.Command {
	return &cobra.Command{
		Use:     "columns",
		Short:   "the columns of a mission's datasets: names, types, descriptions",
		Example: "  mastui mission columns --mission jwst",
		RunE: func(c *cobra.Command, _ []string) error {
			info, err := begin(c)
			defer e.close()
			if err != nil {
				return err
			}
			cols, err := e.client().MissionColumns(e.ctx, info.Name)
			if err != nil {
				return err
			}
			names := []string{"name", "field_name", "type", "default_output", "queryable", "description"}
			tcols := make([]*model.Column, len(names))
			for i, n := range names {
				tcols[i] = model.NewColumn(n, model.KindString, len(cols))
			}
			for _, col := range cols {
				for i, v := range []string{col.Name, col.FieldName, col.Type, fmt.Sprint(col.DefaultOutput), fmt.Sprint(col.Queryable), col.Description} {
					tcols[i].Str = append(tcols[i].Str, v)
				}
			}
			return e.write(model.NewTable(tcols...), nil)
		},
	}
}

func (e *cliEnv) missionSearchCommand(begin missionBegin) *cobra.Command {
	var coords []mast.Position
	var objects, sorts []string
	var radius, resolver, selectCols string
	var limit, offset int
	cmd := &cobra.Command{
		Use:   "search [KEY=VALUE...]",
		Short: "datasets matching criteria, around targets",
		Long: "Values pass to the server as typed (!COS, >0, 1000..2000, *GAL*); a bare --radius number is\n" +
			"ARCMINUTES (default 3, at most 30).",
		Example: "  mastui mission search --mission hst sci_obs_type=IMAGE 'sci_instrume=!COS' 'sci_dec=>0' sci_actual_duration=1000..2000\n" +
			`  mastui mission search --mission hst --object "M2, M9" --coordinates "210.8 54.3" --radius 3 --sort search_pos`,
		RunE: func(c *cobra.Command, args []string) error {
			if err := cmp.Or(notNegative("limit", limit), notNegative("offset", offset)); err != nil {
				return err
			}
			info, err := begin(c, "radius")
			defer e.close()
			if err != nil {
				return err
			}
			q := mast.MissionQuery{Mission: info.Name, Coordinates: coords, Limit: limit, Offset: offset}
			if radius != "" {
				if q.RadiusArcmin, err = mast.ParseMissionRadius(radius); err != nil {
					return usagef("--radius: %v", err)
				}
			}
			for _, s := range sorts {
				col, desc, err := mast.ParseMissionSort(s)
				if err != nil {
					return usagef("--sort: %v", err)
				}
				q.SortBy = append(q.SortBy, col)
				q.SortDesc = append(q.SortDesc, desc)
			}
			if selectCols != "" {
				for _, s := range strings.Split(selectCols, ",") {
					q.SelectCols = append(q.SelectCols, strings.TrimSpace(s))
				}
			}
			for _, a := range args {
				cr, err := mast.ParseCriterion(a)
				if err != nil {
					return usagef("mission search: %v", err)
				}
				q.Criteria = append(q.Criteria, cr)
			}
			cl := e.client()
			if len(objects) > 0 {
				if resolver == "" {
					resolver = e.cfg.Resolver
				}
				found, err := e.resolveTargets(cl, objects, resolver)
				if err != nil {
					return err
				}
				q.Coordinates = append(q.Coordinates, found...)
			}
			page, err := cl.MissionSearch(e.ctx, q)
			if err != nil {
				return err
			}
			for _, m := range page.Messages {
				fmt.Fprintln(e.stderr, model.SanitizeText(m))
			}
			if page.HitLimit {
				fmt.Fprintf(e.stderr, "%d of %d rows returned (limit reached): page with --offset %d or narrow the query\n",
					page.Table.Rows(), page.Total, page.Offset+page.Table.Rows())
			}
			return e.write(page.Table, nil)
		},
	}
	fs := cmd.Flags()
	fs.Func("coordinates", "target position `\"RA DEC\"`; a comma list for several (repeatable)", nonEmpty(func(s string) error {
		found, names := mast.SplitTargets(s)
		if len(names) > 0 {
			_, err := mast.ParseCoordinates(names[0])
			return fmt.Errorf("%q: %w", names[0], err)
		}
		if len(found) == 0 {
			return errors.New("no position given")
		}
		coords = append(coords, found...)
		return nil
	}))
	fs.Func("object", "target `NAME`; a comma list for several (repeatable)", nonEmpty(func(s string) error {
		names := mast.SplitList(s)
		if len(names) == 0 {
			return errors.New("no name given")
		}
		objects = append(objects, names...)
		return nil
	}))
	fs.StringVar(&radius, "radius", "", "cone radius `R`; a bare number is ARCMINUTES (default 3, at most 30)")
	resolverFlag(fs, &resolver)
	fs.Func("sort", "sort by `COL[:desc]` (repeatable)", func(s string) error { sorts = append(sorts, s); return nil })
	fs.StringVar(&selectCols, "select", "", "columns to return: a comma `LIST`, or \"all\"")
	fs.IntVar(&limit, "limit", 0, "`N` rows per request (default 5000)")
	fs.IntVar(&offset, "offset", 0, "`N` rows to skip (paging)")
	return cmd
}

// missionProductsCommand is `mission products` (list) or `mission download` (fetch):
// the products of datasets, filtered and de-duplicated.
func (e *cliEnv) missionProductsCommand(begin missionBegin, sub string) *cobra.Command {
	var unique, flat bool
	var filters model.Filters
	var dir, fromJSON string
	var transfer transferOptions
	cmd := &cobra.Command{
		Use:     "products DATASET...",
		Short:   "the product files of datasets",
		Long:    filterNotes,
		Example: "  mastui mission products --mission hst N4A701010 --filter extension=fits",
	}
	filterFlag(cmd.Flags(), &filters)
	if sub == "download" {
		cmd.Use, cmd.Short = "download DATASET...", "download the product files of datasets, or of a --products-json list"
		cmd.Example = "  mastui mission download --mission jwst jw02113001001_02101_00001_nrca3 --flat --dir data\n" +
			"  mastui mission download --mission hst --products-json products.json"
		downloadDirFlags(cmd.Flags(), &dir, &flat, ".", "download directory `D`")
		transferFlags(cmd.Flags(), &transfer)
		cmd.Flags().StringVar(&fromJSON, "products-json", "", "a MAST subscription-service JSON `FILE` (a list of product objects) instead of dataset ids")
		cmd.Flags().Bool("unique", true, "download each file once (always on)")
	} else {
		cmd.Flags().BoolVar(&unique, "unique", false, "drop repeated file names")
	}
	cmd.RunE = func(c *cobra.Command, pos []string) error {
		var rate int64
		if sub == "download" {
			var err error
			if rate, err = transfer.check(e); err != nil {
				return err
			}
		}
		info, err := begin(c)
		defer e.close()
		if err != nil {
			return err
		}
		if sub == "download" && fromJSON != "" {
			if len(pos) > 0 {
				return usagef("mission download: give dataset ids or --products-json, not both")
			}
			t, err := readProductsJSON(fromJSON)
			if err != nil {
				return err
			}
			if len(filters) > 0 {
				if t, err = filters.Apply(t, model.FilterOptions{FilenameColumn: "filename"}); err != nil {
					return usagef("--filter: %v", err)
				}
			}
			t, _ = mast.UniqueMissionProducts(t)
			return e.downloadMissionProducts(info.Name, t, dir, flat, transfer.workers, rate)
		}
		if len(pos) == 0 {
			return usagef("mission %s: give dataset ids (%s)", sub, info.DatasetKeyword)
		}
		t, err := e.client().MissionProducts(e.ctx, info.Name, pos, 0)
		if err != nil {
			return err
		}
		total := t.Rows()
		if len(filters) > 0 {
			if t, err = filters.Apply(t, model.FilterOptions{FilenameColumn: "filename"}); err != nil {
				return usagef("--filter: %v", err)
			}
		}
		if unique || sub == "download" {
			var dups int
			t, dups = mast.UniqueMissionProducts(t)
			if dups > 0 {
				fmt.Fprintf(e.stderr, "%d products were duplicates\n", dups)
			}
		}
		fmt.Fprintf(e.stderr, "%d products, %d kept\n", total, t.Rows())
		if sub == "products" { // the table format shows what tells files apart; csv/json carry all
			return e.write(t, []string{"filename", "dataset", "fileset", "category", "file_suffix", "type", "size", "access"})
		}
		return e.downloadMissionProducts(info.Name, t, dir, flat, transfer.workers, rate)
	}
	return cmd
}

func (e *cliEnv) missionDownloadFileCommand(begin missionBegin) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:     "download-file PRODUCT",
		Short:   "one product by name (DATASET/FILE) or mast: URI",
		Example: "  mastui mission download-file --mission hst N4A701010/n4a701010_cal.fits --out data/",
		RunE: func(c *cobra.Command, pos []string) error {
			info, err := begin(c)
			defer e.close()
			if err != nil {
				return err
			}
			if len(pos) != 1 {
				return usagef("mission download-file: give one product name (e.g. JBTAA0010/jbtaa0010_asn.fits) or mast: URI")
			}
			return e.downloadOne(info.Name, pos[0], out)
		},
	}
	outFlag(cmd.Flags(), &out)
	return cmd
}

// resolveTargets resolves object names as astroquery does with several: a name no
// resolver knows is a warning and is skipped; none resolved is an error.
func (e *cliEnv) resolveTargets(c *mast.Client, names []string, resolver string) ([]mast.Position, error) {
	found, unresolved, err := c.ResolveEach(e.ctx, names, resolver)
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("could not resolve any of the given object names to sky positions: %s", quoteList(names))
	}
	for _, u := range unresolved {
		fmt.Fprintf(e.stderr, "warning: %s: skipped\n", model.SanitizeText(u.Error()))
	}
	pos := make([]mast.Position, len(found))
	for i, r := range found {
		pos[i] = r.Position
	}
	return pos, nil
}

// downloadMissionProducts queues Search API products in the download engine, in the
// layout mastDownload/<mission>/<dataset>/<file> (or flat).
func (e *cliEnv) downloadMissionProducts(mission string, t *model.Table, dir string, flat bool, workers int, rate int64) error {
	if t.Rows() == 0 {
		return fmt.Errorf("no products to download after applying filters")
	}
	if t.Col("uri") == nil && t.Col("filename") == nil {
		return fmt.Errorf("the products have neither a uri nor a filename column")
	}
	rows := make([]int, t.Rows())
	for i := range rows {
		rows[i] = i
	}
	items, err := download.ProductItems(e.cfg.MastURL, dir, flat, model.MissionProductRefs(mission, t, rows))
	if err != nil {
		return err
	}
	return e.runQueue(items, workers, rate, dir)
}

// readProductsJSON reads a MAST subscription-service file: a JSON list of product objects
// (filename, uri, dataset or fileset, size, and optionally mission), as astroquery's
// MastMissions.download_products accepts.
func readProductsJSON(path string) (*model.Table, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("products file: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var rows []map[string]any
	if err := dec.Decode(&rows); err != nil {
		return nil, fmt.Errorf("products file %s: expected a JSON list of product objects: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("products file %s lists no products", path)
	}
	names := []string{"mission", "dataset", "fileset", "filename", "uri"}
	cols := make([]*model.Column, 0, len(names)+1)
	for _, n := range names {
		c := model.NewColumn(n, model.KindString, len(rows))
		present := false
		for _, r := range rows {
			v, _ := r[n].(string)
			present = present || v != ""
			c.Str = append(c.Str, v)
		}
		if present || n == "uri" || n == "filename" { // dataset XOR fileset, per mission
			cols = append(cols, c)
		}
	}
	size := model.NewColumn("size", model.KindInt, len(rows))
	for i, r := range rows {
		n, ok := r["size"].(json.Number)
		v, err := n.Int64()
		if !ok || err != nil {
			v = 0
			size.Int = append(size.Int, v)
			size.SetMasked(i)
			continue
		}
		size.Int = append(size.Int, v)
	}
	t := model.NewTable(append(cols, size)...)
	if t.Col("uri").Str[0] == "" && t.Col("filename").Str[0] == "" {
		return nil, fmt.Errorf("products file %s: products need a uri or filename", path)
	}
	// Prefer uri, fall back to filename, per row.
	u, f := t.Col("uri"), t.Col("filename")
	for i := range u.Str {
		if u.Str[i] == "" {
			u.Str[i] = f.Str[i]
		}
	}
	return t, nil
}
