package model

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// productTable is a small CAOM-like product list covering every column kind, masked
// cells, NaN, mixed-case values and file names:
//
//	row filename               type         group     size      exptime calib public
//	0   jw01_nrca1_cal.fits    SCIENCE      MRP       14400     100.5   2     true
//	1   jw01_nrca1_uncal.fits  SCIENCE      Other     20000     200     1     true
//	2   jw01_nrca1_i2d.FITS    SCIENCE      MRP       500       NaN     3     false
//	3   jw01_gs-fg_cal.fits    CALIBRATION  (masked)  1000      -3      2     (masked)
//	4   jw01_asn.json          AUXILIARY    MRP       1500      0       1     true
//	5   preview.jpg            PREVIEW      MRP       (masked)  1e6     1     false
//	6   (masked)               INFO         mrp lc    100       -5      3     true
//	7   hst_x.fits.gz          calibration  MRP       17280     -1      2     true
//	8   hlsp_x_v1.0_spec.fits  science      Other     14400     5.5     3     true
//	9   JW01_GS-ID_RAW.FITS    SCIENCE      Other     25000000  7       1     false
func productTable() *Table {
	const mrp, other = MRPDescription, "Other"
	file := &Column{Name: "productFilename", Kind: KindString, Str: []string{
		"jw01_nrca1_cal.fits", "jw01_nrca1_uncal.fits", "jw01_nrca1_i2d.FITS", "jw01_gs-fg_cal.fits",
		"jw01_asn.json", "preview.jpg", "", "hst_x.fits.gz", "hlsp_x_v1.0_spec.fits", "JW01_GS-ID_RAW.FITS",
	}, Masked: []bool{6: true, 9: false}}
	ptype := &Column{Name: "productType", Kind: KindString, Str: []string{
		"SCIENCE", "SCIENCE", "SCIENCE", "CALIBRATION", "AUXILIARY", "PREVIEW", "INFO", "calibration", "science", "SCIENCE",
	}}
	group := &Column{Name: "productGroupDescription", Kind: KindString, Str: []string{
		mrp, other, mrp, "", mrp, mrp, "Minimum recommended products", mrp, other, other,
	}, Masked: []bool{3: true, 9: false}}
	size := &Column{Name: "size", Kind: KindInt, Int: []int64{
		14400, 20000, 500, 1000, 1500, 0, 100, 17280, 14400, 25000000,
	}, Masked: []bool{5: true, 9: false}}
	exptime := &Column{Name: "exptime", Kind: KindFloat, Float: []float64{
		100.5, 200, math.NaN(), -3, 0, 1e6, -5, -1, 5.5, 7,
	}}
	calib := &Column{Name: "calib_level", Kind: KindInt, Int: []int64{2, 1, 3, 2, 1, 1, 3, 2, 3, 1}}
	public := &Column{Name: "public", Kind: KindBool, Bool: []bool{
		true, true, false, false, true, false, true, true, true, false,
	}, Masked: []bool{3: true, 9: false}}
	return NewTable(file, ptype, group, size, exptime, calib, public)
}

func mustFilters(t *testing.T, specs ...string) Filters {
	t.Helper()
	fs := make(Filters, 0, len(specs))
	for _, s := range specs {
		f, err := ParseFilter(s)
		if err != nil {
			t.Fatalf("ParseFilter(%q): %v", s, err)
		}
		fs = append(fs, f)
	}
	return fs
}

