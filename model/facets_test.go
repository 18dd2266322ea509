package model

import (
	"math"
	"reflect"
	"testing"
)

func TestFacetCounts(t *testing.T) {
	tab := productTable()
	tests := []struct {
		column string
		rows   []int
		want   []FacetCount
	}{
		// Case variants merge (the filter matches them together) under the most frequent
		// spelling; a tie picks the smaller spelling. Ties by count go by value.
		{"productType", nil, []FacetCount{{"SCIENCE", 5}, {"CALIBRATION", 2}, {"AUXILIARY", 1}, {"INFO", 1}, {"PREVIEW", 1}}},
		{"productType", []int{4, 5, 7}, []FacetCount{{"AUXILIARY", 1}, {"PREVIEW", 1}, {"calibration", 1}}},
		{"productType", []int{}, nil},
		// Masked counts as "" and sorts last among equal counts.
		{"productGroupDescription", nil, []FacetCount{{MRPDescription, 6}, {"Other", 3}, {"", 1}}},
		{"calib_level", nil, []FacetCount{{"1", 4}, {"2", 3}, {"3", 3}}},
		{"size", []int{5, 0, 8, 2}, []FacetCount{{"14400", 2}, {"500", 1}, {"", 1}}},
		{"public", nil, []FacetCount{{"true", 6}, {"false", 3}, {"", 1}}},
		{"exptime", []int{2, 8, 0}, []FacetCount{{"5.5", 1}, {"100.5", 1}, {"nan", 1}}},
		{"nope", nil, nil},
	}
	for _, tt := range tests {
		got := FacetCounts(tab, tt.column, tt.rows)
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("FacetCounts(%s, %v) = %v, want %v", tt.column, tt.rows, got, tt.want)
		}
	}
}

func TestFacetCountsNumericTieOrder(t *testing.T) {
	tab := NewTable(
		&Column{Name: "n", Kind: KindInt, Int: []int64{10, 9, 10, 9, 2, -1}},
		&Column{Name: "f", Kind: KindFloat, Float: []float64{math.Copysign(0, -1), 0, 2.5, 10, math.NaN(), math.NaN()}},
	)
	if got, want := FacetCounts(tab, "n", nil), []FacetCount{{"9", 2}, {"10", 2}, {"-1", 1}, {"2", 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("ints = %v, want %v", got, want)
	}
	// -0 and 0 are one value; NaNs form one group.
	if got, want := FacetCounts(tab, "f", nil), []FacetCount{{"0", 2}, {"nan", 2}, {"2.5", 1}, {"10", 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("floats = %v, want %v", got, want)
	}
}

func TestFacetCountsMatchFilter(t *testing.T) {
	// Each facet value's count is what the corresponding filter keeps.
	tab := productTable()
	for _, col := range []string{"productType", "calib_level", "public"} {
		for _, fc := range FacetCounts(tab, col, nil) {
			if fc.Value == "" {
				continue
			}
			rows, err := Filters{{Key: col, Values: []string{fc.Value}}}.Rows(tab, FilterOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != fc.Count {
				t.Errorf("%s=%s keeps %d rows, facet says %d", col, fc.Value, len(rows), fc.Count)
			}
		}
	}
}

func TestExtensionCounts(t *testing.T) {
	tab := productTable()
	want := []FacetCount{{"fits", 6}, {"fits.gz", 1}, {"jpg", 1}, {"json", 1}, {"", 1}}
	if got := ExtensionCounts(tab, "", nil); !reflect.DeepEqual(got, want) {
		t.Errorf("ExtensionCounts = %v, want %v", got, want)
	}
	if got := ExtensionCounts(tab, "productFilename", []int{7, 4}); !reflect.DeepEqual(got, []FacetCount{{"fits.gz", 1}, {"json", 1}}) {
		t.Errorf("ExtensionCounts(rows) = %v", got)
	}
	if got := ExtensionCounts(tab, "nope", nil); got != nil {
		t.Errorf("unknown column = %v", got)
	}
	// Every extension facet keeps exactly its count through the extension filter here.
	for _, fc := range ExtensionCounts(tab, "", nil) {
		if fc.Value == "" {
			continue
		}
		rows, err := Filters{{Key: FilterExtension, Values: []string{fc.Value}}}.Rows(tab, FilterOptions{})
		if err != nil || len(rows) != fc.Count {
			t.Errorf("extension=%s keeps %d rows (%v), facet says %d", fc.Value, len(rows), err, fc.Count)
		}
	}
}

func TestFileExtension(t *testing.T) {
	tests := map[string]string{
		"jw01_cal.fits":         "fits",
		"X.FITS.GZ":             "fits.gz",
		"data.tar.gz":           "tar.gz",
		"hlsp_x_v1.0_spec.fits": "fits",
		"hlsp_x_v1.0.gz":        "gz",
		"img.fits.fz":           "fits.fz",
		"a_asn.json":            "json",
		"noext":                 "",
		".hidden":               "",
		"trailing.":             "",
		"dir.d/file":            "",
		`a\b.c\x.JPG`:           "jpg",
		"":                      "",
	}
	for in, want := range tests {
		if got := FileExtension(in); got != want {
			t.Errorf("FileExtension(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFacetsWithoutForPanel(t *testing.T) {
	// The panel counts each productType toggle under all the other filters.
	tab := productTable()
	fs := mustFilters(t, "productType=SCIENCE", "extension=fits")
	rows, err := fs.Without("productType").Rows(tab, FilterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := FacetCounts(tab, "productType", rows)
	want := []FacetCount{{"SCIENCE", 5}, {"CALIBRATION", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facets under other filters = %v, want %v", got, want)
	}
}

// BenchmarkFacetCounts100k is one panel refresh's facet work on a 100k-row list: the
// facets a products panel shows (two string columns, a small int column, extensions).
func BenchmarkFacetCounts100k(b *testing.B) {
	tab := bigProductTable(100_000)
	b.ReportAllocs()
	for b.Loop() {
		_ = FacetCounts(tab, "productType", nil)
		_ = FacetCounts(tab, "productGroupDescription", nil)
		_ = FacetCounts(tab, "calib_level", nil)
		_ = ExtensionCounts(tab, "", nil)
	}
}

// BenchmarkFacetCountsDistinct100k is the worst case: an int column whose 100k values
// are nearly all distinct (size), so the result itself has ~100k entries.
func BenchmarkFacetCountsDistinct100k(b *testing.B) {
	tab := bigProductTable(100_000)
	b.ReportAllocs()
	for b.Loop() {
		_ = FacetCounts(tab, "size", nil)
	}
}
