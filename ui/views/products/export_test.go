package products

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/uitest"
)

// TestExportWritesTheSelectedProducts: e, → → → (JSON), enter writes the selected
// products shown, every column, to a new file in the export directory.
func TestExportWritesTheSelectedProducts(t *testing.T) {
	a := uitest.SimArchive(t)
	m := newView(a, 500)
	m.c.ExportDir = t.TempDir()
	load(t, m, simObsids(t, a, 2))
	m.Update(keyOf("j"))
	m.Update(keyOf(" ")) // row 1
	m.Update(keyOf(" ")) // row 2
	m.Update(keyOf("e"))
	if !m.Capturing() || !strings.Contains(m.View(), "selection (2)") {
		t.Fatalf("dialog:\n%s", m.View())
	}
	for range 3 {
		m.Update(tea.KeyMsg{Type: tea.KeyRight})
	}
	toast := msgs(m.Update(keyEnter))[0].(common.ToastMsg)
	files, _ := filepath.Glob(filepath.Join(m.c.ExportDir, "mastui_products_caom_*.json"))
	if len(files) != 1 || toast.Text != "2 products written to "+files[0] {
		t.Fatalf("files %v, toast %q", files, toast.Text)
	}
	b, _ := os.ReadFile(files[0])
	var rows []map[string]any
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatal(err)
	}
	fn := m.Table().Col("productFilename")
	if len(rows) != 2 || rows[0]["productFilename"] != fn.String(1) || rows[1]["productFilename"] != fn.String(2) || len(rows[0]) != len(m.Table().Columns) {
		t.Errorf("rows %v", rows)
	}
}
