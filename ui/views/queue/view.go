package queue

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"mastui/download"
	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/details"
)

// Widths of the numeric columns of a line.
const (
	pctW   = 4  // " 64%"
	bytesW = 19 // "1.3 GB/2.1 GB"
	rateW  = 10 // "21 MB/s"
	etaW   = 7  // "1m12s"
	minBar = 6
)

// View draws the totals line, a blank line and the visible window of downloads, in at
// most the panel's size.
func (m *Model) View() string {
	st := m.c.Styles
	if m.dl == nil {
		msg := "Downloads unavailable in this session: D cannot queue anything."
		if m.why != "" {
			msg = "Downloads unavailable: " + common.Sanitize(m.why)
		}
		if m.width > 2 {
			msg = common.Truncate(msg, m.width-2)
		}
		return " " + st.Queue.Title.Render("Queue") + "\n\n " + st.Empty.Render(msg)
	}
	var b strings.Builder
	b.WriteString(m.totalsLine())
	b.WriteString("\n")
	if len(m.ids) == 0 {
		b.WriteString("\n " + st.Empty.Render("No downloads yet: select products and press D."))
		return b.String()
	}
	ids := m.listed()
	if len(ids) == 0 {
		b.WriteString("\n " + st.Empty.Render("No failed downloads ("+m.c.Keys.Queue.FailedOnly.Help().Key+" lists them all)."))
	}
	end := min(len(ids), m.offset+m.rows())
	for i := m.offset; i < end; i++ {
		b.WriteString("\n")
		b.WriteString(m.line(m.st[ids[i]], i == m.cursor))
	}
	if s, ok := m.current(); ok && m.showDetails {
		for n := end - m.offset; n < m.rows(); n++ {
			b.WriteString("\n")
		}
		m.details.SetSize(m.width, m.detailsHeight())
		m.details.SetContent(common.Sanitize(s.Filename), m.detailFields(s))
		b.WriteString("\n" + m.details.View())
	}
	return b.String()
}

func (m *Model) totalsLine() string {
	qs, sep := m.c.Styles.Queue, m.c.Styles.Glyphs.Separator
	t := m.Totals()
	parts := []string{fmt.Sprintf("%d active", t.Active), fmt.Sprintf("%d waiting", t.Queued)}
	if t.Paused > 0 {
		parts = append(parts, fmt.Sprintf("%d paused", t.Paused))
	}
	parts = append(parts, fmt.Sprintf("%d done", t.Done))
	if t.Unverified > 0 {
		parts = append(parts, fmt.Sprintf("%d unverified", t.Unverified))
	}
	if t.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", t.Failed))
	}
	if t.LoginRequired > 0 {
		parts = append(parts, fmt.Sprintf("%d login required", t.LoginRequired))
	}
	title := "Queue"
	if m.failedOnly {
		title = "Queue · failed only"
	}
	left := " " + qs.Title.Render(title) + "   " + qs.Totals.Render(strings.Join(parts, sep))
	right := []string{model.FormatBytes(t.Bytes) + " of " + model.FormatBytes(t.Total)}
	if t.Rate > 0 {
		right = append(right, rate(t.Rate))
	}
	if t.ETA > 0 {
		right = append(right, "ETA "+eta(time.Duration(t.ETA*float64(time.Second))))
	}
	r := qs.Meta.Render(strings.Join(right, sep))
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(r) - 1
	if gap < 2 {
		return ansi.Truncate(left, m.width, "…")
	}
	return left + strings.Repeat(" ", gap) + r
}

