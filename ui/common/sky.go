package common

import "mastui/model"

// SkySource is a catalog source a sky panel may overlay: a position and a magnitude
// (NaN when unknown).
type SkySource struct {
	Pos model.SkyPoint
	Mag float64
}

// skySources are the sources of the newest catalog search of the session, and the view
// that published them (its own sky draws them as rows, not as an overlay).
type skySources struct {
	from    string
	sources []SkySource
}

// PublishSources makes the loaded sources of view from the overlay of every other
// view's sky (a catalog cone's stars over the Observations footprints).
func (c *Common) PublishSources(from string, s []SkySource) {
	c.sky = skySources{from: from, sources: s}
}

// SkySources are the published sources, unless viewer published them.
func (c *Common) SkySources(viewer string) []SkySource {
	if c.sky.from == viewer {
		return nil
	}
	return c.sky.sources
}