func TestFilterRows(t *testing.T) {
	tab := productTable()
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	tests := []struct {
		name    string
		filters []string
		want    []int
	}{
		{"no filters keep everything", nil, all},
		// Protocol section 10 examples.
		{"(A or B) and not C", []string{"productType=SCIENCE,PREVIEW,!CALIBRATION"}, []int{0, 1, 2, 5, 8, 9}},
		{"positive and negation of the same value", []string{"productType=SCIENCE,AUXILIARY,!science"}, []int{4}},
		{"only negations", []string{"productType=!SCIENCE,!INFO"}, []int{3, 4, 5, 7}},
		{"string equality ignores case", []string{"productType=sCiEnCE"}, []int{0, 1, 2, 8, 9}},
		{"string equality is not substring", []string{"productType=SCI"}, []int{}},
		{"size != 14400 and < 20000", []string{"size=!14400,<20000"}, []int{2, 3, 4, 6, 7}},
		{"OR of number, range, comparison", []string{"size=100,500..1000,>=17280"}, []int{1, 2, 3, 6, 7, 9}},
		{"negated range", []string{"size=!14400..17280"}, []int{1, 2, 3, 4, 5, 6, 9}},
		{"negated comparison", []string{"size=!<15000"}, []int{1, 5, 7, 9}},
		{"> and <=", []string{"size=>1500", "size=<=17280"}, []int{0, 7, 8}},
		// Units.
		{"KB", []string{"size=<20KB"}, []int{0, 2, 3, 4, 6, 7, 8}},
		{"k", []string{"size=<15k"}, []int{0, 2, 3, 4, 6, 8}},
		{"MB", []string{"size=>=25MB"}, []int{9}},
		{"GB with space and fraction", []string{"size=>=0.02 GB"}, []int{9}},
		{"KiB is 1024", []string{"size=>1KiB"}, []int{0, 1, 4, 7, 8, 9}},
		{"equality with unit", []string{"size=20 kb"}, []int{1}},
		{"range with units", []string{"size=1kb..15KB"}, []int{0, 3, 4, 8}},
		// Floats: signed ranges, NaN behaves as masked.
		{"negative range", []string{"exptime=-5..-1"}, []int{3, 6, 7}},
		{"NaN fails positives", []string{"exptime=>=0"}, []int{0, 1, 4, 5, 8, 9}},
		{"NaN passes negations", []string{"exptime=!<0"}, []int{0, 1, 2, 4, 5, 8, 9}},
		{"float equality", []string{"exptime=5.5,1e6"}, []int{5, 8}},
		{"int equality", []string{"calib_level=3"}, []int{2, 6, 8}},
		// Masked cells: fail every positive, pass every negation.
		{"masked int fails positive", []string{"size=>=0"}, []int{0, 1, 2, 3, 4, 6, 7, 8, 9}},
		{"masked int passes negation", []string{"size=!14400"}, []int{1, 2, 3, 4, 5, 6, 7, 9}},
		{"masked string fails positive", []string{"productGroupDescription=Other"}, []int{1, 8, 9}},
		{"masked string passes negation", []string{"productGroupDescription=!Other"}, []int{0, 2, 3, 4, 5, 6, 7}},
		// Bools.
		{"bool true", []string{"public=true"}, []int{0, 1, 4, 6, 7, 8}},
		{"bool negation keeps masked", []string{"public=!true"}, []int{2, 3, 5, 9}},
		{"bool yes/0", []string{"public=yes,0"}, []int{0, 1, 2, 4, 5, 6, 7, 8, 9}},
		// extension: plain case-insensitive suffix, no dot implied, masked never matches.
		{"fits is not fits.gz", []string{"extension=fits"}, []int{0, 1, 2, 3, 8, 9}},
		{"fits.gz", []string{"extension=fits.gz"}, []int{7}},
		{"fits or fits.gz", []string{"extension=fits,fits.gz"}, []int{0, 1, 2, 3, 7, 8, 9}},
		{"gz suffix", []string{"extension=GZ"}, []int{7}},
		{"dot allowed", []string{"extension=.json"}, []int{4}},
		{"negated extension keeps masked name", []string{"extension=!fits"}, []int{4, 5, 6, 7}},
		// mrp_only: exact, case-sensitive description; masked never.
		{"mrp_only true", []string{"mrp_only=true"}, []int{0, 2, 4, 5, 7}},
		{"mrp_only yes", []string{"mrp_only=YES"}, []int{0, 2, 4, 5, 7}},
		{"mrp_only false keeps all", []string{"mrp_only=false"}, all},
		// guide_stars (mastui).
		{"guide stars hidden", []string{"guide_stars=false"}, []int{0, 1, 2, 4, 5, 6, 7, 8}},
		{"guide stars shown", []string{"guide_stars=true"}, all},
		// name (mastui): substring, or anchored glob with * and ?.
		{"name substring", []string{"name=nrca1"}, []int{0, 1, 2}},
		{"name substring ignores case", []string{"name=NRCA1_CAL"}, []int{0}},
		{"name glob suffix", []string{"name=*_cal.fits"}, []int{0, 3}},
		{"name glob ?", []string{"name=jw01_nrca1_???.fits"}, []int{0, 2}},
		{"name glob is anchored", []string{"name=jw01*"}, []int{0, 1, 2, 3, 4, 9}},
		{"name glob middle", []string{"name=jw*json"}, []int{4}},
		{"name negation keeps masked", []string{"name=!jw01"}, []int{5, 6, 7, 8}},
		{"name glob and negated glob", []string{"name=*.fits,!*gs-*"}, []int{0, 1, 2, 8}},
		// Keys: AND'd, case-insensitive fallback, repeats AND'd.
		{"keys AND'd", []string{"productType=SCIENCE", "extension=fits", "size=<20000"}, []int{0, 2, 8}},
		{"column case fallback", []string{"PRODUCTTYPE=PREVIEW"}, []int{5}},
		{"special key case", []string{"Extension=json"}, []int{4}},
		{"repeated key AND'd", []string{"productType=SCIENCE", "productType=!science"}, []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mustFilters(t, tt.filters...).Rows(tab, FilterOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%v: rows = %v, want %v", tt.filters, got, tt.want)
			}
		})
	}
}

