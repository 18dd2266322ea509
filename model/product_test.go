package model

import "testing"

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{
		-1: "?", 0: "0 B", 999: "999 B", 1000: "1.0 KB", 1049: "1.0 KB", 99_949: "99.9 KB",
		99_950: "100 KB", 999_499: "999 KB", 999_999: "1.0 MB", 117_000_000: "117 MB",
		2_100_000_000: "2.1 GB", 3_400_000_000_000: "3.4 TB",
	} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestProductRefs(t *testing.T) {
	str := func(name string, vs ...string) *Column {
		c := NewColumn(name, KindString, len(vs))
		c.Str = append(c.Str, vs...)
		return c
	}
	size := NewColumn("size", KindInt, 2)
	size.Int = append(size.Int, 1234, 0)
	size.SetMasked(1)
	level := NewColumn("calib_level", KindInt, 2)
	level.Int = append(level.Int, 3, 2)
	tb := NewTable(
		str("obsID", "101", "102"), str("obs_collection", "JWST", "HST"), str("obs_id", "jw1", "hst1"),
		str("dataURI", "mast:JWST/product/a.fits", "mast:HST/product/b.fits"),
		str("productFilename", "a.fits", "b.fits"), str("productType", "SCIENCE", "AUXILIARY"),
		str("productSubGroupDescription", "I2D", "RAW"), size, level,
	)
	refs := ProductRefs(tb, []int{1, 0, 7})
	if len(refs) != 2 {
		t.Fatalf("%d refs", len(refs))
	}
	want0 := ProductRef{URI: "mast:HST/product/b.fits", Filename: "b.fits", ObsCollection: "HST", ObsID: "hst1",
		Obsid: "102", ProductType: "AUXILIARY", SubGroup: "RAW", CalibLevel: 2}
	if refs[0] != want0 {
		t.Errorf("ref 0 = %+v", refs[0])
	}
	if refs[1].Size != 1234 || refs[1].CalibLevel != 3 || TotalSize(refs) != 1234 {
		t.Errorf("ref 1 = %+v, total %d", refs[1], TotalSize(refs))
	}
}
