package cutouts

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/services/fits"
	"mastui/ui/common"
	"mastui/ui/components/details"

	cutsvc "mastui/services/cutouts"
)

// curveTask reads a finished cutout's light curve and headers.
const curveTask = "curve"

// maxMemberBytes bounds a target pixel file read from a zip into memory.
const maxMemberBytes = 512 << 20

// curve is a finished target pixel file as the details pane shows it.
type curve struct {
	Name    string // the file's name
	Path    string // where it was read: the file, or "zip › member"
	LC      *cutsvc.LightCurve
	Primary fits.Header
	Pixels  fits.Header
}

// CurveMsg answers the reading of a finished cutout.
type CurveMsg struct {
	Curve *curve
	Err   error
}

// openCurve reads the light curve of the finished cutout of the row under the cursor.
func (m *Model) openCurve() tea.Cmd {
	l := m.list
	r := m.grid.CursorRow()
	if l == nil || r < 0 || r >= l.rows() {
		return nil
	}
	if l.spec.service != TESScut {
		return common.Toast(common.LevelInfo, "Light curves are read from TESScut target pixel files; "+l.spec.service+" cutouts are images")
	}
	it, err := m.itemFor(r)
	if err != nil {
		return common.Toast(common.LevelError, common.Sanitize(err.Error()))
	}
	m.refreshStatus()
	s, ok := m.status[it.ID]
	switch {
	case !ok:
		return common.Toast(common.LevelInfo, "Sector "+strconv.Itoa(l.sectors[r].Sector)+" is not downloaded: D queues its cutout")
	case s.State != download.Done && s.State != download.Skipped && s.State != download.Unverified:
		return common.Toast(common.LevelInfo, "Sector "+strconv.Itoa(l.sectors[r].Sector)+"'s cutout is "+stateText(s)+": its light curve shows once it is done")
	}
	sector, target, size := l.sectors[r].Name, l.target, l.spec.size
	return m.req.Run(curveTask, "Reading "+common.Sanitize(sector)+"…", func(ctx context.Context) tea.Msg {
		c, err := readCurve(s.Dest, sector, target, size)
		return CurveMsg{Curve: c, Err: err}
	})
}

// readCurve finds the target pixel file of sector in a finished cutout at dest and reads
// it. The queue's unpack step writes the zip's members next to dest and removes the
// zip; before it ran (or with the zip kept) the member is read from the zip itself.
func readCurve(dest, sector string, t cutsvc.Target, size cutsvc.Size) (*curve, error) {
	if _, err := os.Stat(dest); err == nil {
		return curveInZip(dest, sector)
	}
	dir := filepath.Dir(dest)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type cand struct {
		path string
		mod  int64
	}
	var cands []cand
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, sector+"_") && strings.EqualFold(filepath.Ext(n), ".fits") {
			if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
				cands = append(cands, cand{filepath.Join(dir, n), info.ModTime().UnixNano()})
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int { return int(b.mod - a.mod) }) // newest first
	for _, c := range cands {
		f, err := fits.Open(c.path)
		if err != nil {
			continue
		}
		cv, err := curveOf(f, filepath.Base(c.path), c.path)
		f.Close()
		if err == nil && cv.fits(t, size) {
			return cv, nil
		}
	}
	return nil, fmt.Errorf("no target pixel file of %s for this target and size in %s", sector, dir)
}

// fits reports whether the file is the cutout of t at size: same position (fixed
// targets) and, for a size in pixels, the same pixels.
func (c *curve) fits(t cutsvc.Target, size cutsvc.Size) bool {
	if !t.Moving() {
		ra, okRA := c.Primary.Float("RA_OBJ")
		dec, okDec := c.Primary.Float("DEC_OBJ")
		if okRA && okDec && (math.Abs(ra-t.RA) > 1e-4 || math.Abs(dec-t.Dec) > 1e-4) {
			return false
		}
	}
	if size.IsZero() {
		size = cutsvc.DefaultSize
	}
	if size.Units == cutsvc.Pixels && c.LC.Pixels != [2]int{} {
		return c.LC.Pixels == [2]int{int(size.X), int(size.Y)}
	}
	return true
}

// curveInZip reads the first FITS member of sector in the zip at path.
func curveInZip(path, sector string) (*curve, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		name := filepath.Base(zf.Name)
		if !strings.HasPrefix(name, sector+"_") || !strings.EqualFold(filepath.Ext(name), ".fits") {
			continue
		}
		if zf.UncompressedSize64 > maxMemberBytes {
			return nil, fmt.Errorf("%s: %d bytes, too big to read here", name, zf.UncompressedSize64)
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(rc, maxMemberBytes))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		f, err := fits.Parse(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return curveOf(f, name, filepath.Base(path)+" › "+name)
	}
	return nil, fmt.Errorf("%s holds no target pixel file of %s", filepath.Base(path), sector)
}

// curveOf reads the light curve and the PRIMARY and PIXELS headers of f.
func curveOf(f *fits.File, name, path string) (*curve, error) {
	lc, err := cutsvc.LightCurveOf(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &curve{Name: name, Path: path, LC: lc}
	if h, ok := f.HDU("PRIMARY"); ok {
		c.Primary = h.Header
	}
	if h, ok := f.HDU("PIXELS"); ok {
		c.Pixels = h.Header
	}
	return c, nil
}

// onCurve shows a read cutout in the details pane, or says why it could not be read.
func (m *Model) onCurve(msg CurveMsg) tea.Cmd {
	if msg.Err != nil {
		m.c.Logger.Error("cutouts: light curve", "err", msg.Err)
		return common.Toast(common.LevelError, "Could not read the cutout: "+common.Sanitize(msg.Err.Error()))
	}
	m.lc = msg.Curve
	var fields []details.Field
	for _, part := range []struct {
		title string
		h     fits.Header
	}{{"PRIMARY", m.lc.Primary}, {"PIXELS", m.lc.Pixels}} {
		fields = append(fields, details.Field{Label: "── " + part.title})
		for _, card := range part.h {
			fields = append(fields, details.Field{Label: common.Sanitize(card.Key), Value: common.Sanitize(cardValue(card)), Desc: common.Sanitize(card.Comment)})
		}
	}
	m.details.SetContent(common.Sanitize(m.lc.Name), fields)
	m.details.SetFocused(true)
	m.setPane(paneDetails)
	return nil
}

// cardValue is a header card's value as FITS readers print it.
func cardValue(c fits.Card) string {
	switch v := c.Value.(type) {
	case nil:
		return ""
	case bool:
		if v {
			return "T"
		}
		return "F"
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return v
	}
	return fmt.Sprint(c.Value)
}
