package cutouts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"mastui/model"
)

// Sector is one TESS sector/camera/CCD covering a target, as TESScut lists it.
type Sector struct {
	Name   string // sectorName, e.g. "tess-s0001-1-3"
	Sector int
	Camera int
	CCD    int
}

// NoDataError is a cutout service's "nothing here" answer: an HTTP 200 JSON {"msg": ...}
// instead of a zip, or an empty sector/survey list. Callers show it as a warning, not a
// failure (astroquery's NoResultsWarning).
type NoDataError struct {
	Service string // "TESScut", "Zcut" or "HAPCut"
	Msg     string // the server's words, sanitized
}

func (e *NoDataError) Error() string { return e.Service + ": " + e.Msg }

// flexInt reads a number sent as a string ("1", as TESScut does) or as a number.
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		b = []byte(s)
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(b)))
	if err != nil {
		return fmt.Errorf("not an integer: %s", b)
	}
	*f = flexInt(n)
	return nil
}

// DecodeSectors reads a sector answer {"results": [{"sectorName", "sector", "camera",
// "ccd"}, ...]}. An empty list is a *NoDataError (with the sectors, none).
func DecodeSectors(raw []byte) ([]Sector, error) {
	var ans struct {
		Results *[]struct {
			SectorName string  `json:"sectorName"`
			Sector     flexInt `json:"sector"`
			Camera     flexInt `json:"camera"`
			CCD        flexInt `json:"ccd"`
		} `json:"results"`
		Msg string `json:"msg"`
	}
	if err := json.Unmarshal(raw, &ans); err != nil {
		return nil, fmt.Errorf("TESScut sectors: unreadable answer: %w (body starts %q)", err, model.Snippet(raw, 120))
	}
	if ans.Results == nil {
		if ans.Msg != "" {
			return nil, &NoDataError{Service: "TESScut", Msg: model.OneLine(ans.Msg)}
		}
		return nil, fmt.Errorf("TESScut sectors: the answer has no results (body starts %q)", model.Snippet(raw, 120))
	}
	out := make([]Sector, 0, len(*ans.Results))
	for _, r := range *ans.Results {
		out = append(out, Sector{Name: model.OneLine(r.SectorName), Sector: int(r.Sector), Camera: int(r.Camera), CCD: int(r.CCD)})
	}
	if len(out) == 0 {
		return nil, &NoDataError{Service: "TESScut", Msg: "Coordinates are not in any TESS sector."}
	}
	return out, nil
}

// DecodeSurveys reads a Zcut survey answer {"surveys": [...]}; an empty list is a
// *NoDataError.
func DecodeSurveys(raw []byte) ([]string, error) {
	var ans struct {
		Surveys *[]string `json:"surveys"`
		Msg     string    `json:"msg"`
	}
	if err := json.Unmarshal(raw, &ans); err != nil {
		return nil, fmt.Errorf("Zcut surveys: unreadable answer: %w (body starts %q)", err, model.Snippet(raw, 120))
	}
	if ans.Surveys == nil {
		if ans.Msg != "" {
			return nil, &NoDataError{Service: "Zcut", Msg: model.OneLine(ans.Msg)}
		}
		return nil, fmt.Errorf("Zcut surveys: the answer has no surveys (body starts %q)", model.Snippet(raw, 120))
	}
	out := make([]string, 0, len(*ans.Surveys))
	for _, s := range *ans.Surveys {
		out = append(out, model.OneLine(s))
	}
	if len(out) == 0 {
		return nil, &NoDataError{Service: "Zcut", Msg: "Coordinates are not in an available deep field survey."}
	}
	return out, nil
}

// isZip reports the start of a zip: a local file header, or the end record of an empty
// zip.
func isZip(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06"))
}

// CheckAnswer looks at the start of a cutout answer: nil for a zip, a *NoDataError for
// the JSON {"msg": ...} a service sends instead when it has nothing, another error for
// anything else (an HTML error page, say). service names it in messages.
func CheckAnswer(service string, head []byte) error {
	if isZip(head) {
		return nil
	}
	var ans struct {
		Msg     *string         `json:"msg"`
		Results json.RawMessage `json:"results"`
	}
	if json.Unmarshal(bytes.TrimSpace(head), &ans) == nil && ans.Msg != nil {
		// HAPCut adds "results": a non-empty list there means a failed zip, not no data.
		if len(ans.Results) == 0 || string(ans.Results) == "[]" || string(ans.Results) == "null" {
			return &NoDataError{Service: service, Msg: model.OneLine(*ans.Msg)}
		}
	}
	return fmt.Errorf("%s: the answer is not a zip (starts %q)", service, model.Snippet(head, 120))
}
