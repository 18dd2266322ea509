package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mastui/services/testmode"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"mastui/model"
)

// caomFields is the Mast.Caom.Cone field list, in MAST's order.
func caomFields() []Field {
	return []Field{
		{"intentType", "string"}, {"obs_collection", "string"}, {"provenance_name", "string"},
		{"instrument_name", "string"}, {"project", "string"}, {"filters", "string"},
		{"wavelength_region", "string"}, {"target_name", "string"}, {"target_classification", "string"},
		{"obs_id", "string"}, {"s_ra", "float"}, {"s_dec", "float"}, {"dataproduct_type", "string"},
		{"proposal_pi", "string"}, {"calib_level", "int"}, {"t_min", "float"}, {"t_max", "float"},
		{"t_exptime", "float"}, {"em_min", "float"}, {"em_max", "float"}, {"obs_title", "string"},
		{"t_obs_release", "float"}, {"proposal_id", "string"}, {"proposal_type", "string"},
		{"sequence_number", "int"}, {"s_region", "string"}, {"jpegURL", "string"}, {"dataURL", "string"},
		{"dataRights", "string"}, {"mtFlag", "boolean"}, {"srcDen", "float"}, {"obsid", "string"},
		{"objID", "string"}, {"distance", "float"}, {"_selected_", "boolean"},
	}
}

