package download

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestFetchBundleScript(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	prods := pick(t, 3, 3000, 40000)
	uris := []string{prods[0].DataURI, prods[1].DataURI, "mast:HST/product/nonexistent_raw.fits", prods[2].DataURI}
	var b bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	if err := FetchBundleScript(ctx, nil, ts.URL, "", uris, &b); err != nil {
		t.Fatal(err)
	}
	script := b.String()
	if !strings.HasPrefix(script, "#!/bin/sh") || strings.Count(script, "\ncurl ") != 3 ||
		!strings.Contains(script, "# ERROR: mast:HST/product/nonexistent_raw.fits") {
		t.Fatalf("unexpected script:\n%s", script)
	}
	if reqs := c.requests(); len(reqs) != 1 || reqs[0].Method != http.MethodPost {
		t.Fatalf("requests %+v", reqs)
	}
	if _, err := exec.LookPath("curl"); err != nil {
		return
	}
	// The script itself works: it fetches the three files into its folder.
	dir := t.TempDir()
	p := filepath.Join(dir, "bundle.sh")
	os.WriteFile(p, b.Bytes(), 0o755)
	cmd := exec.CommandContext(ctx, "sh", p)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bundle.sh: %v\n%s", err, out)
	}
	for _, pr := range prods {
		m, _ := filepath.Glob(filepath.Join(dir, "MAST_*", pr.Collection, pr.ObsIDStr, pr.Filename))
		if len(m) != 1 {
			t.Fatalf("%s not fetched by the script", pr.Filename)
		}
		got, _ := os.ReadFile(m[0])
		if !bytes.Equal(got, content(t, pr.DataURI)) {
			t.Fatalf("%s differs", pr.Filename)
		}
	}
}

func TestFetchBundleScriptRefusesErrorPages(t *testing.T) {
	_, ts := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><title>Maintenance</title></html>"))
	}))
	var b bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	err := FetchBundleScript(ctx, nil, ts.URL, "", []string{"mast:HST/product/x.fits"}, &b)
	if err == nil || b.Len() != 0 || !strings.Contains(err.Error(), "Maintenance") {
		t.Fatalf("err %v, %d bytes written", err, b.Len())
	}
}
