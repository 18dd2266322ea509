package download

import (
	"fmt"
	"strings"

	"mastui/model"
	"mastui/services/mast"
)

// ProductItems turns products into download items: Download/file URLs under base (empty
// means real MAST) for CAOM products, the mission's route (retrieve_product, or
// Download/file with a mast: URI) for Search API products, and astroquery's layout in
// dir (flat, or mastDownload/<collection or mission>/<obs_id or dataset>/). The TUI
// queue and the CLI share it.
func ProductItems(base, dir string, flat bool, ps []model.ProductRef) ([]Item, error) {
	base = strings.TrimRight(base, "/")
	if base == "" {
		base = model.DefaultMastURL
	}
	items := make([]Item, 0, len(ps))
	for _, p := range ps {
		url := FileURL(base, p.URI)
		if p.Mission != "" {
			if !flat && p.ObsID == "" {
				return nil, fmt.Errorf("product %s is missing a dataset or fileset: download it flat", p.Filename)
			}
			var err error
			if url, err = mast.MissionDownloadURL(base, p.Mission, p.URI); err != nil {
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
		}
		dest, err := PathFor(dir, it, flat)
		if err != nil {
			return nil, err
		}
		it.Dest = dest
		items = append(items, it)
	}
	return items, nil
}
