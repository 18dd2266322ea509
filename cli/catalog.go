package cli

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mastui/model"
	"mastui/services/mast"
)

const catalogNotes = `Catalogs: HSC (default; versions 2, 3), GALEX, Gaia (DR1, DR2, DR3, TGAS), TIC, CTL, DiskDetective,
PLATO, SkyMapper, PanSTARRS (--release dr1|dr2, --table mean|stack|detection|forced_mean), and any other
Mast.Catalogs.<NAME>.Cone by its NAME; mastui catalog list shows them.
Criteria (KEY=VALUE): TIC, CTL and DiskDetective take those of query criteria (Bmag=30..50,
objType=STAR,EXTENDED, wildcards); PanSTARRS col=v, col=a,b, col>=v (also >, <=, <), col=3..10,
col~PSO*, col.gte=v (gte, gt, lte, lt, min, max, like, contains). HSC's nr=, ni=, magtype= and GALEX's
maxrecords= set their cone parameters. --select and --sort apply on the server for PanSTARRS and to the
rows received for the others.`

// catalogCommand is `mastui catalog query|list|columns|hsc-matches|hsc-spectra|
// download-spectra` (astroquery's Catalogs).
func (e *cliEnv) catalogCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:         "catalog",
		Short:       "catalogs (astroquery's Catalogs): HSC, GALEX, Gaia, TIC, CTL, Disk Detective, PanSTARRS, …",
		Long:        catalogNotes,
		Annotations: map[string]string{oneShotKey: "yes", "word": "subcommand"},
		RunE:        subcommandRequired,
	}
	cmd.AddCommand(
		e.catalogQueryCommand(),
		e.catalogListCommand(),
		e.catalogColumnsCommand(),
		e.hscMatchesCommand(),
		e.hscSpectraCommand(),
		e.downloadSpectraCommand(),
	)
	return cmd
}

// catalogChoice is which catalog (and version, release, table) a command reads.
type catalogChoice struct{ catalog, version, release, table string }

// catalogFlags declares --catalog, --version, --release and --table.
func catalogFlags(fs *pflag.FlagSet, c *catalogChoice) {
	fs.StringVar(&c.catalog, "catalog", "", "catalog `NAME` (default HSC; see mastui catalog list)")
	versionFlag(fs, &c.version)
	fs.StringVar(&c.release, "release", "", "PanSTARRS data release `R`: dr1 or dr2 (default dr2)")
	fs.StringVar(&c.table, "table", "", "PanSTARRS table `T`: mean, stack, detection or forced_mean (default mean)")
}

// versionFlag declares --version, a catalog's version.
func versionFlag(fs *pflag.FlagSet, v *string) {
	fs.StringVar(v, "version", "", "catalog version `N`: HSC 2 or 3, Gaia DR1, DR2, DR3 or TGAS (default: the latest)")
}

// checkVersion refuses a --version the catalog does not have, before any request.
func checkVersion(catalog, version string) error {
	cat, _ := mast.LookupCatalog(catalog)
	if _, err := cat.Version(version); err != nil {
		return usagef("--version: catalog %s: %v", cat.Name, err)
	}
	return nil
}

// request is the client request of a choice.
func (c catalogChoice) request() mast.CatalogRequest {
	return mast.CatalogRequest{Catalog: c.catalog, Version: c.version, Release: c.release, Table: c.table}
}

