package archive

import (
	"fmt"
	"time"
)

// MJDTime converts a Modified Julian Date to UTC.
func MJDTime(mjd float64) time.Time {
	return time.Unix(0, 0).UTC().Add(time.Duration((mjd - 40587) * 86400 * float64(time.Second)))
}

// yearDayStamp formats JWST/TESS-style timestamps: YYYYDDDhhmmss.
func yearDayStamp(mjd float64) string {
	t := MJDTime(mjd)
	return fmt.Sprintf("%04d%03d%02d%02d%02d", t.Year(), t.YearDay(), t.Hour(), t.Minute(), t.Second())
}
