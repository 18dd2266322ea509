package common

import (
	"testing"
	"time"

	"mastui/model"
)

// A row is exclusive-access by its rights (any column MAST uses, anything but PUBLIC)
// or by a release still ahead of the session's now (an MJD, or a Search API date).
func TestExclusive(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // MJD 61041
	rights := model.NewColumn("dataRights", model.KindString, 0)
	release := model.NewColumn("t_obs_release", model.KindFloat, 0)
	access := model.NewColumn("access", model.KindString, 0)
	date := model.NewColumn("sci_release_date", model.KindString, 0)
	tab := &model.Table{Columns: []*model.Column{rights, release, access, date}}
	rows := []struct {
		rights  string
		release float64
		access  string
		date    string
		want    bool
	}{
		{"PUBLIC", 61040, "PUBLIC", "2025-12-31 00:00:00", false},
		{"EXCLUSIVE_ACCESS", 61040, "", "", true},
		{"public", 61041.5, "", "", true}, // released at noon: still ahead
		{"", 61000, "PROPRIETARY", "", true},
		{"PUBLIC", 61000, "", "2026-01-02T00:00:00", true},
		{"PUBLIC", 61000, "", "not a date", false},
	}
	for _, r := range rows {
		rights.Str = append(rights.Str, r.rights)
		release.Float = append(release.Float, r.release)
		access.Str = append(access.Str, r.access)
		date.Str = append(date.Str, r.date)
	}
	for i, r := range rows {
		if got := Exclusive(tab, i, now); got != r.want {
			t.Errorf("row %d %+v: exclusive %v, want %v", i, r, got, r.want)
		}
	}
	if Exclusive(tab, len(rows), now) || Exclusive(nil, 0, now) {
		t.Error("a row out of range is exclusive")
	}
}