func (e *cliEnv) catalogQueryCommand() *cobra.Command {
	var choice catalogChoice
	var object, coords, radius, resolver, selectCols string
	var sorts []string
	var page, pageSize int
	var count bool
	cmd := &cobra.Command{
		Use:   "query [KEY=VALUE...]",
		Short: "sources of a catalog around an --object or --coordinates, or by criteria",
		Long:  catalogNotes + "\n\n" + positionNotes,
		Example: "  mastui catalog query --catalog TIC --object M10 --radius 0.02 --format csv\n" +
			"  mastui catalog query --catalog TIC Bmag=30..50 objType=STAR --count\n" +
			`  mastui catalog query --catalog HSC --coordinates "322.49324 12.16683" magtype=2` + "\n" +
			`  mastui catalog query --catalog PanSTARRS --release dr2 --table mean --coordinates "5.97754 32.53617" --radius 0.01 \` + "\n" +
			"      'nStackDetections>=2' --select objName,objID,nStackDetections,distance --sort distance:desc --pagesize 15",
		RunE: func(c *cobra.Command, args []string) error {
			if err := requireValues(c, "catalog", "version", "release", "table", "object", "coordinates", "radius", "select"); err != nil {
				return err
			}
			if err := checkVersion(choice.catalog, choice.version); err != nil {
				return err
			}
			// Without a target only criteria select rows (HSC's nr= and GALEX's maxrecords=
			// are cone parameters, not criteria).
			if cat, _ := mast.LookupCatalog(choice.catalog); object == "" && coords == "" && (len(args) == 0 || !cat.Criteria) {
				return usagef("catalog query: give --object or --coordinates (or KEY=VALUE criteria, for %s)", mast.CriteriaCatalogs())
			}
			r := choice.request()
			r.Object, r.Resolver, r.Criteria, r.Page, r.PageSize = object, resolver, args, page, pageSize
			switch {
			case object != "" && coords != "":
				return usagef("catalog query: --object and --coordinates are mutually exclusive")
			case page < 0 || pageSize < 0:
				return usagef("catalog query: --page and --pagesize count from 1")
			case count && (selectCols != "" || len(sorts) > 0):
				return usagef("catalog query: --count prints a number: leave out --select and --sort")
			}
			if coords != "" {
				p, err := mast.ParseCoordinates(coords)
				if err != nil {
					return usagef("--coordinates: %v", err)
				}
				r.Position = &p
			}
			if radius != "" {
				var err error
				if r.RadiusDeg, err = mast.ParseRadius(radius); err != nil {
					return usagef("--radius: %v", err)
				}
			}
			r.Select = mast.SplitList(selectCols)
			for _, s := range sorts {
				col, desc, err := mast.ParseMissionSort(s)
				if err != nil {
					return usagef("--sort: %v", err)
				}
				r.SortBy = append(r.SortBy, model.SortKey{Column: col, Desc: desc})
			}
			return e.runCatalogQuery(r, count)
		},
	}
	fs := cmd.Flags()
	catalogFlags(fs, &choice)
	fs.StringVar(&object, "object", "", "object `NAME`: sources around it")
	fs.StringVar(&coords, "coordinates", "", "`\"RA DEC\"`: sources around this position")
	fs.StringVar(&radius, "radius", "", "cone radius `R` (default 0.2 deg; see Radius)")
	resolverFlag(fs, &resolver)
	fs.StringVar(&selectCols, "select", "", "columns to return: a comma `LIST`")
	fs.Func("sort", "sort by `COL[:desc]` (repeatable)", func(s string) error { sorts = append(sorts, s); return nil })
	fs.IntVar(&pageSize, "pagesize", 0, "`N` rows per page (default: the service's)")
	fs.IntVar(&page, "page", 0, "only page `N` (default: every page; PanSTARRS: the first)")
	fs.BoolVar(&count, "count", false, "print only the number of matching sources (TIC, CTL, DiskDetective)")
	return cmd
}

// runCatalogQuery prints r's rows, or their number; warnings go to stderr.
func (e *cliEnv) runCatalogQuery(r mast.CatalogRequest, count bool) error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	if r.Resolver == "" {
		r.Resolver = e.cfg.Resolver
	}
	c := e.client()
	if count {
		n, err := c.CountCatalog(e.ctx, r)
		if err != nil {
			if errors.Is(err, mast.ErrNoCatalogCount) {
				return usagef("catalog query --count: %v", err)
			}
			return err
		}
		_, err = fmt.Fprintln(e.stdout, n)
		return err
	}
	res, err := c.QueryCatalog(e.ctx, r)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(e.stderr, "warning:", model.OneLine(w))
	}
	if r.Page > 0 {
		e.morePages(res.Page, res.PagesFiltered, res.RowsFiltered)
	}
	var keys []string // the table format shows the catalog's key columns, unless --select chose
	if len(r.Select) == 0 {
		cat, _ := mast.LookupCatalog(r.Catalog)
		keys = cat.KeyColumns
	}
	return e.write(res.Table, keys)
}

