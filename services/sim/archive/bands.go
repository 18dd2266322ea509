package archive

import (
	"math"
	"strconv"
	"strings"
)

// namedBands are passbands (nm) of gratings and non-"F" filters.
var namedBands = map[string][2]float64{
	// HST STIS / COS / FOS / GHRS gratings
	"G430L": {290, 570}, "G750L": {524, 1027}, "G430M": {302, 567}, "G750M": {545, 1000},
	"G230LB": {168, 306}, "G140L": {115, 173}, "G140M": {114, 174}, "E140M": {114, 173},
	"E140H": {114, 170}, "G230L": {157, 318}, "G230M": {164, 310}, "E230M": {157, 310},
	"E230H": {162, 315}, "G130M": {90, 145}, "G160M": {141, 179}, "G185M": {170, 200},
	"G225M": {210, 250}, "G285M": {250, 320}, "G102": {800, 1150}, "G141": {1075, 1700},
	"G130H": {115, 160}, "G190H": {157, 233}, "G270H": {222, 330}, "G160L": {115, 250},
	"G400H": {323, 482}, "G570H": {458, 683}, "G650L": {354, 1000}, "G780H": {628, 850},
	"ECH-A": {110, 170},
	// JWST
	"PRISM": {600, 5300}, "G140H": {970, 1890}, "G235M": {1660, 3170}, "G235H": {1660, 3170},
	"G395M": {2870, 5270}, "G395H": {2870, 5270}, "GR700XD": {600, 2800}, "GR150R": {800, 2200},
	"CH1": {4900, 7650}, "CH2": {7510, 11700}, "CH3": {11550, 17980}, "CH4": {17700, 27900},
	// SWIFT UVOT
	"UVW2": {160, 260}, "UVM2": {200, 280}, "UVW1": {220, 400}, "U": {300, 400}, "B": {380, 500},
	"V": {500, 600}, "WHITE": {160, 800},
	// GALEX, TESS, Kepler, IUE, FUSE
	"NUV": {169.3, 300.8}, "FUV": {134.4, 178.6}, "TESS": {600, 1000}, "KEPLER": {420, 900},
	"SWP": {115, 198}, "LWP": {185, 335}, "LWR": {185, 335}, "LWRS": {90.5, 118.7},
	"MDRS": {90.5, 118.7}, "HIRS": {90.5, 118.7},
	// Pan-STARRS
	"G": {400, 550}, "R": {540, 700}, "I": {680, 830}, "Z": {810, 920}, "Y": {920, 1080},
	// Spitzer
	"IRAC1": {3200, 3900}, "IRAC2": {4000, 5000}, "IRAC3": {5000, 6400}, "IRAC4": {6400, 9300},
	"MIPS24": {20800, 26100}, "MIPS70": {61000, 80000}, "IRS-SL": {5200, 14500}, "IRS-LL": {14000, 38000},
}

// filterBand returns the passband in nm of a filters cell ("F606W", "F290LP;G395H",
// "UVW1;UVM2"). A disperser fixes the band by itself; otherwise the bands of the parts
// are joined. nmPerUnit converts the digits of "F" filter names: 1 for HST optical
// (F606W = 606 nm), 10 for HST IR and JWST (F160W = 1600 nm, F277W = 2770 nm).
func filterBand(filters string, nmPerUnit float64) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	parts := strings.Split(filters, ";")
	for _, p := range parts {
		if b, ok := namedBands[strings.ToUpper(p)]; ok && isDisperser(p) {
			return b[0], b[1]
		}
	}
	for _, p := range parts {
		l, h, ok := fBand(strings.ToUpper(p), nmPerUnit)
		if b, named := namedBands[strings.ToUpper(p)]; named {
			l, h, ok = b[0], b[1], true
		}
		if ok {
			lo, hi = math.Min(lo, l), math.Max(hi, h)
		}
	}
	if math.IsInf(lo, 0) {
		return math.NaN(), math.NaN()
	}
	return roundTo(lo, 0.01), roundTo(hi, 0.01)
}

// isDisperser tells gratings, prisms and echelles from filters.
func isDisperser(p string) bool {
	p = strings.ToUpper(p)
	switch {
	case p == "PRISM" || strings.HasPrefix(p, "GR") || strings.HasPrefix(p, "ECH"):
		return true
	case len(p) > 1 && (p[0] == 'G' || p[0] == 'E') && p[1] >= '0' && p[1] <= '9':
		return true
	}
	return false
}

func fBand(f string, nmPerUnit float64) (float64, float64, bool) {
	if len(f) < 3 || f[0] != 'F' {
		return 0, 0, false
	}
	i := 1
	for i < len(f) && f[i] >= '0' && f[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(f[1:i])
	if err != nil {
		return 0, 0, false
	}
	c := float64(n) * nmPerUnit
	w := 0.12
	switch suffix := f[i:]; {
	case strings.HasPrefix(suffix, "LP"):
		return c, c * 1.35, true
	case strings.HasPrefix(suffix, "M"):
		w = 0.05
	case strings.HasPrefix(suffix, "N"):
		w = 0.01
	}
	return c * (1 - w), c * (1 + w), true
}
