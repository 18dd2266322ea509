package catalogs

import (
	"fmt"
	"math"
	"strings"

	"mastui/services/registry"
	"mastui/services/sim/archive"
	"mastui/services/sim/internal/simhttp"
	"mastui/services/sim/portal"
)

// fileSet is one Mast.Jwst.Filtered.<Instrument> or Mast.Hst.Filtered.<Instrument>
// service: the instrument's files, a few per observation of the demo archive, with
// the services' own column names (seed 004 lists NIRSpec's).
type fileSet struct {
	key    string // memo key
	fields []field
	cols   []portal.Column[Row]
	match  func(o *archive.Obs) bool
	rows   func(o *archive.Obs, r *archive.Rand, fields []field) []Row
}

// jwstKeys are the columns of the Mast.Jwst.Filtered.* answers, in MAST's order (seed
// 004's NIRSpec list; the other instruments share the common part).
const jwstCommon = "ArchiveFileID filename fileSetName productLevel act_id apername asnpool asntable bartdelt bendtime bkgdtarg " +
	"bkglevel bkgsub bmidtime bstrtime category cont_id datamode dataprob date date_mjd date_end date_end_mjd date_obs " +
	"date_obs_mjd detector drpfrms1 drpfrms3 duration effexptm effinttm eng_qual exp_type expcount expend expmid exposure " +
	"expripar expstart fastaxis filter frmdivsr gainfact gdstarid groupgap gs_dec gs_mag gs_order gs_ra gsendtim gsendtim_mjd " +
	"gsstrttm gsstrttm_mjd gs_udec gs_umag gs_ura helidelt hendtime hga_move hmidtime hstrtime instrume intarget is_psf lamp " +
	"mu_dec mu_epoch mu_epoch_mjd mu_ra nexposur nextend nframes ngroups nints nresets nrststrt nsamples numdthpt nwfsest " +
	"obs_id observtn obslabel origin pcs_mode pi_name pps_aper prd_ver program prop_dec prop_ra pwfseet readpatt sca_num " +
	"scicat sdp_ver selfref seq_id slowaxis subarray subcat subsize1 subsize2 substrt1 substrt2 targ_dec targ_ra targname " +
	"targoopp targprop targtype targudec targura telescop template tframe tgroup timesys title tsample tsovisit visit_id " +
	"visitend visitend_mjd visitgrp visitsta visitype vststart vststart_mjd xoffset yoffset zerofram errtype rois roiw wpower " +
	"wtype datamodl exp_only exsegnum exsegtot intstart intend date_beg date_beg_mjd obsfoldr sctarate opmode osf_file " +
	"expsteng expsteng_mjd masterbg scatfile srctyapt tcatfile texptime patt_num pattsize patttype pridtpts subpxpts crowdfld " +
	"engqlptg oss_ver noutputs gs_v3_pa dirimage pixfrac pxsclrt segmfile va_dec va_ra compress bkgmeth cd1_1 cd1_2 cd2_1 " +
	"cd2_2 targcat targdesc gsc_ver primecrs extncrs s_region cal_ver cal_vcs crds_ctx crds_ver"

const jwstTail = "fileSize checksum ingestStartDate ingestStartDate_mjd ingestCompletionDate ingestCompletionDate_mjd " +
	"FileTypeID publicReleaseDate publicReleaseDate_mjd isRestricted isItar isStale FileSetId dataURI"

// jwstExtra are each instrument's own columns, between the common ones and the tail.
func jwstExtra(inst string) string {
	switch inst {
	case "nirspec":
		return "fcsrlpos focuspos fxd_slit grating gwa_pxav gwa_pyav gwa_tilt gwa_xp_v gwa_xtil gwa_yp_v gwa_ytil is_imprt " +
			"msaconid msametfl msametid msastate preimage rma_pos subpxpat nrs_norm nrs_ref pattstrt dithpnts nod_type spat_num spec_num"
	case "nircam", "niriss":
		return "pupil channel module fwcpos pwcpos coronmsk"
	case "miri":
		return "band mirngrps mirnfrms dtheta"
	}
	return ""
}

