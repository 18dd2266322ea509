package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"mastui/download"
	"mastui/model"
	"mastui/services/mast"
)

// cloudURIsCommand is `mastui cloud-uris OBSID...` (astroquery's get_cloud_uris): the
// s3://stpubdata/... URI of each product with a cloud copy, one a line; the products
// without one are named on stderr. It fails only when no product has a copy.
func (e *cliEnv) cloudURIsCommand() *cobra.Command {
	var unique, https bool
	var filters model.Filters
	cmd := &cobra.Command{
		Use:   "cloud-uris OBSID...",
		Short: "S3 URIs of products' copies in MAST's public cloud bucket",
		Long: "Each product's key comes from MAST's path_lookup and is checked in the bucket (stpubdata, public:\n" +
			"no AWS account needed). Products without a copy are listed on stderr; the command fails only when\n" +
			"none has one. The bucket is cloud_url (env MASTUI_CLOUD_URL).\n\n" + filterNotes,
		Example: "  mastui cloud-uris 2003544716 --filter productSubGroupDescription=DRZ\n" +
			"  mastui cloud-uris 2003544716 --unique --https > urls.txt",
		Annotations: map[string]string{oneShotKey: "yes"},
		RunE: func(_ *cobra.Command, args []string) error {
			return e.runCloudURIs(args, filters, unique, https)
		},
	}
	cmd.Flags().BoolVar(&unique, "unique", false, "drop products shared between observations (by dataURI)")
	cmd.Flags().BoolVar(&https, "https", false, "print the objects' HTTPS URLs instead of s3:// URIs")
	filterFlag(cmd.Flags(), &filters)
	return cmd
}

func (e *cliEnv) runCloudURIs(pos []string, filters model.Filters, unique, https bool) error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	t, err := e.listProducts("cloud-uris", pos, filters, unique)
	if err != nil {
		return err
	}
	refs := model.ProductRefs(t, allRows(t.Rows()))
	c := e.client()
	copies, err := c.CloudCopies(e.ctx, productURIs(refs), true)
	if err != nil {
		return err
	}
	found := 0
	for _, cp := range copies {
		if cp.Key == "" {
			fmt.Fprintf(e.stderr, "no cloud copy (%s): %s\n", cp.Missing, model.OneLine(cp.URI))
			continue
		}
		found++
		out := mast.S3URI(cp.Key)
		if https {
			out = c.ObjectURL(cp.Key)
		}
		if _, err := fmt.Fprintln(e.stdout, model.OneLine(out)); err != nil {
			return err
		}
	}
	if found == 0 {
		return fmt.Errorf("none of the %d %s has a copy in the cloud", len(copies), plural(len(copies), "product", "products"))
	}
	if found < len(copies) {
		fmt.Fprintf(e.stderr, "%d of %d products have a cloud copy\n", found, len(copies))
	}
	return nil
}

// withCloudCopies gives each item with a cloud copy its bucket URL (download --cloud),
// and says on stderr how many have one.
func (e *cliEnv) withCloudCopies(items []download.Item) error {
	uris := make([]string, len(items))
	for i, it := range items {
		uris[i] = it.URI
	}
	c := e.client()
	copies, err := c.CloudCopies(e.ctx, uris, false) // the GET itself tells a missing copy
	if err != nil {
		return fmt.Errorf("--cloud: %w", err)
	}
	found := 0
	for i, cp := range copies {
		if cp.Key != "" {
			items[i].CloudURL = c.ObjectURL(cp.Key)
			found++
		}
	}
	fmt.Fprintf(e.stderr, "%d of %d files have a cloud copy (%s); the others come from MAST\n", found, len(items), c.CloudURL())
	return nil
}

func productURIs(refs []model.ProductRef) []string {
	uris := make([]string, len(refs))
	for i, r := range refs {
		uris[i] = r.URI
	}
	return uris
}

func allRows(n int) []int {
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	return all
}
