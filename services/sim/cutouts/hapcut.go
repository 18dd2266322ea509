package cutouts

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"mastui/services/fits"
	"mastui/services/sim/internal/simhttp"
)

// hapRadius is how close an HST observation must be for HAPCut to have data.
const hapRadius = 0.05

// hapScale is the HAP drizzled pixel scale, arcsec.
const hapScale = 0.04

// fitsPrimary is the primary header of a Zcut or HAPCut file.
func fitsPrimary(telescope, source string, ra, dec float64) fits.Header {
	return fits.Header{
		fits.NewCard("ORIGIN", "STScI/MAST", "institution responsible for creating this file"),
		fits.NewCard("CREATOR", "astrocut", "program used to produce this file"),
		fits.NewCard("PROCVER", "mastui-sim", "simulated data, not a real observation"),
		fits.NewCard("TELESCOP", telescope, ""),
		fits.NewCard("SOURCE", source, "survey or product the cutout comes from"),
		fits.NewCard("RA_OBJ", round6(ra), "[deg] cutout centre"),
		fits.NewCard("DEC_OBJ", round6(dec), "[deg] cutout centre"),
	}
}

// hapcut answers HAPCut astrocut: GET query, or POST with a JSON body.
func (s *Service) hapcut(w http.ResponseWriter, r *http.Request) {
	f, err := hapParams(r)
	if err != nil {
		s.bad(w, err)
		return
	}
	ra, dec, err := position(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	x, y, units, err := size(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	nx, ny, scale, err := imageSize(x, y, units, hapScale)
	if err != nil {
		s.bad(w, err)
		return
	}
	// One file per instrument/detector and filter of the HST data there.
	type product struct{ inst, filter string }
	seen := map[product]bool{}
	idx, _ := s.env.Archive.Cone(ra, dec, hapRadius)
	for _, i := range idx {
		o := s.env.Archive.At(int(i))
		if o.Collection != "HST" || o.Instrument == "" || o.Filters == "" {
			continue
		}
		filter := strings.ToLower(strings.Split(o.Filters, ";")[0])
		if !strings.HasPrefix(filter, "f") {
			continue // only broad/medium/narrow band filters are drizzled into HAPs
		}
		seen[product{strings.ToLower(strings.NewReplacer("/", "_", " ", "_").Replace(o.Instrument)), filter}] = true
	}
	var list []product
	for p := range seen {
		list = append(list, p)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].inst+list[i].filter < list[j].inst+list[j].filter })
	if len(list) > 4 {
		list = list[:4]
	}
	if len(list) == 0 {
		noData(w, "Missing HAP files for input target. Cutout not performed.", true)
		return
	}
	cell := fmt.Sprintf("p%04dx%02dy%02d", int(dec+90)*10+int(ra/36), int(math.Mod(ra, 36)/2)+1, int(math.Mod(dec+90, 1)*20)+1)
	var ms []member
	for _, p := range list {
		key := fmt.Sprintf("hap %s %s %.6f %.6f %dx%d", p.inst, p.filter, ra, dec, nx, ny)
		primary := fitsPrimary("HST", "skycell-"+cell, ra, dec)
		data, err := cutoutFITS(primary, ra, dec, scale, nx, ny, []string{strings.ToUpper(p.inst) + ":" + strings.ToUpper(p.filter)}, key)
		if err != nil {
			s.env.Error(w, http.StatusInternalServerError, err.Error())
			return
		}
		name := fmt.Sprintf("hst_cutout_skycell-%s-ra%s-dec%s_%s_%s.fits", cell, hapAngle(ra), hapAngle(dec), p.inst, p.filter)
		ms = append(ms, member{name, data})
	}
	s.serveZip(w, r, ms, "hapcut")
}

// hapAngle writes an angle the way HAP file names do: "189d2286", "n27d8051" for negatives.
func hapAngle(v float64) string {
	s := strings.Replace(strconv.FormatFloat(math.Abs(v), 'f', 4, 64), ".", "d", 1)
	if v < 0 {
		return "n" + s
	}
	return s
}

// hapParams reads a GET query or form, or a POST JSON body {"x": .., "ra": ..}.
func hapParams(r *http.Request) (map[string][]string, error) {
	if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		body, err := simhttp.ReadBody(r)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			return nil, fmt.Errorf("unreadable JSON body: %w", err)
		}
		out := map[string][]string{}
		for k, v := range m {
			out[k] = []string{fmt.Sprint(v)}
		}
		return out, nil
	}
	return form(r)
}
