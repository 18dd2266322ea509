package sky

import (
	"testing"

	"mastui/model"
)

// A row whose s_region does not parse is drawn at its position and counted; a row
// with neither is left out; one with several shapes keeps them all.
func TestFootprintsOfRows(t *testing.T) {
	region := model.NewColumn("s_region", model.KindString, 4)
	region.Str = append(region.Str, "POLYGON 1 1 2 1 2 2 POLYGON 3 3 4 3 4 4", "BOX 1 2 3 4", "", "CIRCLE ICRS 10 20 0.1")
	pos := func(r int) (model.SkyPoint, bool) { return model.SkyPoint{RA: float64(r), Dec: 5}, r != 2 }
	tbl := model.NewTable(region)
	f, ok, bad := footprintOf(tbl, region, 0, pos)
	if !ok || bad || len(f.Shapes) != 2 {
		t.Errorf("row 0: %+v ok %v bad %v", f, ok, bad)
	}
	f, ok, bad = footprintOf(tbl, region, 1, pos)
	if !ok || !bad || f.Shapes[0].Kind != model.ShapePoint || f.Center.RA != 1 {
		t.Errorf("row 1 (bad region): %+v ok %v bad %v", f, ok, bad)
	}
	if _, ok, _ := footprintOf(tbl, region, 2, pos); ok {
		t.Error("row 2 has neither region nor position")
	}
	f, _, _ = footprintOf(tbl, region, 3, pos)
	f.project(model.NewTangent(model.SkyPoint{RA: 10, Dec: 20}))
	if !f.onSide || len(f.plane[0]) != circleSteps || !f.contains(0, 0, 0) || f.contains(0.2, 0, 0) {
		t.Errorf("circle: %d points, contains centre %v", len(f.plane[0]), f.contains(0, 0, 0))
	}
}

// A footprint on the far side of the sky is not drawn (it has no image on the plane).
func TestFarSideIsNotDrawn(t *testing.T) {
	f := Footprint{Shapes: []model.Shape{{Kind: model.ShapeCircle, Center: model.SkyPoint{RA: 190, Dec: -20}, Radius: 1}}, Center: model.SkyPoint{RA: 190, Dec: -20}}
	f.project(model.NewTangent(model.SkyPoint{RA: 10, Dec: 20}))
	if f.onSide {
		t.Error("the antipode's footprint is on the plane")
	}
}
