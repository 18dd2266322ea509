package mast

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"mastui/services/cutouts"
)

// CutoutTarget names where a cutout is: exactly one of Position, Object (resolved with
// Resolve) and MovingTarget (TESScut only).
type CutoutTarget struct {
	Position     *Position
	Object       string // e.g. "TIC 32449963", "M104"
	Resolver     string // for Object: "", SIMBAD or NED
	MovingTarget string // JPL Horizons name or ID, e.g. "Ceres"
	MovingType   string // "", cutouts.MajorBody or cutouts.SmallBody
}

// CutoutQueryError is HTTP 400 or 500 from a cutout service: MAST could not process the
// request (astroquery's InvalidQueryError). It carries the server's text.
type CutoutQueryError struct {
	Service    string // TESScut, Zcut or HAPCut
	StatusCode int
	Msg        string
}

func (e *CutoutQueryError) Error() string {
	return fmt.Sprintf("%s rejected the request: %s", e.Service, e.Msg)
}

// ResolveCutoutTarget checks t and turns it into what the cutout requests take,
// resolving an object name first (the Resolved is then non-nil).
func (c *Client) ResolveCutoutTarget(ctx context.Context, t CutoutTarget) (cutouts.Target, *Resolved, error) {
	n := 0
	for _, set := range []bool{t.Position != nil, strings.TrimSpace(t.Object) != "", strings.TrimSpace(t.MovingTarget) != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return cutouts.Target{}, nil, errors.New("give exactly one target: coordinates, an object name or a moving target")
	}
	if t.MovingType != "" && t.MovingTarget == "" {
		return cutouts.Target{}, nil, fmt.Errorf("a moving-target type (%s) needs a moving target", t.MovingType)
	}
	switch {
	case t.MovingTarget != "":
		out := cutouts.Target{MovingTarget: strings.TrimSpace(t.MovingTarget), MovingType: t.MovingType}
		return out, nil, out.Check()
	case t.Position != nil:
		out := cutouts.Target{RA: t.Position.RA, Dec: t.Position.Dec}
		return out, nil, out.Check()
	}
	r, err := c.Resolve(ctx, []string{strings.TrimSpace(t.Object)}, t.Resolver)
	if err != nil {
		return cutouts.Target{}, nil, err
	}
	return cutouts.Target{RA: r[0].RA, Dec: r[0].Dec}, &r[0], nil
}

// TESScutLimiter is the client's limit of 10 TESScut requests at once (MAST's, protocol
// 8.2). Whatever else sends TESScut requests for this user (the download queue) takes
// its slots from it too.
func (c *Client) TESScutLimiter() *cutouts.Limiter { return c.cfg.TESScutLimiter }

// cutoutCall sends one request to a cutout service: the service API headers, retries on
// 5xx other than 500 (a 503 from the TESScut limit waits as Retry-After says), TESScut
// requests within the limiter; HTTP 400/500 become a *CutoutQueryError.
func (c *Client) cutoutCall(ctx context.Context, service string, req cutouts.Request) ([]byte, error) {
	if service == "TESScut" {
		release, err := c.cfg.TESScutLimiter.Acquire(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", service, err)
		}
		defer release()
	}
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	raw, err := c.send(ctx, httpCall{what: service + " " + cutoutOp(req.URL),
		method: req.Method, url: req.URL, body: req.Body, maxRetries: c.cfg.MaxRetries,
		contentType: req.ContentType, accept: "application/json", no500Retry: true})
	if err != nil {
		var he *HTTPError
		if errors.As(err, &he) && (he.StatusCode == http.StatusBadRequest || he.StatusCode == http.StatusInternalServerError) {
			return nil, &CutoutQueryError{Service: service, StatusCode: he.StatusCode, Msg: serverErrorText(he)}
		}
		return nil, err
	}
	return raw, nil
}

// cutoutOp names a request in messages: the path after api/v0.1/ ("moving_target/sector").
func cutoutOp(u string) string {
	_, op, _ := strings.Cut(u, "/api/v0.1/")
	op, _, _ = strings.Cut(op, "?")
	return op
}

