package download

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"mastui/model"
)

// ExportOptions shape the scripts and lists written instead of downloading.
type ExportOptions struct {
	// Dir makes destinations inside it relative, so the script works wherever it is run
	// from that directory (or copied with it). Empty keeps paths as they are.
	Dir string
	// TokenHosts: URLs on these hosts get "Authorization: Bearer $MAST_API_TOKEN" in the
	// curl script when that variable is set. The token itself is never written.
	// Default mast.stsci.edu.
	TokenHosts []string
}

func (o ExportOptions) dest(it Item) string {
	if o.Dir == "" {
		return it.Dest
	}
	rel, err := filepath.Rel(o.Dir, it.Dest)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return it.Dest
	}
	return rel
}

// WriteCurlScript writes a POSIX sh script that fetches every item with curl, retrying
// transient errors and reporting failures in its exit status. Re-running it finishes an
// interrupted run: files of known size that are complete are skipped, partial ones are
// resumed (-C -); files of unknown size are fetched again.
func WriteCurlScript(w io.Writer, items []Item, opt ExportOptions) error {
	a := newAuth("x", opt.TokenHosts, "")
	var total int64
	for _, it := range items {
		total += it.Size
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `#!/bin/sh
# Written by mastui: %d files, %s. Re-run to resume interrupted downloads.
# Exclusive-access data: export MAST_API_TOKEN=<token> first (sent to MAST hosts only).
set -u
failed=0
fetch() { # fetch <auth:0|1> <size, 0 = unknown> <path> <url>
	resume=""
	if [ "$2" != 0 ] && [ -f "$3" ]; then
		have=$(( $(wc -c < "$3") ))
		[ "$have" -eq "$2" ] && return # complete: nothing to fetch
		[ "$have" -gt "$2" ] && rm -f "$3"
		resume="--continue-at -"
	fi
	mkdir -p "$(dirname "$3")" || { failed=$((failed+1)); return; }
	if [ "$1" = 1 ] && [ -n "${MAST_API_TOKEN:-}" ]; then
		curl --fail --location --silent --show-error --retry 5 --retry-delay 3 $resume \
			--header "Authorization: Bearer $MAST_API_TOKEN" --output "$3" "$4"
	else
		curl --fail --location --silent --show-error --retry 5 --retry-delay 3 $resume \
			--output "$3" "$4"
	fi
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "mastui: failed (curl exit $rc): $3" >&2
		failed=$((failed+1))
	fi
}
`, len(items), model.FormatBytes(total))
	for _, it := range items {
		u, err := url.Parse(it.URL)
		if err != nil {
			return fmt.Errorf("curl script: bad URL %q: %w", it.URL, err)
		}
		flag := "0"
		if a.allowed(u) {
			flag = "1"
		}
		fmt.Fprintf(bw, "fetch %s %d %s %s\n", flag, it.Size, shQuote(opt.dest(it)), shQuote(it.URL))
	}
	bw.WriteString(`if [ $failed -ne 0 ]; then echo "mastui: $failed download(s) failed" >&2; exit 1; fi
`)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("curl script: %w", err)
	}
	return nil
}

// WriteAria2Input writes an aria2c input file (aria2c -c -i FILE): each URL with its
// output directory and name.
func WriteAria2Input(w io.Writer, items []Item, opt ExportOptions) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# aria2c --continue=true --max-concurrent-downloads=4 --input-file=THIS_FILE\n")
	bw.WriteString("# Exclusive-access data: add --header=\"Authorization: Bearer $MAST_API_TOKEN\"\n")
	for _, it := range items {
		if strings.ContainsAny(it.URL, "\r\n") {
			return fmt.Errorf("aria2 input: URL with a line break: %q", it.URL)
		}
		d := opt.dest(it)
		fmt.Fprintf(bw, "%s\n  dir=%s\n  out=%s\n", it.URL, oneLine(filepath.Dir(d)), oneLine(filepath.Base(d)))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("aria2 input: %w", err)
	}
	return nil
}

// WriteURLList writes one URL per line (wget -i, xargs, a notebook).
func WriteURLList(w io.Writer, items []Item) error {
	bw := bufio.NewWriter(w)
	for _, it := range items {
		bw.WriteString(oneLine(it.URL))
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("URL list: %w", err)
	}
	return nil
}

// shQuote quotes s for sh: inside single quotes, a quote is closed, escaped, reopened.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
