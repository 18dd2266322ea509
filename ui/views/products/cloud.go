package products

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
)

// CloudTask is the task of the cloud lookups (common.Requests): one at a time, each for
// the rows that arrived since the last, answered as CloudMsg.
const CloudTask = "products.cloud"

// CloudMsg answers a lookup of the cloud copies of some products (protocol 12).
type CloudMsg struct {
	Copies []mast.CloudCopy
	Err    error
}

// Marks of the cloud column.
const (
	cloudYes     = "yes"
	cloudNo      = "no"
	cloudPending = "…"
)

// cloudArchive is the archive's cloud side, nil when it has none or the profile's
// products are not CAOM's (their dataURIs are what path_lookup knows).
func (m *Model) cloudArchive() common.CloudArchive {
	ca, ok := m.archive.(common.CloudArchive)
	if !ok || !m.p.Cloud {
		return nil
	}
	return ca
}

// growCloud extends the cloud column over rows that just arrived, with what is known
// of their URIs (pending until a lookup says).
func (m *Model) growCloud(from int) {
	if m.cloudArchive() == nil {
		return
	}
	if m.cloudCol == nil {
		m.cloudCol = model.NewColumn("cloud", model.KindString, m.Rows())
	}
	uri := m.table.Col(m.p.URIColumn)
	for r := from; r < m.Rows(); r++ {
		m.cloudCol.Str = append(m.cloudCol.Str, m.cloudMark(uri, r))
	}
}

func (m *Model) cloudMark(uri *model.Column, r int) string {
	if uri == nil {
		return cloudNo
	}
	key, known := m.cloudKeys[uri.String(r)]
	switch {
	case !known:
		return cloudPending
	case key == "":
		return cloudNo
	}
	return cloudYes
}

// lookupCloud starts the lookup of the rows not asked about yet, when none is in flight:
// in the background, never holding up the list (nil when there is nothing to do).
func (m *Model) lookupCloud() tea.Cmd {
	ca := m.cloudArchive()
	if ca == nil || m.cloudBusy || m.cloudAsked >= m.Rows() {
		return nil
	}
	uri := m.table.Col(m.p.URIColumn)
	if uri == nil {
		return nil
	}
	var uris []string
	seen := map[string]bool{}
	for r := m.cloudAsked; r < m.Rows(); r++ {
		u := uri.String(r)
		if _, known := m.cloudKeys[u]; !known && u != "" && !seen[u] {
			seen[u] = true
			uris = append(uris, u)
		}
	}
	m.cloudAsked = m.Rows()
	if len(uris) == 0 {
		return nil
	}
	m.cloudBusy = true
	return m.req.Run(CloudTask, "", func(ctx context.Context) tea.Msg {
		copies, err := ca.CloudCopies(ctx, uris, false)
		return CloudMsg{Copies: copies, Err: err}
	})
}

// onCloud records a lookup's answer, marks the rows and asks about the rows that came
// meanwhile.
func (m *Model) onCloud(msg CloudMsg) tea.Cmd {
	m.cloudBusy = false
	if msg.Err != nil {
		m.c.Logger.Warn("cloud lookup failed", "err", msg.Err)
		return common.Toast(common.LevelWarn, "Cloud copies unknown: "+common.Sanitize(msg.Err.Error()))
	}
	for _, cp := range msg.Copies {
		m.cloudKeys[cp.URI] = cp.Key
	}
	uri := m.table.Col(m.p.URIColumn)
	for r := range m.cloudCol.Str {
		m.cloudCol.Str[r] = m.cloudMark(uri, r)
	}
	return m.lookupCloud()
}

// s3Rows are the S3 URIs of rows, and how many rows have none (or none known yet).
func (m *Model) s3Rows(rows []int) (uris []string, without int) {
	uri := m.table.Col(m.p.URIColumn)
	for _, r := range rows {
		if key := m.cloudKeys[uri.String(r)]; key != "" {
			uris = append(uris, mast.S3URI(key))
		} else {
			without++
		}
	}
	return uris, without
}

// actionRows are the selected rows shown, or the row under the cursor when none is.
func (m *Model) actionRows() []int {
	rows := m.SelectedRows()
	if len(rows) == 0 {
		if r := m.grid.CursorRow(); r >= 0 {
			rows = []int{r}
		}
	}
	return rows
}

// copyS3 copies the S3 URIs of the selection (or the product under the cursor),
// separated by spaces.
func (m *Model) copyS3() tea.Cmd {
	if m.cloudArchive() == nil {
		return common.Toast(common.LevelWarn, "No cloud copies for these products")
	}
	uris, _ := m.s3Rows(m.actionRows())
	if len(uris) == 0 {
		return common.Toast(common.LevelWarn, m.noCloudText())
	}
	what := "the S3 URI"
	if len(uris) > 1 {
		what = itoa(len(uris)) + " S3 URIs:"
	}
	return m.c.Copy(what, strings.Join(uris, " "))
}

// exportS3 writes the S3 URIs of the selection (or the product under the cursor) to
// a new file in the current directory, one a line, off the UI goroutine.
func (m *Model) exportS3() tea.Cmd {
	if m.cloudArchive() == nil {
		return common.Toast(common.LevelWarn, "No cloud copies for these products")
	}
	uris, without := m.s3Rows(m.actionRows())
	if len(uris) == 0 {
		return common.Toast(common.LevelWarn, m.noCloudText())
	}
	name := "mastui_s3_uris_" + m.c.Clock.Now().Format("20060102_150405") + ".txt"
	log := m.c.Logger
	return func() tea.Msg {
		path, err := filepath.Abs(name)
		if err == nil {
			err = writeNew(path, strings.Join(uris, "\n")+"\n")
		}
		if err != nil {
			log.Error("export S3 URIs", "err", err)
			return common.ToastMsg{Level: common.LevelError, Text: "Could not export the S3 URIs: " + err.Error()}
		}
		text := fmt.Sprintf("%s S3 URIs written to %s", itoa(len(uris)), path)
		if without > 0 {
			text += fmt.Sprintf(" · %s without a cloud copy", itoa(without))
		}
		return common.ToastMsg{Level: common.LevelInfo, Text: text}
	}
}

// writeNew writes a file that must not exist yet.
func writeNew(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (m *Model) noCloudText() string {
	if m.cloudBusy {
		return "No cloud copy known yet: the lookup is still running"
	}
	return "No cloud copy for the selection"
}

// toggleCloud switches downloads (D) from the cloud bucket on or off.
func (m *Model) toggleCloud() tea.Cmd {
	if m.cloudArchive() == nil {
		return common.Toast(common.LevelWarn, "These products have no cloud copies: they download from MAST")
	}
	m.cloudOn = !m.cloudOn
	if m.cloudOn {
		return common.Toast(common.LevelInfo, "Downloads from the cloud: on (files without a copy come from MAST)")
	}
	return common.Toast(common.LevelInfo, "Downloads from the cloud: off")
}

// withCloudURLs gives each product with a known copy its bucket URL, when downloads
// from the cloud are on.
func (m *Model) withCloudURLs(refs []model.ProductRef) []model.ProductRef {
	ca := m.cloudArchive()
	if !m.cloudOn || ca == nil {
		return refs
	}
	for i := range refs {
		if key := m.cloudKeys[refs[i].URI]; key != "" {
			refs[i].CloudURL = ca.ObjectURL(key)
		}
	}
	return refs
}

// CloudDownloads reports whether D downloads from the cloud bucket.
func (m *Model) CloudDownloads() bool { return m.cloudOn }
