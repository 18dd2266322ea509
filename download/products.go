package download

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"

	"mastui/model"
	"mastui/model/config"
	"mastui/services/masthttp"
)

// ProductItems turns products into download items: Download/file URLs under base (empty
// means real MAST) for CAOM products, the mission's route (retrieve_product, or
// Download/file with a mast: URI) for Search API products, and astroquery's layout in
// dir (flat, or mastDownload/<collection or mission>/<obs_id or dataset>/). The TUI
// queue and the CLI share it.
func ProductItems(base, dir string, flat bool, ps []model.ProductRef) ([]Item, error) {
	base = strings.TrimRight(StripCredentials(base), "/")
	if base == "" {
		base = config.DefaultMastURL
	}
	items := make([]Item, 0, len(ps))
	taken := map[string]string{}
	for _, p := range ps {
		url := FileURL(base, p.URI)
		if p.Mission != "" {
			if !flat && p.ObsID == "" {
				return nil, fmt.Errorf("product %s is missing a dataset or fileset: download it flat", p.Filename)
			}
			var err error
			if url, err = masthttp.MissionDownloadURL(base, p.Mission, p.URI); err != nil {
				return nil, err
			}
		}
		it := Item{
			URL:         url,
			Size:        p.Size,
			URI:         p.URI,
			Filename:    p.Filename,
			Collection:  p.ObsCollection,
			ObsID:       p.ObsID,
			ProductType: p.ProductType,
			CloudURL:    p.CloudURL,
		}
		dest, err := placeItem(dir, it, flat, taken)
		if err != nil {
			return nil, err
		}
		it.Dest, it.Root = dest, dir
		items = append(items, it)
	}
	return items, nil
}

// placeItem is PathFor for one product of a batch, never failing it for a bad name: a
// file name that is unusable (nothing left after sanitizing, "..", ending in .part, the
// engine's partial-file suffix) or that another product of the batch already takes
// falls back to the name in the product's URI, then to a name made unique with a hash
// of the URI. taken maps each path given out to the URI it was given to; the same
// product listed twice gets the same path (Add keeps one).
func placeItem(dir string, it Item, flat bool, taken map[string]string) (string, error) {
	uriName := SanitizeName(it.URI)
	sum := sha256.Sum256([]byte(it.URI))
	tag := hex.EncodeToString(sum[:4])
	unique := func(name string) string {
		if name == "" || strings.HasSuffix(strings.ToLower(name), partSuffix) {
			return "product_" + tag
		}
		ext := path.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		return truncateName(strings.TrimSuffix(name, ext), 180) + "_" + tag + ext
	}
	for _, name := range []string{it.Filename, uriName, unique(uriName), unique(SanitizeName(it.Filename))} {
		name = SanitizeName(name)
		if name == "" || strings.HasSuffix(strings.ToLower(name), partSuffix) {
			continue
		}
		cand := it
		cand.Filename = name
		dest, err := PathFor(dir, cand, flat)
		if err != nil {
			continue
		}
		if uri, ok := taken[dest]; ok && uri != it.URI {
			continue
		}
		taken[dest] = it.URI
		return dest, nil
	}
	return "", fmt.Errorf("no usable file name for product %q (%q)", it.Filename, it.URI)
}