// caomPage writes a deterministic, realistic Mast.Caom.Cone page of n rows
// (~1 KB per row, like MAST's answers: ", " and ": " separators).
func caomPage(n int) []byte {
	r := rand.New(rand.NewPCG(2003738726, 50000))
	pick := func(s ...string) string { return s[r.IntN(len(s))] }
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) } // Python's repr
	fd := func(v float64, d int) string { return strconv.FormatFloat(v, 'f', d, 64) }
	var b strings.Builder
	b.Grow(n * 1000)
	b.WriteString(`{"status": "COMPLETE", "msg": "", "data": [`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		coll := pick("HST", "HST", "TESS", "JWST", "GALEX", "SWIFT", "IUE", "PS1")
		obsID := fmt.Sprintf("%s%07d", strings.ToLower(coll[:2]), r.IntN(10000000))
		product := pick("image", "image", "spectrum", "timeseries", "cube")
		jpeg := "null"
		if product == "image" {
			jpeg = strconv.Quote("mast:" + coll + "/product/" + obsID + "_drz.jpg")
		}
		ra, dec := r.Float64()*360, r.Float64()*180-90
		tmin := math.Round((48000+r.Float64()*12000)*1e8) / 1e8
		exp := float64(r.IntN(300000)) / 100
		emin := 1e-7 + r.Float64()*1e-6
		g10 := func(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }
		var poly strings.Builder
		poly.WriteString("POLYGON ICRS")
		for k := 0; k < 4; k++ {
			fmt.Fprintf(&poly, " %.5f %.5f", ra+r.Float64()*0.05, dec+r.Float64()*0.05)
		}
		srcDen := "null"
		if r.IntN(3) > 0 {
			srcDen = f(float64(r.IntN(100000)) / 10)
		}
		seq := "null"
		if r.IntN(4) == 0 {
			seq = strconv.Itoa(r.IntN(100))
		}
		title := pick("A Snapshot Survey of ", "Probing the CGM of ", "Ultraviolet Spectra of ", "") +
			pick("Nearby Galaxies", "Star-Forming Dwarf Galaxies", "Massive Stars \u00e9tude", "Quasar Absorbers")
		fmt.Fprintf(&b, `{"intentType": %q, "obs_collection": %q, "provenance_name": %q, "instrument_name": %q, `+
			`"project": %q, "filters": %q, "wavelength_region": %q, "target_name": %q, "target_classification": %q, `+
			`"obs_id": %q, "s_ra": %s, "s_dec": %s, "dataproduct_type": %q, "proposal_pi": %q, "calib_level": %d, `+
			`"t_min": %s, "t_max": %s, "t_exptime": %s, "em_min": %s, "em_max": %s, "obs_title": %q, `+
			`"t_obs_release": %s, "proposal_id": %q, "proposal_type": %q, "sequence_number": %s, "s_region": %q, `+
			`"jpegURL": %s, "dataURL": %q, "dataRights": %q, "mtFlag": %v, "srcDen": %s, "obsid": %d, `+
			`"objID": %d, "distance": %s, "_selected_": null}`,
			pick("science", "science", "calibration"), coll, pick("CALWF3", "CALACS", "SPOC", "CALJWST", ""),
			pick("WFC3/UVIS", "ACS/WFC", "Photometer", "NIRCAM/IMAGE", "STIS/CCD"), pick("HST", "TESS", "JWST", "HLA"),
			pick("F606W", "F814W;F606W", "TESS", "F200W", "CLEAR"), pick("OPTICAL", "UV", "INFRARED", "Optical;Infrared"),
			fmt.Sprintf("%s-%d", pick("NGC", "M", "HD", "TIC", "ANY"), r.IntN(100000)),
			pick("GALAXY;SPIRAL", "STAR;VARIABLE", "", "CLUSTER;GLOBULAR"), obsID, fd(ra, 9), fd(dec, 9),
			product, pick("Smith, John", "Dalcanton, Julianne", "Ricker, George", ""),
			r.IntN(4), fd(tmin, 8), fd(tmin+exp/86400, 8), f(exp), g10(emin), g10(emin+r.Float64()*1e-6), title,
			fd(tmin+365+r.Float64(), 8), strconv.Itoa(10000+r.IntN(90000)), pick("GO", "GTO", "CAL", "SNAP", ""), seq,
			poly.String(), jpeg, "mast:"+coll+"/product/"+obsID+"_drz.fits",
			pick("PUBLIC", "PUBLIC", "EXCLUSIVE_ACCESS"), r.IntN(5) == 0, srcDen, 2000000000+r.IntN(1000000000),
			4365646553433558144+r.Int64N(1<<40), fd(r.Float64()*0.2, 6))
	}
	b.WriteString(`], "fields": [`)
	for i, fd := range caomFields() {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"name": %q, "type": %q}`, fd.Name, fd.Type)
	}
	fmt.Fprintf(&b, `], "paging": {"page": 1, "pageSize": 50000, "pagesFiltered": 3, "rows": %d, "rowsFiltered": 123456, "rowsTotal": 123456}}`, n)
	// MAST (Python's json.dumps) escapes every non-ASCII character.
	return bytes.ReplaceAll([]byte(b.String()), []byte("é"), []byte(`\u00e9`))
}

func caomOpts() Options { return Options{IgnoreValues: map[string]string{"distance": "0"}} }

func BenchmarkDecodeCAOM50k(b *testing.B) {
	body, opts := caomPage(50000), caomOpts() // b.Loop runs this setup once, untimed
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r, err := Decode(body, opts)
		if err != nil || r.Table.Rows() != 50000 {
			b.Fatalf("decode: %v", err)
		}
	}
}

func BenchmarkDecodeCAOM50kEncodingJSON(b *testing.B) {
	body := caomPage(50000)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var v struct {
			Data []map[string]any `json:"data"`
		}
		if err := json.Unmarshal(body, &v); err != nil || len(v.Data) != 50000 {
			b.Fatalf("decode: %v", err)
		}
	}
}

func TestCAOMPageMatchesReferenceSweep(t *testing.T) {
	testmode.Sweep(t)
	body := caomPage(2000)
	got, err := Decode(body, caomOpts())
	if err != nil {
		t.Fatal(err)
	}
	want, err := decodeReference(body, caomOpts())
	if err != nil {
		t.Fatal(err)
	}
	if err := sameResponse(got, want); err != nil {
		t.Fatal(err)
	}
	if got.Table.Rows() != 2000 || len(got.Table.Columns) != 34 {
		t.Fatalf("got %d rows, %d columns", got.Table.Rows(), len(got.Table.Columns))
	}
}

// BenchmarkDecodeCAOM50kSegments decodes the page as the CLI reads a big answer: in
// blocks cut between rows (DecodeSegments), with no joined copy, on huge pages.
func BenchmarkDecodeCAOM50kSegments(b *testing.B) {
	body, opts := caomPage(50000), caomOpts()
	opts.HugePages = true
	segs := cutBlocks(body, 4<<20)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r, err := DecodeSegments(segs, opts)
		if err != nil || r.Table.Rows() != 50000 {
			b.Fatalf("decode: %v", err)
		}
	}
}

// panstarrsPage writes a deterministic PanSTARRS dr2/mean answer of n rows as the
// catalogs API sends it (protocol 7.2): `info` first, rows as lists in its order, long
// ids as strings, -999 for missing values. cols is the number of columns (the real
// mean table has 124; the default answer of the seed examples about 60).
func panstarrsPage(n, cols int) ([]byte, []Field) {
	r := rand.New(rand.NewPCG(147030059812483022, uint64(n)))
	fields := []Field{{"objName", "char"}, {"objID", "long"}, {"raMean", "double"}, {"decMean", "double"},
		{"nDetections", "short"}, {"nStackDetections", "short"}, {"objInfoFlag", "int"}, {"qualityFlag", "unsignedByte"}}
	for len(fields) < cols-1 {
		band := "grizy"[len(fields)%5 : len(fields)%5+1]
		switch len(fields) % 4 {
		case 0:
			fields = append(fields, Field{fmt.Sprintf("%sMeanPSFMag%d", band, len(fields)), "float"})
		case 1:
			fields = append(fields, Field{fmt.Sprintf("%sMeanPSFMagErr%d", band, len(fields)), "float"})
		case 2:
			fields = append(fields, Field{fmt.Sprintf("%sMeanPSFMagNpt%d", band, len(fields)), "short"})
		default:
			fields = append(fields, Field{fmt.Sprintf("%sFlags%d", band, len(fields)), "int"})
		}
	}
	fields = append(fields, Field{"distance", "double"})
	var b strings.Builder
	b.Grow(n * cols * 10)
	b.WriteString(`{"info": [`)
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"name": %q, "type": %q, "db_type": "REAL", "description": "A column."}`, f.Name, f.Type)
	}
	b.WriteString(`], "data": [`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		ra, dec := 158.4+r.Float64()*0.2, -7.4+r.Float64()*0.2
		fmt.Fprintf(&b, `["PSO J%08.4f%+08.4f", "%d", %s, %s, %d, %d, %d, %d`, ra, dec,
			107000000000000000+r.Int64N(1e16), strconv.FormatFloat(ra, 'g', -1, 64), strconv.FormatFloat(dec, 'g', -1, 64),
			r.IntN(80), r.IntN(8), r.IntN(1<<20), r.IntN(64))
		for _, f := range fields[8 : len(fields)-1] {
			switch {
			case r.IntN(5) == 0:
				b.WriteString(", -999")
			case f.Type == "float":
				b.WriteString(", " + strconv.FormatFloat(14+r.Float64()*8, 'g', -1, 32)) // REAL: float32's shortest text
			default:
				b.WriteString(", " + strconv.Itoa(r.IntN(200)))
			}
		}
		fmt.Fprintf(&b, ", %s]", strconv.FormatFloat(r.Float64()*0.1, 'g', -1, 64))
	}
	b.WriteString("]}")
	return []byte(b.String()), fields
}

