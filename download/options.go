package download

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"mastui/model/config"
	"mastui/services/cutouts"
)

// MaxWorkers bounds Options.Workers: more parallel transfers do not go faster (PerHost
// caps each host anyway) and each one holds a buffer and a connection.
const MaxWorkers = 64

// Options configure a Manager. Zero values take the defaults in brackets.
type Options struct {
	Workers     int    // parallel transfers [4], at most MaxWorkers
	PerHost     int    // transfers per host at once [4]: MAST asks clients not to hammer it
	JournalPath string // [DefaultJournalPath()]
	Ephemeral   bool   // no journal: the queue dies with the process (tests, one-shot exports)
	RateLimit   int64  // global cap in bytes per second [0 = none]; see SetRateLimit

	// Durable fsyncs each finished file before it is renamed into place, so a power cut
	// cannot undo a download the journal calls done [false]. Without it a kill -9, a
	// dropped SSH session or a crash still loses nothing (the kernel keeps what was
	// written), as with curl, wget and astroquery, which never sync; it costs the disk's
	// write time inside the download, which on a fast link is most of it.
	Durable bool

	// Token is a MAST API token, sent (cookie mast_token and Authorization: Bearer) only to
	// TokenHosts ["mast.stsci.edu"] plus the host of MastURL. An entry with a port matches
	// that host:port only. The token is never logged.
	Token      string
	TokenHosts []string
	MastURL    string

	// HTTPClient [a keep-alive transport sized for Workers] is not closed by Close. Leave
	// its Timeout 0: it would cut long transfers; StallTimeout guards them instead.
	HTTPClient *http.Client
	UserAgent  string // ["mastui"]

	MaxAttempts   int           // consecutive failed attempts without progress before giving up [8]
	RetryBase     time.Duration // first backoff [1s], doubled per failure, with jitter
	RetryMax      time.Duration // backoff cap [60s]
	MaxRetryAfter time.Duration // cap on a server's Retry-After [10m]
	StallTimeout  time.Duration // no byte (headers or body) for this long aborts the attempt [60s]
	// ComputeTimeout is how long a cutout service (Item.Unpack) may compute before its
	// answer starts [10m, astroquery's MAST timeout]: TESScut sends nothing until the cutout
	// is made, which takes seconds to minutes. Once the answer starts, StallTimeout applies.
	ComputeTimeout time.Duration
	// TESScutLimiter bounds the TESScut requests in flight, shared with the client
	// (mast.Client.TESScutLimiter) so both together keep to MAST's 10 per user [a limiter
	// of the queue's own].
	TESScutLimiter *cutouts.Limiter

	ProgressInterval time.Duration // minimum gap between progress events of one item [100ms]
	Logger           *slog.Logger  // [discard]

	// FreeSpace reports the bytes available to unprivileged users in dir; [statfs]. Tests
	// inject it. An error skips the check.
	FreeSpace func(dir string) (int64, error)
}

// DefaultJournalPath is $XDG_STATE_HOME/mastui/downloads.jsonl.
func DefaultJournalPath() string { return filepath.Join(config.StateDir(), "downloads.jsonl") }

const (
	partSuffix = ".part"
	// bufSize is each worker's copy buffer: big reads and writes keep syscalls per byte low.
	bufSize = 256 << 10
	// fillSize is how much a worker gathers before one write to the .part file: enough
	// to keep syscalls rare, little enough that a kill loses almost nothing unwritten.
	fillSize = 64 << 10
	// fillWait bounds how long a worker gathers before writing what it has.
	fillWait = 50 * time.Millisecond
	// sniffSize is read before anything is written, to recognise error pages.
	sniffSize = 512
	// writebackChunk is how much a worker writes before asking the kernel to start
	// putting it on disk, so the disk works while the network does and the committer's
	// fsync finds little left to write.
	writebackChunk = 1 << 20
)

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = 4
	}
	o.Workers = min(o.Workers, MaxWorkers)
	o.PerHost = min(o.PerHost, MaxWorkers)
	if o.PerHost <= 0 {
		o.PerHost = 4
	}
	if o.JournalPath == "" && !o.Ephemeral {
		o.JournalPath = DefaultJournalPath()
	}
	if o.UserAgent == "" {
		o.UserAgent = "mastui"
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	if o.RetryBase <= 0 {
		o.RetryBase = time.Second
	}
	if o.RetryMax <= 0 {
		o.RetryMax = time.Minute
	}
	if o.RetryMax < o.RetryBase {
		o.RetryMax = o.RetryBase
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 10 * time.Minute
	}
	if o.StallTimeout <= 0 {
		o.StallTimeout = time.Minute
	}
	if o.ComputeTimeout <= 0 {
		o.ComputeTimeout = 10 * time.Minute
	}
	if o.ProgressInterval <= 0 {
		o.ProgressInterval = 100 * time.Millisecond
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.FreeSpace == nil {
		o.FreeSpace = freeSpace
	}
	return o
}

// newTransport is a keep-alive transport with one connection per possible transfer.
// HTTP/1.1 on purpose: one TCP stream per file outruns multiplexing bulk bodies on one.
func newTransport(conns int) *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:          2 * conns,
		MaxIdleConnsPerHost:   conns,
		MaxConnsPerHost:       conns,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   20 * time.Second,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true, // Range offsets must count file bytes, not gzip bytes
		WriteBufferSize:       16 << 10,
	}
}
