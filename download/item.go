package download

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"mastui/services/masthttp"
)

// Item is one file to fetch. Only URL and Dest are required; the rest is product
// metadata kept for display, layout and manifests.
type Item struct {
	ID   string `json:"id"`   // stable; default ItemID(URL, Dest)
	URL  string `json:"url"`  // http(s) URL of the bytes
	Dest string `json:"dest"` // final path (made absolute by Add)
	// Root is the download directory Dest lies in (optional): the directories between
	// them are made by the engine, and a symbolic link among them is refused.
	Root        string `json:"root,omitempty"`
	Size        int64  `json:"size,omitempty"` // expected bytes, 0 = unknown
	URI         string `json:"uri,omitempty"`  // MAST dataURI
	Filename    string `json:"filename,omitempty"`
	Collection  string `json:"collection,omitempty"`
	ObsID       string `json:"obs_id,omitempty"`
	ProductType string `json:"product_type,omitempty"`
	// Unpack says what becomes of the fetched file once it is whole: "" it is the product;
	// UnpackCutouts: it is a cutout service's zip (TESScut, Zcut, HAPCut), whose members
	// are checked and written next to Dest (Status.Files), the zip then removed unless
	// KeepZip. A "no data" answer fails the item with the service's message. See unpack.go.
	Unpack  string `json:"unpack,omitempty"`
	KeepZip bool   `json:"keep_zip,omitempty"`
	// CloudURL is an http(s) URL of a public copy of the same bytes (MAST's cloud bucket,
	// protocol 12), tried first and never with a credential. When it fails without
	// progress (no copy, an error status, a refused connection, another size) the item
	// falls back to URL at once, for good; the .part goes on from where the copy left it.
	CloudURL string `json:"cloud_url,omitempty"`
}

// UnpackCutouts marks an item whose file is a cutout service's zip (Item.Unpack).
const UnpackCutouts = "cutouts"

// State is where an item is in its life.
type State string

const (
	Queued State = "queued" // waiting for a worker (possibly for a retry time)
	Active State = "active" // a worker is on it
	Paused State = "paused" // held by the user; its .part is kept
	// LoginRequired: MAST answered 401 (exclusive-access data, no valid token). Held like
	// Paused, its .part kept, not retried in a loop: SetToken (a login) queues it again.
	LoginRequired State = "login-required"
	Done          State = "done" // downloaded and verified
	// Unverified: saved, but nothing proves it whole: the server gave no size and the
	// format has no end marker we check (or it is missing). Status.Err says which.
	Unverified State = "unverified"
	Skipped    State = "skipped"   // already complete on disk, nothing fetched
	Failed     State = "failed"    // gave up; Status.Err says why
	Cancelled  State = "cancelled" // dropped by the user; its .part is removed
)

// Finished reports whether the state is terminal (only Retry or Add revive it).
func (s State) Finished() bool {
	return s == Done || s == Skipped || s == Unverified || s == Failed || s == Cancelled
}

// Status is a snapshot of one item.
type Status struct {
	Item
	State     State
	Done      int64         // bytes on disk
	Total     int64         // expected bytes, 0 = unknown
	Rate      float64       // bytes per second, smoothed (active items only)
	ETA       time.Duration // 0 when unknown
	Attempt   int           // HTTP attempts made in this process
	Err       string        // failure reason, or the last retryable error while queued
	NextRetry time.Time     // zero unless waiting to retry
	// Files are the files an unpacked item (Item.Unpack) put in place: the members of its
	// zip, known once it is done or skipped (journaled, so a replay knows them too).
	Files []string
	// FromCloud: the bytes come (or came) from Item.CloudURL; false once the item fell
	// back to URL, CloudErr then saying why.
	FromCloud bool
	CloudErr  string
}

// Totals aggregates the queue for a status line.
type Totals struct {
	Items, Queued, Active, Paused, LoginRequired, Done, Skipped, Unverified, Failed, Cancelled int
	DoneBytes, TotalBytes                                                                      int64
	Rate                                                                                       float64 // bytes per second over active items
	ETA                                                                                        time.Duration
}

// ErrUnknownItem is returned by controls given an ID the manager does not hold.
var ErrUnknownItem = errors.New("no such download")

// ErrState is wrapped by controls asked for a transition the item's state forbids.
var ErrState = errors.New("not possible in this state")

// ErrClosed is returned after Close.
var ErrClosed = errors.New("download manager is closed")

// ItemID is the default stable identity of an item: the same URL to the same file is the
// same download, whichever view queued it.
func ItemID(rawURL, dest string) string {
	h := sha256.Sum256([]byte(rawURL + "\x00" + filepath.Clean(dest)))
	return hex.EncodeToString(h[:10])
}

// normalize validates an item and fills ID, Filename and an absolute Dest: a relative
// Dest would resolve elsewhere when a later process with another cwd resumes it.
func normalize(it Item) (Item, error) {
	u, err := url.Parse(it.URL)
	if err != nil {
		return it, fmt.Errorf("bad URL %q: %w", it.URL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return it, fmt.Errorf("bad URL %q: need http(s)://host/...", StripCredentials(it.URL))
	}
	if u.User != nil { // journaled, logged and shown: credentials come from Options.MastURL
		u.User = nil
		it.URL = u.String()
	}
	if it.CloudURL != "" {
		c, err := url.Parse(it.CloudURL)
		if err != nil || c.Scheme != "http" && c.Scheme != "https" || c.Host == "" {
			return it, fmt.Errorf("bad cloud URL %q: need http(s)://host/...", StripCredentials(it.CloudURL))
		}
		it.CloudURL = StripCredentials(it.CloudURL) // public: it never carries credentials
	}
	if strings.TrimSpace(it.Dest) == "" {
		return it, fmt.Errorf("%s: no destination path", it.URL)
	}
	dest, err := filepath.Abs(it.Dest)
	if err != nil {
		return it, fmt.Errorf("destination %q: %w", it.Dest, err)
	}
	if strings.HasSuffix(dest, partSuffix) {
		return it, fmt.Errorf("destination %q ends in %s, which the engine uses for partial files", dest, partSuffix)
	}
	it.Dest = dest
	if it.Root != "" {
		if it.Root, err = filepath.Abs(it.Root); err != nil {
			return it, fmt.Errorf("download directory %q: %w", it.Root, err)
		}
		if !within(it.Root, filepath.Dir(dest)) {
			return it, fmt.Errorf("destination %q lies outside its download directory %q", dest, it.Root)
		}
	}
	if it.Size < 0 {
		it.Size = 0
	}
	if it.ID == "" {
		it.ID = ItemID(it.URL, it.Dest)
	}
	if it.Filename == "" {
		it.Filename = filepath.Base(dest)
	}
	return it, nil
}

// FileURL is the MAST download URL of a dataURI under baseURL, escaped as astroquery's
// Observations does (':' and '/' kept; '?', '&', '=' escaped, astroquery#1892).
// Credentials in baseURL are left out (Options.MastURL supplies them).
func FileURL(baseURL, uri string) string {
	return strings.TrimRight(StripCredentials(baseURL), "/") + "/api/v0.1/Download/file?uri=" + masthttp.PyQuote(uri, ":/")
}

// within reports whether p is root or lies below it (both clean and absolute).
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
