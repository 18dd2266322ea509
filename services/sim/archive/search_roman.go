package archive

import (
	"fmt"
	"strings"
)

var romanSearchCols = []SearchCol{
	{"File Set Name", "File set: one exposure of one WFI detector", "fileSetName", "string", "char", true},
	{"Target Name", "Target or survey field name", "targname", "string", "char", true},
	{"RA", "Right ascension of the exposure pointing (J2000, degrees)", "ra", "ra", "float", true},
	{"Dec", "Declination of the exposure pointing (J2000, degrees)", "dec", "dec", "float", true},
	{"Instrument", "Instrument: WFI (Wide Field Instrument)", "instrument", "string", "char", true},
	{"Detector", "WFI detector, WFI01 to WFI18", "detector", "string", "char", true},
	{"Exposure Type", "WFI_IMAGE or WFI_SPECTRAL", "exposure_type", "string", "char", true},
	{"Optical Element", "Filter, grism or prism", "optical_element", "string", "char", true},
	{"MA Table", "Multi-accumulation table name", "ma_table_name", "string", "char", false},
	{"Exposure Time", "Effective exposure time (seconds)", "exposure_time", "float", "float", true},
	{"Start Time", "Exposure start time (UTC)", "start_time", "datetime", "datetime", true},
	{"Program", "Program number", "program", "integer", "int", true},
	{"Execution Plan", "Execution plan number", "execution_plan", "integer", "int", false},
	{"Pass", "Pass number within the execution plan", "pass", "integer", "int", false},
	{"Segment", "Segment number within the pass", "segment", "integer", "int", false},
	{"Observation", "Observation number within the segment", "observation", "integer", "int", false},
	{"Visit", "Visit number within the observation", "visit", "integer", "int", false},
	{"Exposure", "Exposure number within the visit", "exposure", "integer", "int", false},
	{"Survey", "Survey: HLWAS, HLTDS, GBTDS or GO", "survey", "string", "char", true},
	{"Data Origin", "SIMULATED: pre-launch simulations (Roman I&T data products)", "data_origin", "string", "char", true},
	{"Access", "Data access status", "access", "string", "char", false},
}

// romanFields are the pointings of the simulated Roman data: a few famous targets and
// core-community survey fields.
var romanFields = []struct {
	name, survey string
	program      int
	ra, dec      float64
	exposures    int
	filters      []string
}{
	{"M101", "GO", 101, 210.802429, 54.34875, 12, []string{"F062", "F087", "F106", "F129", "F158", "F184"}},
	{"NGC628", "GO", 102, 24.173946, 15.783662, 10, []string{"F087", "F106", "F158", "F213"}},
	{"M31-DISK", "GO", 103, 10.684708, 41.26875, 10, []string{"F062", "F106", "F146", "F184"}},
	{"LMC-BAR", "GO", 104, 80.89417, -69.75611, 8, []string{"F062", "F146", "F213"}},
	{"GOODS-S", "HLTDS", 2, 53.13, -27.8, 16, []string{"F062", "F087", "F106", "F129", "F158", "PRISM"}},
	{"GBTDS-F01", "GBTDS", 3, 268.46, -29.39, 20, []string{"F146", "F146", "F146", "F087"}},
	{"GBTDS-F02", "GBTDS", 3, 268.81, -29.17, 14, []string{"F146", "F146", "F213"}},
	{"HLWAS-WIDE-0001", "HLWAS", 1, 150.1, 2.2, 12, []string{"F106", "F129", "F158", "F184", "GRISM"}},
	{"HLWAS-WIDE-0002", "HLWAS", 1, 9.45, -43.9, 10, []string{"F106", "F129", "F158", "F184", "GRISM"}},
	{"HLWAS-DEEP-0001", "HLWAS", 1, 35.7, -4.75, 12, []string{"F106", "F129", "F158", "F184", "F213", "GRISM"}},
}

// romanRows are simulated Roman WFI exposures (launch expected 2026-2027): each
// exposure gives 18 file sets, one per detector.
func romanRows(a *Archive) []SearchRow {
	r := newRNG(a.seed, HashString("roman-search"))
	var out []SearchRow
	segment := 0
	for fi, f := range romanFields {
		pass := 1 + fi%3
		segment++
		mjd := 61500 + r.rangef(0, 500)
		for e := 0; e < f.exposures; e++ {
			filt := f.filters[e%len(f.filters)]
			expType, ma := "WFI_IMAGE", "C2A_IMG_"+f.survey
			if filt == "GRISM" || filt == "PRISM" {
				expType, ma = "WFI_SPECTRAL", "C2A_SPEC_"+f.survey
			}
			observation := 1 + e/4
			visit := 1 + e%4
			exposure := 1 + e%2
			exp := roundTo(r.rangef(60, 300), 0.01)
			if f.survey == "GBTDS" {
				exp = 46.8
			}
			mjd += exp/86400 + r.rangef(0.002, 0.05)
			// Small dithers: the pointing moves by up to ~30 arcsec between exposures.
			ra, dec := offset(f.ra, f.dec, r.normal()*0.004, r.normal()*0.004)
			ra, dec = roundTo(ra, 1e-6), roundTo(dec, 1e-6)
			stem := fmt.Sprintf("r%05d%02d%03d%03d%03d%03d_%04d", f.program, 1, pass, segment, observation, visit, exposure)
			start := roundTo(mjd, 1e-6)
			for d := 1; d <= 18; d++ {
				det := fmt.Sprintf("WFI%02d", d)
				id := stem + "_" + strings.ToLower(det)
				var files []synthFile
				add := func(suffix, sub, desc, pt string, calib int, lo, hi float64) {
					name := id + suffix
					files = append(files, synthFile{name, "mast:ROMAN/product/" + name, pt, sub, desc, calib, lo, hi})
				}
				add("_uncal.asdf", "UNCAL", "Level 1 uncalibrated ramp", ptScience, 1, 60*mB, 90*mB)
				add("_cal.asdf", "CAL", "Level 2 calibrated rate image", ptScience, 2, 40*mB, 70*mB)
				if expType == "WFI_IMAGE" {
					add("_i2d.asdf", "I2D", "Resampled image of the exposure", ptScience, 3, 30*mB, 60*mB)
					add("_cat.parquet", "CAT", "Source catalog", ptScience, 3, 300*kB, 2*mB)
				}
				add("_thumb.png", "THUMB", "Thumbnail preview", ptThumbnail, 2, 20*kB, 60*kB)
				sr := SearchRow{ID: id, RA: ra, Dec: dec, Vals: map[string]any{
					"fileSetName": id, "targname": f.name, "ra": ra, "dec": dec, "instrument": "WFI", "detector": det,
					"exposure_type": expType, "optical_element": filt, "ma_table_name": ma, "exposure_time": exp,
					"start_time": searchTime(start), "program": f.program, "execution_plan": 1, "pass": pass,
					"segment": segment, "observation": observation, "visit": visit, "exposure": exposure,
					"survey": f.survey, "data_origin": "SIMULATED", "access": "PUBLIC",
				}}
				sr.meta = &synthMeta{collection: "ROMAN", project: "ROMAN", kind: "image", target: f.name, telescope: "ROMAN",
					inst: "WFI/" + det, filters: filt, proposal: fmt.Sprint(f.program), ra: ra, dec: dec, mjd: start, files: files}
				out = append(out, sr)
			}
		}
	}
	return out
}
