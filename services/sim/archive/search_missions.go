package archive

import (
	"mastui/services/registry"
)

// SearchCol is one column of a Search API mission (column_list entry).
type SearchCol struct {
	Field, Desc, Name, Qual, Datatype string
	Default                           bool
}

// SearchMission describes one mission the Search API (/search/<mission>/api/v0.1/) serves.
type SearchMission struct {
	Name       string      // the path segment: hst, jwst, iue, ...
	DatasetKey string      // the column naming a dataset
	TargetKey  string      // the column naming its target
	Cols       []SearchCol // column_list order
}

var hstSearchCols = []SearchCol{
	{"Dataset", "Data set name, the first character indicates instrument", "sci_data_set_name", "string", "char", true},
	{"Target Name", "Observer assigned target name", "sci_targname", "string", "char", true},
	{"RA (J2000)", "Right Ascension (J2000)", "sci_ra", "ra", "float", true},
	{"Dec (J2000)", "Declination (J2000)", "sci_dec", "dec", "float", true},
	{"Ref", "Number of literature references", "sci_refnum", "integer", "int", true},
	{"Start Time", "Observation start time", "sci_start_time", "datetime", "datetime", true},
	{"Stop Time", "Observation stop time", "sci_stop_time", "datetime", "datetime", false},
	{"Exp Time", "Actual exposure time (seconds)", "sci_actual_duration", "float", "float", true},
	{"Instrument", "Instrument used", "sci_instrume", "string", "char", true},
	{"Aperture", "Aperture used", "sci_aper_1234", "string", "char", true},
	{"Filters/Gratings", "Filters or gratings used", "sci_spec_1234", "string", "char", true},
	{"Central Wavelength", "Central wavelength (Angstrom)", "sci_central_wavelength", "float", "float", false},
	{"Proposal ID", "Proposal (PEP) identifier", "sci_pep_id", "integer", "int", true},
	{"PI Last Name", "Principal investigator's last name", "sci_pi_last_name", "string", "char", true},
	{"Obs Type", "Observation type: IMAGE or SPECTRUM", "sci_obs_type", "string", "char", true},
	{"AEC", "Archive exposure class: S science, C calibration", "sci_aec", "string", "char", false},
	{"Status", "Data access status", "sci_status", "string", "char", false},
	{"HLSP", "High level science product name", "sci_hlsp", "string", "char", false},
	{"Release Date", "Date the data become public", "sci_release_date", "datetime", "datetime", true},
	{"Preview Name", "Name of the preview image", "sci_preview_name", "string", "char", false},
}

var jwstSearchCols = []SearchCol{
	{"File Set Name", "File set (exposure) name", "fileSetName", "string", "char", true},
	{"Target Name", "Proposer's target name", "targprop", "string", "char", true},
	{"RA", "Target right ascension", "targ_ra", "ra", "float", true},
	{"Dec", "Target declination", "targ_dec", "dec", "float", true},
	{"Instrument", "Instrument used", "instrume", "string", "char", true},
	{"Exposure Type", "Exposure type", "exp_type", "string", "char", true},
	{"Filter", "Filter element", "filter", "string", "char", true},
	{"Grating", "Grating element", "grating", "string", "char", true},
	{"Program", "Program number", "program", "integer", "int", true},
	{"Observation", "Observation number", "observtn", "integer", "int", true},
	{"Effective Exposure Time", "Effective exposure time (seconds)", "effexptm", "float", "float", true},
	{"Date Obs", "UTC date at start of exposure", "date_obs", "datetime", "datetime", true},
	{"Access", "Data access status", "access", "string", "char", true},
	{"PI Name", "Principal investigator", "pi_name", "string", "char", false},
}

// searchMissions are the missions the simulator serves: every browsable mission of the
// registry (its name and dataset keyword), with the simulator's own columns. The HLSP
// missions and Roman are served from dedicated rows (search_ullyses.go,
// search_classy.go, search_roman.go).
var searchMissions = func() map[string]*SearchMission {
	simulated := map[string]SearchMission{
		"hst":     {TargetKey: "sci_targname", Cols: hstSearchCols},
		"jwst":    {TargetKey: "targprop", Cols: jwstSearchCols},
		"iue":     {TargetKey: "target", Cols: iueSearchCols},
		"ullyses": {TargetKey: "target_name_ulysses", Cols: ullysesSearchCols},
		"classy":  {TargetKey: "Target", Cols: classySearchCols},
		"roman":   {TargetKey: "targname", Cols: romanSearchCols},
	}
	out := map[string]*SearchMission{}
	for _, m := range registry.Missions() {
		if sm, ok := simulated[m.Name]; ok && m.Browsable() {
			sm.Name, sm.DatasetKey = m.Name, m.DatasetKeyword
			out[m.Name] = &sm
		}
	}
	return out
}()

// ExtraSearchCols are the columns positional searches add.
var ExtraSearchCols = []SearchCol{
	{"Search Position", "Target position searched around", "search_pos", "string", "char", false},
	{"Ang Sep (')", "Angular separation from the search position (arcmin)", "ang_sep", "float", "float", false},
	{"Search Key", "Search position plus dataset", "search_key", "string", "char", false},
}

func (m *SearchMission) Col(name string) (SearchCol, bool) {
	for _, c := range m.Cols {
		if c.Name == name {
			return c, true
		}
	}
	for _, c := range ExtraSearchCols {
		if c.Name == name {
			return c, true
		}
	}
	return SearchCol{}, false
}

func (c SearchCol) DBType() string {
	switch c.Datatype {
	case "int":
		return "INTEGER"
	case "float":
		return "FLOAT"
	case "datetime":
		return "DATETIME"
	}
	return "VARCHAR"
}

func (c SearchCol) Numeric() bool { return c.Datatype == "int" || c.Datatype == "float" }

// LookupSearchMission returns the Search API mission of that (lower-case) name, nil
// for none.
func LookupSearchMission(name string) *SearchMission { return searchMissions[name] }
