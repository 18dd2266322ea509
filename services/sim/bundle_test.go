package sim

import (
	"io"
	"mastui/services/testmode"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestBundleScriptSweep(t *testing.T) {
	testmode.Sweep(t)
	s, ts := sharedServer(t)
	p := findProduct(t, s.Archive(), "HST", func(o *Obs, p *Product) bool { return !p.Exclusive() })
	form := url.Values{"uri": {p.DataURI, "mast:HST/product/nope_raw.fits"}}
	resp, err := http.PostForm(ts.URL+"/api/v0.1/Download/bundle.sh", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, resp.Body); err != nil {
		t.Fatal(err)
	}
	body := b.String()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/x-sh" || !strings.HasPrefix(body, "#!/bin/sh\n") {
		t.Fatalf("HTTP %d %s:\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	want := "--output ${DOWNLOAD_FOLDER}'/HST/" + p.ObsIDStr + "/" + p.Filename + "' '" + ts.URL + "/api/v0.1/Download/file?bundle_name="
	if !strings.Contains(body, want) || !strings.Contains(body, "# ERROR: mast:HST/product/nope_raw.fits: file not found (404)") {
		t.Fatalf("script lacks the curl line or the error:\n%s", body)
	}
	if r, _ := http.Get(ts.URL + "/api/v0.1/Download/bundle.sh"); r.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET: HTTP %d", r.StatusCode)
	}
}
