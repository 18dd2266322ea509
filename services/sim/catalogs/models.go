package catalogs

import (
	"fmt"
	"math"

	"mastui/services/sim/archive"
)

// Where the catalogs' examples point (astroquery docs, seed 003): the clusters make
// those cones dense; the background answers any other cone.
const (
	m10RA, m10Dec   = 254.28771, -4.10031
	m15RA, m15Dec   = 322.49324, 12.16683
	m101RA, m101Dec = 210.802429, 54.34875
	m4RA, m4Dec     = 245.89675, -26.52575
	galRA, galDec   = 158.47924, -7.30962 // the Gaia/GALEX/PanSTARRS example position
	psRA, psDec     = 5.97754, 32.53617   // the PanSTARRS criteria example position
)

// Source models, one per catalog (densities per square degree). HSC at M15 holds more
// than 50,000 sources within 0.2 deg, so the documented MaxResultsWarning (nr=50000)
// happens there.
func ticModel() *archive.SourceModel {
	return &archive.SourceModel{Key: 0x71c, Base: 6000, MagLim: 20, MagMin: 3, Clusters: []archive.Cluster{
		{RA: m10RA, Dec: m10Dec, N: 1500, Core: 0.03, MagLim: 19},
		{RA: m15RA, Dec: m15Dec, N: 8000, Core: 0.02, MagLim: 19.5},
		{RA: m4RA, Dec: m4Dec, N: 6000, Core: 0.08, MagLim: 18},
		{RA: galRA, Dec: galDec, N: 0, Core: 0.1},
		{RA: m101RA, Dec: m101Dec, N: 0, Core: 0.1},
	}}
}

func gaiaModel() *archive.SourceModel {
	return &archive.SourceModel{Key: 0x6a1a, Base: 3500, MagLim: 21, MagMin: 3, Clusters: []archive.Cluster{
		{RA: m10RA, Dec: m10Dec, N: 5000, Core: 0.03, MagLim: 20},
		{RA: m15RA, Dec: m15Dec, N: 6000, Core: 0.02, MagLim: 20.5},
	}}
}

func hscModel() *archive.SourceModel {
	return &archive.SourceModel{Key: 0x45c, Base: 300, MagLim: 27, MagMin: 12, Clusters: []archive.Cluster{
		{RA: m15RA, Dec: m15Dec, N: 70000, Core: 0.04, MagLim: 26},
		{RA: m10RA, Dec: m10Dec, N: 8000, Core: 0.03, MagLim: 26},
		{RA: m101RA, Dec: m101Dec, N: 20000, Core: 0.08, MagLim: 27},
		{RA: m4RA, Dec: m4Dec, N: 6000, Core: 0.06, MagLim: 25},
	}}
}

func galexModel() *archive.SourceModel {
	return &archive.SourceModel{Key: 0x6a1e, Base: 1500, MagLim: 23, MagMin: 12, Clusters: []archive.Cluster{
		{RA: galRA, Dec: galDec, N: 0, Core: 0.1}, {RA: m101RA, Dec: m101Dec, N: 600, Core: 0.08},
	}}
}

func ddModel() *archive.SourceModel {
	return &archive.SourceModel{Key: 0xdd, Base: 2, MagLim: 15, MagMin: 5, Clusters: []archive.Cluster{
		{RA: m10RA, Dec: m10Dec, N: 0, Core: 2},
	}}
}

func platoModel() *archive.SourceModel {
	return &archive.SourceModel{Key: 0x91a70, Base: 400, MagLim: 13, MagMin: 4, Clusters: []archive.Cluster{
		{RA: galRA, Dec: galDec, N: 0, Core: 0.1},
	}}
}

func skymapperModel() *archive.SourceModel {
	return &archive.SourceModel{Key: 0x5c1, Base: 4000, MagLim: 21, MagMin: 8, Clusters: []archive.Cluster{
		{RA: m4RA, Dec: m4Dec, N: 3000, Core: 0.08, MagLim: 20},
	}}
}

// galactic converts ICRS to galactic longitude and latitude (deg).
func galactic(ra, dec float64) (float64, float64) {
	const d = math.Pi / 180
	raGP, decGP, lNCP := 192.85948*d, 27.12825*d, 122.93192*d
	r, de := ra*d, dec*d
	sb := math.Sin(de)*math.Sin(decGP) + math.Cos(de)*math.Cos(decGP)*math.Cos(r-raGP)
	b := math.Asin(sb)
	y := math.Cos(de) * math.Sin(r-raGP)
	x := math.Sin(de)*math.Cos(decGP) - math.Cos(de)*math.Sin(decGP)*math.Cos(r-raGP)
	l := lNCP - math.Atan2(y, x)
	return archive.NormRA(l / d), b / d
}

// ecliptic converts ICRS to ecliptic longitude and latitude (deg, J2000 obliquity).
func ecliptic(ra, dec float64) (float64, float64) {
	const d = math.Pi / 180
	eps := 23.4392911 * d
	r, de := ra*d, dec*d
	lat := math.Asin(math.Sin(de)*math.Cos(eps) - math.Cos(de)*math.Sin(eps)*math.Sin(r))
	lon := math.Atan2(math.Sin(r)*math.Cos(eps)+math.Tan(de)*math.Sin(eps), math.Cos(r))
	return archive.NormRA(lon / d), lat / d
}

// jName is an IAU-style "J165628.40-054630.8" position name (sep between RA and Dec
// parts: "" for WISE, " " for others).
func jName(ra, dec float64, raDec, decDec int) string {
	h := ra / 15
	hh := int(h)
	mm := int((h - float64(hh)) * 60)
	ss := ((h-float64(hh))*60 - float64(mm)) * 60
	sign := "+"
	if dec < 0 {
		sign = "-"
	}
	a := math.Abs(dec)
	dd := int(a)
	dm := int((a - float64(dd)) * 60)
	ds := ((a-float64(dd))*60 - float64(dm)) * 60
	return fmt.Sprintf("J%02d%02d%0*.*f%s%02d%02d%0*.*f", hh, mm, 3+raDec, raDec, ss, sign, dd, dm, 3+decDec, decDec, ds)
}

// maybe is v, or null with probability p.
func maybe(r *archive.Rand, p float64, v any) any {
	if r.Chance(p) {
		return nil
	}
	return v
}
