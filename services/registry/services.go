package registry

// Prefixes of the Portal's per-instrument file services (protocol 3.7 "Generic access").
const (
	JwstFiles = "Mast.Jwst.Filtered."
	HstFiles  = "Mast.Hst.Filtered."
)

// FileServiceFamily is one family of file services: Prefix + an instrument as MAST
// spells it in the service name ("Mast.Jwst.Filtered.Nirspec").
type FileServiceFamily struct {
	Prefix      string
	Instruments []string
	// Examples are filters that select some of an instrument's files (the simulator's
	// files have them): {"paramName": e[0], "values": [e[1]]}; "" is the family's.
	Examples map[string][2]string
}

// FileServiceFamilies lists the file services the client offers and the simulator
// serves. A fresh slice each call.
func FileServiceFamilies() []FileServiceFamily {
	return []FileServiceFamily{
		{Prefix: JwstFiles, Instruments: []string{"Nircam", "Niriss", "Nirspec", "Miri", "Fgs", "Guidestar"},
			Examples: map[string][2]string{"Nircam": {"exp_type", "NRC_IMAGE"}, "Niriss": {"exp_type", "NIS_IMAGE"},
				"Nirspec": {"exp_type", "NRS_MSASPEC"}, "Miri": {"exp_type", "MIR_IMAGE"}, "": {"exp_type", "FGS_FINEGUIDE"}}},
		{Prefix: HstFiles, Instruments: []string{"Acs", "Wfc3", "Stis", "Cos", "Wfpc2", "Nicmos"},
			Examples: map[string][2]string{"": {"obstype", "IMAGING"}}},
	}
}

// FileFamily is the family with the prefix (empty when none).
func FileFamily(prefix string) FileServiceFamily {
	for _, f := range FileServiceFamilies() {
		if f.Prefix == prefix {
			return f
		}
	}
	return FileServiceFamily{}
}

// Example is a filter of the instrument's files (the family's when it has none of its own).
func (f FileServiceFamily) Example(instrument string) [2]string {
	if e, ok := f.Examples[instrument]; ok {
		return e
	}
	return f.Examples[""]
}

// FileServices are the names of every file service, family by family.
func FileServices() []string {
	var out []string
	for _, f := range FileServiceFamilies() {
		for _, in := range f.Instruments {
			out = append(out, f.Prefix+in)
		}
	}
	return out
}