func TestFilterRowsErrors(t *testing.T) {
	tab := productTable()
	tests := []struct {
		filter string
		want   string
	}{
		{"productTyp=SCIENCE", `column "productTyp" not found in product table: did you mean "productType"?`},
		{"sise=<5", `column "sise" not found in product table: did you mean "size"?`},
		{"extention=fits", `column "extention" not found in product table: did you mean "extension"?`},
		{"wibble=3", `column "wibble" not found in product table`},
		{"size=abc", `could not parse numeric filter "abc" for column "size"`},
		{"size=!abc", `could not parse numeric filter "!abc" for column "size"`},
		{"SIZE=<20XB", `could not parse numeric filter "<20XB" for column "size"`},
		{"size=1..", `could not parse numeric filter "1.." for column "size"`},
		{"size=nan", `could not parse numeric filter "nan" for column "size"`},
		{"exptime=>=inf", `could not parse numeric filter ">=inf" for column "exptime"`},
		{"public=maybe", `could not parse boolean filter "maybe" for column "public" (want true or false)`},
		{"mrp_only=perhaps", `filter "mrp_only=perhaps": mrp_only takes one of true/false/yes/no/1/0`},
		{"mrp_only=true,false", `filter "mrp_only=true,false": mrp_only takes one of true/false/yes/no/1/0`},
		{"guide_stars=!true", `filter "guide_stars=!true": guide_stars takes one of true/false/yes/no/1/0`},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			_, err := mustFilters(t, tt.filter).Rows(tab, FilterOptions{})
			if err == nil {
				t.Fatalf("want error %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q\nwant    %q", err, tt.want)
			}
			var fe *FilterError
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *FilterError", err)
			}
		})
	}
	// A later bad filter fails the whole call rather than returning partial rows.
	if rows, err := mustFilters(t, "productType=SCIENCE", "size=abc").Rows(tab, FilterOptions{}); err == nil || rows != nil {
		t.Errorf("rows=%v err=%v, want nil rows and an error", rows, err)
	}
}