func panstarrsOpts() Options {
	return Options{FieldsKey: "info", PositionalRows: true, NumericIgnoreValue: "-999", WantTable: true, Service: "panstarrs dr2/mean"}
}

// BenchmarkDecodePanstarrs50k decodes a 50,000-row PanSTARRS page of the full mean
// table; PANSTARRS_PAGE_OUT=path also writes the page there, so that astroquery's
// decoding can be timed on the same bytes (testdata/bench/decode_vs_astroquery.py).
func BenchmarkDecodePanstarrs50k(b *testing.B) {
	body, _ := panstarrsPage(50000, 124)
	if out := os.Getenv("PANSTARRS_PAGE_OUT"); out != "" {
		if err := os.WriteFile(out, body, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	opts := panstarrsOpts()
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r, err := Decode(body, opts)
		if err != nil || r.Table.Rows() != 50000 || len(r.Table.Columns) != 124 {
			b.Fatalf("decode: %v", err)
		}
	}
}

func TestPanstarrsPageMatchesReferenceSweep(t *testing.T) {
	testmode.Sweep(t)
	body, fields := panstarrsPage(3000, 124)
	got, err := Decode(body, panstarrsOpts())
	if err != nil {
		t.Fatal(err)
	}
	want, err := decodeReference(body, panstarrsOpts())
	if err != nil {
		t.Fatal(err)
	}
	if err := sameResponse(got, want); err != nil {
		t.Fatal(err)
	}
	if got.Table.Rows() != 3000 || len(got.Table.Columns) != len(fields) {
		t.Fatalf("got %d rows, %d columns", got.Table.Rows(), len(got.Table.Columns))
	}
	// Long ids sent as strings stay exact; -999 is masked.
	id := got.Table.Col("objID")
	if id.Kind != model.KindInt || id.Int[0] < 1<<53 || strconv.FormatInt(id.Int[0], 10) != firstID(body) {
		t.Errorf("objID %v, want %s exactly", id.Int[0], firstID(body))
	}
	masked := 0
	for _, c := range got.Table.Columns[8:] {
		for r := range c.Len() {
			if c.IsMasked(r) {
				masked++
				if c.Kind == model.KindFloat && c.Float[r] != -999 || c.Kind == model.KindInt && c.Int[r] != -999 {
					t.Fatalf("%s row %d masked but not -999", c.Name, r)
				}
			}
		}
	}
	if masked == 0 {
		t.Error("no -999 value masked")
	}
}

// firstID is the first row's objID as sent.
func firstID(body []byte) string {
	_, rest, _ := strings.Cut(string(body), `"data": [["`)
	_, rest, _ = strings.Cut(rest, `", "`)
	id, _, _ := strings.Cut(rest, `"`)
	return id
}
