package mast

import (
	"slices"
	"strings"

	"mastui/services/registry"
)

// KnownServices lists the Portal services the client knows (protocol 3.7), for the
// completion of a service name: every catalog's cone services (each version), criteria
// services (with and without position, rows and counts) and histograms, the HSC
// matches and spectra, the CAOM services, name look-up, and the registry's
// per-instrument file services. Sorted, each once.
func KnownServices() []string {
	out := []string{obsConfigID, "Mast.Caom.Filtered", "Mast.Caom.Filtered.Position", productsConfigID,
		"Mast.Caom.All", "Mast.Name.Lookup", "Mast.HscSpectra.Db.All"}
	for _, c := range Catalogs() {
		for _, s := range c.cone {
			out = append(out, s)
		}
		if c.Name == "HSC" {
			for _, v := range c.Versions {
				out = append(out, "Mast.HscMatches.Db.v"+v)
			}
		}
		for _, positional := range []bool{false, true} {
			for _, count := range []bool{false, true} {
				if s, err := c.CriteriaService(positional, count); err == nil {
					out = append(out, s)
				}
			}
		}
		if id, hist := c.ColumnsConfigID(); hist != "" {
			out = append(out, id, hist)
		}
	}
	out = append(out, registry.FileServices()...)
	slices.Sort(out)
	return slices.Compact(out)
}

// ServiceParamsExample is a params object a service accepts (protocol 3.7), to start
// a hand-written request from: a cone at M10 for cone services; columns "*" and one
// filter for the Filtered services (a filter the simulator's rows have; COUNT_BIG(*)
// for the TIC and CTL services that only count), with a position for their .Position
// variants; the look-up of M10 for Mast.Name.Lookup; {}
// for a service taking no params or one the client does not know. Indented, one key a
// line.
func ServiceParamsExample(service string) string {
	low := strings.ToLower(strings.TrimSpace(service))
	const cone = `  "ra": 254.2875,
  "dec": -4.1,
  "radius": 0.2`
	filtered := func(name, value string, columns bool) string {
		s := "{\n"
		if columns {
			s += `  "columns": "*",` + "\n"
		}
		s += `  "filters": [{"paramName": "` + name + `", "values": [` + value + `]}]`
		return s
	}
	for _, f := range registry.FileServiceFamilies() {
		for _, in := range f.Instruments {
			if low == strings.ToLower(f.Prefix+in) {
				e := f.Example(in)
				return filtered(e[0], `"`+e[1]+`"`, true) + "\n}"
			}
		}
	}
	switch {
	case strings.HasPrefix(low, "mast.catalogs.filtered."):
		var s string
		switch {
		case strings.Contains(low, "diskdetective"): // no columns (3.7)
			s = filtered("w1mpro", `{"min": 8, "max": 12}`, false)
		case !strings.HasSuffix(low, ".rows"): // TIC and CTL without .Rows only count
			s = strings.Replace(filtered("Tmag", `{"min": 8, "max": 12}`, true), `"*"`, `"COUNT_BIG(*)"`, 1)
		default:
			s = filtered("Tmag", `{"min": 8, "max": 12}`, true)
		}
		if strings.Contains(low, ".position") {
			s += ",\n" + cone
		}
		return s + "\n}"
	case low == "mast.caom.filtered":
		return filtered("obs_collection", `"JWST"`, true) + "\n}"
	case low == "mast.caom.filtered.position":
		return filtered("obs_collection", `"JWST"`, true) + ",\n" + `  "position": "210.8024, 54.3488, 0.2"` + "\n}"
	case low == "mast.name.lookup":
		return "{\n" + `  "input": "M10",` + "\n" + `  "format": "json"` + "\n}"
	case low == "mast.caom.cone", strings.HasSuffix(low, ".cone"), strings.HasPrefix(low, "mast.hsc.db."),
		low == "mast.galex.catalog":
		return "{\n" + cone + "\n}"
	}
	return "{}"
}