func TestFilterNeedsColumns(t *testing.T) {
	noGroup := NewTable(&Column{Name: "productFilename", Kind: KindString, Str: []string{"a.fits"}})
	if _, err := mustFilters(t, "mrp_only=true").Rows(noGroup, FilterOptions{}); err == nil ||
		err.Error() != `column "productGroupDescription" not found in product table (needed by mrp_only)` {
		t.Errorf("mrp_only without the column: %v", err)
	}
	// mrp_only=false needs nothing.
	if rows, err := mustFilters(t, "mrp_only=false").Rows(noGroup, FilterOptions{}); err != nil || len(rows) != 1 {
		t.Errorf("mrp_only=false: %v %v", rows, err)
	}
	noName := NewTable(&Column{Name: "size", Kind: KindInt, Int: []int64{1}})
	if _, err := mustFilters(t, "extension=fits").Rows(noName, FilterOptions{}); err == nil ||
		err.Error() != `column "filename" not found in product table (needed by extension)` {
		t.Errorf("extension without a file name column: %v", err)
	}
	if _, err := mustFilters(t, "name=x").Rows(noName, FilterOptions{FilenameColumn: "size"}); err == nil ||
		!strings.Contains(err.Error(), `column "size" is int, not a file name`) {
		t.Errorf("numeric file name column: %v", err)
	}
}

func TestFilterMastMissionsFilenameColumn(t *testing.T) {
	// MastMissions product lists name the file "filename"; productFilename here is a decoy
	// only used when explicitly chosen.
	tab := NewTable(
		&Column{Name: "filename", Kind: KindString, Str: []string{"ib1f01_flt.fits", "ib1f01_drz.fits", "ib1f01_spt.txt"}},
		&Column{Name: "other", Kind: KindString, Str: []string{"x.txt", "x.txt", "x.fits"}},
	)
	for _, opts := range []FilterOptions{{}, {FilenameColumn: "filename"}} {
		got, err := mustFilters(t, "extension=fits", "name=!drz").Rows(tab, opts)
		if err != nil || !reflect.DeepEqual(got, []int{0}) {
			t.Errorf("opts %+v: rows %v err %v, want [0]", opts, got, err)
		}
	}
	got, err := mustFilters(t, "extension=fits").Rows(tab, FilterOptions{FilenameColumn: "other"})
	if err != nil || !reflect.DeepEqual(got, []int{2}) {
		t.Errorf("explicit column: rows %v err %v, want [2]", got, err)
	}
}

