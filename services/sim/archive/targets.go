package archive

// Target is a named object the resolver knows and the archive has observations around.
type Target struct {
	Name      string   // as users type it; "" for positions documented without a name
	Canonical string   // SIMBAD-style canonical name
	Aliases   []string // other names that resolve to it
	RA, Dec   float64  // ICRS degrees (SIMBAD)
	Type      string   // SIMBAD object type
	Class     string   // CAOM target_classification
	Radius    float64  // angular size in degrees (0 for point sources)
	NEDFirst  bool     // SANTA lists NED first for it (as for M8 in the astroquery docs)
	parts     []part
}

// part is one collection's share of the observations around a target.
type part struct {
	coll       string
	n          int
	within     float64 // pointings up to this far from the target (deg)
	exact      float64 // fraction of pointings exactly on the target
	names      []string
	oneProgram bool
	over       field // overrides (inst, filters, pi, proposal, ptype, calib, era, public, exp)
}

func (p part) field(t *Target) field {
	f := p.over
	f.names, f.class = p.names, t.Class
	if len(f.names) == 0 {
		f.names = []string{t.Name}
	}
	f.ra, f.dec, f.within, f.exact = t.RA, t.Dec, p.within, p.exact
	if f.within == 0 {
		f.within = 0.05
	}
	return f
}

func pt(coll string, n int, within float64, names ...string) part {
	return part{coll: coll, n: n, within: within, names: names}
}

func (p part) at(exact float64) part { p.exact = exact; return p }

func (p part) with(f field) part { p.over = f; return p }

func (p part) single() part { p.oneProgram = true; return p }

// Targets lists the named objects the archive clusters observations around (the
// astroquery documentation's examples and a few famous objects), for tests and demos.
func (a *Archive) Targets() []Target {
	var out []Target
	for _, t := range namedTargets() {
		if t.Name != "" {
			t.parts = nil
			out = append(out, t)
		}
	}
	return out
}

