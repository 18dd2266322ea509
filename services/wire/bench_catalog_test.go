package wire

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// ticPage writes a deterministic Mast.Catalogs.Tess.Cone page of n rows at TIC width
// (about a hundred columns, most of them numbers, many null; ID a number typed "string").
func ticPage(n int) []byte {
	r := rand.New(rand.NewPCG(189844423, 50000))
	const floats = 88
	var b strings.Builder
	b.Grow(n * 2600)
	b.WriteString(`{"status": "COMPLETE", "msg": "", "data": [`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"ID": %d, "version": "20190415", "HIP": null, "TYC": %s, "TWOMASS": "16570%04d-0406%03d", `+
			`"objType": "STAR", "typeSrc": "tmgaia2", "lumclass": %q, "objID": %d`,
			189844423+i, map[bool]string{true: `"3852-00429-1"`, false: "null"}[r.IntN(5) == 0], r.IntN(10000), r.IntN(1000),
			[]string{"DWARF", "GIANT"}[r.IntN(2)], 150848150+r.IntN(1e6))
		for k := 0; k < floats; k++ {
			if r.IntN(4) == 0 {
				fmt.Fprintf(&b, `, "f%d": null`, k)
				continue
			}
			fmt.Fprintf(&b, `, "f%d": %s`, k, strconv.FormatFloat(r.Float64()*300, 'g', -1, 64))
		}
		b.WriteString(`, "dstArcSec": ` + strconv.FormatFloat(r.Float64()*72, 'g', -1, 64) + "}")
	}
	b.WriteString(`], "fields": [{"name": "ID", "type": "string"}, {"name": "version", "type": "string"}, {"name": "HIP", "type": "int"}, ` +
		`{"name": "TYC", "type": "string"}, {"name": "TWOMASS", "type": "string"}, {"name": "objType", "type": "string"}, ` +
		`{"name": "typeSrc", "type": "string"}, {"name": "lumclass", "type": "string"}, {"name": "objID", "type": "long"}`)
	for k := 0; k < floats; k++ {
		fmt.Fprintf(&b, `, {"name": "f%d", "type": "float"}`, k)
	}
	fmt.Fprintf(&b, `, {"name": "dstArcSec", "type": "float"}], "paging": {"page": 1, "pageSize": 50000, "pagesFiltered": 1, "rows": %d, "rowsFiltered": %d, "rowsTotal": %d}}`, n, n, n)
	return []byte(b.String())
}

// BenchmarkDecodeTIC50k decodes a 50,000-row TIC-width catalog page; testdata/bench
// compares it with astroquery decoding the same bytes (decode_vs_astroquery.py).
func BenchmarkDecodeTIC50k(b *testing.B) {
	body := ticPage(50000)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r, err := Decode(body, Options{})
		if err != nil || r.Table.Rows() != 50000 {
			b.Fatalf("decode: %v", err)
		}
	}
}

// TestWriteTICPage writes the benchmark's page for astroquery to decode (only when
// MASTUI_BENCH_TIC_PAGE names a file).
func TestWriteTICPage(t *testing.T) {
	path := os.Getenv("MASTUI_BENCH_TIC_PAGE")
	if path == "" {
		t.Skip("MASTUI_BENCH_TIC_PAGE not set")
	}
	if err := os.WriteFile(path, ticPage(50000), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTICPageKeepsIDsExact(t *testing.T) {
	r, err := Decode(ticPage(3), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if id := r.Table.Col("ID"); id.Str[2] != "189844425" || r.Table.Col("objID").Kind.String() != "int" || len(r.Table.Columns) != 98 {
		t.Fatalf("ID %q, columns %d", id.Str[2], len(r.Table.Columns))
	}
}
