package products

import (
	"context"
	"strings"
	"testing"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/uitest"
)

// hostileURIs answers products whose dataURI ends in a line break and an OSC 52 sequence:
// pasted raw into a shell it would run a command, printed raw it would set the clipboard.
type hostileURIs struct{ uitest.Archive }

func (a *hostileURIs) Products(ctx context.Context, obsids []string, opts mast.ProductOptions) (*model.Table, error) {
	t, err := a.Archive.Products(ctx, obsids, opts)
	if err != nil {
		return nil, err
	}
	c := t.Col("dataURI")
	for i := range c.Str {
		c.Str[i] += "\r\nrm -rf ~\x1b]52;c;cm0gLXJmIH4K\x07"
	}
	return t, nil
}

func TestCopyURIHasNoControls(t *testing.T) {
	m := newView(&hostileURIs{uitest.Archive{Rows: 10}}, 5)
	load(t, m, []string{"a"})
	clip := m.c.Clipboard.(*uitest.Clipboard)
	msgs(m.Update(keyOf("y")))
	got := clip.Last()
	if !strings.HasPrefix(got, "mast:") || !strings.HasSuffix(got, " rm -rf ~") || strings.ContainsAny(got, "\r\n\x1b\x07") {
		t.Fatalf("copied %q", got)
	}
}
