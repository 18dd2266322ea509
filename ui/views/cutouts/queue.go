package cutouts

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/model"
	"mastui/ui/common"

	cutsvc "mastui/services/cutouts"
)

// refreshTask re-reads the queue's snapshot while cutouts of the listing are on their
// way, so their state column follows them.
const refreshTask = "refresh"

// refreshEvery is how often the state column is refreshed while cutouts are pending.
const refreshEvery = time.Second

// RefreshMsg asks for the queue's state of the listing's cutouts.
type RefreshMsg struct{}

// queue queues the chosen rows' cutouts (every row when none is chosen): one item per
// TESScut sector or Zcut survey, the HAPCut cutout; rows of one sector (two cameras or
// CCDs) share one item, whose zip holds both files.
func (m *Model) queue() tea.Cmd {
	l := m.list
	if l == nil || l.rows() == 0 {
		return nil
	}
	rows := m.grid.Selection().Selected()
	if len(rows) == 0 {
		rows = make([]int, l.rows())
		for i := range rows {
			rows[i] = i
		}
	}
	var items []download.Item
	seen := map[string]bool{}
	for _, r := range rows {
		it, err := m.itemFor(r)
		if err != nil {
			return common.Toast(common.LevelError, "Not queued: "+common.Sanitize(err.Error()))
		}
		if !seen[it.ID] {
			seen[it.ID] = true
			items = append(items, it)
		}
	}
	dl := m.cfg.Downloads
	if dl == nil {
		text := "Not queued: downloads are unavailable in this session"
		if why := m.cfg.Unavailable; why != "" {
			text += " (" + common.Sanitize(why) + ")"
		}
		return common.Toast(common.LevelWarn, text)
	}
	res, err := dl.AddAll(items...)
	if err != nil {
		m.c.Logger.Error("cutouts: queue", "err", err)
		return common.Toast(common.LevelError, "Could not queue the cutouts: "+common.Sanitize(err.Error()))
	}
	m.c.Logger.Info("cutouts queued", "service", l.spec.service, "items", len(items), "added", res.Added, "first", items[0].URL)
	m.refreshStatus()
	return tea.Batch(common.Toast(common.LevelInfo, queuedText(len(items), res)), m.watch())
}

// queuedText is "3 cutouts queued", or "1 of 3 cutouts queued · 2 already downloaded".
func queuedText(asked int, res download.AddResult) string {
	noun := "cutouts"
	if asked == 1 {
		noun = "cutout"
	}
	n := res.Queued()
	if n == asked {
		return fmt.Sprintf("%s %s queued", common.Commas(int64(n)), noun)
	}
	text := fmt.Sprintf("%s of %s %s queued", common.Commas(int64(n)), common.Commas(int64(asked)), noun)
	for _, part := range []struct {
		n    int
		what string
	}{{res.AlreadyQueued, "already queued"}, {res.AlreadyDone, "already downloaded"}, {res.Duplicates, "duplicates"}} {
		if part.n > 0 {
			text += fmt.Sprintf(" · %s %s", common.Commas(int64(part.n)), part.what)
		}
	}
	return text
}

// itemFor is the download item of row r's cutout: the GET the services answer with a
// zip (protocol 8), saved in the download directory under a name saying what it is,
// unpacked by the queue next to it.
func (m *Model) itemFor(r int) (download.Item, error) {
	l := m.list
	base, t, size := m.cfg.BaseURL, l.target, l.spec.size
	var (
		url, part, collection, obs string
		err                        error
	)
	switch l.spec.service {
	case TESScut:
		s := l.sectors[r]
		url, err = cutsvc.TESScutURL(base, cutsvc.TESScutCutout{Target: t, Size: size, Sectors: []int{s.Sector}})
		part, collection, obs = fmt.Sprintf("s%04d", s.Sector), "TESS", s.Name
	case Zcut:
		s := l.surveys[r]
		z := l.spec.image // the image options, as the CLI's zcut cutout sends them
		z.RA, z.Dec, z.Size, z.Survey = t.RA, t.Dec, size, s
		url, err = cutsvc.ZcutURL(base, z)
		part, collection, obs = s, "Zcut", s
	default:
		url, err = cutsvc.HAPCutURL(base, cutsvc.HAPCutCutout{RA: t.RA, Dec: t.Dec, Size: size})
		collection = "HST"
	}
	if err != nil {
		return download.Item{}, err
	}
	dir, err := filepath.Abs(m.cfg.Dir)
	if err != nil {
		return download.Item{}, err
	}
	name := model.SanitizeName(strings.Join(nonEmpty(strings.ToLower(l.spec.service), part, where(t), strings.ReplaceAll(size.String(), " ", ""), imageTag(l.spec.image)), "_") + ".zip")
	dest := filepath.Join(dir, name)
	return download.Item{
		ID: download.ItemID(url, dest), URL: url, Dest: dest, Root: dir, Filename: name,
		Collection: collection, ObsID: obs, ProductType: "cutout", Unpack: download.UnpackCutouts,
	}, nil
}

