package download

import (
	"strings"

	"mastui/model"
)

// ProductItems turns CAOM products into download items: Download/file URLs under base
// (empty means real MAST) and astroquery's layout in dir (flat or
// mastDownload/<collection>/<obs_id>/). The TUI queue and the CLI share it.
func ProductItems(base, dir string, flat bool, ps []model.ProductRef) ([]Item, error) {
	base = strings.TrimRight(base, "/")
	if base == "" {
		base = model.DefaultMastURL
	}
	items := make([]Item, 0, len(ps))
	for _, p := range ps {
		it := Item{
			URL:         FileURL(base, p.URI),
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
