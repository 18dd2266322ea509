package model

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// FormatECSV is astropy's Enhanced CSV: a YAML header (column names, types, units,
// descriptions) in comment lines, then the rows as CSV.
const FormatECSV = "ecsv"

// WriteECSV writes t as ECSV 1.0 with a comma delimiter, so astropy's
// Table.read(path, format="ascii.ecsv") gets the column types back: ints stay int64
// (exact), floats float64, bools bool, text str. The body is WriteCSV's: masked and NaN
// cells are empty, which astropy reads as masked.
func WriteECSV(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# %ECSV 1.0\n# ---\n# delimiter: ','\n# datatype:\n")
	for _, c := range t.Columns {
		fmt.Fprintf(bw, "# - {name: %s", yamlString(c.Name))
		if c.Meta.Unit != "" {
			fmt.Fprintf(bw, ", unit: %s", yamlString(c.Meta.Unit))
		}
		fmt.Fprintf(bw, ", datatype: %s", ecsvType(c.Kind))
		if d := c.Meta.Description; d != "" {
			fmt.Fprintf(bw, ", description: %s", yamlString(d))
		}
		bw.WriteString("}\n")
	}
	bw.WriteString("# schema: astropy-2.0\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write ecsv header: %w", err)
	}
	return writeCSVBody(w, t, ecsvBool)
}

// ecsvBool is how ECSV spells a bool (Python's repr, what astropy writes and reads).
func ecsvBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func ecsvType(k Kind) string {
	switch k {
	case KindInt:
		return "int64"
	case KindFloat:
		return "float64"
	case KindBool:
		return "bool"
	default:
		return "string"
	}
}

// yamlString quotes server text as a YAML double-quoted scalar: sanitized (one line, no
// controls), then JSON-quoted, which YAML reads as the same string.
func yamlString(s string) string {
	b, _ := json.Marshal(SanitizeText(s)) // a string always marshals
	return string(b)
}