// fileColumnType types a column by its name: the ISO dates and names are text, counts
// integers, everything measured a double.
func fileColumnType(name string) string {
	switch name {
	case "ArchiveFileID", "drpfrms1", "drpfrms3", "expcount", "frmdivsr", "groupgap", "nexposur", "nextend",
		"nframes", "ngroups", "nints", "nresets", "nrststrt", "nsamples", "numdthpt", "nwfsest", "sca_num", "subsize1",
		"subsize2", "substrt1", "substrt2", "fileSize", "FileTypeID", "FileSetId", "exsegnum", "exsegtot", "intstart",
		"intend", "patt_num", "pridtpts", "subpxpts", "noutputs", "spat_num", "spec_num", "dithpnts", "gs_order", "mirngrps",
		"mirnfrms", "isRestricted", "isItar", "isStale", "msametid", "msaconid", "pattstrt", "proposid":
		return tInt
	}
	if strings.HasSuffix(name, "_mjd") {
		return tFloat
	}
	switch name {
	case "bartdelt", "bendtime", "bmidtime", "bstrtime", "duration", "effexptm", "effinttm", "expend", "expmid",
		"expstart", "gs_dec", "gs_mag", "gs_ra", "gs_udec", "gs_umag", "gs_ura", "helidelt", "hendtime", "hmidtime",
		"hstrtime", "mu_dec", "mu_ra", "prop_dec", "prop_ra", "targ_dec", "targ_ra", "targudec", "targura", "tframe",
		"tgroup", "tsample", "xoffset", "yoffset", "gs_v3_pa", "pixfrac", "pxsclrt", "va_dec", "va_ra", "cd1_1", "cd1_2",
		"cd2_1", "cd2_2", "texptime", "sctarate", "gainfact", "bkglevel", "gwa_pxav", "gwa_pyav", "gwa_tilt", "gwa_xp_v",
		"gwa_xtil", "gwa_yp_v", "gwa_ytil", "rma_pos", "fwcpos", "pwcpos", "dtheta", "exptime", "wpower", "focuspos", "fcsrlpos":
		return tFloat
	}
	return tString
}

func namedFields(names string) []field {
	var out []field
	for _, n := range strings.Fields(names) {
		out = append(out, f(n, fileColumnType(n), "", ""))
	}
	return out
}

// fileSets lists the file services by lower-cased name.
func fileSets() map[string]*fileSet {
	out := map[string]*fileSet{}
	for _, name := range registry.FileFamily(registry.JwstFiles).Instruments {
		inst := strings.ToLower(name)
		fields := namedFields(jwstCommon + " " + jwstExtra(inst) + " " + jwstTail)
		fam := strings.ToUpper(inst)
		match := func(o *archive.Obs) bool {
			return o.Collection == "JWST" && (inst == "fgs" || inst == "guidestar" || strings.HasPrefix(o.Instrument, fam+"/"))
		}
		fs := &fileSet{key: "catalogs: jwst files " + inst, fields: fields, match: match, rows: jwstFileRows(inst)}
		fs.cols = columns(fields)
		out[strings.ToLower(registry.JwstFiles+name)] = fs
	}
	hstFields := namedFields("ArchiveFileID filename fileSetName productLevel obs_id asn_id targname targ_ra targ_dec instrume " +
		"detector filter aperture obsmode obstype exptime date_obs time_obs expstart expend proposid pi_name program " +
		"s_region fileSize checksum publicReleaseDate publicReleaseDate_mjd isRestricted dataURI")
	for _, name := range registry.FileFamily(registry.HstFiles).Instruments {
		fam := strings.ToUpper(name)
		fs := &fileSet{key: "catalogs: hst files " + strings.ToLower(name), fields: hstFields,
			match: func(o *archive.Obs) bool { return o.Collection == "HST" && strings.HasPrefix(o.Instrument, fam) },
			rows:  hstFileRows}
		fs.cols = columns(hstFields)
		out[strings.ToLower(registry.HstFiles+name)] = fs
	}
	return out
}

// answer applies the request's filters and columns to every file of the set.
func (fs *fileSet) answer(env *simhttp.Env, req portal.Request) (portal.Answer, error) {
	a := env.Archive
	rows := a.Memo(fs.key, func() any {
		var rows []Row
		for i := range a.Len() {
			o := a.At(i)
			if fs.match(o) && !o.Planned { // a planned observation has no files yet
				rows = append(rows, fs.rows(o, archive.NewRand(o.Obsid, 0xf11e), fs.fields)...)
			}
		}
		return rows
	}).([]Row)
	return portal.TableAnswer(req, fs.cols, rows, true)
}

