package results

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif" // preview formats: jpegURL files are jpeg, png or gif
	_ "image/jpeg"
	_ "image/png"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/fits"
	"mastui/ui/common"
	"mastui/ui/components/blockimage"
)

// PreviewTask is the task of preview requests: the FITS header (dataURL) and the
// preview image (jpegURL) of the row under the cursor, read without downloading. The
// newest wins: moving on cancels the previous row's.
const PreviewTask = "results.preview"

// maxPreviewImage caps the bytes of a preview image.
const maxPreviewImage = 8 << 20

// fileReader reads byte ranges of product files; *mast.Client implements it.
type fileReader interface {
	ReadRange(ctx context.Context, uri string, off, n int64) ([]byte, error)
	ReadSmallFile(ctx context.Context, uri string, limit int64) ([]byte, error)
}

// PreviewMsg is a row's preview: its FITS header (when dataURL is a FITS file) and its
// image (when it has a jpegURL), each with its own error.
type PreviewMsg struct {
	Key         string // dataURL + "\n" + jpegURL: the cache key
	Header      fits.Header
	HeaderBytes int64 // bytes fetched to read it
	HeaderErr   error
	Image       image.Image
	ImageErr    error
}

// previewCacheSize bounds the cached previews (a few MB of images at most).
const previewCacheSize = 64

// previewSources are the row's FITS file and preview image ("" when none).
func (m *Model) previewSources(r int) (fitsURL, jpegURL string) {
	if r < 0 || m.table == nil {
		return "", ""
	}
	if c := m.table.Col("dataURL"); c != nil && !c.IsNull(r) {
		if u := strings.TrimSpace(c.String(r)); strings.HasSuffix(strings.ToLower(u), ".fits") {
			fitsURL = u
		}
	}
	if c := m.table.Col("jpegURL"); c != nil && !c.IsNull(r) {
		jpegURL = strings.TrimSpace(c.String(r))
	}
	return fitsURL, jpegURL
}

// togglePreview turns the preview of the row under the cursor on (opening the details
// pane) or off.
func (m *Model) togglePreview() tea.Cmd {
	if _, ok := m.archive.(fileReader); !ok {
		return common.Toast(common.LevelWarn, "No previews for these "+m.profile.Noun)
	}
	m.preview = !m.preview
	if !m.preview {
		m.req.Cancel(PreviewTask)
		m.details.SetPreview(nil)
		return nil
	}
	var cmd tea.Cmd
	if !m.showDetails {
		cmd = m.toggleDetails()
	}
	return tea.Batch(cmd, m.loadPreview())
}

// loadPreview asks for the cursor row's preview unless it is cached or asked already.
func (m *Model) loadPreview() tea.Cmd {
	fitsURL, jpegURL := m.previewSources(m.grid.CursorRow())
	key := fitsURL + "\n" + jpegURL
	if !m.preview || fitsURL == "" && jpegURL == "" || m.previews[key] != nil || m.previewAsked == key && m.req.Running(PreviewTask) {
		return nil
	}
	m.previewAsked = key
	rd := m.archive.(fileReader)
	return m.req.Run(PreviewTask, "Reading the preview…", func(ctx context.Context) tea.Msg {
		msg := PreviewMsg{Key: key}
		if fitsURL != "" {
			msg.Header, msg.HeaderBytes, msg.HeaderErr = fits.ReadRemoteHeader(ctx, func(ctx context.Context, off, n int64) ([]byte, error) {
				return rd.ReadRange(ctx, fitsURL, off, n)
			})
		}
		if jpegURL != "" {
			b, err := rd.ReadSmallFile(ctx, jpegURL, maxPreviewImage)
			if err == nil {
				msg.Image, _, err = image.Decode(bytes.NewReader(b))
			}
			msg.ImageErr = err
		}
		return msg
	})
}

func (m *Model) onPreview(msg PreviewMsg) {
	if m.previews == nil || len(m.previews) >= previewCacheSize {
		m.previews = map[string]*PreviewMsg{}
	}
	m.previews[msg.Key] = &msg
	for _, err := range []error{msg.HeaderErr, msg.ImageErr} {
		if err != nil {
			m.c.Logger.Warn("preview", "err", err)
		}
	}
}

// previewLines are the cursor row's preview in the details pane: the image as blocks,
// then the FITS header cards.
func (m *Model) previewLines(r int) []string {
	fitsURL, jpegURL := m.previewSources(r)
	st := m.c.Styles.Browse
	if fitsURL == "" && jpegURL == "" {
		return []string{st.DetailsDesc.Render("No preview: this row has no FITS dataURL nor jpegURL."), ""}
	}
	p := m.previews[fitsURL+"\n"+jpegURL]
	if p == nil {
		return []string{st.DetailsDesc.Render("Reading the preview…"), ""}
	}
	var out []string
	switch {
	case p.Image != nil:
		rows := min(16, max(4, m.details.Height()-3))
		out = append(out, blockimage.Render(p.Image, max(8, m.width-4), rows, m.c.Renderer.ColorProfile())...)
	case p.ImageErr != nil:
		out = append(out, st.DetailsDesc.Render("No preview image: "+common.Sanitize(model.OneLine(p.ImageErr.Error()))))
	}
	switch {
	case p.HeaderErr != nil:
		out = append(out, st.DetailsDesc.Render("No FITS header: "+common.Sanitize(model.OneLine(p.HeaderErr.Error()))))
	case fitsURL != "":
		out = append(out, st.DetailsLabel.Render(fmt.Sprintf("FITS primary header · %d cards · %s bytes read · %s",
			len(p.Header), common.Commas(p.HeaderBytes), common.Sanitize(fitsURL))))
		for _, c := range p.Header {
			out = append(out, st.DetailsValue.Render(cardText(c)))
		}
	}
	return append(out, "")
}

// cardText is a header card as FITS prints it: "KEY     = value / comment".
func cardText(c fits.Card) string {
	s := fmt.Sprintf("%-8s", c.Key)
	switch v := c.Value.(type) {
	case nil:
		if c.Key == "" || c.Key == "COMMENT" || c.Key == "HISTORY" {
			return common.Sanitize(s + " " + c.Comment)
		}
		s += "= "
	case string:
		s += "= '" + strings.ReplaceAll(v, "'", "''") + "'"
	case bool:
		s += "= F"
		if v {
			s = s[:len(s)-1] + "T"
		}
	case float64:
		s += "= " + model.FormatFloat(v)
	default:
		s += fmt.Sprintf("= %v", v)
	}
	if c.Comment != "" {
		s += " / " + c.Comment
	}
	return common.Sanitize(s)
}
