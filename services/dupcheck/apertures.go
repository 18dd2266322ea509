package dupcheck

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"mastui/model"
	"mastui/services/registry"
)

//go:embed apertures.csv
var defaultApertures string

// Aperture is one row of the aperture table: the search radius of an aperture and the
// CAOM instrument_name observations with it carry.
type Aperture struct {
	Name         string   // MSA, IFU, S200B1 …
	RadiusArcsec float64  // the longest side of the aperture
	Instrument   string   // CAOM instrument_name: NIRSPEC/MSA
	AlsoCheck    []string // other instrument_names that can duplicate it (FS/IFU → NIRSPEC/MSA)
}

// Apertures is an aperture table, looked up by aperture name (case-insensitive).
type Apertures struct {
	Source string // where it was read from, for messages
	list   []Aperture
}

// DefaultApertures is the table embedded in mastui (apertures.csv).
func DefaultApertures() (*Apertures, error) {
	return ParseApertures(strings.NewReader(defaultApertures), "built-in apertures.csv")
}

// LoadApertures reads the table at path, or the built-in one when path is "".
func LoadApertures(path string) (*Apertures, error) {
	if path == "" {
		return DefaultApertures()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("aperture table: %w", err)
	}
	defer f.Close()
	return ParseApertures(f, path)
}

// ParseApertures reads an aperture table: header aperture,radius_arcsec,instrument_name
// and optionally also_check (instrument_names separated by ';').
func ParseApertures(r io.Reader, source string) (*Apertures, error) {
	rec, err := readRecords(r, source)
	if err != nil {
		return nil, err
	}
	iName, iRadius, iInst, iAlso := rec.col("aperture"), rec.col("radius_arcsec"), rec.col("instrument_name"), rec.col("also_check")
	for name, i := range map[string]int{"aperture": iName, "radius_arcsec": iRadius, "instrument_name": iInst} {
		if i < 0 {
			return nil, fmt.Errorf("%s: no %q column (the header needs aperture,radius_arcsec,instrument_name[,also_check])", source, name)
		}
	}
	a := &Apertures{Source: source}
	seen := map[string]int{}
	for k, row := range rec.rows {
		at := fmt.Sprintf("%s line %d", source, rec.lines[k])
		ap := Aperture{Name: row[iName], Instrument: strings.ToUpper(row[iInst])}
		if ap.Name == "" {
			return nil, fmt.Errorf("%s: empty aperture name", at)
		}
		if prev, dup := seen[strings.ToUpper(ap.Name)]; dup {
			return nil, fmt.Errorf("%s: aperture %q is already on line %d", at, ap.Name, prev)
		}
		seen[strings.ToUpper(ap.Name)] = rec.lines[k]
		v, err := strconv.ParseFloat(row[iRadius], 64)
		if err != nil || !(v > 0) || v > 3600*10 {
			return nil, fmt.Errorf("%s, column \"radius_arcsec\": %q is not a radius in arcseconds (0 < r <= 36000)", at, row[iRadius])
		}
		ap.RadiusArcsec = v
		if ap.Instrument == "" {
			return nil, fmt.Errorf("%s, column \"instrument_name\": empty", at)
		}
		if iAlso >= 0 {
			for _, s := range strings.Split(row[iAlso], ";") {
				if s = strings.ToUpper(strings.TrimSpace(s)); s != "" && s != ap.Instrument {
					ap.AlsoCheck = append(ap.AlsoCheck, s)
				}
			}
		}
		a.list = append(a.list, ap)
	}
	if len(a.list) == 0 {
		return nil, fmt.Errorf("%s: no apertures", source)
	}
	return a, nil
}

// Lookup finds an aperture by name, case-insensitively.
func (a *Apertures) Lookup(name string) (Aperture, bool) {
	for _, ap := range a.list {
		if strings.EqualFold(ap.Name, strings.TrimSpace(name)) {
			return ap, true
		}
	}
	return Aperture{}, false
}

// Names lists the aperture names in table order.
func (a *Apertures) Names() []string {
	out := make([]string, len(a.list))
	for i, ap := range a.list {
		out[i] = ap.Name
	}
	return out
}

// unknown is the error of an aperture the table does not have, with a "did you mean".
func (a *Apertures) unknown(name string) string {
	msg := fmt.Sprintf("unknown aperture %q", name)
	if best := model.Closest(name, a.Names()); best != "" {
		msg += fmt.Sprintf(": did you mean %q?", best)
	}
	return msg + " (apertures: " + strings.Join(a.Names(), ", ") + ")"
}

// FileService is the Portal's file-level service of a JWST instrument_name
// (NIRSPEC/MSA → Mast.Jwst.Filtered.Nirspec), "" when MAST has none.
func FileService(instrument string) string {
	fam, _, _ := strings.Cut(instrument, "/")
	for _, name := range registry.FileFamily(registry.JwstFiles).Instruments {
		if strings.EqualFold(name, fam) {
			return registry.JwstFiles + name
		}
	}
	return ""
}
