package keymap

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

// Every binding has help text, and no key means two things in one view (with the
// global bindings, which apply everywhere).
func TestBindingsHaveHelpAndNoConflicts(t *testing.T) {
	k := Default()
	views := map[string]help.KeyMap{
		"form": k.Form, "results": k.Results, "details": k.Details, "chooser": k.Chooser,
		"products": k.Products, "filters": k.Filters, "text": k.TextInput, "queue": k.Queue, "export": k.Export,
	}
	for name, v := range views {
		seen := map[string]string{}
		// O (the Observations tab) is a global key listed with the Missions bindings.
		all := append(append(Flatten(v.FullHelp()), Flatten(k.Global.FullHelp())...), k.Missions.Observe)
		for _, b := range all {
			h := b.Help()
			if h.Key == "" || h.Desc == "" {
				t.Errorf("%s: binding %v has no help", name, b.Keys())
			}
			for _, key := range b.Keys() {
				if other, dup := seen[key]; dup {
					t.Errorf("%s: key %q is both %q and %q", name, key, other, h.Desc)
				}
				seen[key] = h.Desc
			}
		}
	}
}

func TestFormBindingsAreNotLetters(t *testing.T) {
	for _, b := range append(append(Flatten(Default().Form.FullHelp()), Default().Missions.FormHelp()...), Flatten(Default().Export.FullHelp())...) {
		for _, key := range b.Keys() {
			if len(key) == 1 && key != " " {
				t.Errorf("form binding %q would eat a typed character", key)
			}
		}
	}
}

func TestDisabledBindingsLeaveHelp(t *testing.T) {
	k := Default()
	k.Global.Quit.SetEnabled(false)
	for _, b := range Enabled(Flatten(k.Global.FullHelp())) {
		if b.Help().Key == "q" {
			t.Fatal("disabled q still listed")
		}
	}
	if got := k.Global.ShortHelp(); !key.Matches(keyMsg("ctrl+c"), got[len(got)-1]) {
		t.Fatalf("short help without q should offer ctrl+c, got %v", got[len(got)-1].Help())
	}
	if k2 := Default(); !k2.Global.Quit.Enabled() {
		t.Fatal("keymaps share state")
	}
}

type keyMsg string

func (k keyMsg) String() string { return string(k) }

// The keys that lead to the Cutouts tab (T opens it, t opens it at a results row) are
// free in every view they can be pressed in, and the Cutouts form's keys are not
// letters (they would eat typed characters); the Cutouts list's keys do not clash with
// the global ones.
func TestCutoutsKeysAreFree(t *testing.T) {
	k := Default()
	views := map[string]help.KeyMap{
		"results": k.Results, "details": k.Details, "chooser": k.Chooser, "products": k.Products,
		"filters": k.Filters, "queue": k.Queue, "missions": k.Missions, "form": k.Form,
	}
	for _, b := range []key.Binding{k.Global.Cutouts, k.Results.Cutouts} {
		for name, v := range views {
			for _, other := range append(Flatten(v.FullHelp()), Flatten(k.Global.FullHelp())...) {
				if other.Help() == b.Help() {
					continue
				}
				for _, a := range b.Keys() {
					if slices.Contains(other.Keys(), a) {
						t.Errorf("%s: key %q is both %q and %q", name, a, b.Help().Desc, other.Help().Desc)
					}
				}
			}
		}
	}
	for _, b := range k.Cutouts.FormHelp() {
		for _, key := range b.Keys() {
			if len(key) == 1 && key != " " {
				t.Errorf("cutouts form binding %q would eat a typed character", key)
			}
		}
	}
	seen := map[string]string{}
	for _, b := range append(append(k.Cutouts.Table.Bindings(), k.Cutouts.ListHelp()...), Flatten(k.Global.FullHelp())...) {
		for _, key := range b.Keys() {
			if other, dup := seen[key]; dup {
				t.Errorf("cutouts list: key %q is both %q and %q", key, other, b.Help().Desc)
			}
			seen[key] = b.Help().Desc
		}
	}
}

