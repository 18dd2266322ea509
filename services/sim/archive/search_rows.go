package archive

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// SearchRow is one dataset of a Search API mission, with its sky position.
type SearchRow struct {
	ID      string
	RA, Dec float64
	Vals    map[string]any // column name -> value
	obs     *Obs           // nil for the dedicated rows below
	meta    *synthMeta     // product metadata of rows not backed by CAOM (nil otherwise)
}

// galRows are dedicated HST datasets (NICMOS images of galaxy fields, as in the
// astroquery documentation) so criteria examples such as sci_targname="*GAL*" with
// sci_spec_1234="F110W" have answers. They carry their own small product lists.
var galRows = []struct {
	id, target, filter string
	ra, dec, dur, mjd  float64
	pep                int
}{
	{"N9DB0C010", "GAL-023031+002317", "F110W", 37.6292, 0.3881, 1343.9, 51420.31, 7880},
	{"N4A701010", "GAL-CLUS-0026+1653-ARCA", "F110W", 7.1425, 16.8836, 1087.6, 50720.52, 7278},
	{"N4A704010", "GAL-CLUS-0026+1653-ARCA", "F110W", 7.1428, 16.8839, 1215.7, 50722.14, 7278},
	{"N4A702010", "GAL-CLUS-0026+1653-ARCC", "F110W", 7.1511, 16.8770, 1535.8, 50720.61, 7278},
	{"N4A705010", "GAL-CLUS-0026+1653-ARCC", "F160W", 7.1513, 16.8772, 1791.8, 50722.23, 7278},
}

func searchTime(mjd float64) any {
	if math.IsNaN(mjd) || mjd <= 0 {
		return nil
	}
	return MJDTime(mjd).Format("2006-01-02 15:04:05.000")
}

func numOrNull(x float64) any {
	if math.IsNaN(x) {
		return -999.0
	}
	return x
}

// padInst pads an instrument name with blanks as the HST catalogue stores it ("ACS   ").
func padInst(s string) string { return fmt.Sprintf("%-6s", s) }

func hstSearchRow(o *Obs) SearchRow {
	inst := strings.SplitN(o.Instrument, "/", 2)[0]
	aper := ""
	if p := strings.SplitN(o.Instrument, "/", 2); len(p) == 2 {
		aper = p[1]
	}
	pep, _ := strconv.Atoi(o.ProposalID)
	obsType := "IMAGE"
	if o.ProductType == "spectrum" {
		obsType = "SPECTRUM"
	}
	aec := "S"
	if strings.HasPrefix(o.ProposalType, "CAL") || strings.HasPrefix(o.ProposalType, "ENG") {
		aec = "C"
	}
	status := "PUBLIC"
	if o.DataRights == "EXCLUSIVE_ACCESS" {
		status = "PROPRIETARY"
	}
	id := strings.ToUpper(o.ObsID)
	pi := strings.ToUpper(strings.TrimSpace(strings.SplitN(o.PI, ",", 2)[0]))
	var refnum any
	if pep%3 == 0 {
		refnum = pep % 7
	}
	var cw any = -999.0
	if !math.IsNaN(o.EmMin) && !math.IsNaN(o.EmMax) {
		cw = math.Round((o.EmMin+o.EmMax)/2*1e10*10) / 10 // metres -> Angstrom
	}
	return SearchRow{ID: id, RA: o.RA, Dec: o.Dec, obs: o, Vals: map[string]any{
		"sci_data_set_name": id, "sci_targname": strings.ToUpper(o.Target), "sci_ra": o.RA, "sci_dec": o.Dec,
		"sci_refnum": refnum, "sci_start_time": searchTime(o.TMin), "sci_stop_time": searchTime(o.TMax),
		"sci_actual_duration": numOrNull(o.TExptime), "sci_instrume": padInst(inst), "sci_aper_1234": aper,
		"sci_spec_1234": o.Filters, "sci_central_wavelength": cw, "sci_pep_id": pep, "sci_pi_last_name": pi,
		"sci_obs_type": obsType, "sci_aec": aec, "sci_status": status, "sci_hlsp": nil,
		"sci_release_date": searchTime(o.TRelease), "sci_preview_name": id,
	}}
}

func galSearchRows() []SearchRow {
	out := make([]SearchRow, 0, len(galRows))
	for _, g := range galRows {
		out = append(out, SearchRow{ID: g.id, RA: g.ra, Dec: g.dec, Vals: map[string]any{
			"sci_data_set_name": g.id, "sci_targname": g.target, "sci_ra": g.ra, "sci_dec": g.dec,
			"sci_refnum": nil, "sci_start_time": searchTime(g.mjd), "sci_stop_time": searchTime(g.mjd + g.dur/86400),
			"sci_actual_duration": g.dur, "sci_instrume": padInst("NICMOS"), "sci_aper_1234": "NIC3",
			"sci_spec_1234": g.filter, "sci_central_wavelength": 11000.0, "sci_pep_id": g.pep, "sci_pi_last_name": "THOMPSON",
			"sci_obs_type": "IMAGE", "sci_aec": "S", "sci_status": "PUBLIC", "sci_hlsp": nil,
			"sci_release_date": searchTime(g.mjd + 365), "sci_preview_name": g.id,
		}})
	}
	return out
}

