package sim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mastui/services/sim/archive"
)

type santaAnswer struct {
	ResolvedCoordinate []archive.Resolved `json:"resolvedCoordinate"`
	Status             *string            `json:"status"`
}

func santa(t *testing.T, base string, q url.Values) santaAnswer {
	t.Helper()
	resp, body := get(t, "GET", base+"/Santa-war/query?"+q.Encode(), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("SANTA: HTTP %d", resp.StatusCode)
	}
	var a santaAnswer
	if err := json.Unmarshal(body, &a); err != nil || a.Status == nil || *a.Status != "" {
		t.Fatalf("SANTA answer %s: %v", body, err)
	}
	return a
}

func TestSantaResolver(t *testing.T) {
	_, ts := sharedServer(t)
	a := santa(t, ts.URL, url.Values{"name": {"M101", "NGC 5457", "m 101", "NoSuchThing"}, "outputFormat": {"json"}, "resolveAll": {"False"}})
	if len(a.ResolvedCoordinate) != 3 {
		t.Fatalf("want one entry per resolvable name, got %+v", a.ResolvedCoordinate)
	}
	for i, want := range []string{"m101", "ngc 5457", "m 101"} {
		c := a.ResolvedCoordinate[i]
		if c.SearchString != want || c.Resolver != "SIMBAD" || c.CanonicalName != "M 101" || !c.Cached || c.ResolverTime <= 0 {
			t.Errorf("entry %d: %+v", i, c)
		}
		if c.RA != 210.802429 || c.Decl != 54.34875 || c.Radius == nil || c.ObjectType == "" {
			t.Errorf("entry %d position/type: %+v", i, c)
		}
	}
	all := santa(t, ts.URL, url.Values{"name": {"M51"}, "outputFormat": {"json"}, "resolveAll": {"True"}})
	// Every resolver (protocol 4.1): SIMBAD, its CfA mirror, NED.
	if len(all.ResolvedCoordinate) != 3 || all.ResolvedCoordinate[0].Resolver != "SIMBAD" || all.ResolvedCoordinate[1].Resolver != "SIMBADCFA" ||
		all.ResolvedCoordinate[2].Resolver != "NED" || all.ResolvedCoordinate[1].RA != all.ResolvedCoordinate[0].RA {
		t.Fatalf("resolveAll: %+v", all.ResolvedCoordinate)
	}
	if d := archive.AngDist(all.ResolvedCoordinate[0].RA, all.ResolvedCoordinate[0].Decl, all.ResolvedCoordinate[2].RA, all.ResolvedCoordinate[2].Decl) * 3600; d == 0 || d > 2 {
		t.Errorf("SIMBAD and NED should differ by under 2 arcsec, differ by %.3f", d)
	}
	ned := santa(t, ts.URL, url.Values{"name": {"M51", "Crab Nebula"}, "outputFormat": {"json"}, "resolveAll": {"False"}, "resolver": {"NED"}})
	if len(ned.ResolvedCoordinate) != 2 || ned.ResolvedCoordinate[0].Resolver != "NED" || ned.ResolvedCoordinate[1].SearchString != "crab nebula" {
		t.Fatalf("resolver=NED: %+v", ned.ResolvedCoordinate)
	}
	// Archive target names resolve too, with the catalogue resolver for TIC ids.
	tic := santa(t, ts.URL, url.Values{"name": {"TIC 164458426"}, "resolveAll": {"False"}, "resolver": {"SIMBAD", "TIC"}})
	if len(tic.ResolvedCoordinate) != 2 {
		t.Fatalf("TIC name: %+v", tic.ResolvedCoordinate)
	}
	none := santa(t, ts.URL, url.Values{"name": {"Planet X"}, "resolveAll": {"True"}})
	if len(none.ResolvedCoordinate) != 0 {
		t.Errorf("unknown name resolved: %+v", none.ResolvedCoordinate)
	}
}

func TestWhoami(t *testing.T) {
	_, ts := sharedServer(t)
	var anon map[string]any
	_, b := get(t, "GET", ts.URL+"/whoami", nil)
	if err := json.Unmarshal(b, &anon); err != nil || anon["anon"] != true || anon["ezid"] != "anonymous" || anon["token"] != nil {
		t.Fatalf("anonymous whoami: %s", b)
	}
	var user map[string]any
	_, b = get(t, "GET", ts.URL+"/whoami", map[string]string{"Cookie": "mast_token=" + DemoToken})
	if err := json.Unmarshal(b, &user); err != nil || user["anon"] != false || user["token"] != DemoToken {
		t.Fatalf("user whoami: %s", b)
	}
	attrib, _ := user["attrib"].(map[string]any)
	if attrib["display_name"] == "" || !strings.Contains(str(user["scopes"]), "mast:exclusive_access") {
		t.Errorf("user whoami lacks attributes/scopes: %s", b)
	}
}

