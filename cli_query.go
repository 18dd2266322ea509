package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"mastui/model"
	"mastui/services/mast"
	"mastui/services/sim"
)

// Key columns printed by the table format when --columns is not given.
var (
	obsKeyColumns = []string{"obs_collection", "instrument_name", "target_name", "filters",
		"dataproduct_type", "calib_level", "t_exptime", "proposal_id", "obs_id", "obsid", "distance"}
	productKeyColumns = []string{"obsID", "obs_id", "productFilename", "productType",
		"productSubGroupDescription", "calib_level", "size"}
)

// runQuery implements `mastui query object|region|criteria`.
func (e *cliEnv) runQuery(args []string) error {
	fs := e.flags("query")
	radius := fs.String("radius", "", "cone radius (default 0.2 deg)")
	resolver := fs.String("resolver", "", "name resolver: SIMBAD or NED")
	object := fs.String("object", "", "object name (query criteria)")
	coords := fs.String("coordinates", "", `"RA DEC" (query criteria)`)
	count := fs.Bool("count", false, "print only the number of matching observations")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := requireValues(fs, "radius", "object", "coordinates"); err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("query: say object, region or criteria")
	}
	q := mast.Query{Resolver: *resolver}
	if *radius != "" {
		if q.RadiusDeg, err = mast.ParseRadius(*radius); err != nil {
			return usagef("--radius: %v", err)
		}
	}
	kind, pos := pos[0], pos[1:]
	switch kind {
	case "object":
		if len(pos) == 0 {
			return usagef("query object: give an object name, e.g. mastui query object M101")
		}
		q.Object = strings.Join(pos, " ")
	case "region":
		if len(pos) == 0 {
			return usagef(`query region: give coordinates, e.g. mastui query region "322.49324 12.16683"`)
		}
		p, err := mast.ParseCoordinates(strings.Join(pos, " "))
		if err != nil {
			return usagef("query region: %v", err)
		}
		q.Position = &p
	case "criteria":
		if *object != "" && *coords != "" {
			return usagef("query criteria: --object and --coordinates are mutually exclusive")
		}
		q.Object = *object
		if *coords != "" {
			p, err := mast.ParseCoordinates(*coords)
			if err != nil {
				return usagef("--coordinates: %v", err)
			}
			q.Position = &p
		}
		for _, a := range pos {
			c, err := mast.ParseCriterion(a)
			if err != nil {
				return usagef("query criteria: %v", err)
			}
			q.Criteria = append(q.Criteria, c)
		}
		if len(q.Criteria) == 0 {
			return usagef("query criteria: at least one non-positional KEY=VALUE criterion is needed, e.g. obs_collection=HST")
		}
	default:
		return usagef("query: unknown kind %q: use object, region or criteria", kind)
	}
	if (*object != "" || *coords != "") && kind != "criteria" {
		return usagef("--object and --coordinates belong to query criteria")
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	if q.Resolver == "" {
		q.Resolver = e.cfg.Resolver
	}
	c := e.client()
	if *count {
		n, err := c.Count(e.ctx, q)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(e.stdout, n)
		return err
	}
	t, _, err := c.Search(e.ctx, q)
	if err != nil {
		return err
	}
	return e.write(t, obsKeyColumns)
}

// runCollections implements `mastui collections`.
func (e *cliEnv) runCollections(args []string) error {
	fs := e.flags("collections")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("collections takes no arguments")
	}
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

// runMetadata implements `mastui metadata observations|products`.
func (e *cliEnv) runMetadata(args []string) error {
	fs := e.flags("metadata")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "observations" && pos[0] != "products") {
		return usagef("metadata: say observations or products")
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	metas, err := e.client().Metadata(e.ctx, pos[0])
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

// runProducts implements `mastui products OBSID... [--unique]`.
func (e *cliEnv) runProducts(args []string) error {
	fs := e.flags("products")
	unique := fs.Bool("unique", false, "drop products shared between observations (by dataURI)")
	var filters model.Filters
	filterFlag(fs, &filters)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	var ids []string
	for _, p := range pos {
		for _, id := range strings.Split(p, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return usagef("products: give one or more obsids (the numeric obsid column, e.g. 2003738726)")
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	t, err := e.client().Products(e.ctx, ids, mast.ProductOptions{})
	if err != nil {
		return err
	}
	if t.Rows() == 0 {
		return fmt.Errorf("no products found for obsid %s (obsid is the numeric product group id, e.g. from `mastui query … --columns obsid`, not obs_id)", strings.Join(ids, ","))
	}
	if len(filters) > 0 {
		total := t.Rows()
		if t, err = filters.Apply(t, model.FilterOptions{}); err != nil {
			return usagef("--filter: %v", err)
		}
		fmt.Fprintf(e.stderr, "%d of %d products match %s\n", t.Rows(), total, filters)
	}
	if *unique {
		total := t.Rows()
		var dups int
		t, dups = mast.UniqueProducts(t)
		if dups > 0 {
			fmt.Fprintf(e.stderr, "%d of %d products were duplicates. Only returning %d unique product(s).\n", dups, total, t.Rows())
		}
	}
	return e.write(t, productKeyColumns)
}

// runResolve implements `mastui resolve NAME... [--resolver SIMBAD|NED]`: it prints
// every name it resolved, and fails naming the others.
func (e *cliEnv) runResolve(args []string) error {
	fs := e.flags("resolve")
	resolver := fs.String("resolver", "", "SIMBAD or NED")
	names, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return usagef("resolve: give one or more object names")
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	if *resolver == "" {
		*resolver = e.cfg.Resolver
	}
	res, unresolved, err := e.client().ResolveEach(e.ctx, names, *resolver)
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

// runSim implements `mastui sim`: the simulator in the foreground.
func (e *cliEnv) runSim(args []string) error {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "--h" || a == "-help" || a == "--help" {
			// The simulator's flags are its own: have it list them (it does so on its
			// error stream, after a "Usage of sim:" line).
			var b strings.Builder
			_ = sim.Main(e.ctx, []string{"-h"}, io.Discard, &b)
			_, list, _ := strings.Cut(b.String(), "\n")
			return helpRequest{cmd: "sim", flags: list}
		}
	}
	return sim.Main(e.ctx, args, e.stdout, e.stderr)
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
