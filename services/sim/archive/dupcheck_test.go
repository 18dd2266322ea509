package archive

import (
	"sort"
	"testing"
)

// Seed 004's hand-placed observations are in the archive where the table puts them:
// executed ones with level-3 products, planned ones (calib_level -1) with none; and
// they change nothing else: the generated observations and their objIDs are those of an
// archive built without them.
func TestDupcheckObservations(t *testing.T) {
	a, err := newArchive(1)
	if err != nil {
		t.Fatal(err)
	}
	for k, d := range dupObservations {
		o, ok := a.Observation(dupObsidBase + uint64(k)*7)
		if !ok {
			t.Fatalf("observation %d is missing", k)
		}
		tg := dupTargets[d.target]
		if sep := AngDist(tg.ra, tg.dec, o.RA, o.Dec) * 3600; sep < d.sep-0.01 || sep > d.sep+0.01 {
			t.Errorf("%s: %.3f″ from its target, want %.1f″", o.ObsID, sep, d.sep)
		}
		prods := a.Products(o.Obsid)
		switch {
		case d.planned && (!o.Planned || o.CalibLevel != -1 || len(prods) != 0):
			t.Errorf("planned %s: planned %v, level %d, %d products", o.ObsID, o.Planned, o.CalibLevel, len(prods))
		case !d.planned && (o.Planned || o.CalibLevel != 3 || len(prods) == 0):
			t.Errorf("executed %s: planned %v, level %d, %d products", o.ObsID, o.Planned, o.CalibLevel, len(prods))
		}
	}
	g := newGen(1)
	g.generate()
	without := map[uint64]string{}
	for _, o := range g.obs {
		without[o.Obsid] = o.ObsID
	}
	for i := range a.Len() {
		o := a.At(i)
		if o.designed {
			continue
		}
		if id, ok := without[o.Obsid]; !ok || id != o.ObsID {
			t.Fatalf("observation %d (%s) differs from the archive without seed 004's", o.Obsid, o.ObsID)
		}
		delete(without, o.Obsid)
	}
	if len(without) != 0 {
		t.Errorf("%d observations missing", len(without))
	}
	// objIDs: the generated ones numbered as if the hand-placed ones were not there.
	b := &Archive{obs: append([]Obs(nil), g.obs...)}
	sort.Slice(b.obs, func(i, j int) bool { return b.obs[i].Obsid < b.obs[j].Obsid })
	assignObjIDs(b.obs, newRNG(1, 0x0b1d))
	want := map[uint64]uint64{}
	for _, o := range b.obs {
		want[o.Obsid] = o.ObjID
	}
	for i := range a.Len() {
		if o := a.At(i); !o.designed && want[o.Obsid] != o.ObjID {
			t.Fatalf("objID of %d: %d, want %d", o.Obsid, o.ObjID, want[o.Obsid])
		}
	}
}
