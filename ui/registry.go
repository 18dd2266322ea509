package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"mastui/keymap"
	"mastui/ui/common"
	"mastui/ui/views/catalogs"
	"mastui/ui/views/cutouts"
	"mastui/ui/views/duplicates"
	"mastui/ui/views/missions"
	"mastui/ui/views/observations"
	"mastui/ui/views/queue"
	"mastui/ui/views/results"
	"mastui/ui/views/searchform"
)

// tabSpec is one line of the tab registry.
type tabSpec struct {
	id string
	// key opens the tab from any other tab, outside text fields (nil: only ctrl+t).
	key func(*keymap.KeyMap) *key.Binding
	// toggles: the key pressed on the tab itself goes back to the tab it was opened from.
	toggles bool
	new     func(tabDeps) common.Tab
}

// tabDeps is what a tab may be built from.
type tabDeps struct {
	c       *common.Common
	archive Archive
	opts    Options
}

// registry lists the tabs in tab-bar (and ctrl+t) order. A new tab is a package under
// ui/views/ implementing common.Tab, plus one line here.
func registry() []tabSpec {
	return []tabSpec{
		{id: observations.ID, key: func(k *keymap.KeyMap) *key.Binding { return &k.Missions.Observe }, new: func(d tabDeps) common.Tab {
			p := searchform.Parsers{Coordinates: d.opts.ParseCoordinates, Radius: d.opts.ParseRadius}
			return observations.New(d.c, d.archive, p, d.opts.PageSize, d.opts.ProductBatchSize, d.opts.Columns[results.TableName])
		}},
		{id: missions.ID, key: func(k *keymap.KeyMap) *key.Binding { return &k.Global.Missions }, new: func(d tabDeps) common.Tab {
			return missions.New(d.c, d.archive, d.opts.Columns)
		}},
		{id: catalogs.ID, key: func(k *keymap.KeyMap) *key.Binding { return &k.Global.Catalogs }, new: func(d tabDeps) common.Tab {
			client, _ := d.archive.(catalogs.Client) // the MAST client; a fake archive has no catalogs
			return catalogs.New(d.c, client, d.opts.Columns)
		}},
		{id: cutouts.ID, key: func(k *keymap.KeyMap) *key.Binding { return &k.Global.Cutouts }, new: func(d tabDeps) common.Tab {
			client, _ := d.archive.(cutouts.Client) // the MAST client; a fake archive makes no cutouts
			return cutouts.New(d.c, client, cutouts.Config{Downloads: d.opts.Downloads, Unavailable: d.opts.DownloadsUnavailable, Dir: d.opts.DownloadDir, BaseURL: d.opts.MastURL})
		}},
		{id: duplicates.ID, key: func(k *keymap.KeyMap) *key.Binding { return &k.Global.Duplicates }, new: func(d tabDeps) common.Tab {
			return duplicates.New(d.c, d.archive, duplicates.Config{Dir: d.opts.DownloadDir, Apertures: d.opts.DupcheckApertures, ProductBatch: d.opts.ProductBatchSize})
		}},
		{id: queue.ID, key: func(k *keymap.KeyMap) *key.Binding { return &k.Global.Queue }, toggles: true, new: func(d tabDeps) common.Tab {
			return queue.New(d.c, d.opts.Downloads).WithUnavailableReason(d.opts.DownloadsUnavailable).WithDetached(d.opts.DownloadsDetached)
		}},
	}
}

// TabNames are the names of the tabs in tab-bar order: the values of Options.StartTab
// (and of `mastui --tab`).
func TabNames() []string {
	var names []string
	for _, s := range registry() {
		names = append(names, s.id)
	}
	return names
}
