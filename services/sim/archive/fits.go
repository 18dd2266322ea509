package archive

import (
	"fmt"
	"strings"
)

// fitsHeader builds the primary header of a served .fits product: one 2880-byte
// record of 80-column cards describing a 16-bit image whose rows fill the rest of the
// advertised size exactly (NAXIS1 = 1440 pixels = 2880 bytes per row).
func fitsHeader(p *Product) []byte {
	rows := (p.Size - 2880) / 2880
	t := MJDTime(p.mjd)
	cards := []string{
		card("SIMPLE", "T", "conforms to FITS standard"),
		card("BITPIX", "16", "array data type"),
		card("NAXIS", "2", "number of array dimensions"),
		card("NAXIS1", "1440", ""),
		card("NAXIS2", fmt.Sprint(rows), ""),
		card("EXTEND", "T", ""),
		card("ORIGIN", fitsString("MASTUI-SIM"), "simulated MAST archive, not real data"),
		card("TELESCOP", fitsString(p.telescope), "telescope used to acquire data"),
		card("INSTRUME", fitsString(p.instrument), "identifier for instrument used"),
		card("TARGNAME", fitsString(p.target), "proposer's target name"),
		card("RA_TARG", fmt.Sprintf("%.8f", p.ra), "[deg] right ascension of the target"),
		card("DEC_TARG", fmt.Sprintf("%.8f", p.dec), "[deg] declination of the target"),
		card("DATE-OBS", fitsString(t.Format("2006-01-02")), "UT date of start of observation"),
		card("TIME-OBS", fitsString(t.Format("15:04:05")), "UT time of start of observation"),
		card("FILENAME", fitsString(p.Filename), "name of file"),
		card("ROOTNAME", fitsString(p.ObsIDStr), "observation identifier"),
		card("PROPOSID", fitsString(p.ProposalID), "proposal identifier"),
		card("FILETYPE", fitsString(p.SubGroup), "product subgroup"),
		card("CAL_LVL", fmt.Sprint(p.CalibLevel), "calibration level"),
		card("BSCALE", "1", ""),
		card("BZERO", "32768", ""),
	}
	var b strings.Builder
	for _, c := range cards {
		b.WriteString(c)
	}
	b.WriteString(fmt.Sprintf("%-80s", "END"))
	out := []byte(b.String())
	for len(out)%2880 != 0 {
		out = append(out, ' ')
	}
	return out
}

// card formats one header card: keyword in columns 1-8, "= ", a value right-justified
// to column 30 (strings left-justified from column 11), then the comment.
func card(key, value, comment string) string {
	var s string
	if strings.HasPrefix(value, "'") {
		s = fmt.Sprintf("%-8s= %-20s", key, value)
	} else {
		s = fmt.Sprintf("%-8s= %20s", key, value)
	}
	if comment != "" {
		s += " / " + comment
	}
	if len(s) > 80 {
		s = s[:80]
	}
	return fmt.Sprintf("%-80s", s)
}

// fitsString quotes a FITS string value (quotes doubled, at least 8 characters, and
// short enough to fit on a card).
func fitsString(s string) string {
	s = strings.ReplaceAll(s, "'", "''")
	s = strings.Map(func(r rune) rune {
		if r < 32 || r > 126 {
			return '?'
		}
		return r
	}, s)
	if len(s) > 66 {
		s = s[:66]
	}
	return "'" + fmt.Sprintf("%-8s", s) + "'"
}
