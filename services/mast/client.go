package mast

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"mastui/model/config"
	"mastui/services/cutouts"
	"mastui/services/masthttp"
)

// Defaults (protocol sections 1, 2.4 and 13).
const (
	DefaultBaseURL     = masthttp.DefaultBaseURL
	DefaultResolverURL = "http://mastresolver.stsci.edu/Santa-war/query"
	DefaultCatalogsURL = "https://catalogs.mast.stsci.edu"
	DefaultHLAURL      = "https://hla.stsci.edu" // HSC spectrum files (protocol 9.5)
	DefaultPageSize    = 50000
)

// Config configures a Client. Zero fields take the documented defaults.
type Config struct {
	BaseURL        string        // default "https://mast.stsci.edu"; every Portal/download/whoami URL derives from it
	ResolverURL    string        // default SANTA; BaseURL+"/Santa-war/query" when BaseURL is overridden and this is empty
	CatalogsURL    string        // catalogs API (PanSTARRS); default catalogs.mast.stsci.edu, BaseURL when BaseURL is overridden and this is empty
	HLAURL         string        // default https://hla.stsci.edu; BaseURL when BaseURL is overridden and this is empty
	CloudURL       string        // public bucket (protocol 12), default DefaultCloudURL; BaseURL+SimCloudPath when BaseURL is overridden and this is empty
	HTTPClient     *http.Client  // nil = a client with sane transport settings
	RequestTimeout time.Duration // per HTTP request (each attempt), default 2 min
	QueryBudget    time.Duration // whole logical query (all polls + pages), default 600 s
	PageSize       int           // default 50000
	MaxRetries     int           // default 5 (connection errors, timeouts, 5xx, 429); negative = none
	PollInterval   time.Duration // first EXECUTING re-poll delay, default 200 ms, ×1.5 up to 3 s
	UserAgent      string        // default "mastui/dev"
	Logger         *slog.Logger  // nil = discard. Never given tokens.

	// Token returns the MAST API token to send, "" for none; nil = anonymous. It is asked
	// before every request, so a login in a running session takes effect at once. The
	// token goes (cookie mast_token and "Authorization: Bearer", protocol 2.2) with every
	// request astroquery authenticates, only to TokenHosts and only over https or plain
	// http to a loopback host (masthttp.TokenAllowed); never to the resolver or the other
	// simple GETs.
	Token func() string
	// TokenHosts [masthttp.TokenHosts(BaseURL): MAST's hosts plus BaseURL's host].
	TokenHosts []string

	RetryBaseDelay time.Duration // full-jitter backoff base, default 500 ms
	RetryMaxDelay  time.Duration // backoff cap, default 20 s

	// MaxPageBytes caps an answer holding rows (Portal pages, product lists, Search
	// API answers), default 512 MiB; MaxMetadataBytes every other answer, default
	// 64 MiB (config.Config max_page_bytes, max_metadata_bytes).
	MaxPageBytes, MaxMetadataBytes int64

	// TESScutLimiter bounds this user's TESScut requests in flight; nil = a new one of
	// cutouts.MaxConcurrentTESScut. Share one between everything sending for one user.
	TESScutLimiter *cutouts.Limiter

	// HugePages reads and decodes big answers on transparent huge pages (bigmem): far
	// fewer page faults, for a process that exits once it printed them (a long-lived one
	// leaves it off).
	HugePages bool
}

const (
	maxPollInterval = 3 * time.Second
	// facetTTL bounds how stale the Mast.Caom.All counts may get in a long-lived process.
	facetTTL = time.Hour
	// maxResolvedCache bounds the name cache of a long-lived process.
	maxResolvedCache = 4096
)

// Client talks to the MAST Portal and the SANTA resolver. It is safe for concurrent use;
// it caches columnsconfig per id, the Mast.Caom.All facets and resolved names.
type Client struct {
	cfg  Config
	hc   *http.Client
	bare *http.Client // without cookie jar: SANTA must be asked without the session's cookies
	log  *slog.Logger

	mu        sync.Mutex
	colConfig map[string]*colConfig
	facets    *facetCache
	resolved  map[string]Resolved
	breakers  map[string]breaker
	missCols  map[string][]MissionColumn   // column_list per mission (missions.go)
	psCols    map[string][]PanstarrsColumn // PanSTARRS metadata per "release/table" (panstarrs_columns.go)
}

// New returns a client with defaults filled in.
func New(cfg Config) *Client {
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	// Each other host is MAST's own by default, and the overriding server's when the base
	// URL was replaced (the simulator answers on every path). astroquery derives the
	// catalogs host by text substitution (protocol 1), which leaves a local URL as it is.
	cfg.ResolverURL = hostURL(cfg.ResolverURL, cfg.BaseURL, DefaultResolverURL, "/Santa-war/query")
	cfg.CatalogsURL = hostURL(cfg.CatalogsURL, cfg.BaseURL, DefaultCatalogsURL, "")
	cfg.HLAURL = hostURL(cfg.HLAURL, cfg.BaseURL, DefaultHLAURL, "")
	cfg.CloudURL = hostURL(cfg.CloudURL, cfg.BaseURL, DefaultCloudURL, SimCloudPath)
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 2 * time.Minute
	}
	if cfg.QueryBudget <= 0 {
		cfg.QueryBudget = 600 * time.Second
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = DefaultPageSize
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 5
	} else if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 200 * time.Millisecond
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "mastui/dev"
	}
	if cfg.RetryBaseDelay <= 0 {
		cfg.RetryBaseDelay = 500 * time.Millisecond
	}
	if cfg.RetryMaxDelay <= 0 {
		cfg.RetryMaxDelay = 20 * time.Second
	}
	if cfg.MaxPageBytes <= 0 {
		cfg.MaxPageBytes = config.DefaultMaxPageBytes
	}
	if cfg.MaxMetadataBytes <= 0 {
		cfg.MaxMetadataBytes = config.DefaultMaxMetadataBytes
	}
	if cfg.TESScutLimiter == nil {
		cfg.TESScutLimiter = cutouts.NewLimiter(cutouts.MaxConcurrentTESScut)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Transport: newTransport()}
		cfg.HTTPClient = hc
	}
	if len(cfg.TokenHosts) == 0 {
		cfg.TokenHosts = masthttp.TokenHosts(cfg.BaseURL)
	}
	if cfg.Token != nil {
		hc = guardTokenRedirects(hc, cfg.TokenHosts)
	}
	bare := *hc
	bare.Jar = nil
	return &Client{
		cfg: cfg, hc: hc, bare: &bare, log: log,
		colConfig: map[string]*colConfig{},
		resolved:  map[string]Resolved{},
		breakers:  map[string]breaker{},
	}
}

// newTransport is a per-client transport: idle connections expire on their own, so a
// client dropped by a finished session leaks nothing for long.
func newTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          16,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// Config returns the effective configuration (defaults filled in).
func (c *Client) Config() Config { return c.cfg }

// CloseIdleConnections releases pooled connections (call when a session ends).
func (c *Client) CloseIdleConnections() { c.hc.CloseIdleConnections() }

func (c *Client) invokeURL() string { return c.cfg.BaseURL + "/api/v0/invoke" }
func (c *Client) columnsConfigURL() string {
	return c.cfg.BaseURL + "/portal/Mashup/Mashup.asmx/columnsconfig"
}

// hostURL is given when set, else def with MAST's base URL, else base+path.
func hostURL(given, base, def, path string) string {
	if given = strings.TrimRight(given, "/"); given != "" {
		return given
	}
	if base == DefaultBaseURL {
		return def
	}
	return base + path
}
