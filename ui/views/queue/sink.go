package queue

import (
	"strings"

	"mastui/download"
	"mastui/model"
	"mastui/ui/common"
)

// DefaultMastURL is where product files are fetched when no MAST URL is configured.
const DefaultMastURL = "https://mast.stsci.edu"

// Sink is the common.QueueSink that turns products into downloads of a Downloads
// engine, laid out like astroquery (dir/mastDownload/<collection>/<obs_id>/<file>, or
// dir/<file> when Flat).
type Sink struct {
	Downloads common.Downloads
	Dir       string // where files land ("" is the current directory)
	Flat      bool
	MastURL   string // base of download.FileURL; "" means DefaultMastURL
}

// Items maps products to download items.
func (s Sink) Items(ps []model.ProductRef) ([]download.Item, error) {
	base := strings.TrimRight(s.MastURL, "/")
	if base == "" {
		base = DefaultMastURL
	}
	items := make([]download.Item, 0, len(ps))
	for _, p := range ps {
		it := download.Item{
			URL:         download.FileURL(base, p.URI),
			Size:        p.Size,
			URI:         p.URI,
			Filename:    p.Filename,
			Collection:  p.ObsCollection,
			ObsID:       p.ObsID,
			ProductType: p.ProductType,
		}
		dest, err := download.PathFor(s.Dir, it, s.Flat)
		if err != nil {
			return nil, err
		}
		it.Dest = dest
		items = append(items, it)
	}
	return items, nil
}

// Enqueue implements common.QueueSink: the items are journaled and queued; the engine
// downloads them in the background.
func (s Sink) Enqueue(ps []model.ProductRef) error {
	items, err := s.Items(ps)
	if err != nil {
		return err
	}
	return s.Downloads.Add(items...)
}