// fileRow fills a row by column name from vals; other columns get a plausible value of
// their type or null.
func fileRow(fields []field, vals map[string]any, r *archive.Rand) Row {
	v := make([]any, len(fields))
	for j, fd := range fields {
		if x, ok := vals[fd.name]; ok {
			v[j] = x
			continue
		}
		switch fd.typ {
		case tInt:
			v[j] = maybe(r, 0.3, int64(r.Intn(64)))
		case tFloat:
			if !strings.HasSuffix(fd.name, "_mjd") {
				v[j] = maybe(r, 0.3, round(r.Range(0, 100), 6))
			}
		default:
			v[j] = nil
		}
	}
	return Row{V: v}
}

// jwstFileRows makes the files of one JWST observation for an instrument service: its
// exposures' uncal/rate/cal files and the level-3 products (guide-star files for FGS
// and Guidestar).
func jwstFileRows(inst string) func(o *archive.Obs, r *archive.Rand, fields []field) []Row {
	return func(o *archive.Obs, r *archive.Rand, fields []field) []Row {
		mode := strings.SplitN(o.Instrument, "/", 2)
		filter, grating := o.Filters, ""
		if a, b, ok := strings.Cut(o.Filters, ";"); ok {
			filter, grating = a, b
		}
		prog := strings.TrimLeft(o.ProposalID, "0")
		if prog == "" {
			prog = "1"
		}
		visit := fmt.Sprintf("%05s%03d%03d", prog, 1+r.Intn(20), 1)
		expType, aper, dets, patt := "", "", []string{"NRS1", "NRS2"}, []string{"NRS", "NRSRAPID", "NRSIRS2RAPID"}
		switch {
		case inst == "fgs" || inst == "guidestar":
			expType, aper, dets, patt, filter = "FGS_FINEGUIDE", "FGS1_FULL", []string{"GUIDER1", "GUIDER2"}, []string{"FGS"}, "N/A"
		case mode[0] == "NIRSPEC" && len(mode) > 1 && mode[1] == "MSA":
			expType, aper = []string{"NRS_MSASPEC", "NRS_MSASPEC", "NRS_MSATA", "NRS_WATA"}[r.Intn(4)], "NRS_FULL_MSA"
			if expType == "NRS_WATA" {
				aper = "NRS_S1600A1_SLIT"
			}
		case mode[0] == "NIRSPEC" && len(mode) > 1 && mode[1] == "IFU":
			expType, aper = "NRS_IFU", []string{"NRS_FULL_IFU", "NRS1_FULL"}[r.Intn(2)]
		case mode[0] == "NIRSPEC":
			expType, aper = []string{"NRS_FIXEDSLIT", "NRS_BRIGHTOBJ"}[r.Intn(2)], []string{"NRS_S200A1_SLIT", "NRS_S1600A1_SLIT", "NRS1_FULL"}[r.Intn(3)]
		case mode[0] == "NIRCAM":
			expType, aper, dets, patt = "NRC_IMAGE", "NRCALL_FULL", []string{"NRCA1", "NRCB1", "NRCALONG"}, []string{"BRIGHT1", "MEDIUM8", "DEEP8"}
		case mode[0] == "MIRI":
			expType, aper, dets, patt = "MIR_IMAGE", "MIRIM_FULL", []string{"MIRIMAGE"}, []string{"FASTR1", "SLOWR1"}
			if len(mode) > 1 && mode[1] == "IFU" {
				expType, aper, dets = "MIR_MRS", "MIRIFU_CHANNEL1A", []string{"MIRIFUSHORT", "MIRIFULONG"}
			}
		case mode[0] == "NIRISS":
			expType, aper, dets, patt = "NIS_IMAGE", "NIS_CEN", []string{"NIS"}, []string{"NIS", "NISRAPID"}
			if len(mode) > 1 && mode[1] == "SOSS" {
				expType, aper = "NIS_SOSS", "NIS_SUBSTRIP256"
			}
		}
		var rows []Row
		nExp := 1 + r.Intn(3)
		for e := range nExp {
			det := dets[r.Intn(len(dets))]
			readpatt := patt[r.Intn(len(patt))]
			ngroups, nints := int64(2+r.Intn(20)), int64(1+r.Intn(4))
			exp := round(r.LogUniform(20, 3000), 3)
			start := o.TMin + float64(e)*exp/86400
			stem := fmt.Sprintf("jw%s_%05d_%05d_%s", visit, 3101+e*2, 1+e, strings.ToLower(det))
			if inst == "guidestar" || inst == "fgs" {
				stem = fmt.Sprintf("jw%s_gs-fg_%s", visit, archive.MJDTime(start).Format("2006002150405"))
			}
			suffixes := []struct {
				s     string
				level string
			}{{"uncal", "1b"}, {"rate", "2a"}, {"cal", "2b"}}
			if inst == "guidestar" || inst == "fgs" {
				suffixes = suffixes[:1]
			}
			for _, sfx := range suffixes {
				name := stem + "_" + sfx.s + ".fits"
				t := archive.MJDTime(start)
				vals := map[string]any{
					"ArchiveFileID": int64(o.Obsid%100000000)*10 + int64(e), "filename": name, "fileSetName": stem,
					"productLevel": sfx.level, "apername": aper, "detector": det, "exp_type": expType, "filter": filter,
					"readpatt": readpatt, "visitype": []string{"PRIME_TARGETED_FIXED", "PRIME_TARGETED_FIXED", "PARALLEL_PURE"}[r.Intn(3)],
					"instrume": strings.ToUpper(strings.SplitN(o.Instrument, "/", 2)[0]), "program": prog, "obs_id": o.ObsID,
					"pi_name": o.PI, "title": o.Title, "targname": o.Target, "targ_ra": o.RA, "targ_dec": o.Dec,
					"date_obs": t.Format("2006-01-02"), "date_obs_mjd": math.Floor(start), "expstart": start, "expend": start + exp/86400,
					"expmid": start + exp/172800, "effexptm": exp, "duration": exp * 1.1, "ngroups": ngroups, "nints": nints,
					"nframes": int64(1), "telescop": "JWST", "visit_id": visit, "observtn": visit[5:8], "category": "GO",
					"datamodl": "RampModel", "timesys": "UTC", "origin": "STSCI", "targtype": "FIXED", "s_region": o.Region,
					"fileSize": int64(r.LogUniform(5e6, 5e8)), "checksum": fmt.Sprintf("%016x", r.U64()),
					"publicReleaseDate":     archive.MJDTime(o.TRelease).Format("2006-01-02 15:04:05"),
					"publicReleaseDate_mjd": o.TRelease, "isRestricted": int64(0), "isItar": int64(0), "isStale": int64(0),
					"dataURI": "mast:JWST/product/" + name, "subarray": "FULL", "cal_ver": "1.14.0", "crds_ctx": "jwst_1241.pmap",
				}
				if grating != "" {
					vals["grating"] = grating
				}
				if expType == "NRS_MSASPEC" {
					vals["msametfl"] = "jw" + visit + "_01_msa.fits"
					vals["msaconid"] = int64(1 + r.Intn(50))
				}
				rows = append(rows, fileRow(fields, vals, r))
			}
		}
		return rows
	}
}

