package queue

import (
	"mastui/download"
	"mastui/model"
	"mastui/ui/common"
)

// Sink is the common.QueueSink that turns products into downloads of a Downloads
// engine, laid out like astroquery (dir/mastDownload/<collection>/<obs_id>/<file>, or
// dir/<file> when Flat).
type Sink struct {
	Downloads common.Downloads
	Dir       string // where files land ("" is the current directory)
	Flat      bool
	MastURL   string // base of download.FileURL; "" means real MAST
}

// Items maps products to download items.
func (s Sink) Items(ps []model.ProductRef) ([]download.Item, error) {
	return download.ProductItems(s.MastURL, s.Dir, s.Flat, ps)
}

// Enqueue implements common.QueueSink: the items are journaled and queued; the engine
// downloads them in the background.
func (s Sink) Enqueue(ps []model.ProductRef) (download.AddResult, error) {
	items, err := s.Items(ps)
	if err != nil {
		return download.AddResult{}, err
	}
	return s.Downloads.AddAll(items...)
}
