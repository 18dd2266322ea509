package cutouts

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"mastui/services/masthttp"
)

// Service paths under the base URL (protocol 8): <base>/<service>/api/v0.1/<path>.
const (
	tesscutAPI = "/tesscut/api/v0.1/"
	zcutAPI    = "/zcut/api/v0.1/"
	hapcutAPI  = "/hapcut/api/v0.1/"
)

// Moving-target types (obj_type).
const (
	MajorBody = "majorbody"
	SmallBody = "smallbody"
)

// Target is where a cutout is: a fixed ICRS position, or a moving target known to JPL
// Horizons (TESScut only).
type Target struct {
	RA, Dec      float64 // degrees, when MovingTarget is ""
	MovingTarget string  // Horizons name or ID (obj_id), e.g. "Ceres", "Eleonora"
	MovingType   string  // "", MajorBody or SmallBody ("" = MAST tries major, then small)
}

// Moving reports a moving target.
func (t Target) Moving() bool { return t.MovingTarget != "" }

// Check says what is wrong with t, naming it.
func (t Target) Check() error {
	if t.Moving() {
		if strings.TrimSpace(t.MovingTarget) == "" {
			return fmt.Errorf("moving target: empty name")
		}
		return CheckMovingType(t.MovingType)
	}
	if t.MovingType != "" {
		return fmt.Errorf("a moving-target type (%s) needs a moving target", t.MovingType)
	}
	if !(t.RA >= 0 && t.RA < 360) {
		return fmt.Errorf("RA %v is outside 0..360", t.RA)
	}
	if !(t.Dec >= -90 && t.Dec <= 90) {
		return fmt.Errorf("Dec %v is outside -90..90", t.Dec)
	}
	return nil
}

// CheckMovingType accepts "", majorbody and smallbody, the names MAST takes.
func CheckMovingType(s string) error {
	switch s {
	case "", MajorBody, SmallBody:
		return nil
	}
	return fmt.Errorf("unknown moving-target type %q: use majorbody or smallbody", s)
}

// CheckProduct accepts TESScut's only product, SPOC (or nothing). TICA cutouts are no
// longer served (protocol 8.2), so TICA gets a message saying so.
func CheckProduct(p string) error {
	switch strings.ToUpper(strings.TrimSpace(p)) {
	case "", "SPOC":
		return nil
	case "TICA":
		return fmt.Errorf("TESScut no longer serves TICA cutouts (they ended in August 2025): only SPOC cutouts exist, leave the product out")
	}
	return fmt.Errorf("unknown TESScut product %q: only SPOC exists", p)
}

// params is a query or form in the order astroquery writes it.
type params []struct{ k, v string }

func (p *params) add(k, v string) { *p = append(*p, struct{ k, v string }{k, v}) }

// form encodes p as requests encodes a form body (application/x-www-form-urlencoded:
// spaces become "+").
func (p params) form() string {
	parts := make([]string, len(p))
	for i, e := range p {
		parts[i] = url.QueryEscape(e.k) + "=" + url.QueryEscape(e.v)
	}
	return strings.Join(parts, "&")
}

// query encodes p for a GET URL. astroquery pastes values in unencoded and requests then
// percent-encodes what a URL cannot hold; we escape every byte that is not unreserved
// (spaces as %20), which the server decodes to the same values.
func (p params) query() string {
	parts := make([]string, len(p))
	for i, e := range p {
		parts[i] = e.k + "=" + masthttp.PyQuote(e.v, "")
	}
	return strings.Join(parts, "&")
}

// Request is one HTTP request to a cutout service, ready to send: Body is empty for a
// GET. The download queue sends the GET form of a cutout (a plain file download with
// Range resume); the client sends the POST forms.
type Request struct {
	Method      string
	URL         string
	Body        string
	ContentType string // of Body
}

func base(b string) string {
	b = strings.TrimRight(b, "/")
	if b == "" {
		return masthttp.DefaultBaseURL
	}
	return b
}

func deg(v float64) string { return masthttp.PyFloat(v) }