// imageTag names a Zcut jpg/png's options in file names ("jpg-linear-1-99-inverted"), so
// images made differently do not share a zip; "" for FITS.
func imageTag(z cutsvc.ZcutCutout) string {
	if z.Format == "" || z.Format == cutsvc.FormatFITS {
		return ""
	}
	parts := []string{z.Format, z.Stretch}
	for _, v := range z.MinMaxPercent {
		parts = append(parts, strconv.FormatFloat(v, 'f', -1, 64))
	}
	if z.Invert {
		parts = append(parts, "inverted")
	}
	return strings.Join(nonEmpty(parts...), "-")
}

// where names a target in file names: "324.24368_-27.01029", or the moving target's name.
func where(t cutsvc.Target) string {
	if t.Moving() {
		return strings.ReplaceAll(strings.TrimSpace(t.MovingTarget), " ", "-")
	}
	return strconv.FormatFloat(t.RA, 'f', -1, 64) + "_" + strconv.FormatFloat(t.Dec, 'f', -1, 64)
}

func nonEmpty(parts ...string) []string {
	out := parts[:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// refreshStatus reads the queue's snapshot and writes each row's state.
func (m *Model) refreshStatus() {
	l := m.list
	if l == nil || l.state == nil || m.cfg.Downloads == nil {
		return
	}
	clear(m.status)
	for _, s := range m.cfg.Downloads.Snapshot() {
		m.status[s.ID] = s
	}
	for r := range l.state.Str {
		l.state.Str[r] = ""
		if it, err := m.itemFor(r); err == nil {
			if s, ok := m.status[it.ID]; ok {
				l.state.Str[r] = stateText(s)
			}
		}
	}
	for _, c := range m.grid.Columns() {
		if c.Src == l.state {
			c.Measure(0, len(l.state.Str))
		}
	}
}

// pending reports whether a row's cutout is waiting or on its way.
func (m *Model) pending() bool {
	for _, s := range m.status {
		if s.Unpack == download.UnpackCutouts && (s.State == download.Queued || s.State == download.Active) {
			return true
		}
	}
	return false
}

// watch re-reads the queue after a while when cutouts are on their way and the list shows.
func (m *Model) watch() tea.Cmd {
	if m.pane != paneList || !m.focused || !m.pending() {
		return nil
	}
	return m.req.Debounce(refreshTask, refreshEvery, RefreshMsg{})
}

// stateText is a cutout's state in the queue, in words (the column reads without colour).
func stateText(s download.Status) string {
	switch s.State {
	case download.Queued:
		if s.Err != "" {
			return "retrying: " + common.Sanitize(s.Err)
		}
		return "queued"
	case download.Active:
		if s.Total > 0 {
			return fmt.Sprintf("fetching %d%%", s.Done*100/s.Total)
		}
		return "fetching " + model.FormatBytes(s.Done)
	case download.Paused:
		return "paused"
	case download.Done, download.Skipped:
		return "done"
	case download.Unverified:
		return "done (unverified)"
	case download.Failed:
		return "failed: " + common.Sanitize(s.Err)
	case download.Cancelled:
		return "cancelled"
	}
	return string(s.State)
}
