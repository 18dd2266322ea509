package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"mastui/services/sim"
)

// hostileText would set the clipboard (OSC 52), rename the terminal (OSC 0), clear the
// screen (CSI), switch to 8-bit CSI and reverse the rest of the line if printed raw.
const hostileText = "\x1b]52;c;cm0gLXJmIH4K\x07\x1b]0;pwned\x1b\\\x1b[2J\u009b31m\u202e"

// hostileJSON is hostileText as it travels inside a JSON string.
func hostileJSON() string {
	var b strings.Builder
	for _, r := range hostileText {
		switch {
		case r < 0x20 || r >= 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hostileServer is the simulator behind a filter that makes it hostile: every JSON string
// listed in tag (its exact quoted text, e.g. `"M 101"`) gets hostileText appended, and
// fail, when it answers, replaces the simulator's answer for a request.
type hostileServer struct {
	tag  []string
	fail func(r *http.Request) (status int, body string, ok bool)
}

func (h *hostileServer) start(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("MASTUI_CONFIG", t.TempDir()+"/none.json")
	t.Setenv("MASTUI_MAST_URL", "")
	s, err := sim.New(sim.Options{Archive: demoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	inner := s.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.fail != nil {
			if status, body, ok := h.fail(r); ok {
				w.WriteHeader(status)
				w.Write([]byte(body))
				return
			}
		}
		r.Header.Del("Accept-Encoding")
		rec := httptest.NewRecorder()
		inner.ServeHTTP(rec, r)
		body := rec.Body.String()
		for _, tag := range h.tag {
			body = strings.ReplaceAll(body, tag, strings.TrimSuffix(tag, `"`)+hostileJSON()+`"`)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// assertNoControls fails when out holds anything that drives a terminal: ESC or any other
// C0 control but newline, a C1 control, a bidi control, invalid UTF-8.
func assertNoControls(t *testing.T, what, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s is not valid UTF-8: %q", what, out)
	}
	for _, r := range out {
		if r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 || r >= 0x202a && r <= 0x202e {
			t.Errorf("%s holds control %U:\n%q", what, r, out)
			return
		}
	}
}

// runAndReport runs a command line like main does, error line included.
func runAndReport(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	stdout, stderr, err = runCLI(t, args...)
	if err != nil {
		var b bytes.Buffer
		reportError(&b, err)
		stderr += b.String()
	}
	return stdout, stderr, err
}

func TestCLIServerTextCannotDriveTheTerminal(t *testing.T) {
	h := &hostileServer{tag: []string{`"M 101"`, `"GinPair"`, `"NGC-5457"`, `"M101-ULX-1"`, `"WFC3/UVIS"`}}
	url := h.start(t)
	cases := [][]string{
		{"resolve", "M101"},
		{"resolve", "M101", "--format", "csv"},
		{"query", "object", "M101", "--format", "csv"},
		{"query", "object", "M101", "--columns", "target_name,obsid"},
		{"mission", "search", "--mission", "hst", "--object", "M101", "--format", "csv", "--select", "sci_targname"},
		{"mission", "search", "--mission", "hst", "--object", "M101", "--select", "sci_targname"},
		{"mission", "products", "--mission", "hst", "I3YT0W050", "--format", "csv"},
		{"resolve", "M101", "--format", "json"},
		{"query", "object", "M101", "--format", "json", "--columns", "target_name"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errOut, err := runAndReport(t, append([]string{"--mast-url", url}, args...)...)
			if err != nil {
				t.Fatalf("%v\n%s", err, errOut)
			}
			assertNoControls(t, "stdout", out)
			assertNoControls(t, "stderr", errOut)
			for _, want := range []string{"M 101", "NGC-5457", "M101-ULX-1", "WFC3/UVIS"} {
				if strings.Contains(out, want) {
					return // the tagged value is printed, without its escapes
				}
			}
			t.Errorf("no tagged value in the output:\n%s", out)
		})
	}
	// JSON keeps the value exactly, every control escaped.
	out, _, err := runCLI(t, "--mast-url", url, "resolve", "M101", "--format", "json")
	var rows []map[string]any
	if err != nil || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 1 || rows[0]["canonical_name"] != "M 101"+hostileText {
		t.Errorf("json round trip: %v %q", err, out)
	}
}

func TestCLIServerErrorsCannotDriveTheTerminal(t *testing.T) {
	cases := []struct {
		name   string
		path   string
		status int
		body   string
		args   []string
		want   string
	}{
		{"portal msg", "/api/v0/invoke", 200, `{"status": "ERROR", "msg": "Bad` + hostileJSON() + ` query"}`,
			[]string{"query", "region", "210.8 54.3"}, "MAST error: Bad query"},
		{"http body", "/api/v0/invoke", 400, "Bad" + hostileText + " request",
			[]string{"query", "region", "210.8 54.3"}, "HTTP 400 Bad Request: Bad request"},
		{"search api body", "/search/hst/api/v0.1/search", 400, `{"detail": "no` + hostileJSON() + ` such column"}`,
			[]string{"mission", "search", "--mission", "hst", "--coordinates", "210.8 54.3"}, "no such column"},
		{"download-file", "/api/v0.1/Download/file", 403, "Denied" + hostileText + " here",
			[]string{"download-file", "mast:HST/product/i3yt0wb3q_raw.fits"}, "Denied here"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := &hostileServer{fail: func(r *http.Request) (int, string, bool) {
				return c.status, c.body, strings.HasPrefix(r.URL.Path, c.path)
			}}
			url := h.start(t)
			args := append([]string{"--mast-url", url}, c.args...)
			if c.name == "download-file" {
				args = append(args, "--out", t.TempDir())
			}
			out, errOut, err := runAndReport(t, args...)
			if err == nil {
				t.Fatalf("no error; stdout:\n%s", out)
			}
			assertNoControls(t, "stdout", out)
			assertNoControls(t, "stderr", errOut)
			if !strings.Contains(errOut, c.want) {
				t.Errorf("stderr does not say %q:\n%s", c.want, errOut)
			}
		})
	}
}

func TestCLIDownloadFailuresCannotDriveTheTerminal(t *testing.T) {
	h := &hostileServer{fail: func(r *http.Request) (int, string, bool) {
		return 403, "Denied" + hostileText + "\r\nfor you", strings.Contains(r.URL.Path, "Download/file")
	}}
	url := h.start(t)
	dir := t.TempDir()
	out, errOut, err := runAndReport(t, "--mast-url", url, "download", "87600028", "--dir", dir, "--flat",
		"--filter", "productType=SCIENCE", "--filter", "extension=fits")
	if err == nil {
		t.Fatalf("no error; stderr:\n%s", errOut)
	}
	assertNoControls(t, "stdout", out)
	assertNoControls(t, "stderr", errOut)
	if !strings.Contains(errOut, "failed: ") || !strings.Contains(errOut, "Denied for you") {
		t.Errorf("stderr:\n%s", errOut)
	}
	manifests, _ := filepath.Glob(filepath.Join(dir, "*manifest*"))
	if len(manifests) == 0 {
		t.Fatalf("no manifest in %s", dir)
	}
	for _, m := range manifests {
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		assertNoControls(t, m, string(b))
		if strings.HasSuffix(m, ".csv") {
			recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil || len(recs) < 2 || !strings.Contains(recs[1][2], "Denied for you") {
				t.Errorf("manifest %v:\n%s", err, b)
			}
		}
	}
}

func TestCLICSVLeavesNullsEmpty(t *testing.T) {
	url := startSim(t)
	for _, args := range [][]string{
		{"query", "object", "M101"},
		{"products", "87600028"},
		{"mission", "search", "--mission", "hst", "--object", "M101", "--select", "all"},
	} {
		out, _, err := runCLI(t, append([]string{"--mast-url", url, "--format", "csv"}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		empty := 0
		for _, rec := range recs[1:] {
			for i, v := range rec {
				switch strings.ToLower(v) {
				case "nan", "--":
					t.Fatalf("%v: column %s holds %q (masked cells are empty)", args, recs[0][i], v)
				case "":
					empty++
				}
			}
		}
		t.Logf("%v: %d rows, %d empty cells", args, len(recs)-1, empty)
	}
}
