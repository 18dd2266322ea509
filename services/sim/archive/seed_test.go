package archive

import (
	"fmt"
	"testing"
)

// Another seed gives another archive: already the observations around the first named
// target differ. (The same seed giving the same archive is sim's TestDeterminism.)
func TestSeedChangesArchive(t *testing.T) {
	// Printed, not reflect.DeepEqual: missing values are NaN, which equals nothing.
	firstCluster := func(seed uint64) string {
		g := newGen(seed)
		targets := namedTargets()
		g.cluster(&targets[0])
		if len(g.obs) == 0 {
			t.Fatalf("seed %d: no observations around %v", seed, targets[0].Name)
		}
		return fmt.Sprintf("%+v", g.obs)
	}
	if firstCluster(1) != firstCluster(1) {
		t.Fatal("the same seed generates different observations")
	}
	if firstCluster(1) == firstCluster(2) {
		t.Error("seeds 1 and 2 generate the same observations")
	}
}
