package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"mastui/model"
	"mastui/services/mast"
)

// Key columns printed by the table format when --columns is not given.
var (
	obsKeyColumns = []string{"obs_collection", "instrument_name", "target_name", "filters",
		"dataproduct_type", "calib_level", "t_exptime", "proposal_id", "obs_id", "obsid", "distance"}
	productKeyColumns = []string{"obsID", "obs_id", "productFilename", "productType",
		"productSubGroupDescription", "calib_level", "size"}
)

// queryCommand is `mastui query object|region|criteria`: observations (CAOM) by
// position, object or criteria.
func (e *cliEnv) queryCommand() *cobra.Command {
	var q struct {
		radius, resolver, object, coords, saved string
		count                                   bool
	}
	cmd := &cobra.Command{
		Use:         "query",
		Short:       "search observations (CAOM): around an object or a position, or by criteria",
		Long:        criteriaNotes + "\n" + positionNotes,
		Annotations: map[string]string{oneShotKey: "yes", "word": "kind"},
		Example:     "  mastui query --saved m101-jwst --count",
		RunE: func(c *cobra.Command, args []string) error {
			if q.saved == "" {
				return subcommandRequired(c, args)
			}
			return e.runSaved(c, args, q.saved, q.count)
		},
	}
	fs := cmd.PersistentFlags()
	fs.StringVar(&q.saved, "saved", "", "run the search saved in the TUI as `NAME` (mastui saved list)")
	fs.StringVar(&q.radius, "radius", "", "cone radius `R` (default 0.2 deg; see Radius)")
	resolverFlag(fs, &q.resolver)
	fs.BoolVar(&q.count, "count", false, "print only the number of matching observations")
	// search checks the flags, parses the radius and runs the query of a kind.
	search := func(c *cobra.Command, args []string, query func(*mast.Query) error) error {
		if err := requireValues(c, "radius", "object", "coordinates"); err != nil {
			return err
		}
		if q.saved != "" { // `query object --saved NAME` is `query --saved NAME`
			if c.Flags().Changed("object") || c.Flags().Changed("coordinates") {
				return usagef("query --saved runs a saved search as it is: leave out --object and --coordinates")
			}
			return e.runSaved(c, args, q.saved, q.count)
		}
		mq := mast.Query{Resolver: q.resolver}
		if q.radius != "" {
			var err error
			if mq.RadiusDeg, err = mast.ParseRadius(q.radius); err != nil {
				return usagef("--radius: %v", err)
			}
		}
		if err := query(&mq); err != nil {
			return err
		}
		return e.runSearch(mq, q.count)
	}
	object := &cobra.Command{
		Use:     "object NAME",
		Short:   "observations around a named object (resolved by SIMBAD or NED)",
		Long:    positionNotes,
		Example: "  mastui query object M101 --radius \"3 arcmin\"",
		RunE: func(c *cobra.Command, args []string) error {
			return search(c, args, func(mq *mast.Query) error {
				if len(args) == 0 {
					return usagef("query object: give an object name, e.g. mastui query object M101")
				}
				mq.Object = strings.Join(args, " ")
				return nil
			})
		},
	}
	region := &cobra.Command{
		Use:     `region "RA DEC"`,
		Short:   "observations around a sky position",
		Long:    positionNotes,
		Example: `  mastui query region "21h29m58.38s +12d10m00.6s" --count`,
		RunE: func(c *cobra.Command, args []string) error {
			return search(c, args, func(mq *mast.Query) error {
				if len(args) == 0 {
					return usagef(`query region: give coordinates, e.g. mastui query region "322.49324 12.16683"`)
				}
				p, err := mast.ParseCoordinates(strings.Join(args, " "))
				if err != nil {
					return usagef("query region: %v", err)
				}
				mq.Position = &p
				return nil
			})
		},
	}
	criteria := &cobra.Command{
		Use:     "criteria KEY=VALUE...",
		Short:   "observations matching criteria, optionally around an --object or --coordinates",
		Long:    criteriaNotes + "\n" + positionNotes,
		Example: "  mastui query criteria --object M101 filters=NUV,FUV obs_collection=GALEX --format json",
		RunE: func(c *cobra.Command, args []string) error {
			return search(c, args, func(mq *mast.Query) error {
				if q.object != "" && q.coords != "" {
					return usagef("query criteria: --object and --coordinates are mutually exclusive")
				}
				mq.Object = q.object
				if q.coords != "" {
					p, err := mast.ParseCoordinates(q.coords)
					if err != nil {
						return usagef("--coordinates: %v", err)
					}
					mq.Position = &p
				}
				for _, a := range args {
					cr, err := mast.ParseCriterion(a)
					if err != nil {
						return usagef("query criteria: %v", err)
					}
					mq.Criteria = append(mq.Criteria, cr)
				}
				if len(mq.Criteria) == 0 {
					return usagef("query criteria: at least one non-positional KEY=VALUE criterion is needed, e.g. obs_collection=HST")
				}
				return nil
			})
		},
	}
	criteria.Flags().StringVar(&q.object, "object", "", "object `NAME`: observations around it")
	criteria.Flags().StringVar(&q.coords, "coordinates", "", "`\"RA DEC\"`: observations around this position")
	cmd.AddCommand(object, region, criteria)
	return cmd
}