// The keys that lead to the Catalogs tab (C opens it, N searches around a results row)
// and its letters on HSC rows are free in every view they could be pressed in.
func TestCatalogKeysAreFree(t *testing.T) {
	k := Default()
	views := map[string]help.KeyMap{
		"results": k.Results, "details": k.Details, "chooser": k.Chooser, "products": k.Products,
		"filters": k.Filters, "queue": k.Queue, "missions": k.Missions,
	}
	for _, b := range []key.Binding{k.Global.Catalogs, k.Results.Around, k.Catalogs.Spectra, k.Catalogs.Queue} {
		for name, v := range views {
			for _, other := range append(Flatten(v.FullHelp()), Flatten(k.Global.FullHelp())...) {
				if other.Help() == b.Help() {
					continue
				}
				for _, a := range b.Keys() {
					for _, o := range other.Keys() {
						if a == o && !(name == "products" && a == "D") { // D queues in both
							t.Errorf("%s: key %q is both %q and %q", name, a, b.Help().Desc, other.Help().Desc)
						}
					}
				}
			}
		}
	}
	for _, b := range k.Catalogs.FormHelp() {
		for _, key := range b.Keys() {
			if len(key) == 1 && key != " " {
				t.Errorf("catalog form binding %q would eat a typed character", key)
			}
		}
	}
}

// The login key works from anywhere, text fields included: no view of the reference
// (every binding of every view) uses its keys for anything else, and it is not a key a
// text field edits with (bubbles' textinput and textarea take ctrl+a/b/d/e/f/h/k/n/p/u/v/w).
func TestLoginKeyIsFreeEverywhere(t *testing.T) {
	k := Default()
	ref := Reference(k)
	for _, kk := range k.Global.Login.Keys() {
		if n := strings.Count(ref, "`"+kk+"`"); n != 1 {
			t.Errorf("key %q appears %d times in the key reference, want once (the login)", kk, n)
		}
		if len(kk) == 1 || slices.Contains(strings.Split("ctrl+a ctrl+b ctrl+d ctrl+e ctrl+f ctrl+h ctrl+k ctrl+n ctrl+p ctrl+u ctrl+v ctrl+w", " "), kk) {
			t.Errorf("login key %q would be eaten by a text field", kk)
		}
	}
	for _, b := range k.Login.FullHelp()[0] {
		for _, kk := range b.Keys() {
			if len(kk) == 1 {
				t.Errorf("login dialog binding %q would eat a typed character", kk)
			}
		}
	}
}

// V (the Duplicates tab) is free in every view it can be pressed in; the Duplicates
// form's keys are not letters; its results' keys clash with no global one.
func TestDuplicatesKeysAreFree(t *testing.T) {
	k := Default()
	views := map[string]help.KeyMap{
		"results": k.Results, "details": k.Details, "chooser": k.Chooser, "products": k.Products,
		"filters": k.Filters, "queue": k.Queue, "missions": k.Missions, "form": k.Form, "cutouts": k.Cutouts,
	}
	for name, v := range views {
		for _, other := range append(Flatten(v.FullHelp()), Flatten(k.Global.FullHelp())...) {
			if other.Help() != k.Global.Duplicates.Help() && slices.Contains(other.Keys(), "V") {
				t.Errorf("%s: V is also %q", name, other.Help().Desc)
			}
		}
	}
	for _, b := range k.Duplicates.FormHelp() {
		for _, key := range b.Keys() {
			if len(key) == 1 && key != " " {
				t.Errorf("duplicates form binding %q would eat a typed character", key)
			}
		}
	}
	seen := map[string]string{}
	for _, b := range append(append(k.Duplicates.Rows(), k.Duplicates.ResultsHelp()...), Flatten(k.Global.FullHelp())...) {
		for _, key := range b.Keys() {
			if other, dup := seen[key]; dup {
				t.Errorf("duplicates results: key %q is both %q and %q", key, other, b.Help().Desc)
			}
			seen[key] = b.Help().Desc
		}
	}
}
