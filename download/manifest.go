package download

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"mastui/model"
)

// ManifestRow is one line of astroquery's download manifest.
type ManifestRow struct {
	LocalPath, Status, Message, URL string
}

// ManifestRows maps statuses to astroquery's manifest: a file on disk is COMPLETE (an
// already present one too, as in astroquery, with the message "already on disk"), a
// failed item is ERROR with the reason and its URL, a cancelled or unfinished one is
// SKIPPED (not fetched by choice, as astroquery's cloud_only) with its URL, and a file
// saved without proof that it is whole (no size from the server, no end marker) is
// UNVERIFIED, a status astroquery does not have because it calls such files COMPLETE.
// A file that had a cloud copy to try (Item.CloudURL) says in its message where its bytes
// came from: the cloud, or MAST and why not the cloud.
// An unpacked cutout item has a row per member it put in place (astroquery's
// download_cutouts manifest), and one for its zip when kept.
func ManifestRows(st []Status) []ManifestRow {
	rows := make([]ManifestRow, 0, len(st))
	for _, s := range st {
		if (s.State == Done || s.State == Skipped) && len(s.Files) > 0 {
			paths := s.Files
			if s.KeepZip {
				paths = append(append([]string(nil), paths...), s.Dest)
			}
			for _, p := range paths {
				r := ManifestRow{LocalPath: p, Status: "COMPLETE"}
				if s.State == Skipped {
					r.Message = "already on disk"
				}
				rows = append(rows, r)
			}
			continue
		}
		r := ManifestRow{LocalPath: s.Dest}
		switch s.State {
		case Done:
			r.Status, r.Message = "COMPLETE", sourceNote(s)
		case Skipped:
			r.Status, r.Message = "COMPLETE", "already on disk"
		case Unverified:
			r.Status, r.Message, r.URL = "UNVERIFIED", "saved, but possibly incomplete: "+s.Err, s.URL
		case Failed, LoginRequired: // astroquery records a 401 as an ERROR row too
			r.Status, r.Message, r.URL = "ERROR", s.Err, s.URL
			if r.Message == "" {
				r.Message = "File was not downloaded"
			}
		case Cancelled:
			r.Status, r.Message, r.URL = "SKIPPED", "cancelled by the user", s.URL
		default:
			r.Status, r.Message, r.URL = "SKIPPED", "not downloaded ("+string(s.State)+")", s.URL
		}
		r.Message = model.OneLine(r.Message) // server text: no terminal controls
		rows = append(rows, r)
	}
	return rows
}

// sourceNote says where a downloaded file's bytes came from when it had a cloud copy to
// try ("" otherwise, as astroquery's None).
func sourceNote(s Status) string {
	switch {
	case s.CloudURL == "":
		return ""
	case s.FromCloud:
		return "from the cloud: " + s.CloudURL
	}
	return "from MAST (cloud copy: " + s.CloudErr + ")"
}

var manifestHeader = []string{"Local Path", "Status", "Message", "URL"}

// WriteManifestCSV writes the manifest as CSV with astroquery's column names.
func WriteManifestCSV(w io.Writer, st []Status) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(manifestHeader); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	for _, r := range ManifestRows(st) {
		if err := cw.Write([]string{r.LocalPath, r.Status, r.Message, r.URL}); err != nil {
			return fmt.Errorf("write manifest: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// WriteManifestECSV writes the manifest as astropy ECSV 1.0 (space-delimited), which
// astropy.table.Table.read(..., format="ascii.ecsv") loads with the same columns.
func WriteManifestECSV(w io.Writer, st []Status) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# %ECSV 1.0\n# ---\n# datatype:\n")
	for _, h := range manifestHeader {
		fmt.Fprintf(bw, "# - {name: %s, datatype: string}\n", h)
	}
	bw.WriteString("# schema: astropy-2.0\n")
	writeECSVLine(bw, manifestHeader)
	for _, r := range ManifestRows(st) {
		writeECSVLine(bw, []string{r.LocalPath, r.Status, r.Message, r.URL})
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

func writeECSVLine(w *bufio.Writer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(' ')
		}
		w.WriteString(ecsvField(f))
	}
	w.WriteByte('\n')
}

// ecsvField quotes like astropy's writer: empty fields and fields with blanks, quotes or
// a leading '#' are double-quoted with inner quotes doubled.
func ecsvField(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"") && !strings.HasPrefix(s, "#") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
}
