package sky

import (
	"math"
	"strings"

	"mastui/model"
	"mastui/ui/common"
)

// Footprint is what the sky draws for one table row: its s_region's shapes (a point at
// its position when it has none), projected once per centre.
type Footprint struct {
	Row                int
	Group              int // index into the legend's groups
	Shapes             []model.Shape
	Center             model.SkyPoint
	plane              [][]planePoint // the shapes' outlines on the tangent plane (degrees)
	px, py             float64        // the centre on the plane
	lox, loy, hix, hiy float64        // the outlines' bounding box on the plane
	onSide             bool           // every point projected (false: far side of the sky, not drawn)
}

type planePoint struct{ x, y float64 }

// Source is a catalog source overlaid on the sky.
type Source = common.SkySource

// regionColumns, collectionColumns and instrumentColumns name where footprints and their
// colour come from, case-blind, first found wins.
func regionColumns() []string { return []string{"s_region", "footprint"} }

func collectionColumns() []string {
	return []string{"obs_collection", "collection", "mission", "project"}
}

func instrumentColumns() []string {
	return []string{"instrument_name", "instrument", "sci_instrume", "instrume"}
}

// colFold finds the first of names the table has, case-blind.
func colFold(t *model.Table, names []string) *model.Column {
	for _, n := range names {
		if c := t.Col(n); c != nil {
			return c
		}
		for _, c := range t.Columns {
			if strings.EqualFold(c.Name, n) {
				return c
			}
		}
	}
	return nil
}

// footprintOf reads row r: its s_region when it parses, else its position as a point.
// ok is false for a row with neither; bad is true when an s_region was there but did
// not parse (the row is then drawn at its position, and counted).
func footprintOf(t *model.Table, region *model.Column, r int, position func(int) (model.SkyPoint, bool)) (f Footprint, ok, bad bool) {
	f.Row = r
	if region != nil && !region.IsNull(r) {
		if s := strings.TrimSpace(region.String(r)); s != "" {
			shapes, err := model.ParseRegion(s)
			if err == nil && len(shapes) > 0 {
				f.Shapes = shapes
				f.Center = centerOf(shapes)
				return f, true, false
			}
			bad = err != nil
		}
	}
	if p, okp := position(r); okp {
		f.Shapes = []model.Shape{{Kind: model.ShapePoint, Center: p}}
		f.Center = p
		return f, true, bad
	}
	return f, false, bad
}

// centerOf is the mean direction of the shapes' centres.
func centerOf(shapes []model.Shape) model.SkyPoint {
	if len(shapes) == 1 {
		return shapes[0].Center
	}
	pts := make([]model.SkyPoint, len(shapes))
	for i, s := range shapes {
		pts[i] = s.Center
	}
	return model.MeanDirection(pts)
}

// circleSteps is how many vertices draw a circle: round at any zoom the panel allows.
const circleSteps = 24

// project computes the footprint's plane outlines around tp.
func (f *Footprint) project(tp model.Tangent) {
	f.plane = f.plane[:0]
	f.onSide = true
	f.px, f.py, f.onSide = tp.Project(f.Center)
	for _, s := range f.Shapes {
		out := s.Outline(circleSteps)
		pts := make([]planePoint, 0, len(out))
		for _, p := range out {
			x, y, ok := tp.Project(p)
			if !ok {
				f.onSide = false
				break
			}
			pts = append(pts, planePoint{x, y})
		}
		f.plane = append(f.plane, pts)
	}
	f.lox, f.loy, f.hix, f.hiy = f.px, f.py, f.px, f.py
	for _, pts := range f.plane {
		for _, p := range pts {
			f.lox, f.hix = math.Min(f.lox, p.x), math.Max(f.hix, p.x)
			f.loy, f.hiy = math.Min(f.loy, p.y), math.Max(f.hiy, p.y)
		}
	}
}

// contains reports whether plane point (x, y) falls in one of the footprint's shapes
// (within tol degrees of a point shape).
func (f *Footprint) contains(x, y, tol float64) bool {
	if !f.onSide {
		return false
	}
	for i, s := range f.Shapes {
		pts := f.plane[i]
		if s.Kind == model.ShapePoint || len(pts) < 3 {
			if len(pts) > 0 && math.Hypot(pts[0].x-x, pts[0].y-y) <= tol {
				return true
			}
			continue
		}
		if inPolygon(pts, x, y) {
			return true
		}
	}
	return false
}

// inPolygon is the even-odd rule.
func inPolygon(pts []planePoint, x, y float64) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		a, b := pts[i], pts[j]
		if (a.y > y) != (b.y > y) && x < (b.x-a.x)*(y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}
