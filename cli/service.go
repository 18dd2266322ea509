package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"mastui/model"
	"mastui/services/mast"
)

// serviceCommand is `mastui service NAME` (astroquery's Mast.service_request): any
// Portal service, its params as JSON, the rows as a table.
func (e *cliEnv) serviceCommand() *cobra.Command {
	var params string
	var filters []string
	var page, pageSize int
	var count bool
	cmd := &cobra.Command{
		Use:   "service NAME",
		Short: "any MAST Portal service with JSON params (astroquery's Mast.service_request)",
		Long: "--params is a JSON object, or @FILE to read one. For a *.Filtered.* service, --filter NAME=VALUE\n" +
			"(repeatable; a,b lists, lo..hi ranges) builds {\"columns\": \"*\", \"filters\": [{\"paramName\", \"values\"}, …]}.\n" +
			"--count replaces columns with COUNT_BIG(*): the Filtered services count, their .Rows variants do not.",
		Example: `  mastui service Mast.Jwst.Filtered.Nirspec --params '{"columns": "*", "filters": [{"paramName": "exp_type", "values": ["NRS_MSASPEC"]}]}'` + "\n" +
			"  mastui service Mast.Jwst.Filtered.Nirspec --filter detector=NRS1 --filter readpatt=NRS,NRSRAPID --count",
		Annotations: map[string]string{oneShotKey: "yes"},
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("service: give one service name, e.g. mastui service Mast.Jwst.Filtered.Nirspec --params '{\"columns\": \"*\", \"filters\": []}'")
			}
			if err := requireValues(c, "params"); err != nil {
				return err
			}
			name := strings.TrimSpace(args[0])
			switch {
			case params != "" && len(filters) > 0:
				return usagef("service: give --params or --filter, not both")
			case page < 0 || pageSize < 0:
				return usagef("service: --page and --pagesize count from 1")
			}
			raw, err := serviceParams(name, params, filters)
			if err != nil {
				return err
			}
			return e.runService(mast.ServiceRequest{Service: name, Params: raw, Page: page, PageSize: pageSize}, count)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&params, "params", "", "the request's params: a JSON object `JSON`, or @FILE (default {})")
	fs.Func("filter", "`NAME=VALUE` filter of a *.Filtered.* service (repeatable)", nonEmpty(func(s string) error {
		filters = append(filters, s)
		return nil
	}))
	fs.BoolVar(&count, "count", false, "print only the number of matching rows (COUNT_BIG(*))")
	fs.IntVar(&pageSize, "pagesize", 0, "`N` rows per page (default: the config's page size)")
	fs.IntVar(&page, "page", 0, "only page `N` (default: every page)")
	return cmd
}

// serviceParams is the JSON params of a service request: --params as given (or read
// from @FILE), or built from --filter.
func serviceParams(service, params string, filters []string) (json.RawMessage, error) {
	if len(filters) > 0 {
		raw, err := mast.FilteredServiceParams(service, filters)
		if err != nil {
			return nil, usagef("service --filter: %v", err)
		}
		return raw, nil
	}
	if path, ok := strings.CutPrefix(params, "@"); ok {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("service --params: %w", err)
		}
		params = string(b)
	}
	return json.RawMessage(params), nil
}

// runService prints a service's rows, or their number.
func (e *cliEnv) runService(r mast.ServiceRequest, count bool) error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	c := e.client()
	if count {
		n, err := c.ServiceCount(e.ctx, r)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(e.stdout, n)
		return err
	}
	res, err := c.Service(e.ctx, r)
	if err != nil {
		return err
	}
	if r.Page > 0 {
		e.morePages(res.Page, res.PagesFiltered, res.RowsFiltered)
	}
	if res.Table.Rows() == 0 {
		fmt.Fprintf(e.stderr, "%s returned no rows\n", model.SanitizeText(r.Service))
	}
	return e.write(res.Table, nil)
}

// morePages says on stderr that the page printed is not the last one.
func (e *cliEnv) morePages(page, pages int, rows int64) {
	if pages > page {
		fmt.Fprintf(e.stderr, "page %d of %d (%d rows match): --page %d for the next\n", page, pages, rows, page+1)
	}
}
