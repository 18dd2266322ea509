package config

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"text/tabwriter"
)

// Show writes the effective settings, one a line: key, value (as the config file
// writes it) and where it came from. Key overrides are listed one action a line
// ("keys.queue.pause").
func Show(cfg Config) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "KEY\tVALUE\tFROM")
	fields := settingFields()
	for _, key := range Keys() {
		v := reflect.ValueOf(cfg).FieldByIndex(fields[key].Index)
		if key == "keys" {
			actions := make([]string, 0, len(cfg.Keys))
			for a := range cfg.Keys {
				actions = append(actions, a)
			}
			slices.Sort(actions)
			for _, a := range actions {
				fmt.Fprintf(w, "keys.%s\t%s\t%s\n", a, jsonText(cfg.Keys[a]), cfg.Origin("keys."+a))
			}
			if len(actions) == 0 {
				fmt.Fprintf(w, "keys\t{}\t%s\n", cfg.Origin(key))
			}
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", key, jsonText(v.Interface()), cfg.Origin(key))
	}
	w.Flush()
	return b.String()
}

// jsonText is v as the config file writes it, on one line.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if string(b) == "null" {
		return "{}"
	}
	return string(b)
}
