package keymap

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// globalView is the view of the global bindings, which apply in every other view.
const globalView = "everywhere"

// view is one screen or dialog: its bindings are active together (with the global ones).
type view struct {
	name   string
	groups [][]key.Binding
	typing bool // text is typed here: a bare character would be typed, not run
}

// views lists the bindings of every view: the key reference's sections, and the scopes
// in which two actions must not share a key.
func views(k *KeyMap) []view {
	return []view{
		{"search form", k.Form.FullHelp(), true},
		{"results", k.Results.FullHelp(), false},
		{"details pane", k.Details.FullHelp(), false},
		{"column chooser", k.Chooser.FullHelp(), false},
		{"sky panel and timeline", k.Sky.FullHelp(), false},
		{"products", k.Products.FullHelp(), false},
		{"product filters", k.Filters.FullHelp(), false},
		{"text filter", k.TextInput.FullHelp(), true},
		{"download queue", k.Queue.FullHelp(), false},
		{"mission form", [][]key.Binding{k.Missions.FormHelp()}, true},
		{"mission results and products", [][]key.Binding{{k.Missions.Search, k.Missions.Back, k.Missions.Observe}}, false},
		{"catalog form", [][]key.Binding{k.Catalogs.FormHelp()}, true},
		{"catalog results", [][]key.Binding{k.Catalogs.ResultsHelp()}, false},
		{"catalog advanced view", [][]key.Binding{k.Catalogs.AdvancedHelp()}, true},
		{"cutouts form", [][]key.Binding{k.Cutouts.FormHelp()}, true},
		{"cutouts list", [][]key.Binding{k.Cutouts.Table.Bindings(), k.Cutouts.ListHelp()}, false},
		{"login dialog", k.Login.FullHelp(), true},
		{"duplicates form", [][]key.Binding{k.Duplicates.FormHelp()}, true},
		{"duplicates results", [][]key.Binding{k.Duplicates.ResultsHelp()}, false},
		{"export dialog", k.Export.FullHelp(), true},
		{"command palette", k.Palette.FullHelp(), true},
		{globalView, k.Global.FullHelp(), false},
	}
}

// Reference renders every binding as a Markdown table, one section per view, so the
// README's key reference is generated from the same source as the `?` overlay. The
// name column is the action's name for the config file's "keys" overrides.
func Reference(k *KeyMap) string {
	nameOf := namer(k)
	var b strings.Builder
	b.WriteString("| view | keys | action | name (config `keys`) |\n|---|---|---|---|\n")
	for _, s := range views(k) {
		for _, bnd := range Flatten(s.groups) {
			h := bnd.Help()
			if h.Desc == "" || len(bnd.Keys()) == 0 {
				continue
			}
			keys := make([]string, len(bnd.Keys()))
			for i, kk := range bnd.Keys() {
				if kk == " " {
					kk = "space"
				}
				keys[i] = "`" + kk + "`"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | `%s` |\n", s.name, strings.Join(keys, " "), h.Desc, nameOf(bnd))
		}
	}
	return b.String()
}