// TESScutSectors lists the sectors (with camera and CCD) covering t: a position with a
// radius in degrees (0 = the position itself), an object name, or a moving target. No
// sector is a *cutouts.NoDataError ("Coordinates are not in any TESS sector.").
func (c *Client) TESScutSectors(ctx context.Context, t CutoutTarget, radiusDeg float64) ([]cutouts.Sector, error) {
	target, _, err := c.ResolveCutoutTarget(ctx, t)
	if err != nil {
		return nil, err
	}
	req, err := cutouts.TESScutSectorsRequest(c.cfg.BaseURL, target, radiusDeg)
	if err != nil {
		return nil, err
	}
	raw, err := c.cutoutCall(ctx, "TESScut", req)
	if err != nil {
		return nil, err
	}
	return cutouts.DecodeSectors(raw)
}

// TESScutPlan splits a cutout into the requests to make. A moving target without
// sectors becomes one request per sector it was seen in, as astroquery does to spare the
// service; so does a fixed target when perSector (one small zip per sector: each a queue
// item that resumes on its own). Otherwise the plan is req itself.
func (c *Client) TESScutPlan(ctx context.Context, req cutouts.TESScutCutout, perSector bool) ([]cutouts.TESScutCutout, error) {
	if err := cutouts.CheckProduct(req.Product); err != nil {
		return nil, err
	}
	if len(req.Sectors) > 0 || !req.Target.Moving() && !perSector {
		return []cutouts.TESScutCutout{req}, nil
	}
	var t CutoutTarget
	if req.Target.Moving() {
		t = CutoutTarget{MovingTarget: req.Target.MovingTarget, MovingType: req.Target.MovingType}
	} else {
		t = CutoutTarget{Position: &Position{RA: req.Target.RA, Dec: req.Target.Dec}}
	}
	sectors, err := c.TESScutSectors(ctx, t, 0)
	if err != nil {
		return nil, err
	}
	seen := map[int]bool{}
	for _, s := range sectors {
		seen[s.Sector] = true
	}
	nums := make([]int, 0, len(seen))
	for n := range seen {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	out := make([]cutouts.TESScutCutout, len(nums))
	for i, n := range nums {
		out[i] = req
		out[i].Sectors = []int{n}
	}
	return out, nil
}

// TESScutCutouts fetches a cutout in memory (POST astrocut): the zip of target pixel
// files, one per sector/camera/CCD. "No data" is a *cutouts.NoDataError.
func (c *Client) TESScutCutouts(ctx context.Context, req cutouts.TESScutCutout) ([]byte, error) {
	r, err := cutouts.TESScutPost(c.cfg.BaseURL, req)
	if err != nil {
		return nil, err
	}
	return c.cutoutZip(ctx, "TESScut", r)
}

func (c *Client) cutoutZip(ctx context.Context, service string, r cutouts.Request) ([]byte, error) {
	raw, err := c.cutoutCall(ctx, service, r)
	if err != nil {
		return nil, err
	}
	if err := cutouts.CheckAnswer(service, raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// ZcutSurveys lists the deep-field surveys at a position (radius in degrees). None is a
// *cutouts.NoDataError.
func (c *Client) ZcutSurveys(ctx context.Context, pos Position, radiusDeg float64) ([]string, error) {
	req, err := cutouts.ZcutSurveysRequest(c.cfg.BaseURL, pos.RA, pos.Dec, radiusDeg)
	if err != nil {
		return nil, err
	}
	raw, err := c.cutoutCall(ctx, "Zcut", req)
	if err != nil {
		return nil, err
	}
	return cutouts.DecodeSurveys(raw)
}

// ZcutCutouts fetches a FITS Zcut cutout in memory (a zip, one file per survey).
func (c *Client) ZcutCutouts(ctx context.Context, req cutouts.ZcutCutout) ([]byte, error) {
	r, err := cutouts.ZcutPost(c.cfg.BaseURL, req)
	if err != nil {
		return nil, err
	}
	return c.cutoutZip(ctx, "Zcut", r)
}

// HAPCutCutouts fetches a HAPCut cutout in memory (POST with a JSON body; a zip).
func (c *Client) HAPCutCutouts(ctx context.Context, req cutouts.HAPCutCutout) ([]byte, error) {
	r, err := cutouts.HAPCutPost(c.cfg.BaseURL, req)
	if err != nil {
		return nil, err
	}
	return c.cutoutZip(ctx, "HAPCut", r)
}
