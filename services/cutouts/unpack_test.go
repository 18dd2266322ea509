package cutouts

import (
	"archive/zip"
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"mastui/services/fits"
)

// tpf writes a tiny target pixel file: 2x3 pixels, four cadences; the second is flagged,
// the third has one NaN pixel, the fourth only NaN pixels.
func tpf(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w := fits.NewWriter(&b)
	if err := w.Primary(fits.Header{fits.NewCard("SECTOR", 1, "")}); err != nil {
		t.Fatal(err)
	}
	nan := float32(math.NaN())
	flux := [][]float32{{1, 1, 1, 1, 1, 1}, {9, 9, 9, 9, 9, 9}, {2, 2, nan, 2, 2, 2}, {nan, nan, nan, nan, nan, nan}}
	cols := []fits.Column{{Name: "TIME", Format: 'D'}, {Name: "FLUX", Format: 'E', Repeat: 6, Dims: []int{2, 3}}, {Name: "QUALITY", Format: 'J'}}
	err := w.BinTable("PIXELS", cols, 4, nil, func(i int, r *fits.Row) error {
		r.Float64(1325 + float64(i))
		r.Float32s(flux[i])
		r.Int32([]int32{0, 32, 0, 0}[i])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Image("APERTURE", []int{2, 3}, make([]int32, 6), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func makeZip(t *testing.T, members map[string][]byte, order ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range order {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(members[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func TestUnpackWritesVerifiedMembersAndRemovesTheZip(t *testing.T) {
	root := t.TempDir()
	zipPath := filepath.Join(root, "tesscut_20261205120000.zip")
	data := tpf(t)
	names := []string{"tess-s0001-1-3_324.24368_-27.01029_5x5_astrocut.fits", "tess-s0028-1-3_324.24368_-27.01029_5x5_astrocut.fits"}
	os.WriteFile(zipPath, makeZip(t, map[string][]byte{names[0]: data, names[1]: data}, names...), 0o644)
	out := filepath.Join(root, "out")
	m, err := Unpack(zipPath, out, UnpackOptions{Service: "TESScut"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 2 || m.Files[0] != filepath.Join(out, names[0]) || m.Zip != "" {
		t.Errorf("manifest %+v", m)
	}
	if got := listDir(t, root); strings.Join(got, ",") != "out/"+names[0]+",out/"+names[1] {
		t.Errorf("files %v (the zip must be gone, no .part left)", got)
	}
	for _, f := range m.Files {
		if b, _ := os.ReadFile(f); !bytes.Equal(b, data) {
			t.Errorf("%s differs from the member", f)
		}
	}
	// KeepZip keeps it.
	os.WriteFile(zipPath, makeZip(t, map[string][]byte{names[0]: data}, names[0]), 0o644)
	m, err = Unpack(zipPath, out, UnpackOptions{KeepZip: true})
	if err != nil || m.Zip != zipPath {
		t.Fatalf("%+v %v", m, err)
	}
	if _, err := os.Stat(zipPath); err != nil {
		t.Errorf("kept zip: %v", err)
	}
}

// Member names from the server never put a file outside dir (zip slip).
func TestUnpackZipSlip(t *testing.T) {
	root := t.TempDir()
	data := tpf(t)
	evil := []string{"../../escaped.fits", "/etc/abs.fits", `..\..\win.fits`, "sub/dir/nested.fits", ".hidden.fits"}
	members := map[string][]byte{}
	for _, n := range evil {
		members[n] = data
	}
	out := filepath.Join(root, "a", "b")
	m, err := UnpackBytes(makeZip(t, members, evil...), out, UnpackOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a/b/abs.fits", "a/b/escaped.fits", "a/b/hidden.fits", "a/b/nested.fits", "a/b/win.fits"}
	if got := listDir(t, root); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("files %v, want %v", got, want)
	}
	for _, f := range m.Files {
		if filepath.Dir(f) != out {
			t.Errorf("%s is outside %s", f, out)
		}
	}
	// Two members that sanitize to one name are refused, not overwritten.
	_, err = UnpackBytes(makeZip(t, map[string][]byte{"x/a.fits": data, "y/a.fits": data}, "x/a.fits", "y/a.fits"), t.TempDir(), UnpackOptions{})
	if err == nil || !strings.Contains(err.Error(), "would both be written as a.fits") {
		t.Errorf("duplicate names: %v", err)
	}
}

func TestUnpackRejectsBadZips(t *testing.T) {
	data := tpf(t)
	good := makeZip(t, map[string][]byte{"a.fits": data}, "a.fits")
	// A stored (not deflated) member with a byte flipped in its data: only the CRC-32 can
	// tell.
	var sb bytes.Buffer
	zw := zip.NewWriter(&sb)
	mw, _ := zw.CreateHeader(&zip.FileHeader{Name: "a.fits", Method: zip.Store})
	mw.Write(data)
	zw.Close()
	corrupt := sb.Bytes()
	corrupt[30+len("a.fits")+100] ^= 0xff // inside the member's first card
	cut := good[:len(good)/2]
	for _, c := range []struct {
		name string
		zip  []byte
		want string
	}{
		{"corrupt member", corrupt, "a.fits: corrupt (CRC-32 mismatch)"},
		{"cut short", cut, "not a readable zip"},
		{"not FITS", makeZip(t, map[string][]byte{"b.fits": []byte("<html>error</html>")}, "b.fits"), "not a valid FITS file"},
		{"truncated FITS", makeZip(t, map[string][]byte{"c.fits": data[:len(data)-3000]}, "c.fits"), "cut short"},
		{"unknown type", makeZip(t, map[string][]byte{"run.sh": []byte("rm -rf /")}, "run.sh"), "unexpected file type"},
		{"bad jpg", makeZip(t, map[string][]byte{"d.jpg": []byte("nope")}, "d.jpg"), "not a valid jpg image"},
		{"empty", makeZip(t, nil), "holds no files"},
		{"html", []byte("<html><body>502 Bad Gateway</body></html>"), "not a zip"},
	} {
		dir := t.TempDir()
		zipPath := filepath.Join(dir, "x.zip")
		os.WriteFile(zipPath, c.zip, 0o644)
		_, err := Unpack(zipPath, filepath.Join(dir, "out"), UnpackOptions{Service: "TESScut"})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if got := listDir(t, dir); len(got) != 1 || got[0] != "x.zip" {
			t.Errorf("%s: left %v (want only the zip)", c.name, got)
		}
	}
}

func TestUnpackNoData(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "tesscut.zip")
	os.WriteFile(p, []byte(`{"msg": "Cutout request returned no data: \u001b[31mnothing"}`), 0o644)
	_, err := Unpack(p, dir, UnpackOptions{Service: "TESScut"})
	var nd *NoDataError
	if !errors.As(err, &nd) || nd.Service != "TESScut" || strings.ContainsRune(nd.Msg, 0x1b) || !strings.Contains(nd.Msg, "returned no data") {
		t.Errorf("%#v", err)
	}
	// HAPCut's answer with a non-empty results list is a failure, not "no data".
	err = CheckAnswer("HAPCut", []byte(`{"msg": "failed", "results": ["x"]}`))
	if err == nil || errors.As(err, &nd) {
		t.Errorf("HAPCut with results: %v", err)
	}
	if err := CheckAnswer("HAPCut", []byte(`{"msg": "Missing HAP files for input target. Cutout not performed.", "results": []}`)); !errors.As(err, &nd) {
		t.Errorf("HAPCut no data: %v", err)
	}
}

func TestLightCurve(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tpf.fits")
	os.WriteFile(p, tpf(t), 0o644)
	lc, err := ReadLightCurve(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(lc.Time) != 2 || lc.Time[0] != 1325 || lc.Time[1] != 1327 || lc.Flux[0] != 6 || lc.Flux[1] != 10 || lc.Skipped != 2 || lc.Pixels != [2]int{2, 3} {
		t.Errorf("%+v", lc)
	}
	bad := filepath.Join(t.TempDir(), "img.fits")
	var b bytes.Buffer
	w := fits.NewWriter(&b)
	w.Primary(nil)
	os.WriteFile(bad, b.Bytes(), 0o644)
	if _, err := ReadLightCurve(bad); err == nil || !strings.Contains(err.Error(), "not a target pixel file") {
		t.Errorf("no PIXELS: %v", err)
	}
}