// runSearch runs an observation query and prints its rows, or their number.
func (e *cliEnv) runSearch(q mast.Query, count bool) error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	if q.Resolver == "" {
		q.Resolver = e.cfg.Resolver
	}
	c := e.client()
	if count {
		n, err := c.Count(e.ctx, q)
		if err != nil {
			return err
		}
		if _, err = fmt.Fprintln(e.stdout, n); err != nil || n > 0 {
			return err
		}
		return e.noRows(q)
	}
	t, _, err := c.Search(e.ctx, q)
	if err != nil {
		return err
	}
	if err := e.write(t, obsKeyColumns); err != nil || t.Rows() > 0 {
		return err
	}
	return e.noRows(q)
}

// noRows explains an empty result whose criteria hold a value no observation has
// (obs_collection=HTS): an error naming the nearest values, so the exit status is 1. An
// empty result of known values is an answer, not an error (exit status 0).
func (e *cliEnv) noRows(q mast.Query) error {
	if len(q.Criteria) == 0 {
		return nil
	}
	hints, err := e.client().ValueHints(e.ctx, q.Criteria)
	if err != nil {
		e.logger.Warn("no facets to explain an empty result", "err", err)
		return nil
	}
	if len(hints) == 0 {
		return nil
	}
	msgs := make([]string, len(hints))
	for i, h := range hints {
		msgs[i] = h.String()
	}
	return errors.New("no rows: " + strings.Join(msgs, "; "))
}

// runSaved runs the observation search saved as name (query --saved NAME).
func (e *cliEnv) runSaved(c *cobra.Command, args []string, name string, count bool) error {
	if len(args) > 0 {
		return usagef("query --saved %s takes no other arguments (got %q)", name, strings.Join(args, " "))
	}
	if err := requireValues(c, "radius"); err != nil {
		return err
	}
	if c.Flags().Changed("radius") || c.Flags().Changed("resolver") {
		return usagef("query --saved runs a saved search as it is: leave out --radius and --resolver")
	}
	s, err := getSaved(name)
	if err != nil {
		return err
	}
	q, err := savedQuery(s.Search)
	if err != nil {
		return fmt.Errorf("saved search %s: %w", name, err)
	}
	return e.runSearch(q, count)
}

// collectionsCommand is `mastui collections`.
func (e *cliEnv) collectionsCommand() *cobra.Command {
	return &cobra.Command{
		Use:         "collections",
		Short:       "list the CAOM collections (missions)",
		Annotations: map[string]string{oneShotKey: "yes"},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("collections takes no arguments")
			}
			return e.runCollections()
		},
	}
}

func (e *cliEnv) runCollections() error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	names, err := e.client().Collections(e.ctx)
	if err != nil {
		return err
	}
	col := model.NewColumn("obs_collection", model.KindString, len(names))
	col.Str = append(col.Str, names...)
	if e.format == "" || e.format == model.FormatTable {
		for _, n := range names {
			fmt.Fprintln(e.stdout, model.SanitizeText(n))
		}
		return nil
	}
	return e.write(model.NewTable(col), nil)
}

