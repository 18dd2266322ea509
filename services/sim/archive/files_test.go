package archive

import "testing"

// A served URI is remembered: the second lookup gives the same product without building
// product lists, and the memory is bounded.
func TestProductByURIRemembers(t *testing.T) {
	a, err := New(1)
	if err != nil {
		t.Fatal(err)
	}
	var uris []string
	for i := 0; i < a.Len() && len(uris) < 40; i += a.Len() / 40 {
		for _, p := range a.Products(a.At(i).Obsid) {
			uris = append(uris, p.DataURI)
			break
		}
	}
	for _, uri := range uris {
		first, ok := a.productByURI(uri)
		if !ok || first.DataURI != uri {
			t.Fatalf("%s: not found (%v) or another product %s", uri, ok, first.DataURI)
		}
		fresh, _ := a.findByURI(uri)
		again, _ := a.productByURI(uri)
		if again != first || fresh != first {
			t.Fatalf("%s: remembered %+v, fresh %+v, first %+v", uri, again, fresh, first)
		}
	}
	if n := a.served.len(); n != len(uris) {
		t.Fatalf("%d URIs remembered, want %d", n, len(uris))
	}
	if n := a.lists.len(); n == 0 || n > listsCap {
		t.Fatalf("%d product lists kept, want 1 to %d", n, listsCap)
	}
	if _, ok := a.productByURI("mast:HST/product/nosuchfile_raw.fits"); ok {
		t.Fatal("an unknown URI was found")
	}
	if n := a.served.len(); n > servedCap || n != len(uris) {
		t.Fatalf("%d URIs remembered after an unknown one", n)
	}
}
