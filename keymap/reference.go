package keymap

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// Reference renders every binding as a Markdown table, one section per view, so the
// README's key reference is generated from the same source as the `?` overlay.
func Reference(k *KeyMap) string {
	var b strings.Builder
	b.WriteString("| view | keys | action |\n|---|---|---|\n")
	sections := []struct {
		name   string
		groups [][]key.Binding
	}{
		{"search form", k.Form.FullHelp()},
		{"results", k.Results.FullHelp()},
		{"details pane", k.Details.FullHelp()},
		{"column chooser", k.Chooser.FullHelp()},
		{"sky panel and timeline", k.Sky.FullHelp()},
		{"products", k.Products.FullHelp()},
		{"product filters", k.Filters.FullHelp()},
		{"text filter", k.TextInput.FullHelp()},
		{"download queue", k.Queue.FullHelp()},
		{"mission form", [][]key.Binding{k.Missions.FormHelp()}},
		{"mission results and products", [][]key.Binding{{k.Missions.Search, k.Missions.Back, k.Missions.Observe}}},
		{"catalog form", [][]key.Binding{k.Catalogs.FormHelp()}},
		{"catalog results", [][]key.Binding{k.Catalogs.ResultsHelp()}},
		{"catalog advanced view", [][]key.Binding{k.Catalogs.AdvancedHelp()}},
		{"cutouts form", [][]key.Binding{k.Cutouts.FormHelp()}},
		{"cutouts list", [][]key.Binding{k.Cutouts.ListHelp()}},
		{"login dialog", k.Login.FullHelp()},
		{"duplicates form", [][]key.Binding{k.Duplicates.FormHelp()}},
		{"duplicates results", [][]key.Binding{k.Duplicates.ResultsHelp()}},
		{"export dialog", k.Export.FullHelp()},
		{"command palette", k.Palette.FullHelp()},
		{"everywhere", k.Global.FullHelp()},
	}
	for _, s := range sections {
		for _, bnd := range Flatten(s.groups) {
			h := bnd.Help()
			if h.Desc == "" {
				continue
			}
			keys := make([]string, len(bnd.Keys()))
			for i, kk := range bnd.Keys() {
				if kk == " " {
					kk = "space"
				}
				keys[i] = "`" + kk + "`"
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", s.name, strings.Join(keys, " "), h.Desc)
		}
	}
	return b.String()
}