// TESScutSectorsRequest asks which sectors cover t (protocol 8.2): POST sector with
// ra, dec, radius (degrees, default 0), or moving_target/sector with obj_id[, obj_type].
func TESScutSectorsRequest(baseURL string, t Target, radiusDeg float64) (Request, error) {
	if err := t.Check(); err != nil {
		return Request{}, err
	}
	var p params
	path := "sector"
	if t.Moving() {
		path = "moving_target/sector"
		p.add("obj_id", t.MovingTarget)
		if t.MovingType != "" {
			p.add("obj_type", t.MovingType)
		}
	} else {
		if radiusDeg < 0 || radiusDeg > 180 {
			return Request{}, fmt.Errorf("radius %v deg is outside 0..180", radiusDeg)
		}
		p.add("ra", deg(t.RA))
		p.add("dec", deg(t.Dec))
		p.add("radius", deg(radiusDeg))
	}
	return Request{Method: "POST", URL: base(baseURL) + tesscutAPI + path, Body: p.form(),
		ContentType: "application/x-www-form-urlencoded"}, nil
}

// TESScutCutout is one TESScut cutout request.
type TESScutCutout struct {
	Target  Target
	Size    Size  // zero = 5 × 5 px
	Sectors []int // none = every sector covering the target (one zip member each)
	Product string
}

func (c TESScutCutout) check() error {
	if err := c.Target.Check(); err != nil {
		return err
	}
	if err := CheckProduct(c.Product); err != nil {
		return err
	}
	for _, s := range c.Sectors {
		if s <= 0 {
			return fmt.Errorf("sector %d: sectors are numbered from 1", s)
		}
	}
	return nil
}

// TESScutURL is the GET of a cutout saved to disk (protocol 8.2), in astroquery's order:
// astrocut?ra=..&dec=..&y=..&x=..&units=..[&sector=N]... or
// moving_target/astrocut?obj_id=..[&obj_type=..]&y=..&x=..&units=..[&sector=N]...
// The answer is a zip (or a JSON "no data" message, see CheckAnswer).
func TESScutURL(baseURL string, c TESScutCutout) (string, error) {
	if err := c.check(); err != nil {
		return "", err
	}
	var p params
	path := "astrocut"
	if c.Target.Moving() {
		path = "moving_target/astrocut"
		p.add("obj_id", c.Target.MovingTarget)
		if c.Target.MovingType != "" {
			p.add("obj_type", c.Target.MovingType)
		}
	} else {
		p.add("ra", deg(c.Target.RA))
		p.add("dec", deg(c.Target.Dec))
	}
	s := c.Size.orDefault()
	p.add("y", s.Param(s.Y))
	p.add("x", s.Param(s.X))
	p.add("units", s.Units)
	for _, n := range c.Sectors {
		p.add("sector", strconv.Itoa(n))
	}
	return base(baseURL) + tesscutAPI + path + "?" + p.query(), nil
}

// TESScutPost is the in-memory form of the same cutout: POST astrocut (or
// moving_target/astrocut) with x, y, units, sector..., then ra, dec (or obj_id[, obj_type]).
func TESScutPost(baseURL string, c TESScutCutout) (Request, error) {
	if err := c.check(); err != nil {
		return Request{}, err
	}
	var p params
	s := c.Size.orDefault()
	p.add("x", s.Param(s.X))
	p.add("y", s.Param(s.Y))
	p.add("units", s.Units)
	for _, n := range c.Sectors {
		p.add("sector", strconv.Itoa(n))
	}
	path := "astrocut"
	if c.Target.Moving() {
		path = "moving_target/astrocut"
		p.add("obj_id", c.Target.MovingTarget)
		if c.Target.MovingType != "" {
			p.add("obj_type", c.Target.MovingType)
		}
	} else {
		p.add("ra", deg(c.Target.RA))
		p.add("dec", deg(c.Target.Dec))
	}
	return Request{Method: "POST", URL: base(baseURL) + tesscutAPI + path, Body: p.form(),
		ContentType: "application/x-www-form-urlencoded"}, nil
}