// line draws one download: cursor, state glyph, file name, then a bar with numbers
// (active, paused) or a word on its state.
func (m *Model) line(s download.Status, cursor bool) string {
	st, qs := m.c.Styles, m.c.Styles.Queue
	cur := " "
	if cursor {
		cur = st.Glyphs.Cursor
	}
	glyph, gs := "·", qs.Waiting
	switch s.State {
	case download.Active:
		glyph, gs = "↓", qs.Active
	case download.Paused:
		glyph, gs = "‖", qs.Paused
	case download.LoginRequired:
		glyph, gs = st.Glyphs.Locked, qs.Paused
	case download.Done, download.Skipped:
		glyph, gs = "✓", qs.Done
	case download.Unverified:
		glyph, gs = "?", qs.Paused
	case download.Failed:
		glyph, gs = st.Glyphs.Error, qs.Failed
	case download.Cancelled:
		glyph = "–"
	}
	nameW := min(m.maxName(), max(16, (m.width-3)*2/5))
	name := common.Sanitize(s.Filename)
	if name == "" {
		name = common.Sanitize(s.URI)
	}
	name = ansi.Truncate(name, nameW, "…")
	nameStyle := qs.Name
	if cursor {
		nameStyle = st.CursorRow
	}
	head := cur + gs.Render(glyph) + " " + nameStyle.Render(name) + strings.Repeat(" ", nameW-ansi.StringWidth(name)) + "  "
	avail := m.width - 3 - nameW - 2
	if dirW := m.dirWidth(nameW); dirW > 0 {
		dir := cutLeft(m.dirOf(s), dirW)
		head += qs.Meta.Render(dir) + strings.Repeat(" ", dirW-ansi.StringWidth(dir)) + "  "
		avail -= dirW + 2
	}
	if src := source(s); src != "" {
		head += qs.Meta.Render(src) + " "
		avail -= ansi.StringWidth(src) + 1
	}
	return head + m.detail(s, avail)
}

// source is where an item with a cloud copy gets its bytes: "cloud", or "MAST" once it
// fell back; "" for the others (MAST, as always).
func source(s download.Status) string {
	switch {
	case s.CloudURL == "":
		return ""
	case s.FromCloud:
		return "cloud"
	}
	return "MAST "
}

// dirOf is where a download goes: its folder below the download directory
// ("mastDownload/JWST/jw01073…"), or the whole folder with the home directory as ~.
func (m *Model) dirOf(s download.Status) string {
	dir := filepath.Dir(s.Dest)
	if s.Root != "" {
		if rel, err := filepath.Rel(s.Root, dir); err == nil && !strings.HasPrefix(rel, "..") {
			return common.Sanitize(rel)
		}
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" && strings.HasPrefix(dir, home+string(filepath.Separator)) {
		dir = "~" + dir[len(home):]
	}
	return common.Sanitize(dir)
}

// dirWidth is the folder column's width: only on wide panels, as wide as the widest
// folder up to a fifth of the panel; 0 hides it.
func (m *Model) dirWidth(nameW int) int {
	if m.width < 110 {
		return 0
	}
	w := 6
	for _, id := range m.ids {
		w = max(w, ansi.StringWidth(m.dirOf(m.st[id])))
	}
	return min(w, (m.width-nameW)/4)
}

// cutLeft keeps the end of s in w cells ("…/JWST/jw01073"): the last folders say most.
func cutLeft(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && ansi.StringWidth(string(r))+1 > w {
		r = r[1:]
	}
	return "…" + string(r)
}

// detailFields describe a download: its URL (never a credential), path, size, state
// and each attempt this session saw, with its time and error.
func (m *Model) detailFields(s download.Status) []details.Field {
	f := []details.Field{
		{Label: "URL", Value: common.Sanitize(download.StripCredentials(s.URL))},
		{Label: "Path", Value: common.Sanitize(s.Dest)},
		{Label: "State", Value: string(s.State)},
	}
	if s.URI != "" {
		f = append(f, details.Field{Label: "dataURI", Value: common.Sanitize(s.URI)})
	}
	if s.CloudURL != "" {
		f = append(f, details.Field{Label: "Cloud URL", Value: common.Sanitize(s.CloudURL)})
		if s.CloudErr != "" {
			f = append(f, details.Field{Label: "Cloud error", Value: common.Sanitize(s.CloudErr), Wrap: true})
		}
	}
	if size := max(s.Total, s.Size); size > 0 {
		f = append(f, details.Field{Label: "Size", Value: model.FormatBytes(s.Done) + " of " + model.FormatBytes(size)})
	}
	h := m.attempts[s.ID]
	if len(h) == 0 {
		f = append(f, details.Field{Label: "Attempts", Value: fmt.Sprintf("%d in this session, none failed", s.Attempt)})
	}
	for _, a := range h {
		v := string(a.State)
		if a.Err != "" {
			v += ": " + common.Sanitize(a.Err)
		}
		f = append(f, details.Field{Label: fmt.Sprintf("#%d %s", a.Attempt, a.At.Format("Jan 2 15:04:05")), Value: v, Wrap: true})
	}
	return f
}

