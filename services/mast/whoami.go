package mast

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Identity is who MAST says a token belongs to (GET /whoami, protocol 5). Its strings are
// the server's: sanitize them before they reach a terminal.
type Identity struct {
	Anonymous   bool // no token, or one MAST does not accept
	EPPN        string
	EZID        string
	DisplayName string
	Email       string
	Scopes      []string
	// Expires is when the token stops working, zero when the answer does not say (real
	// MAST's documented answer does not; the simulator adds expires_at, protocol 5).
	Expires time.Time
}

// Name is the display name, else the ezid.
func (id Identity) Name() string {
	if id.DisplayName != "" {
		return id.DisplayName
	}
	return id.EZID
}

// whoamiAnswer is the JSON of GET /whoami. Its "token" field (the token itself, echoed)
// is deliberately not read.
type whoamiAnswer struct {
	Anon   bool     `json:"anon"`
	EPPN   string   `json:"eppn"`
	EZID   string   `json:"ezid"`
	Scopes []string `json:"scopes"`
	Attrib struct {
		DisplayName string `json:"display_name"`
		Email       string `json:"email"`
	} `json:"attrib"`
	ExpiresAt string `json:"expires_at"`
}

// Whoami asks MAST who the session's token belongs to (astroquery's session_info). No
// token, or one MAST does not know, answers Anonymous; an expired one may be refused with
// a *LoginRequiredError.
func (c *Client) Whoami(ctx context.Context) (Identity, error) {
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	raw, err := c.send(ctx, httpCall{what: "whoami", method: http.MethodGet, url: c.cfg.BaseURL + "/whoami",
		maxRetries: c.cfg.MaxRetries, accept: "application/json", metadata: true})
	if err != nil {
		return Identity{}, err
	}
	var a whoamiAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		return Identity{}, fmt.Errorf("whoami: the answer is not the expected JSON: %w", err)
	}
	id := Identity{Anonymous: a.Anon || a.EZID == "" || a.EZID == "anonymous", EPPN: a.EPPN, EZID: a.EZID,
		DisplayName: a.Attrib.DisplayName, Email: a.Attrib.Email, Scopes: a.Scopes}
	if a.ExpiresAt != "" {
		if t, err := time.Parse(time.RFC3339, a.ExpiresAt); err == nil {
			id.Expires = t
		}
	}
	return id, nil
}
