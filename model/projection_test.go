package model

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/sky")

// projectionCases are known footprints: a field across RA 0, one over the north pole,
// one near the south pole, and an ordinary one.
var projectionCases = []struct {
	name   string
	center SkyPoint
	region string
}{
	{"across RA 0", SkyPoint{0.0, 10}, "POLYGON ICRS 359.9 9.9 0.1 9.9 0.1 10.1 359.9 10.1"},
	{"over the north pole", SkyPoint{0, 90}, "POLYGON 0 89.9 90 89.9 180 89.9 270 89.9"},
	{"near the south pole", SkyPoint{120, -89.95}, "CIRCLE ICRS 300 -89.98 0.05"},
	{"M101", SkyPoint{210.802429, 54.34875}, "POLYGON 210.7 54.3 210.9 54.3 210.9 54.4 210.7 54.4"},
}

func TestProjectionGolden(t *testing.T) {
	var b strings.Builder
	for _, c := range projectionCases {
		shapes, err := ParseRegion(c.region)
		if err != nil {
			t.Fatal(err)
		}
		tp := NewTangent(c.center)
		fmt.Fprintf(&b, "%s (centre %g %g)\n", c.name, c.center.RA, c.center.Dec)
		for _, p := range shapes[0].Outline(8) {
			x, y, ok := tp.Project(p)
			fmt.Fprintf(&b, "  %10.5f %9.5f -> x %9.5f y %9.5f ok %v\n", p.RA, p.Dec, x, y, ok)
		}
	}
	golden(t, "../testdata/sky/projection.golden", b.String())
}

func TestProjectionAcrossRAZeroIsCompact(t *testing.T) {
	tp := NewTangent(SkyPoint{0, 10})
	shapes, _ := ParseRegion(projectionCases[0].region)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range shapes[0].Vertices {
		x, _, _ := tp.Project(p)
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	// 0.2 deg of RA at dec 10 is 0.197 deg wide, not 359.8 deg.
	if w := hi - lo; math.Abs(w-0.2*math.Cos(10*degree)) > 0.002 {
		t.Errorf("field across RA 0 is %.4f deg wide, want 0.197", w)
	}
}

func TestProjectionOverThePoleKeepsTheSquare(t *testing.T) {
	tp := NewTangent(SkyPoint{0, 90})
	shapes, _ := ParseRegion(projectionCases[1].region)
	var pts [][2]float64
	for _, p := range shapes[0].Vertices {
		x, y, ok := tp.Project(p)
		if !ok {
			t.Fatalf("%+v not projected", p)
		}
		pts = append(pts, [2]float64{x, y})
	}
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		side := math.Hypot(a[0]-b[0], a[1]-b[1])
		if math.Abs(side-0.1*math.Sqrt2) > 1e-4 {
			t.Errorf("side %d is %.5f deg, want %.5f (a square around the pole)", i, side, 0.1*math.Sqrt2)
		}
	}
}

func TestProjectionRoundTripAndFarSide(t *testing.T) {
	for _, c := range []SkyPoint{{0, 10}, {359.99, -89.99}, {180, 89.5}, {210.8, 54.3}} {
		tp := NewTangent(c)
		for _, d := range [][2]float64{{0.3, 0.1}, {-0.2, 0.25}, {0, -0.4}} {
			p := tp.Unproject(d[0], d[1])
			x, y, ok := tp.Project(p)
			if !ok || math.Abs(x-d[0]) > 1e-9 || math.Abs(y-d[1]) > 1e-9 {
				t.Errorf("centre %+v: %v -> %+v -> (%g, %g, %v)", c, d, p, x, y, ok)
			}
		}
		if _, _, ok := tp.Project(SkyPoint{c.RA + 180, -c.Dec}); ok {
			t.Errorf("centre %+v: the antipode was projected", c)
		}
	}
}

func TestOffsetIsTheDistanceAsked(t *testing.T) {
	for _, c := range []SkyPoint{{10, 0}, {350, 89.99}, {0, -89.9}} {
		for _, pa := range []float64{0, 45, 90, 200} {
			p := Offset(c, 0.05, pa)
			if d := angDist(c, p); math.Abs(d-0.05) > 1e-9 {
				t.Errorf("Offset(%+v, 0.05, %g) is %g deg away", c, pa, d)
			}
		}
	}
}

func angDist(a, b SkyPoint) float64 {
	s1 := math.Sin((b.Dec - a.Dec) * degree / 2)
	s2 := math.Sin((b.RA - a.RA) * degree / 2)
	h := s1*s1 + math.Cos(a.Dec*degree)*math.Cos(b.Dec*degree)*s2*s2
	return 2 * math.Asin(math.Min(1, math.Sqrt(h))) / degree
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s--- want\n%s", path, got, want)
	}
}