// ZcutSurveysRequest asks which deep-field surveys cover ra, dec (protocol 8.3).
func ZcutSurveysRequest(baseURL string, ra, dec, radiusDeg float64) (Request, error) {
	if err := (Target{RA: ra, Dec: dec}).Check(); err != nil {
		return Request{}, err
	}
	var p params
	p.add("ra", deg(ra))
	p.add("dec", deg(dec))
	p.add("radius", deg(radiusDeg))
	return Request{Method: "POST", URL: base(baseURL) + zcutAPI + "survey", Body: p.form(),
		ContentType: "application/x-www-form-urlencoded"}, nil
}

// Image formats of a Zcut cutout.
const (
	FormatFITS = "fits"
	FormatJPG  = "jpg"
	FormatPNG  = "png"
)

// ZcutCutout is one Zcut cutout request. The image parameters only matter for jpg/png.
type ZcutCutout struct {
	RA, Dec       float64
	Size          Size
	Survey        string    // "" = every survey covering the position
	Format        string    // FormatFITS (default), FormatJPG or FormatPNG
	Stretch       string    // asinh, sinh, sqrt, log or linear ("" = the server's)
	MinMaxPercent []float64 // [low, high] percentiles
	MinMaxValue   []float64 // [low, high] values
	Invert        bool
}

// Stretches are the stretches Zcut (astrocut's img_cut) knows; asinh is its default.
func Stretches() []string { return []string{"asinh", "sinh", "sqrt", "log", "linear"} }

// Formats are the image formats of a Zcut cutout; FITS is the default.
func Formats() []string { return []string{FormatFITS, FormatJPG, FormatPNG} }

// ParseMinMaxPercent reads a jpg/png cutout's scale limits as typed, "lo,hi" or
// "[lo, hi]" in percentiles (e.g. 0.5,99.5), and checks them.
func ParseMinMaxPercent(s string) ([]float64, error) {
	parts := strings.Split(strings.Trim(strings.TrimSpace(s), "[]()"), ",")
	if len(parts) != 2 {
		return nil, fmt.Errorf("give two numbers, low then high, e.g. 0.5,99.5; got %q", s)
	}
	out := make([]float64, 2)
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q is not a number", strings.TrimSpace(p))
		}
		out[i] = v
	}
	return out, checkMinMaxPercent(out)
}

// checkMinMaxPercent accepts two percentiles, low then high, within 0..100.
func checkMinMaxPercent(v []float64) error {
	if err := checkPair("minmax_percent", v); err != nil {
		return err
	}
	if v[0] < 0 || v[1] > 100 {
		return fmt.Errorf("minmax_percent %v: percentiles run from 0 to 100", v)
	}
	return nil
}

// checkPair accepts two values, low then high.
func checkPair(name string, v []float64) error {
	if len(v) != 2 || v[0] >= v[1] {
		return fmt.Errorf("%s needs two values, low then high, got %v", name, v)
	}
	return nil
}

func (c ZcutCutout) check() error {
	if err := (Target{RA: c.RA, Dec: c.Dec}).Check(); err != nil {
		return err
	}
	switch c.Format {
	case "", FormatFITS, FormatJPG, FormatPNG:
	default:
		return fmt.Errorf("unknown Zcut image format %q: use fits, jpg or png", c.Format)
	}
	if c.Stretch != "" && !slices.Contains(Stretches(), c.Stretch) {
		return fmt.Errorf("unknown stretch %q: use %s", c.Stretch, strings.Join(Stretches(), ", "))
	}
	if c.MinMaxPercent != nil {
		if err := checkMinMaxPercent(c.MinMaxPercent); err != nil {
			return err
		}
	}
	if c.MinMaxValue != nil {
		return checkPair("minmax_value", c.MinMaxValue)
	}
	return nil
}