// maxName is the widest file name listed (at least 8).
func (m *Model) maxName() int {
	w := 8
	for _, id := range m.ids {
		s := m.st[id]
		n := s.Filename
		if n == "" {
			n = s.URI
		}
		w = max(w, ansi.StringWidth(n))
	}
	return w
}

// detail is the part of a line after the name, in avail cells.
func (m *Model) detail(s download.Status, avail int) string {
	qs := m.c.Styles.Queue
	total := s.Total
	if total == 0 {
		total = s.Size
	}
	switch s.State {
	case download.Done:
		return qs.Done.Render("done") + qs.Meta.Render("  "+model.FormatBytes(max(s.Done, total)))
	case download.Skipped:
		return qs.Done.Render("already on disk") + qs.Meta.Render("  "+model.FormatBytes(max(s.Done, total)))
	case download.Unverified:
		text := "saved, unverified: " + common.Sanitize(s.Err)
		return qs.Paused.Render(ansi.Truncate(text, max(1, avail), "…"))
	case download.Failed:
		reason := common.Sanitize(s.Err)
		if reason == "" {
			reason = "failed"
		}
		return qs.Failed.Render(ansi.Truncate(reason, max(1, avail), "…"))
	case download.Cancelled:
		return qs.Meta.Render("cancelled")
	case download.LoginRequired:
		text := "login required · " + m.c.Keys.Queue.Login.Help().Key + " to log in"
		if reason := strings.TrimPrefix(common.Sanitize(s.Err), "login required: "); reason != "" {
			text += " · " + reason
		}
		return qs.Paused.Render(ansi.Truncate(text, max(1, avail), "…"))
	case download.Queued:
		if !s.NextRetry.IsZero() {
			text := fmt.Sprintf("retrying in %s · attempt %d", eta(max(time.Second, s.NextRetry.Sub(m.now()))), s.Attempt+1)
			if s.Err != "" {
				text += " · " + common.Sanitize(s.Err)
			}
			return qs.Waiting.Render(ansi.Truncate(text, max(1, avail), "…"))
		}
		text := "queued"
		if total > 0 {
			text += "  " + model.FormatBytes(total)
		}
		return qs.Waiting.Render(text)
	}
	// Active or paused: bar, percent, bytes, then rate and ETA (or "paused").
	ratio := 0.0
	if total > 0 {
		ratio = min(1, float64(s.Done)/float64(total))
	}
	pct := "  ?%"
	if total > 0 {
		pct = fmt.Sprintf("%3d%%", int(ratio*100))
	}
	bytes := model.FormatBytes(s.Done)
	if total > 0 {
		bytes += "/" + model.FormatBytes(total)
	}
	nums := pct + "  " + pad(bytes, bytesW)
	tail := ""
	if s.State == download.Paused {
		tail = "paused"
	} else {
		if s.Rate > 0 {
			tail = pad(rate(s.Rate), rateW)
		} else {
			tail = pad("", rateW)
		}
		if s.ETA > 0 {
			tail += eta(s.ETA)
		}
	}
	fixed := ansi.StringWidth(nums)
	withTail := fixed + 1 + rateW + etaW
	var b strings.Builder
	barW := avail - fixed - 1
	if avail-withTail-1 >= minBar {
		barW = avail - withTail - 1
	} else {
		tail = ""
		if s.State == download.Paused {
			nums = "paused " + nums
			barW -= 7
		}
	}
	if barW >= minBar {
		m.bar.Width = min(barW, 60)
		b.WriteString(m.bar.ViewAs(ratio))
		b.WriteString(" ")
	}
	b.WriteString(qs.Meta.Render(nums))
	if tail != "" {
		st := qs.Meta
		if s.State == download.Paused {
			st = qs.Paused
		}
		b.WriteString(" " + st.Render(strings.TrimRight(tail, " ")))
	}
	return b.String()
}

func pad(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }

func rate(bps float64) string { return model.FormatBytes(int64(bps)) + "/s" }

// eta renders a duration compactly: "4s", "1m12s", "2h05m".
func eta(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}