func TestFilterApply(t *testing.T) {
	tab := productTable()
	out, err := mustFilters(t, "mrp_only=true", "extension=fits").Apply(tab, FilterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Col("productFilename").Str; !reflect.DeepEqual(got, []string{"jw01_nrca1_cal.fits", "jw01_nrca1_i2d.FITS"}) {
		t.Errorf("applied names = %v", got)
	}
	if tab.Rows() != 10 {
		t.Errorf("Apply changed its input: %d rows", tab.Rows())
	}
	if rows, err := mustFilters(t, "size=1").Rows(nil, FilterOptions{}); rows != nil || err != nil {
		t.Errorf("nil table: %v %v", rows, err)
	}
}

func TestParseFilter(t *testing.T) {
	tests := []struct {
		in   string
		want Filter
	}{
		{"productType=SCIENCE,CALIBRATION", Filter{"productType", []string{"SCIENCE", "CALIBRATION"}}},
		{"size=<20000", Filter{"size", []string{"<20000"}}},
		{"size=!14400,<20000", Filter{"size", []string{"!14400", "<20000"}}},
		{"extension=fits,fits.gz", Filter{"extension", []string{"fits", "fits.gz"}}},
		{"mrp_only=true", Filter{"mrp_only", []string{"true"}}},
		{"  size = >=1.5 GB , ! 5 ", Filter{"size", []string{">=1.5 GB", "! 5"}}},
		{"name=a=b", Filter{"name", []string{"a=b"}}},
	}
	for _, tt := range tests {
		got, err := ParseFilter(tt.in)
		if err != nil {
			t.Errorf("ParseFilter(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseFilter(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestParseFilterErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=x", `filter "=x": missing column name before '='`},
		{"key=", `filter "key=": missing value after '='`},
		{"key=  ", `filter "key=": missing value after '='`},
		{"productType", `filter "productType": missing '=' (want KEY=VALUE, e.g. productType=SCIENCE)`},
		{"size<5", `filter "size<5": missing '=': did you mean "size=<5"?`},
		{"size>=5", `filter "size>=5": the comparison goes after '=': did you mean "size=>=5"?`},
		{"size!=5", `filter "size!=5": the comparison goes after '=': did you mean "size=!5"?`},
		{"a=x,,y", `filter "a=x,,y": empty value in the comma-separated list`},
		{"a=x,", `filter "a=x,": empty value in the comma-separated list`},
		{"a=!", `filter "a=!": '!' must be followed by a value`},
	}
	for _, tt := range tests {
		_, err := ParseFilter(tt.in)
		if err == nil {
			t.Errorf("ParseFilter(%q): want error %q", tt.in, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("ParseFilter(%q) error = %q\nwant %q", tt.in, err, tt.want)
		}
	}
}

func TestFiltersStringRoundTrip(t *testing.T) {
	specs := []string{
		"productType=SCIENCE,!PREVIEW",
		"size=>=1.5 GB,!14400",
		"extension=fits,fits.gz",
		"name=*_cal.fits",
		"mrp_only=true",
		"exptime=-5..-1",
	}
	fs := mustFilters(t, specs...)
	s := fs.String()
	if want := strings.Join(specs, " "); s != want {
		t.Errorf("String() = %q, want %q", s, want)
	}
	back, err := ParseFilters(s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, fs) {
		t.Errorf("round trip:\n got %#v\nwant %#v", back, fs)
	}
	for _, f := range fs {
		one, err := ParseFilter(f.String())
		if err != nil || !reflect.DeepEqual(one, f) {
			t.Errorf("ParseFilter(%q) = %#v, %v", f.String(), one, err)
		}
	}
	// Filters with no values have no text form and filter nothing.
	if got := (Filters{{Key: "size"}, {Key: "x", Values: []string{"1"}}}).String(); got != "x=1" {
		t.Errorf("String with an empty filter = %q", got)
	}
	if fs, err := ParseFilters("   "); fs != nil || err != nil {
		t.Errorf("ParseFilters(blank) = %v, %v", fs, err)
	}
	for _, bad := range []string{"junk size=1", "productType"} {
		if _, err := ParseFilters(bad); err == nil {
			t.Errorf("ParseFilters(%q): want an error", bad)
		}
	}
}

func TestFiltersWithout(t *testing.T) {
	fs := mustFilters(t, "productType=SCIENCE", "extension=fits", "Extension=json", "size=<5")
	got := fs.Without("extension")
	if want := mustFilters(t, "productType=SCIENCE", "size=<5"); !reflect.DeepEqual(got, want) {
		t.Errorf("Without = %v, want %v", got, want)
	}
	if len(fs) != 4 {
		t.Errorf("Without changed its receiver: %v", fs)
	}
}

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"20", 20, true}, {"-1.5", -1.5, true}, {"1e3", 1000, true}, {"20MB", 20e6, true},
		{"1.5 GB", 1.5e9, true}, {"500k", 500e3, true}, {"500K", 500e3, true}, {"2T", 2e12, true},
		{"1KiB", 1024, true}, {"1 MiB", 1 << 20, true}, {"2GiB", 2 << 30, true}, {"7B", 7, true},
		{"abc", 0, false}, {"", 0, false}, {"MB", 0, false}, {"5e", 0, false}, {"inf", 0, false},
		{"1XB", 0, false}, {"1 2", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseQuantity(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ParseQuantity(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGlobFoldASCII(t *testing.T) {
	tests := []struct {
		s, pat string
		want   bool
	}{
		{"jw01_cal.fits", "*.fits", true},
		{"JW01_CAL.FITS", "*_cal.*", true},
		{"jw01_cal.fits.gz", "*.fits", false},
		{"abc", "a?c", true},
		{"ac", "a?c", false},
		{"aXbXc", "a*b*c", true},
		{"aXbX", "a*b*c", false},
		{"", "*", true},
		{"x", "", false},
		{"héllo", "h?llo", true}, // ? is one character, not one byte
		{"mississippi", "*sip*", true},
	}
	for _, tt := range tests {
		if got := globFoldASCII(tt.s, tt.pat); got != tt.want {
			t.Errorf("glob(%q, %q) = %v, want %v", tt.s, tt.pat, got, tt.want)
		}
	}
}

// bigProductTable is a deterministic 100k-row product list shaped like a JWST one.
func bigProductTable(n int) *Table {
	types := []string{"SCIENCE", "CALIBRATION", "AUXILIARY", "PREVIEW", "INFO", "THUMBNAIL"}
	exts := []string{"_cal.fits", "_uncal.fits", "_i2d.fits", "_asn.json", ".jpg", "_x1d.fits.gz"}
	file := NewColumn("productFilename", KindString, n)
	ptype := NewColumn("productType", KindString, n)
	group := NewColumn("productGroupDescription", KindString, n)
	size := NewColumn("size", KindInt, n)
	calib := NewColumn("calib_level", KindInt, n)
	for i := 0; i < n; i++ {
		calib.Int = append(calib.Int, int64(i%4))
		gs := ""
		if i%11 == 0 {
			gs = "_gs-fg"
		}
		file.Str = append(file.Str, fmt.Sprintf("jw%05d%03d_nrca%d%s%s", i/100, i%100, i%5, gs, exts[(i*7)%len(exts)]))
		ptype.Str = append(ptype.Str, types[(i*3+i/7)%len(types)])
		if i%4 == 0 {
			group.Str = append(group.Str, MRPDescription)
		} else {
			group.Str = append(group.Str, "")
		}
		size.Int = append(size.Int, int64((i*7919)%60_000_000))
	}
	size.SetMasked(17)
	return NewTable(file, ptype, group, size, calib)
}

func benchFilters() []string {
	return []string{"productType=SCIENCE,CALIBRATION", "size=<20MB", "extension=fits,fits.gz", "guide_stars=false"}
}

func TestFilterRowsBigTableAllocatesPerFilterNotPerRow(t *testing.T) {
	tab := bigProductTable(20_000)
	fs := mustFilters(t, benchFilters()...)
	rows, err := fs.Rows(tab, FilterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Cross-check with a direct evaluation of the same predicates.
	var want []int
	for r := 0; r < tab.Rows(); r++ {
		name := tab.Col("productFilename").Str[r]
		pt := tab.Col("productType").Str[r]
		sz := tab.Col("size")
		if (pt == "SCIENCE" || pt == "CALIBRATION") && !sz.IsMasked(r) && sz.Int[r] < 20e6 &&
			(strings.HasSuffix(name, "fits") || strings.HasSuffix(name, "fits.gz")) && !strings.Contains(name, "_gs-") {
			want = append(want, r)
		}
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	allocs := testing.AllocsPerRun(5, func() { _, _ = fs.Rows(tab, FilterOptions{}) })
	if allocs > 40 {
		t.Errorf("Rows allocates %v times per call on 20k rows; want a per-filter constant", allocs)
	}
}

func BenchmarkFilterRows100k(b *testing.B) {
	tab := bigProductTable(100_000)
	fs := make(Filters, 0, len(benchFilters()))
	for _, s := range benchFilters() {
		f, err := ParseFilter(s)
		if err != nil {
			b.Fatal(err)
		}
		fs = append(fs, f)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fs.Rows(tab, FilterOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
