package mast

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"mastui/services/testmode"
)

// pageOfSize is a well-formed Portal answer of about n bytes.
func pageOfSize(n int) string {
	row := `{"obs_id": "` + strings.Repeat("x", 80) + `"}`
	var b strings.Builder
	b.WriteString(`{"status": "COMPLETE", "msg": "", "data": [`)
	for k := 0; b.Len() < n; k++ {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	b.WriteString(`], "fields": [{"name": "obs_id", "type": "string"}]}`)
	return b.String()
}

// TestAnswerOverTheCapFails: an answer bigger than its cap fails at once, naming the cap
// and the config key, with or without a Content-Length; metadata has its own cap.
func TestAnswerOverTheCapFails(t *testing.T) {
	for _, chunked := range []bool{false, true} {
		var calls atomic.Int32
		body := pageOfSize(200 << 10)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			if strings.Contains(r.URL.Path, "columnsconfig") {
				io.WriteString(w, `{"s_ra": {"text": "`+strings.Repeat("y", 5000)+`"}}`)
				return
			}
			if chunked {
				w.WriteHeader(200)
				w.(http.Flusher).Flush()
			}
			io.WriteString(w, body)
		}))
		c := New(Config{BaseURL: srv.URL, MaxPageBytes: 100 << 10, MaxMetadataBytes: 4000, RetryBaseDelay: time.Millisecond})
		_, err := c.Invoke(context.Background(), InvokeRequest{Service: "Mast.Caom.Cone"})
		var tl *TooLargeError
		if !errors.As(err, &tl) || !strings.Contains(err.Error(), "answer larger than 100KiB, the max_page_bytes limit of the config (Mast.Caom.Cone)") {
			t.Errorf("chunked %v: err = %v", chunked, err)
		}
		if n := calls.Load(); n != 1 {
			t.Errorf("chunked %v: %d requests, want 1 (no retry)", chunked, n)
		}
		_, err = c.Metadata(context.Background(), "observations")
		if !errors.As(err, &tl) || !strings.Contains(err.Error(), "max_metadata_bytes") {
			t.Errorf("chunked %v: columnsconfig: err = %v", chunked, err)
		}
		// Under the cap, the same answer is read whole.
		c = New(Config{BaseURL: srv.URL, MaxPageBytes: 300 << 10})
		rs, err := c.Invoke(context.Background(), InvokeRequest{Service: "Mast.Caom.Cone"})
		if err != nil || rs[0].Table.Rows() < 1000 {
			t.Errorf("chunked %v: under the cap: %v", chunked, err)
		}
		srv.Close()
	}
}

// TestReadBodyIgnoresAnnouncedLengthSweep: a Content-Length (which may lie) never sizes an
// allocation beyond the bytes that arrive, and an answer announced over the cap is
// refused before reading.
func TestReadBodyIgnoresAnnouncedLengthSweep(t *testing.T) {
	testmode.Sweep(t)
	tooLarge := func() error { return &TooLargeError{What: "x", Limit: 1, Key: "k"} }
	b, err := readBody(strings.NewReader("0123456789"), 1<<30, 2<<30, tooLarge)
	if err != nil || string(b) != "0123456789" || cap(b) > 1<<20 {
		t.Errorf("got %q (cap %d), %v", b, cap(b), err)
	}
	if _, err := readBody(strings.NewReader("x"), 3<<30, 2<<30, tooLarge); err == nil {
		t.Error("an answer announced over the cap was read")
	}
	// Exactly at the cap is fine, one byte over is not, across block boundaries.
	for _, n := range []int{0, 1, firstBlock, firstBlock + 1, blockSize + firstBlock + 7} {
		data := strings.Repeat("z", n)
		for _, announced := range []int64{-1, int64(n)} {
			b, err := readBody(strings.NewReader(data), announced, int64(n), tooLarge)
			if err != nil || string(b) != data || cap(b) != len(b) && n > firstBlock {
				t.Errorf("%d bytes (announced %d) at a cap of %d: %d bytes, cap %d, %v", n, announced, n, len(b), cap(b), err)
			}
			if _, err := readBody(strings.NewReader(data+"!"), announced, int64(n), tooLarge); err == nil && announced < 0 {
				t.Errorf("%d+1 bytes at a cap of %d read", n, n)
			}
		}
	}
}

// dialFails is a client whose every connection attempt fails with err.
func dialFails(err error, dials *atomic.Int32) *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return nil, err
	}}}
}

// TestWhatCannotSucceedIsNotRetried: an unknown host, a TLS failure or a bad URL fail at
// the first attempt, with a short message that starts with the cause; a refused
// connection may succeed later and is retried.
func TestWhatCannotSucceedIsNotRetried(t *testing.T) {
	ctx := context.Background()
	var dials atomic.Int32
	nxdomain := &net.DNSError{Err: "no such host", Name: "mast.example.org", IsNotFound: true}
	c := New(Config{BaseURL: "https://mast.example.org", HTTPClient: dialFails(nxdomain, &dials), RetryBaseDelay: time.Millisecond})
	_, err := c.Invoke(ctx, InvokeRequest{Service: "Mast.Caom.Cone"})
	if err == nil || err.Error() != "no such host mast.example.org (Mast.Caom.Cone)" || dials.Load() != 1 {
		t.Errorf("no such host: %d dials, err %v", dials.Load(), err)
	}

	dials.Store(0)
	_, err = c.Resolve(ctx, []string{"M101"}, "")
	if err == nil || err.Error() != `no such host mast.example.org (SANTA resolver and Mast.Name.Lookup, resolving "M101")` || dials.Load() != 2 {
		t.Errorf("resolve: %d dials, err %v", dials.Load(), err)
	}

	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	c = New(Config{BaseURL: tlsSrv.URL, RetryBaseDelay: time.Millisecond}) // does not trust the test certificate
	_, err = c.Invoke(ctx, InvokeRequest{Service: "Mast.Caom.Cone"})
	if err == nil || !strings.HasPrefix(err.Error(), "TLS with "+strings.TrimPrefix(tlsSrv.URL, "https://")+" failed: ") ||
		!strings.Contains(err.Error(), "certificate") || strings.Contains(err.Error(), "retries") {
		t.Errorf("bad certificate: %v", err)
	}

	c = New(Config{BaseURL: "htp://mast.stsci.edu", RetryBaseDelay: time.Millisecond})
	_, err = c.Invoke(ctx, InvokeRequest{Service: "Mast.Caom.Cone"})
	if err == nil || !strings.HasPrefix(err.Error(), `bad URL "htp://mast.stsci.edu/api/v0/invoke": unsupported protocol scheme`) {
		t.Errorf("bad URL: %v", err)
	}

	dials.Store(0)
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	c = New(Config{BaseURL: "http://127.0.0.1:9", HTTPClient: dialFails(refused, &dials), MaxRetries: 2, RetryBaseDelay: time.Millisecond})
	_, err = c.Invoke(ctx, InvokeRequest{Service: "Mast.Caom.Cone"})
	if err == nil || err.Error() != "127.0.0.1:9 refused the connection (Mast.Caom.Cone, after 2 retries)" || dials.Load() != 3 {
		t.Errorf("refused: %d dials, err %v", dials.Load(), err)
	}
}
