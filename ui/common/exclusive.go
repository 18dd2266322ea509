package common

import (
	"strings"
	"time"

	"mastui/model"
)

// rightsColumns hold a row's data rights: CAOM's dataRights (observations and products),
// the Search API's access (JWST) and sci_status (HST). Anything but PUBLIC needs a token.
var rightsColumns = []string{"dataRights", "access", "sci_status"}

// Exclusive reports whether row r of t is exclusive-access: its data rights are not
// PUBLIC (EXCLUSIVE_ACCESS, RESTRICTED, PROPRIETARY), or its release (t_obs_release, an
// MJD; sci_release_date) is still ahead of now, the session clock's time.
func Exclusive(t *model.Table, r int, now time.Time) bool {
	if t == nil || r < 0 || r >= t.Rows() {
		return false
	}
	for _, name := range rightsColumns {
		if c := t.Col(name); c != nil && !c.IsNull(r) {
			if v := strings.ToUpper(strings.TrimSpace(c.String(r))); v != "" && v != "PUBLIC" {
				return true
			}
		}
	}
	if c := t.Col("t_obs_release"); c != nil && c.Kind == model.KindFloat && !c.IsNull(r) {
		if c.Float[r] > float64(now.Unix()-mjdEpoch)/86400 {
			return true
		}
	}
	if c := t.Col("sci_release_date"); c != nil && !c.IsNull(r) {
		if at, ok := parseDate(c.String(r)); ok && at.After(now) {
			return true
		}
	}
	return false
}

// parseDate reads the Search API's dates ("2026-03-01 12:00:00", ISO with a T, or a day).
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999", "2006-01-02 15:04:05.999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