// metadataCommand is `mastui metadata observations|products`.
func (e *cliEnv) metadataCommand() *cobra.Command {
	return &cobra.Command{
		Use:         "metadata observations|products",
		Short:       "column names, types, units, descriptions",
		Annotations: map[string]string{oneShotKey: "yes"},
		ValidArgs:   []string{"observations", "products"},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 || (args[0] != "observations" && args[0] != "products") {
				return usagef("metadata: say observations or products")
			}
			return e.runMetadata(args[0])
		},
	}
}

func (e *cliEnv) runMetadata(table string) error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	metas, err := e.client().Metadata(e.ctx, table)
	if err != nil {
		return err
	}
	names := []string{"Column Name", "Column Label", "Data Type", "Units", "Description", "Examples/Valid Values"}
	cols := make([]*model.Column, len(names))
	for i, n := range names {
		cols[i] = model.NewColumn(n, model.KindString, len(metas))
	}
	for _, m := range metas {
		for i, v := range []string{m.Name, m.Label, m.Type, m.Unit, m.Description, m.Examples} {
			cols[i].Str = append(cols[i].Str, v)
		}
	}
	return e.write(model.NewTable(cols...), nil)
}

// productsCommand is `mastui products OBSID... [--unique] [--filter KEY=VALUE]...`.
func (e *cliEnv) productsCommand() *cobra.Command {
	var unique bool
	var filters model.Filters
	cmd := &cobra.Command{
		Use:         "products OBSID...",
		Short:       "product lists of observations (obsid, not obs_id)",
		Long:        filterNotes,
		Example:     "  mastui products 2003544716 --filter productType=SCIENCE --filter extension=fits",
		Annotations: map[string]string{oneShotKey: "yes"},
		RunE: func(_ *cobra.Command, args []string) error {
			return e.runProducts(args, filters, unique)
		},
	}
	cmd.Flags().BoolVar(&unique, "unique", false, "drop products shared between observations (by dataURI)")
	filterFlag(cmd.Flags(), &filters)
	return cmd
}

func (e *cliEnv) runProducts(pos []string, filters model.Filters, unique bool) error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	t, err := e.listProducts("products", pos, filters, unique)
	if err != nil {
		return err
	}
	return e.write(t, productKeyColumns)
}