// pyList is Python's str() of a list of floats: "[0.5, 99.5]".
func pyList(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = masthttp.PyFloat(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// ZcutURL is the GET of a Zcut cutout saved to disk (protocol 8.3): astrocut?ra=..&dec=..
// &y=..&x=..&units=..[&survey=..]&cutout_format=..[&stretch=..][&minmax_percent=..]
// [&minmax_value=..][&invert=True]. Image parameters are sent for jpg/png only.
func ZcutURL(baseURL string, c ZcutCutout) (string, error) {
	if err := c.check(); err != nil {
		return "", err
	}
	var p params
	s := c.Size.orDefault()
	p.add("ra", deg(c.RA))
	p.add("dec", deg(c.Dec))
	p.add("y", s.Param(s.Y))
	p.add("x", s.Param(s.X))
	p.add("units", s.Units)
	if c.Survey != "" {
		p.add("survey", c.Survey)
	}
	format := c.Format
	if format == "" {
		format = FormatFITS
	}
	p.add("cutout_format", format)
	if format != FormatFITS {
		if c.Stretch != "" {
			p.add("stretch", c.Stretch)
		}
		if c.MinMaxPercent != nil {
			p.add("minmax_percent", pyList(c.MinMaxPercent))
		}
		if c.MinMaxValue != nil {
			p.add("minmax_value", pyList(c.MinMaxValue))
		}
		if c.Invert {
			p.add("invert", "True")
		}
	}
	return base(baseURL) + zcutAPI + "astrocut?" + p.query(), nil
}

// ZcutPost is the in-memory FITS cutout: POST astrocut with x, y, units, ra, dec[, survey].
func ZcutPost(baseURL string, c ZcutCutout) (Request, error) {
	if err := c.check(); err != nil {
		return Request{}, err
	}
	if c.Format != "" && c.Format != FormatFITS {
		return Request{}, fmt.Errorf("in-memory Zcut cutouts are FITS only: download %s cutouts with ZcutURL", c.Format)
	}
	var p params
	s := c.Size.orDefault()
	p.add("x", s.Param(s.X))
	p.add("y", s.Param(s.Y))
	p.add("units", s.Units)
	p.add("ra", deg(c.RA))
	p.add("dec", deg(c.Dec))
	if c.Survey != "" {
		p.add("survey", c.Survey)
	}
	return Request{Method: "POST", URL: base(baseURL) + zcutAPI + "astrocut", Body: p.form(),
		ContentType: "application/x-www-form-urlencoded"}, nil
}

// HAPCutCutout is one HAPCut (Hubble Advanced Products) cutout request.
type HAPCutCutout struct {
	RA, Dec float64
	Size    Size
}

// HAPCutURL is the GET of a HAPCut cutout saved to disk (protocol 8.4):
// astrocut?ra=..&dec=..&x=..&y=..&units=..
func HAPCutURL(baseURL string, c HAPCutCutout) (string, error) {
	if err := (Target{RA: c.RA, Dec: c.Dec}).Check(); err != nil {
		return "", err
	}
	var p params
	s := c.Size.orDefault()
	p.add("ra", deg(c.RA))
	p.add("dec", deg(c.Dec))
	p.add("x", s.Param(s.X))
	p.add("y", s.Param(s.Y))
	p.add("units", s.Units)
	return base(baseURL) + hapcutAPI + "astrocut?" + p.query(), nil
}

// HAPCutPost is the in-memory form: POST astrocut with a JSON body
// {"x": 5.0, "y": 5.0, "units": "px", "ra": .., "dec": ..} (x and y always floats).
func HAPCutPost(baseURL string, c HAPCutCutout) (Request, error) {
	if err := (Target{RA: c.RA, Dec: c.Dec}).Check(); err != nil {
		return Request{}, err
	}
	s := c.Size.orDefault()
	units, err := json.Marshal(s.Units)
	if err != nil {
		return Request{}, err
	}
	body := fmt.Sprintf(`{"x": %s, "y": %s, "units": %s, "ra": %s, "dec": %s}`,
		masthttp.PyFloat(s.X), masthttp.PyFloat(s.Y), units, deg(c.RA), deg(c.Dec))
	return Request{Method: "POST", URL: base(baseURL) + hapcutAPI + "astrocut", Body: body, ContentType: "application/json"}, nil
}
