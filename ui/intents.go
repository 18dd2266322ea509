package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/model"
	"mastui/ui/common"
)

// quit quits, or first asks when a tab has work that quitting interrupts (downloads
// active or waiting: they resume on the next start, from the journal).
func (m *Model) quit() tea.Cmd {
	if m.confirmText() != "" {
		m.confirm = true
		return nil
	}
	return tea.Quit
}

// onConfirmKey answers "Quit? y/n": y quits, anything else stays.
func (m *Model) onConfirmKey(msg tea.KeyMsg) tea.Cmd {
	m.confirm = false
	if s := msg.String(); s == "y" || s == "Y" {
		return tea.Quit
	}
	return nil
}

// ConfirmingQuit reports whether the quit question is showing (for tests).
func (m *Model) ConfirmingQuit() bool { return m.confirm }

// confirmText is the quit question of the first tab that asks one ("" when none does).
func (m *Model) confirmText() string {
	for _, t := range m.tabs {
		if g, ok := t.(common.QuitGuard); ok {
			if q := g.QuitQuestion(); q != "" {
				return " " + q
			}
		}
	}
	return ""
}

// queueProducts hands products to the download queue (Options.Queue) and says what came
// of it: how many were queued, and how many were already queued, already downloaded or
// listed twice. Without a queue it says so instead of pretending.
func (m *Model) queueProducts(ps []model.ProductRef) tea.Cmd {
	if len(ps) == 0 {
		return nil
	}
	q := m.opts.Queue
	if q == nil {
		text := "Not queued: downloads are unavailable in this session"
		if why := m.opts.DownloadsUnavailable; why != "" {
			text += " (" + common.Sanitize(why) + ")"
		}
		m.c.Logger.Info("products not queued: no download queue", "files", len(ps))
		return common.Toast(common.LevelWarn, text)
	}
	res, err := q.Enqueue(ps)
	if err != nil {
		m.c.Logger.Error("queue products", "err", err)
		return common.Toast(common.LevelError, "Could not queue the products: "+err.Error())
	}
	m.c.Logger.Info("products queued", "files", len(ps), "queued", res.Queued(), "already_queued", res.AlreadyQueued,
		"already_done", res.AlreadyDone, "duplicates", res.Duplicates, "bytes", res.Bytes, "first", ps[0].URI)
	text := queuedText(len(ps), res)
	level := common.LevelInfo
	if n := exclusive(ps); n > 0 && !m.opts.HasToken {
		level = common.LevelWarn
		how := "mastui login"
		if m.account.Enabled() {
			how = m.c.Keys.Global.Login.Help().Key + " logs in"
		}
		text += fmt.Sprintf(" · %s exclusive-access: they need a MAST token (%s)", common.Commas(int64(n)), how)
	}
	return common.Toast(level, text)
}

// queuedText is "33 files, 297 MB queued" when every product went in, else
// "19 of 33 files queued (170 MB) · 10 already queued · 4 duplicates".
func queuedText(asked int, res download.AddResult) string {
	files := "files"
	if asked == 1 {
		files = "file"
	}
	n := res.Queued()
	if n == asked {
		return fmt.Sprintf("%s %s, %s queued", common.Commas(int64(n)), files, model.FormatBytes(res.Bytes))
	}
	text := fmt.Sprintf("%s of %s %s queued", common.Commas(int64(n)), common.Commas(int64(asked)), files)
	if n > 0 {
		text += " (" + model.FormatBytes(res.Bytes) + ")"
	}
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

// exclusive counts the products that are not public (CAOM EXCLUSIVE_ACCESS or
// RESTRICTED, Search API PROPRIETARY).
func exclusive(ps []model.ProductRef) int {
	n := 0
	for _, p := range ps {
		if r := strings.ToUpper(strings.TrimSpace(p.DataRights)); r != "" && r != "PUBLIC" {
			n++
		}
	}
	return n
}

// saveColumns remembers the column choice through Options.SaveColumns, off the UI
// goroutine.
func (m *Model) saveColumns(msg common.ColumnsChosenMsg) tea.Cmd {
	m.c.Logger.Info("columns chosen", "table", msg.Table, "columns", len(msg.Columns))
	save := m.opts.SaveColumns
	if save == nil {
		return nil
	}
	cols, table, log := slices.Clone(msg.Columns), msg.Table, m.c.Logger
	return func() tea.Msg {
		if err := save(table, cols); err != nil {
			log.Error("save columns", "table", table, "err", err)
			return common.ToastMsg{Level: common.LevelError, Text: "Could not save the column choice: " + err.Error()}
		}
		return common.ToastMsg{Level: common.LevelInfo, Text: fmt.Sprintf("%d columns shown; remembered for next time", len(cols))}
	}
}

// typeName is a message's Go type, for logs.
func typeName(msg tea.Msg) string { return fmt.Sprintf("%T", msg) }

// queueItems adds ready-made download items (HSC spectra) to the session's download
// engine, laid out in its download directory, and says what came of it.
func (m *Model) queueItems(msg common.QueueItemsMsg) tea.Cmd {
	d := m.opts.Downloads
	if d == nil {
		text := "Not queued: downloads are unavailable in this session"
		if why := m.opts.DownloadsUnavailable; why != "" {
			text += " (" + common.Sanitize(why) + ")"
		}
		return common.Toast(common.LevelWarn, text)
	}
	items, err := msg.Items(m.opts.DownloadDir, m.opts.FlatDownloads)
	if err != nil {
		return common.Toast(common.LevelError, "Could not queue the "+msg.What+": "+common.Sanitize(err.Error()))
	}
	if len(items) == 0 {
		return nil
	}
	res, err := d.AddAll(items...)
	if err != nil {
		m.c.Logger.Error("queue items", "what", msg.What, "err", err)
		return common.Toast(common.LevelError, "Could not queue the "+msg.What+": "+err.Error())
	}
	m.c.Logger.Info("items queued", "what", msg.What, "files", len(items), "queued", res.Queued(), "first", items[0].URL)
	return common.Toast(common.LevelInfo, queuedText(len(items), res))
}

// catalogHere gives the keys to the tab that runs catalog searches and hands it the
// position to search around.
func (m *Model) catalogHere(msg common.CatalogHereMsg) tea.Cmd {
	for i, t := range m.tabs {
		if s, ok := t.(common.CatalogSearcher); ok {
			m.showHelp, m.showMsgs = false, false
			focus := m.focusTab(i)
			return tea.Batch(focus, m.address(t, s.CatalogHere(msg)))
		}
	}
	return common.Toast(common.LevelWarn, "No tab runs catalog searches in this session")
}
