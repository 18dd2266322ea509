package model

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FormatVOTable is the IVOA VOTable 1.4 XML format (TABLEDATA serialization).
const FormatVOTable = "votable"

// WriteVOTable writes t as a VOTable 1.4 document that astropy.io.votable (and TOPCAT)
// parse: FIELDs typed from the column kinds (long, double, boolean, char or unicodeChar
// when a column holds non-ASCII text), units and descriptions from the column metadata,
// null cells empty (VOTable 1.3+: an empty TD is null for every type).
func WriteVOTable(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.ivoa.net/xml/VOTable/v1.3 http://www.ivoa.net/xml/VOTable/v1.3">
 <RESOURCE type="results">
  <TABLE>
`)
	for _, c := range t.Columns {
		bw.WriteString(`   <FIELD name="`)
		xmlText(bw, c.Name)
		bw.WriteString(`" datatype="` + votableType(c) + `"`)
		if c.Kind == KindString {
			bw.WriteString(` arraysize="*"`)
		}
		if u := voUnit(c.Meta.Unit); u != "" {
			bw.WriteString(` unit="`)
			xmlText(bw, u)
			bw.WriteString(`"`)
		}
		if c.Meta.Description == "" {
			bw.WriteString("/>\n")
			continue
		}
		bw.WriteString(">\n    <DESCRIPTION>")
		xmlText(bw, c.Meta.Description)
		bw.WriteString("</DESCRIPTION>\n   </FIELD>\n")
	}
	bw.WriteString("   <DATA>\n    <TABLEDATA>\n")
	var num []byte
	for r := 0; r < t.Rows(); r++ {
		bw.WriteString("     <TR>")
		for _, c := range t.Columns {
			bw.WriteString("<TD>")
			if !c.IsNull(r) {
				switch c.Kind {
				case KindInt:
					num = strconv.AppendInt(num[:0], c.Int[r], 10)
					bw.Write(num)
				case KindFloat: // ±Inf as VOTable spells it; NaN is null above
					num = strconv.AppendFloat(num[:0], c.Float[r], 'g', -1, 64)
					bw.Write(num)
				case KindBool:
					bw.WriteByte("FT"[btoi(c.Bool[r])])
				default:
					xmlText(bw, c.Str[r])
				}
			}
			bw.WriteString("</TD>")
		}
		bw.WriteString("</TR>\n")
	}
	bw.WriteString("    </TABLEDATA>\n   </DATA>\n  </TABLE>\n </RESOURCE>\n</VOTABLE>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write votable: %w", err)
	}
	return nil
}

// voUnit is a MAST unit as VOUnit spells it (astropy warns about any other): "sec" is
// s, "bytes" byte, "MJD" (a time scale counted in days) d; "ICRS" is a frame, not a
// unit, and is left out. Others pass as they are.
func voUnit(u string) string {
	switch strings.TrimSpace(u) {
	case "sec", "secs", "seconds":
		return "s"
	case "bytes":
		return "byte"
	case "MJD", "mjd":
		return "d"
	case "ICRS", "icrs":
		return ""
	}
	return u
}

// votableType is the FIELD datatype of c. VOTable's char is ASCII: a text column with
// anything else is unicodeChar.
func votableType(c *Column) string {
	switch c.Kind {
	case KindInt:
		return "long"
	case KindFloat:
		return "double"
	case KindBool:
		return "boolean"
	}
	for i, s := range c.Str {
		if !c.IsMasked(i) && !isASCII(SanitizeText(s)) {
			return "unicodeChar"
		}
	}
	return "char"
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// xmlText writes server text escaped for XML: sanitized first, since XML 1.0 allows no
// control characters and a reader may print the value to a terminal.
func xmlText(w io.Writer, s string) {
	xml.EscapeText(w, []byte(SanitizeText(s)))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