// namedTargets are the objects of the astroquery documentation examples (at their real
// coordinates) plus a few famous ones, with dense observation clusters around them.
// Counts inside small radii are exact because the background keeps away from them:
// M8 has 196 observations within 0.02 deg and M15 1804 within 0.2 deg, as in the docs.
func namedTargets() []Target {
	return []Target{
		{Name: "M101", Canonical: "M 101", Aliases: []string{"NGC 5457", "Pinwheel Galaxy", "Messier 101"},
			RA: 210.802429, Dec: 54.34875, Type: "GinPair", Class: "GALAXY;SPIRAL", Radius: 0.1823,
			parts: []part{
				pt("HST", 150, 0.17, "M101", "NGC5457", "M101-ULX-1", "SN2011FE", "NGC5457-POS1", "M101-HII-REGIONS"),
				pt("JWST", 40, 0.15, "M101", "NGC-5457"),
				pt("GALEX", 30, 0.1, "NGA_M101", "GI1_047_M101"),
				pt("SWIFT", 40, 0.1, "M101", "SN2011fe").at(0.3),
				pt("HLA", 30, 0.15, "M101", "NGC5457"),
				pt("HLSP", 12, 0.15, "NGC5457").with(field{inst: "legus"}),
				pt("PS1", 5, 0.1), pt("IUE", 4, 0.05, "NGC5457"), pt("SPITZER_SHA", 10, 0.1, "M101"),
			}},
		{Name: "M8", Canonical: "MESSIER 008", Aliases: []string{"NGC 6523", "Lagoon Nebula", "Messier 8"},
			RA: 270.92194, Dec: -24.38017, Type: "Neb", Class: "ISM;HII REGION", Radius: 0.25, NEDFirst: true,
			parts: []part{
				pt("K2", 6, 0.015),
				pt("IUE", 120, 0.017, "M8", "HD 164536", "HERSCHEL 36").at(0.6).with(field{obsIDs: []string{"lwp13058"}}),
				pt("HST", 40, 0.017, "M8", "HOURGLASS", "HERSCHEL-36"),
				pt("SWIFT", 10, 0.017, "M8").at(0.5),
				pt("HLA", 10, 0.017, "M8"),
				pt("JWST", 10, 0.016, "M8"),
			}},
		{Name: "M10", Canonical: "M 10", Aliases: []string{"NGC 6254", "Messier 10"},
			RA: 254.28771, Dec: -4.10031, Type: "GlC", Class: "CLUSTER OF STARS;GLOBULAR CLUSTER", Radius: 0.083,
			parts: []part{
				pt("GALEX", 4, 0.03, "NGA_M10"),
				pt("HST", 40, 0.04, "NGC6254", "M10"), pt("SWIFT", 10, 0.04, "M10").at(0.5),
				pt("HLA", 10, 0.04, "NGC6254"), pt("SPITZER_SHA", 4, 0.04, "NGC6254"),
			}},
		{Name: "NGC 6121", Canonical: "NGC 6121", Aliases: []string{"M4", "Messier 4"},
			RA: 245.89675, Dec: -26.52575, Type: "GlC", Class: "CLUSTER OF STARS;GLOBULAR CLUSTER", Radius: 0.15,
			parts: []part{
				pt("HST", 60, 0.09, "NGC6121", "M4", "NGC-6121"),
				pt("HST", 2, 0.07, "DARK", "BIAS").with(field{ptype: "CAL/ACS", inst: "ACS/WFC"}).single(),
				pt("K2", 20, 0.09), pt("SWIFT", 10, 0.05, "M4"), pt("HLA", 10, 0.08, "NGC6121"),
				pt("IUE", 3, 0.05, "NGC 6121"),
			}},
		{Name: "M2", Canonical: "M 2", Aliases: []string{"NGC 7089", "Messier 2"},
			RA: 323.36258, Dec: -0.82325, Type: "GlC", Class: "CLUSTER OF STARS;GLOBULAR CLUSTER", Radius: 0.09,
			parts: []part{pt("HST", 30, 0.08, "NGC-7089-M-2", "NGC7089"), pt("SWIFT", 10, 0.05, "M2"), pt("GALEX", 4, 0.1, "NGA_M2")}},
		{Name: "M9", Canonical: "M 9", Aliases: []string{"NGC 6333", "Messier 9"},
			RA: 259.79908, Dec: -18.51625, Type: "GlC", Class: "CLUSTER OF STARS;GLOBULAR CLUSTER", Radius: 0.05,
			parts: []part{pt("HST", 20, 0.03, "MESSIER-009", "NGC6333"), pt("SWIFT", 5, 0.03, "M9")}},
		{Name: "M103", Canonical: "M 103", Aliases: []string{"NGC 581", "Messier 103"},
			RA: 23.34086, Dec: 60.658, Type: "OpC", Class: "CLUSTER OF STARS;OPEN CLUSTER", Radius: 0.05,
			parts: []part{pt("HST", 10, 0.1, "NGC581", "M103"), pt("TESS", 20, 0.15), pt("SWIFT", 10, 0.1, "M103"),
				pt("GALEX", 4, 0.1, "NGA_M103"), pt("IUE", 4, 0.15, "HD 9311")}},
		{Name: "M51", Canonical: "M 51", Aliases: []string{"NGC 5194", "Whirlpool Galaxy", "Messier 51"},
			RA: 202.469575, Dec: 47.195258, Type: "Sy2", Class: "GALAXY;SPIRAL", Radius: 0.1,
			parts: []part{pt("HST", 80, 0.1, "M51", "NGC5194", "M51-HII-REGION"), pt("JWST", 20, 0.08, "M51"),
				pt("GALEX", 10, 0.08, "NGA_M51"), pt("SWIFT", 20, 0.05, "M51").at(0.5), pt("HLA", 20, 0.1, "M51"),
				pt("HLSP", 10, 0.1, "NGC5194").with(field{inst: "legus"}), pt("SPITZER_SHA", 10, 0.1, "M51")}},
		{Name: "M31", Canonical: "M 31", Aliases: []string{"NGC 224", "Andromeda", "Andromeda Galaxy", "Messier 31"},
			RA: 10.684708, Dec: 41.26875, Type: "AGN", Class: "GALAXY;SPIRAL", Radius: 1.6,
			parts: []part{pt("HST", 150, 0.19, "M31", "ANDROMEDA", "M31-PHAT-B01", "M31-NUCLEUS"), pt("GALEX", 10, 0.15, "NGA_M31"),
				pt("SWIFT", 30, 0.1, "M31").at(0.5), pt("HLA", 30, 0.19, "M31"),
				pt("HLSP", 20, 0.19, "M31").with(field{inst: "phat"}), pt("SPITZER_SHA", 10, 0.15, "M31"), pt("PS1", 5, 0.1)}},
		{Name: "M104", Canonical: "M 104", Aliases: []string{"NGC 4594", "Sombrero Galaxy", "Messier 104"},
			RA: 189.997633, Dec: -11.623054, Type: "LIN", Class: "GALAXY;SPIRAL", Radius: 0.07,
			parts: []part{pt("HST", 30, 0.08, "M104", "NGC4594"), pt("SWIFT", 5, 0.05, "M104"), pt("GALEX", 4, 0.08, "NGA_M104"),
				pt("JWST", 6, 0.05, "M104"), pt("HLA", 5, 0.08, "M104"), pt("SPITZER_SHA", 4, 0.08, "M104")}},
		{Name: "NGC 5272", Canonical: "NGC 5272", Aliases: []string{"M3", "Messier 3"},
			RA: 205.54842, Dec: 28.37728, Type: "GlC", Class: "CLUSTER OF STARS;GLOBULAR CLUSTER", Radius: 0.15,
			parts: []part{pt("HST", 40, 0.1, "NGC5272-BSSV6", "NGC5272", "M3"), pt("GALEX", 4, 0.1, "NGA_M3"), pt("SWIFT", 5, 0.05, "M3")}},
		{Name: "M15", Canonical: "M 15", Aliases: []string{"NGC 7078", "Messier 15"},
			RA: 322.49324, Dec: 12.16683, Type: "GlC", Class: "CLUSTER OF STARS;GLOBULAR CLUSTER", Radius: 0.15,
			parts: []part{
				pt("SWIFT", 1400, 0.15, "M15", "NGC7078", "M15-X2").at(0.9),
				pt("HST", 250, 0.15, "M15", "NGC7078", "NGC-7078"), pt("HLA", 60, 0.15, "NGC7078"),
				pt("GALEX", 30, 0.15, "NGA_M15"), pt("IUE", 20, 0.1, "M15").at(0.5), pt("SPITZER_SHA", 14, 0.15, "M15"),
				pt("JWST", 10, 0.1, "M15"), pt("HLSP", 10, 0.15, "M15"), pt("TESS", 10, 0.15),
			}},
		{Name: "M77", Canonical: "M 77", Aliases: []string{"NGC 1068", "Messier 77"},
			RA: 40.66963, Dec: -0.01328, Type: "Sy2", Class: "GALAXY;SEYFERT", Radius: 0.06,
			parts: []part{pt("HST", 60, 0.05, "NGC1068", "M77"), pt("JWST", 12, 0.04, "NGC-1068"), pt("IUE", 20, 0.02, "NGC 1068").at(0.7),
				pt("FUSE", 4, 0.01, "NGC1068"), pt("GALEX", 4, 0.05, "NGA_NGC1068"), pt("SWIFT", 20, 0.03, "NGC1068").at(0.6),
				pt("HLA", 10, 0.05, "NGC1068")}},
		{Name: "M42", Canonical: "M 42", Aliases: []string{"NGC 1976", "Orion Nebula", "Orion", "Messier 42"},
			RA: 83.82208, Dec: -5.39111, Type: "HII", Class: "ISM;HII REGION", Radius: 0.5,
			parts: []part{pt("HST", 120, 0.15, "ORION-NEBULA", "M42", "THETA1-ORI-C", "ORION-PROPLYDS"),
				pt("JWST", 40, 0.12, "ORION-BAR", "M42"), pt("SPITZER_SHA", 20, 0.15, "M42"), pt("IUE", 30, 0.1, "THETA1 ORI C").at(0.5),
				pt("FUSE", 5, 0.05, "THETA1ORIC"), pt("SWIFT", 10, 0.1, "M42"), pt("HLA", 20, 0.15, "M42"),
				pt("HLSP", 10, 0.15, "M42").with(field{inst: "ullyses"})}},
		{Name: "M1", Canonical: "M 1", Aliases: []string{"NGC 1952", "Crab Nebula", "Crab", "Messier 1"},
			RA: 83.63308, Dec: 22.0145, Type: "SNR", Class: "ISM;SUPERNOVA REMNANT", Radius: 0.07,
			parts: []part{pt("HST", 60, 0.06, "CRAB-NEBULA", "CRAB-PULSAR", "M1"), pt("JWST", 10, 0.05, "CRAB"),
				pt("SWIFT", 100, 0.05, "Crab").at(0.9), pt("IUE", 10, 0.02, "CRAB PULSAR"), pt("GALEX", 4, 0.06, "NGA_M1"),
				pt("SPITZER_SHA", 6, 0.06, "CRAB"), pt("HLA", 10, 0.06, "M1")}},
		{Name: "Vega", Canonical: "* alf Lyr", Aliases: []string{"alf Lyr", "alpha Lyr", "HD 172167", "HR 7001"},
			RA: 279.23473, Dec: 38.78369, Type: "dS*", Class: "STAR;MAIN SEQUENCE",
			parts: []part{pt("IUE", 150, 0.005, "HD172167").at(0.95), pt("HST", 30, 0.005, "VEGA", "HD172167"),
				pt("FUSE", 5, 0.002, "HD172167"), pt("TESS", 10, 0.001, "TIC 157587146"), pt("SWIFT", 10, 0.005, "Vega"),
				pt("SPITZER_SHA", 6, 0.005, "VEGA")}},
		{Name: "TRAPPIST-1", Canonical: "TRAPPIST-1", Aliases: []string{"2MASS J23062928-0502285", "EPIC 246199087"},
			RA: 346.62201, Dec: -5.04144, Type: "LM*", Class: "STAR;EXOPLANET HOST",
			parts: []part{
				pt("JWST", 30, 0.005, "TRAPPIST-1").with(field{tmax: 60500, public: true}),
				pt("JWST", 30, 0.005, "TRAPPIST-1").with(field{tmin: 60760, ptype: "GO", inst: "NIRSPEC/MSA", filters: "CLEAR;PRISM"}).single(),
				pt("HST", 40, 0.005, "TRAPPIST-1"), pt("K2", 4, 0.003, "EPIC 246199087"), pt("SWIFT", 10, 0.005, "TRAPPIST-1"),
				pt("SPITZER_SHA", 20, 0.005, "TRAPPIST-1"),
			}},
		{Name: "Sgr A*", Canonical: "NAME Sgr A*", Aliases: []string{"SgrA*", "Sagittarius A*", "Galactic Center"},
			RA: 266.41683, Dec: -29.00781, Type: "BH", Class: "GALACTIC CENTER",
			parts: []part{pt("JWST", 30, 0.05, "SGRA-STAR", "GALACTIC-CENTER"), pt("HST", 40, 0.05, "SGRA", "GAL-CENTER"),
				pt("SWIFT", 100, 0.03, "Sgr A*").at(0.9), pt("SPITZER_SHA", 10, 0.05, "GC")}},
		{Name: "LMC", Canonical: "NAME LMC", Aliases: []string{"Large Magellanic Cloud"},
			RA: 80.89417, Dec: -69.75611, Type: "G", Class: "GALAXY;IRREGULAR", Radius: 5,
			parts: []part{pt("HST", 60, 0.19, "LMC-FIELD", "30-DOR", "LMC"), pt("JWST", 20, 0.15, "LMC"),
				pt("TESS", 30, 0.19), pt("SWIFT", 20, 0.15, "LMC"), pt("HLA", 10, 0.19, "LMC"), pt("SPITZER_SHA", 10, 0.19, "LMC")}},
		{Name: "LMC Astrometric Field", Canonical: "LMC Astrometric Field", Aliases: []string{"LMC-ASTROMETRIC-FIELD"},
			RA: 80.49, Dec: -69.5, Class: "FIELD",
			parts: []part{
				pt("JWST", 16, 0.03, "LMC-ASTROMETRIC-FIELD").with(field{inst: "NIRCAM/IMAGE", proposal: "1073", filters: "F150W,F277W,F277W",
					pi: "Hodapp, Klaus W.", ptype: "COM", tmin: 59690, tmax: 59760, public: true}).single(),
				pt("HST", 10, 0.05, "LMC-ASTROMETRIC-FIELD"),
			}},
		{Name: "GOODS-S", Canonical: "NAME GOODS South", Aliases: []string{"GOODS South", "CDF-S", "Chandra Deep Field South"},
			RA: 53.13, Dec: -27.8, Class: "FIELD;DEEP FIELD", Radius: 0.15,
			parts: []part{
				pt("JWST", 40, 0.1, "GOODS-S", "JADES-GS").with(field{inst: "NIRSPEC/MSA", proposal: "1180,1210,1286,1287,3215",
					filters: "F290LP;G395H,F170LP;G235M,CLEAR;PRISM", tmin: 59850, tmax: 60550, public: true}),
				pt("JWST", 60, 0.12, "GOODS-S", "JADES-GS").with(field{inst: "NIRCAM/IMAGE", proposal: "1180,1210,1286,1287,3215", tmin: 59850, tmax: 60550, public: true}),
				pt("HST", 150, 0.15, "GOODS-S", "HUDF", "CDFS"), pt("HLSP", 20, 0.1, "GOODS-S").with(field{inst: "jades"}),
				pt("SPITZER_SHA", 10, 0.1, "GOODS-S"), pt("GALEX", 4, 0.1, "CDFS_00"),
			}},
		{Name: "", RA: 68.73091, Dec: 24.4814, Class: "STAR;YOUNG STELLAR OBJECT",
			parts: []part{pt("JWST", 12, 0.006, "IRAS04302+2247").with(field{inst: "NIRSPEC/IFU", proposal: "1282,1222",
				filters: "F290LP;G395H,F170LP;G235H", exp: [2]float64{10, 90}, tmax: 60500, public: true})}},
		{Name: "", RA: 5.13, Dec: -36.895, Class: "STAR;WHITE DWARF",
			parts: []part{pt("JWST", 8, 0.006, "WD0018-371").with(field{inst: "NIRSPEC/SLIT", proposal: "1222",
				filters: "F070LP;G140H", exp: [2]float64{500, 3000}, tmax: 60500, public: true})}},
		{Name: "EV Lac", Canonical: "V* EV Lac", Aliases: []string{"EV Lacertae", "GJ 873", "BD+43 4305"},
			RA: 341.70721, Dec: 44.334, Type: "Er*", Class: "STAR;FLARE STAR",
			parts: []part{
				pt("HST", 3, 0.001, "EV-LAC").with(field{inst: "WFC3/UVIS", pi: "Osten, Rachel A.", proposal: "13323", ptype: "GO", calib: 1, kind: "image", tmax: 57000}).single(),
				pt("HST", 6, 0.001, "EV-LAC").with(field{inst: "COS/FUV", pi: "Osten, Rachel A.", proposal: "13323", ptype: "GO", tmax: 57000}).single(),
				pt("GALEX", 6, 0.01, "GI3_012_EVLAC"), pt("SWIFT", 30, 0.005, "EV Lac").at(0.8), pt("IUE", 10, 0.002, "EV LAC"),
				pt("TESS", 4, 0.0005, "TIC 273589987"), pt("FUSE", 2, 0.001, "EVLAC"),
			}},
		{Name: "Kepler-12", Canonical: "Kepler-12", Aliases: []string{"Kepler 12b", "Kepler-12b", "KIC 11804465", "KOI-20"},
			RA: 286.07858, Dec: 50.04101, Type: "PM*", Class: "STAR;EXOPLANET HOST",
			parts: []part{pt("Kepler", 2, 0.0001, "kplr011804465").at(1).single(), pt("TESS", 3, 0.0001, "TIC 164458426").at(1).single()}},
		{Name: "HD 189733", Canonical: "HD 189733", Aliases: []string{"HD189733"},
			RA: 300.18213, Dec: 22.71085, Type: "BY*", Class: "STAR;EXOPLANET HOST",
			parts: []part{pt("HST", 20, 0.002, "HD-189733"), pt("JWST", 12, 0.002, "HD-189733"), pt("TESS", 4, 0.0005, "TIC 256364928"),
				pt("SWIFT", 10, 0.005, "HD 189733"), pt("SPITZER_SHA", 10, 0.002, "HD189733")}},
		{Name: "M74", Canonical: "M 74", Aliases: []string{"NGC 628", "Messier 74"},
			RA: 24.173946, Dec: 15.783662, Type: "G", Class: "GALAXY;SPIRAL", Radius: 0.09,
			parts: []part{pt("HLSP", 20, 0.08, "NGC628").with(field{inst: "legus"}), pt("HST", 40, 0.08, "NGC628", "M74"),
				pt("JWST", 12, 0.06, "NGC0628").with(field{inst: "NIRCAM/IMAGE"}), pt("GALEX", 4, 0.08, "NGA_NGC0628"),
				pt("SWIFT", 6, 0.05, "M74"), pt("HLSP", 10, 0.08, "NGC628").with(field{inst: "phangs-jwst"})}},
		{Name: "NGC 4449", Canonical: "NGC 4449", Aliases: []string{"UGC 7592"},
			RA: 187.046261, Dec: 44.093630, Type: "IG", Class: "GALAXY;IRREGULAR", Radius: 0.05,
			parts: []part{
				// The cloud example of the astroquery docs: ACS/WFC F606W of proposal 12062.
				pt("HST", 8, 0.03, "NGC-4449").with(field{inst: "ACS/WFC", proposal: "12062", filters: "F606W,F814W", ptype: "GO",
					calib: 3, kind: "image", tmin: 55800, tmax: 56100, public: true}).single(),
				pt("HST", 20, 0.05, "NGC4449"), pt("GALEX", 4, 0.05, "NGA_NGC4449"), pt("SWIFT", 6, 0.03, "NGC4449"),
			}},
		{Name: "", RA: 158.47924, Dec: -7.30962, Class: "STAR;WHITE DWARF",
			parts: []part{pt("GALEX", 6, 0.05, "GI4_042_WD1031-070"), pt("HST", 4, 0.01, "WD1031-070"), pt("PS1", 2, 0.05)}},
		{Name: "", RA: 5.97754, Dec: 32.53617, Class: "GALAXY",
			parts: []part{pt("PS1", 6, 0.02), pt("GALEX", 4, 0.05, "MISDR1_00417_0365"), pt("HST", 2, 0.01, "PSO-J005.9775+32.5361")}},
		{Name: "", RA: 184.3, Dec: 54.5, Class: "GALAXY",
			parts: []part{pt("GALEX", 7, 0.09, "GI1_009004_NGC4256").at(0.4)}},
	}
}
