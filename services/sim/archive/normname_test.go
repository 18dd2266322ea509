package archive

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// normName's designation folding is done by hand for speed; these expressions say what
// it must do.
var (
	messierRE = regexp.MustCompile(`^(?:m|messier)0*([0-9]+)$`)
	ngcRE     = regexp.MustCompile(`^(ngc|ic|ugc|hd|gj|tic|kic|epic)0*([0-9]+)$`)
)

func normNameByRegexp(n string) string {
	if m := messierRE.FindStringSubmatch(n); m != nil {
		return "m" + m[1]
	}
	if m := ngcRE.FindStringSubmatch(n); m != nil {
		return m[1] + m[2]
	}
	return n
}

func TestNumberedDesignationsFoldAsTheExpressionsSay(t *testing.T) {
	names := []string{"m101", "m0", "m000", "m007", "messier31", "messier", "m", "ngc0628", "ngc", "ic10",
		"tic00032449963", "hd209458", "gj1214", "epic2", "kic8462852", "ugc1", "xngc5", "mm5", "m5a", "5", "", "0",
		"messier0031", "ngc628b", "tica5"}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "mesingcthdjkup0123456789"
	for range 20000 {
		b := make([]byte, r.IntN(10))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		names = append(names, string(b))
	}
	for _, n := range names {
		if got, want := foldDesignation(n), normNameByRegexp(n); got != want {
			t.Fatalf("%q folds to %q, want %q", n, got, want)
		}
	}
}
