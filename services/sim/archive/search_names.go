package archive

// searchNames are the famous objects of the Search API missions (IUE, ULLYSES, CLASSY)
// at their real positions, so a positional mission search by name resolves like on real
// MAST (normName makes "HD5980" and "hd 5980" one name). Names the archive already resolves keep their entries.
func searchNames(out map[string]nameEntry) {
	add := func(name, objType string, ra, dec float64) {
		if name == "" || ra == 0 && dec == 0 {
			return
		}
		k := normName(name)
		if _, ok := out[k]; !ok {
			out[k] = nameEntry{canonical: name, objType: objType, ra: ra, dec: dec}
		}
	}
	for _, t := range iueFamous {
		add(t.name, map[string]string{"STAR": "*", "SUPERNOVA": "SN", "GALAXY": "G", "QSO": "QSO"}[t.class], t.ra, t.dec)
	}
	for _, t := range ullysesNamed {
		add(t.name, "*", t.ra, t.dec)
	}
	for _, g := range classyGalaxies {
		add(g.other, "G", g.ra, g.dec)
	}
	// Catalogue stars the astroquery documentation names (TESScut "TIC 32449963", in
	// TESS sector 10, camera 1), so every documented example resolves.
	out[normName("TIC 32449963")] = nameEntry{canonical: "TIC 32449963", objType: "*", ra: 196.48412, dec: -25.60219, catalog: "TIC"}
}
