package model

import (
	"math"
	"slices"
	"testing"
)

func TestSortedRowsKeysInOrderMissingLast(t *testing.T) {
	kind := NewColumn("kind", KindString, 5)
	kind.Str = append(kind.Str, "b", "a", "b", "", "a")
	mag := NewColumn("mag", KindFloat, 5)
	mag.Float = append(mag.Float, 1, 2, math.NaN(), 4, 3)
	tb := NewTable(kind, mag)
	// kind ascending (the empty one last), then mag descending (NaN last).
	if got := SortedRows(tb, []SortKey{{Column: "kind"}, {Column: "mag", Desc: true}}); !slices.Equal(got, []int{4, 1, 0, 2, 3}) {
		t.Fatalf("order %v", got)
	}
	if got := SortedRows(tb, []SortKey{{Column: "mag", Desc: true}}); !slices.Equal(got, []int{3, 4, 1, 0, 2}) {
		t.Fatalf("order %v", got)
	}
}