// hstFileRows makes an HST observation's raw and calibrated files.
func hstFileRows(o *archive.Obs, r *archive.Rand, fields []field) []Row {
	inst, det, _ := strings.Cut(o.Instrument, "/")
	var rows []Row
	for k, sfx := range []string{"raw", "flt", "drz"} {
		name := strings.ToLower(o.ObsID) + "_" + sfx + ".fits"
		t := archive.MJDTime(o.TMin)
		rows = append(rows, fileRow(fields, map[string]any{
			"ArchiveFileID": int64(o.Obsid%100000000)*10 + int64(k), "filename": name, "fileSetName": o.ObsID,
			"productLevel": []string{"1", "2", "3"}[k], "obs_id": o.ObsID, "asn_id": o.ObsID, "targname": o.Target,
			"targ_ra": o.RA, "targ_dec": o.Dec, "instrume": inst, "detector": det, "filter": o.Filters,
			"aperture": det, "obsmode": "ACCUM", "obstype": "IMAGING", "exptime": o.TExptime,
			"date_obs": t.Format("2006-01-02"), "time_obs": t.Format("15:04:05"), "expstart": o.TMin, "expend": o.TMax,
			"proposid": int64(r.Intn(17000)), "pi_name": o.PI, "program": o.ProposalID, "s_region": o.Region,
			"fileSize": int64(r.LogUniform(1e6, 2e8)), "checksum": fmt.Sprintf("%016x", r.U64()),
			"publicReleaseDate": archive.MJDTime(o.TRelease).Format("2006-01-02 15:04:05"), "publicReleaseDate_mjd": o.TRelease,
			"isRestricted": int64(0), "dataURI": "mast:HST/product/" + name,
		}, r))
	}
	return rows
}
