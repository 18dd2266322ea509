package palette

import "testing"

// A prefix beats a scattered match, letters at word starts beat letters inside words, and
// letters strewn over a long label match nothing.
func TestMatchRanks(t *testing.T) {
	score := func(p, s string) int {
		t.Helper()
		n, _, ok := match(p, s)
		if !ok {
			t.Fatalf("%q does not match %q", p, s)
		}
		return n
	}
	if score("cat", "catalogs") <= score("cat", "cutouts at this row") {
		t.Error("a prefix should beat a scattered match")
	}
	if score("ct", "clear target") <= score("ct", "cut") {
		t.Error("word starts should beat letters inside a word")
	}
	if score("all", "select all loaded") <= score("al", "a long label") || score("sel", "select none") != score("sel", "select all loaded") {
		t.Error("a word's prefix should beat a fuzzy match; prefixes tie (the items' order decides)")
	}
	if _, pos, ok := match("ctlg", "catalogs"); !ok || len(pos) != 4 || pos[0] != 0 {
		t.Errorf("ctlg in catalogs: %v %v", pos, ok)
	}
	for _, c := range [][2]string{{"xyz", "catalogs"}, {"sel", "MAST login: token, who you are, logout"}, {"gc", "catalogs"}, {"theme", "preview: FITS header and image, without downloading"}, {"ct", "select"}} {
		if _, _, ok := match(c[0], c[1]); ok {
			t.Errorf("%q matched %q", c[0], c[1])
		}
	}
}