func jwstSearchRow(o *Obs) SearchRow {
	inst, mode, _ := strings.Cut(o.Instrument, "/")
	prefix := map[string]string{"NIRCAM": "NRC", "NIRSPEC": "NRS", "NIRISS": "NIS", "MIRI": "MIR", "FGS": "FGS"}[inst]
	if prefix == "" {
		prefix = inst
	}
	filter, grating := o.Filters, any("N/A")
	if f, g, ok := strings.Cut(o.Filters, ";"); ok {
		filter, grating = f, g
	}
	program, _ := strconv.Atoi(o.ProposalID)
	observtn := 0
	if len(o.ObsID) >= 10 {
		observtn, _ = strconv.Atoi(o.ObsID[7:10])
	}
	access := "PUBLIC"
	if o.DataRights == "EXCLUSIVE_ACCESS" {
		access = "PROPRIETARY"
	}
	var date any
	if !math.IsNaN(o.TMin) {
		date = MJDTime(o.TMin).Format("2006-01-02")
	}
	return SearchRow{ID: o.ObsID, RA: o.RA, Dec: o.Dec, obs: o, Vals: map[string]any{
		"fileSetName": o.ObsID, "targprop": strings.ToUpper(o.Target), "targ_ra": o.RA, "targ_dec": o.Dec,
		"instrume": inst, "exp_type": prefix + "_" + strings.ToUpper(strings.ReplaceAll(mode, " ", "")),
		"filter": filter, "grating": grating, "program": program, "observtn": observtn,
		"effexptm": numOrNull(o.TExptime), "date_obs": date, "access": access, "pi_name": o.PI,
	}}
}

// searchable tells whether an observation is a dataset of the mission's Search API.
func (m *SearchMission) Searchable(o *Obs) bool {
	switch m.Name {
	case "hst":
		return o.Collection == "HST"
	case "jwst":
		return o.Collection == "JWST" && !strings.Contains(o.ObsID, "-")
	case "iue":
		return o.Collection == "IUE"
	}
	return false
}

func (m *SearchMission) Row(o *Obs) SearchRow {
	switch m.Name {
	case "jwst":
		return jwstSearchRow(o)
	case "iue":
		return iueSearchRow(o)
	}
	return hstSearchRow(o)
}

// extraRows are the mission's dedicated rows (not backed by CAOM observations), built
// once from the archive seed.
func (m *SearchMission) ExtraRows(a *Archive) []SearchRow {
	return a.extrasOf(m).rows
}

// buildExtraRows makes the mission's dedicated rows.
func (m *SearchMission) buildExtraRows(a *Archive) []SearchRow {
	switch m.Name {
	case "hst":
		return galSearchRows()
	case "iue":
		return iueExtraRows(a)
	case "ullyses":
		return ullysesRows(a)
	case "classy":
		return classyRows(a)
	case "roman":
		return romanRows(a)
	}
	return nil
}

// searchProducts lists the products of one dataset: the CAOM products of its
// observation under the mission's product URI prefix, or synthetic ones for the
// dedicated rows.
func (a *Archive) SearchProducts(m *SearchMission, id string) []Product {
	if m.Name == "hst" {
		for _, g := range galRows {
			if strings.EqualFold(g.id, id) {
				return a.galProducts(g.id, g.target, g.filter, g.ra, g.dec, g.mjd)
			}
		}
	}
	if ps := a.synthProducts(m, id); ps != nil {
		return ps
	}
	o, ok := a.ObservationByObsID(id)
	if !ok || !m.Searchable(o) {
		return nil
	}
	prefix := "mast:" + strings.ToUpper(m.Name) + "/product/"
	if m.Name == "iue" {
		prefix = "mast:IUE/"
	}
	var out []Product
	for _, p := range a.Products(o.Obsid) {
		if strings.HasPrefix(p.DataURI, prefix) {
			out = append(out, p)
		}
	}
	return out
}

func (a *Archive) galProducts(id, target, filter string, ra, dec, mjd float64) []Product {
	root := strings.ToLower(id)
	exp := root[:8] + "q"
	files := []struct {
		name, ptype string
		calib       int
		lo, hi      float64
	}{
		{root + "_asn.fits", "AUXILIARY", 1, 11520, 11520},
		{exp + "_raw.fits", "SCIENCE", 1, 2e6, 6e6},
		{exp + "_ima.fits", "SCIENCE", 2, 4e6, 12e6},
		{exp + "_cal.fits", "SCIENCE", 2, 2e6, 6e6},
		{exp + "_spt.fits", "AUXILIARY", 1, 2e4, 5e4},
		{root + "_mos.fits", "SCIENCE", 3, 2e6, 8e6},
		{root + "_trl.fits", "AUXILIARY", 1, 2e4, 6e4},
	}
	out := make([]Product, 0, len(files))
	for _, f := range files {
		uri := "mast:HST/product/" + f.name
		p := Product{
			Collection: "HST", DataproductType: "image", ObsIDStr: root, Description: f.name,
			Type: "S", DataURI: uri, ProductType: f.ptype, Project: "HST", ProposalID: "7278",
			Filename: f.name, DataRights: "PUBLIC", Filters: filter, CalibLevel: f.calib,
			Size: fileSize(a.seed, uri, f.lo, f.hi),
		}
		p.mjd, p.ra, p.dec, p.target, p.instrument, p.telescope = mjd, ra, dec, target, "NICMOS/NIC3", "HST"
		out = append(out, p)
	}
	return out
}
