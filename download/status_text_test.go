package download

import (
	"net/http"
	"testing"
)

// A TESScut 400 whose body starts with the status line read "HTTP 400 Bad Request: 400
// Bad Request: cutout of …": the status is said once.
func TestStatusErrDoesNotRepeatTheStatusLine(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"400 Bad Request: cutout of 9999x9999 pixels: too big", "HTTP 400 Bad Request: cutout of 9999x9999 pixels: too big"},
		{"Bad Request: cutout too big", "HTTP 400 Bad Request: cutout too big"},
		{"HTTP 400 Bad Request - cutout too big", "HTTP 400 Bad Request: cutout too big"},
		{"400 Bad Request", "HTTP 400 Bad Request"},
		{"cutout too big", "HTTP 400 Bad Request: cutout too big"},
		{"Bad Requests are ours", "HTTP 400 Bad Request: Bad Requests are ours"},
	} {
		resp := &http.Response{StatusCode: http.StatusBadRequest, Header: http.Header{}}
		if got := statusErr(resp, []byte(c.body), false, false).err.Error(); got != c.want {
			t.Errorf("body %q: %q, want %q", c.body, got, c.want)
		}
	}
}
