package dupcheck_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mastui/services/dupcheck"
	"mastui/services/mast"
	"mastui/services/sim"
	"mastui/services/sim/simtest"
)

// BenchmarkCheckSeed004 times the whole check of seed 004's three targets against the
// simulator (queries, decoding, classification): the issue asks for seconds at most.
func BenchmarkCheckSeed004(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, stop, err := sim.Start(ctx, "127.0.0.1:0", sim.Options{Archive: simtest.DemoArchive(b)})
	if err != nil {
		b.Fatal(err)
	}
	defer stop()
	client := mast.New(mast.Config{BaseURL: url, PollInterval: time.Millisecond})
	ap, err := dupcheck.DefaultApertures()
	if err != nil {
		b.Fatal(err)
	}
	targets, err := dupcheck.ParseTargets(strings.NewReader("number,aperture,ra,dec,grating,filter,exposure_time\n"+
		"1,MSA,53.13,-27.8,G395H,F290LP,950\n2,IFU,68.73091,24.48140,G395H,F290LP,22.749\n3,S200B1,5.130,-36.895,G140H,F070LP,1880.22\n"), "seed004", ap)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		for _, r := range dupcheck.NewChecker(client, dupcheck.Options{}).CheckAll(ctx, targets, nil) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
}