// catalogListCommand is `mastui catalog list`: the registry, without a request.
func (e *cliEnv) catalogListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "the known catalogs: versions, PanSTARRS releases and tables, criteria, extra parameters",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("catalog list takes no arguments")
			}
			names := []string{"catalog", "aliases", "versions", "default_version", "releases", "default_release", "tables",
				"criteria", "params", "description"}
			cats := mast.Catalogs()
			cols := make([]*model.Column, len(names))
			for i, n := range names {
				cols[i] = model.NewColumn(n, model.KindString, len(cats))
			}
			for _, k := range cats {
				crit := "no"
				if k.Criteria {
					crit = "yes"
				}
				for i, v := range []string{k.Name, strings.Join(k.Aliases, ","), strings.Join(k.Versions, ","), k.DefaultVersion,
					strings.Join(k.Releases, ","), k.DefaultRelease, strings.Join(k.Tables, ","), crit,
					strings.Join(k.ExtraParams, ","), k.Description} {
					cols[i].Str = append(cols[i].Str, v)
				}
			}
			return e.write(model.NewTable(cols...), nil)
		},
	}
}

// catalogColumnsCommand is `mastui catalog columns`.
func (e *cliEnv) catalogColumnsCommand() *cobra.Command {
	var choice catalogChoice
	cmd := &cobra.Command{
		Use:   "columns",
		Short: "a catalog's columns: names, types, units, descriptions; ranges and values for criteria",
		Example: "  mastui catalog columns --catalog TIC\n" +
			"  mastui catalog columns --catalog PanSTARRS --release dr1 --table stack",
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("catalog columns takes no arguments: name the catalog with --catalog")
			}
			if err := requireValues(c, "catalog", "version", "release", "table"); err != nil {
				return err
			}
			if err := checkVersion(choice.catalog, choice.version); err != nil {
				return err
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			cols, err := e.client().CatalogColumnsOf(e.ctx, choice.request())
			if err != nil {
				return err
			}
			cat, _ := mast.LookupCatalog(choice.catalog)
			return e.write(catalogColumnsTable(cols, cat.Criteria && !cat.REST), nil)
		},
	}
	catalogFlags(cmd.Flags(), &choice)
	return cmd
}

// catalogColumnsTable lists columns; for the criteria catalogs (hist: their columns
// come with histograms) a criteria column tells range or list, and values the range or
// the most frequent values.
func catalogColumnsTable(cols []mast.CatalogColumn, hist bool) *model.Table {
	names := []string{"name", "type", "unit", "description"}
	if hist {
		names = append(names, "criteria", "values")
	}
	tcols := make([]*model.Column, len(names))
	for i, n := range names {
		tcols[i] = model.NewColumn(n, model.KindString, len(cols))
	}
	for _, c := range cols {
		row := []string{c.Name, c.Type, c.Unit, c.Description}
		if hist {
			row = append(row, criteriaKind(c))
		}
		for i, v := range row {
			tcols[i].Str = append(tcols[i].Str, v)
		}
		if !hist {
			continue
		}
		v := tcols[len(tcols)-1]
		switch {
		case c.Continuous && c.Min != nil && c.Max != nil:
			v.Str = append(v.Str, model.FormatFloat(*c.Min)+".."+model.FormatFloat(*c.Max))
		case len(c.Values) > 0:
			v.Str = append(v.Str, topValues(c.Values, 8))
		default:
			v.Str = append(v.Str, "")
		}
	}
	return model.NewTable(tcols...)
}

func criteriaKind(c mast.CatalogColumn) string {
	switch {
	case c.Continuous:
		return "range"
	case len(c.Values) > 0:
		return "list"
	}
	return ""
}

// topValues writes the n most frequent values with their counts: "STAR (120), …".
func topValues(vals []mast.FacetValue, n int) string {
	vs := slices.Clone(vals)
	slices.SortStableFunc(vs, func(a, b mast.FacetValue) int { return cmp.Compare(b.Count, a.Count) })
	var parts []string
	for i, v := range vs {
		if i == n {
			parts = append(parts, fmt.Sprintf("… (%d more)", len(vs)-n))
			break
		}
		parts = append(parts, v.Key+" ("+strconv.FormatInt(v.Count, 10)+")")
	}
	return strings.Join(parts, ", ")
}