func TestColumnsConfig(t *testing.T) {
	_, ts := sharedServer(t)
	cfg := func(body string) (string, map[string]map[string]any) {
		code, b := postForm(t, ts.URL+"/portal/Mashup/Mashup.asmx/columnsconfig", body)
		if code != 200 {
			t.Fatalf("columnsconfig %s: HTTP %d", body, code)
		}
		var m map[string]map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("columnsconfig %s: %v", body, err)
		}
		return string(b), m
	}
	raw, caom := cfg("colConfigId=Mast.Caom.Cone")
	rows := 0
	for name, c := range caom {
		if name != "_selected_" && c["remove"] != true {
			rows++
		}
		if c["text"] == nil || c["vot.datatype"] == nil || c["type"] != c["vot.datatype"] {
			t.Errorf("%s: %v", name, c)
		}
	}
	if rows < 31 {
		t.Errorf("get_metadata would list %d CAOM columns, want at least 31", rows)
	}
	if !strings.HasPrefix(raw, `{"obs_collection":{"text":"Mission"`) {
		t.Errorf("config should start with obs_collection/Mission: %.80s", raw)
	}
	for _, sep := range []string{"obs_collection", "project", "filters", "wavelength_region", "target_classification"} {
		if caom[sep]["separator"] != ";" {
			t.Errorf("%s separator %v", sep, caom[sep]["separator"])
		}
	}
	for col, dt := range map[string]string{"s_ra": "double", "t_min": "double", "calib_level": "int", "obsid": "long", "mtFlag": "boolean"} {
		if caom[col]["vot.datatype"] != dt {
			t.Errorf("%s datatype %v, want %s", col, caom[col]["vot.datatype"], dt)
		}
	}
	if caom["t_min"]["isMjd"] != true || caom["objID"]["remove"] != true || caom["s_ra"]["vot.unit"] != "deg" {
		t.Errorf("t_min/objID/s_ra properties: %v %v %v", caom["t_min"], caom["objID"], caom["s_ra"])
	}
	// Form-encoded ids and the filtered services' ids give the same CAOM config.
	for _, body := range []string{"colConfigId=Mast.Caom.Filtered.Position", "colConfigId=mast.caom.filtered", "colConfigId=Mast%2ECaom%2ECone"} {
		if r, _ := cfg(body); r != raw {
			t.Errorf("%s differs from Mast.Caom.Cone", body)
		}
	}
	_, prod := cfg("colConfigId=Mast.Caom.Products")
	if prod["obsID"]["text"] != "Product Group ID" || prod["size"]["vot.datatype"] != "int" || len(prod) < 20 {
		t.Errorf("products config: %d entries, obsID %v", len(prod), prod["obsID"])
	}
	if r, m := cfg("colConfigId=Mast.Nothing.Here"); r != "{}" || len(m) != 0 {
		t.Errorf("unknown id: %s", r)
	}
}

// The Search API missions' famous targets resolve, so searching them by name works.
func TestSantaKnowsMissionTargets(t *testing.T) {
	_, ts := sharedServer(t)
	for _, c := range []struct {
		name    string
		ra, dec float64
	}{{"HD 5980", 14.860708, -72.164972}, {"sk-69 246", 84.72244, -69.03373}, {"I Zw 18", 143.50846, 55.24111}, {"TW Hya", 165.46627, -34.70473}} {
		a := santa(t, ts.URL, url.Values{"name": {c.name}, "outputFormat": {"json"}})
		if len(a.ResolvedCoordinate) == 0 {
			t.Errorf("%s does not resolve", c.name)
			continue
		}
		if r := a.ResolvedCoordinate[0]; r.RA != c.ra || r.Decl != c.dec {
			t.Errorf("%s → %v %v, want %v %v", c.name, r.RA, r.Decl, c.ra, c.dec)
		}
	}
}

// Every example of the astroquery documentation works on the demo archive: the TESScut
// star "TIC 32449963" resolves, and the IUE file of the download_file example is the
// M8 observation lwp13058 and is served.
func TestDocumentedExamples(t *testing.T) {
	s, ts := sharedServer(t)
	tic := santa(t, ts.URL, url.Values{"name": {"TIC 32449963"}, "resolveAll": {"False"}})
	if len(tic.ResolvedCoordinate) != 1 || tic.ResolvedCoordinate[0].CanonicalName != "TIC 32449963" {
		t.Fatalf("TIC 32449963: %+v", tic.ResolvedCoordinate)
	}
	const uri = "mast:IUE/url/pub/iue/data/lwp/13000/lwp13058.elbll.gz"
	size, _, err := s.Archive().FileContent(uri)
	if err != nil || size < 100_000 {
		t.Fatalf("%s: size %d, %v", uri, size, err)
	}
	a := s.Archive()
	found := false
	idx, _ := a.Cone(270.92194, -24.38017, 0.02)
	for _, i := range idx {
		if o := a.At(int(i)); o.ObsID == "lwp13058" && o.Collection == "IUE" && o.Instrument == "LWP" {
			found = true
		}
	}
	if !found {
		t.Error("lwp13058 is not among the IUE observations within 0.02 deg of M8")
	}
}