// listProducts is the product list of the obsids in pos (comma lists too), filtered and,
// when unique, without duplicates, each step reported on stderr. cmd names the command
// in a usage error.
func (e *cliEnv) listProducts(cmd string, pos []string, filters model.Filters, unique bool) (*model.Table, error) {
	var ids []string
	for _, p := range pos {
		for _, id := range strings.Split(p, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil, usagef("%s: give one or more obsids (the numeric obsid column, e.g. 2003738726)", cmd)
	}
	t, err := e.client().Products(e.ctx, ids, mast.ProductOptions{})
	if err != nil {
		return nil, err
	}
	if t.Rows() == 0 {
		return nil, fmt.Errorf("no products found for obsid %s (obsid is the numeric product group id, e.g. from `mastui query … --columns obsid`, not obs_id)", strings.Join(ids, ","))
	}
	if len(filters) > 0 {
		total := t.Rows()
		if t, err = filters.Apply(t, model.FilterOptions{}); err != nil {
			return nil, usagef("--filter: %v", err)
		}
		fmt.Fprintf(e.stderr, "%d of %d products match %s\n", t.Rows(), total, filters)
	}
	if unique {
		total := t.Rows()
		var dups int
		t, dups = mast.UniqueProducts(t)
		if dups > 0 {
			fmt.Fprintf(e.stderr, "%d of %d products were duplicates. Only returning %d unique product(s).\n", dups, total, t.Rows())
		}
	}
	return t, nil
}

// resolveCommand is `mastui resolve NAME... [--resolver SIMBAD|NED]`: it prints every
// name it resolved, and fails naming the others.
func (e *cliEnv) resolveCommand() *cobra.Command {
	var resolver string
	var all bool
	cmd := &cobra.Command{
		Use:         "resolve NAME...",
		Short:       "sky positions of object names; fails naming those that do not resolve",
		Annotations: map[string]string{oneShotKey: "yes"},
		RunE: func(c *cobra.Command, names []string) error {
			if all {
				if c.Flags().Changed("resolver") {
					return usagef("resolve: --all lists every resolver's answer; leave out --resolver")
				}
				return e.runResolveAll(names)
			}
			return e.runResolve(names, resolver)
		},
	}
	resolverFlag(cmd.Flags(), &resolver)
	cmd.Flags().BoolVar(&all, "all", false, "every resolver's answer side by side (SIMBAD, NED, ...), one row each")
	return cmd
}

// runResolveAll prints every resolver's answer for each name, and fails naming the
// names none knows.
func (e *cliEnv) runResolveAll(names []string) error {
	if len(names) == 0 {
		return usagef("resolve: give one or more object names")
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	res, err := e.client().ResolveAll(e.ctx, names...)
	if err != nil {
		return err
	}
	var rows []mast.Resolved
	var bad []string
	for _, r := range res {
		if len(r.Answers) == 0 {
			bad = append(bad, r.Name)
		}
		rows = append(rows, r.Answers...)
	}
	if len(rows) > 0 {
		if err := e.write(resolvedTable(rows), nil); err != nil {
			return err
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("no resolver knows %s (%d of %d names)", quoteList(bad), len(bad), len(names))
	}
	return nil
}

func (e *cliEnv) runResolve(names []string, resolver string) error {
	if len(names) == 0 {
		return usagef("resolve: give one or more object names")
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	if resolver == "" {
		resolver = e.cfg.Resolver
	}
	res, unresolved, err := e.client().ResolveEach(e.ctx, names, resolver)
	if err != nil {
		return err
	}
	if len(res) > 0 {
		if err := e.write(resolvedTable(res), nil); err != nil {
			return err
		}
	}
	if len(unresolved) > 0 {
		bad := make([]string, len(unresolved))
		for i, u := range unresolved {
			bad[i] = u.Name
		}
		using := ""
		if r := unresolved[0].Resolver; r != "" {
			using = " using resolver " + r
		}
		return fmt.Errorf("could not resolve %s to a sky position%s (%d of %d names)", quoteList(bad), using, len(bad), len(names))
	}
	return nil
}

func resolvedTable(res []mast.Resolved) *model.Table {
	name := model.NewColumn("name", model.KindString, len(res))
	canon := model.NewColumn("canonical_name", model.KindString, len(res))
	rsv := model.NewColumn("resolver", model.KindString, len(res))
	ra := model.NewColumn("ra", model.KindFloat, len(res))
	dec := model.NewColumn("dec", model.KindFloat, len(res))
	typ := model.NewColumn("object_type", model.KindString, len(res))
	for _, r := range res {
		name.Str = append(name.Str, r.Name)
		canon.Str = append(canon.Str, r.CanonicalName)
		rsv.Str = append(rsv.Str, r.Resolver)
		ra.Float = append(ra.Float, r.RA)
		dec.Float = append(dec.Float, r.Dec)
		typ.Str = append(typ.Str, r.ObjectType)
	}
	return model.NewTable(name, canon, rsv, ra, dec, typ)
}

// write prints t in the chosen format; the table format shows key columns unless
// --columns says otherwise ("all" for every column).
func (e *cliEnv) write(t *model.Table, keyCols []string) error {
	cols := keyCols
	if e.format != "" && e.format != model.FormatTable {
		cols = nil // machine formats carry every column by default
	}
	switch strings.TrimSpace(e.cols) {
	case "":
	case "all", "*":
		cols = nil
	default:
		cols = strings.Split(e.cols, ",")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
			if t.ColIndex(cols[i]) < 0 {
				return usagef("--columns: unknown column %q%s", cols[i], didYouMean(cols[i], t.Names()))
			}
		}
	}
	if cols != nil {
		var keep []*model.Column
		for _, n := range cols {
			if c := t.Col(n); c != nil {
				keep = append(keep, c)
			}
		}
		if len(keep) > 0 {
			t = model.NewTable(keep...)
		}
	}
	return model.WriteTable(e.stdout, t, e.format)
}

// quoteList writes names as "A", "B" (sanitized: names may echo server text).
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(model.SanitizeText(n))
	}
	return strings.Join(q, ", ")
}

// didYouMean suggests the closest name, or returns "".
func didYouMean(s string, names []string) string {
	if best := model.Closest(s, names); best != "" {
		return ": did you mean " + strconv.Quote(best) + "?"
	}
	return ""
}
