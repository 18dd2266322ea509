package config

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
)

// Where a setting's value came from, as `mastui config show` prints it.
const (
	FromDefault = "default"
	fromEnv     = "env "
	fromFlag    = "flag "
)

// settingFields maps each config key (its json tag) to its field of Config.
func settingFields() map[string]reflect.StructField { return jsonFields(reflect.TypeFor[Config]()) }

// jsonFields maps the json names of struct type t to its fields.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out[name] = f
		}
	}
	return out
}

// Keys lists every config key, sorted.
func Keys() []string { return slices.Sorted(slices.Values(keysInOrder())) }

// noEnv are the settings the environment cannot set: structured ones.
var noEnv = []string{"columns", "keys"}

// EnvVar is the environment variable of a setting: MASTUI_ and its key in capitals
// ("" for the structured settings columns and keys).
func EnvVar(key string) string {
	if slices.Contains(noEnv, key) {
		return ""
	}
	return "MASTUI_" + strings.ToUpper(key)
}

// applyEnv sets every setting whose MASTUI_ variable is set and not empty; a bad value
// is a problem, the setting left as it was.
func applyEnv(cfg *Config) Problems {
	var out Problems
	for _, key := range Keys() {
		name := EnvVar(key)
		if v := os.Getenv(name); name != "" && v != "" {
			if err := cfg.set(key, v, fromEnv+name); err != nil {
				out = append(out, Problem{Origin: fromEnv + name, Key: key, Err: fmt.Errorf("%w (%s=%s)", err, name, v)})
			}
		}
	}
	return out
}

// Set gives setting key the value as typed on a command line or in the environment
// (a string setting takes it as is; the others read it as JSON, or as a string for
// durations and sizes), and records where it came from (e.g. "flag --mast-url").
func (c *Config) Set(key, value, from string) error {
	if _, ok := settingFields()[key]; !ok {
		return fmt.Errorf("unknown setting %q%s", key, didYouMean(key, Keys()))
	}
	if err := c.set(key, value, from); err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return nil
}

// set is Set of a known key, the error not naming it.
func (c *Config) set(key, value, from string) error {
	f := settingFields()[key]
	quoted, _ := json.Marshal(value)
	raw := json.RawMessage(quoted)
	if f.Type.Kind() != reflect.String && json.Valid([]byte(value)) {
		raw = json.RawMessage(value)
	}
	if err := setField(reflect.ValueOf(c).Elem().FieldByIndex(f.Index), raw); err != nil {
		return err
	}
	c.setOrigin(key, from)
	return nil
}

// SetFlag records a command-line flag's value for setting key.
func (c *Config) SetFlag(key, value, flag string) error { return c.Set(key, value, fromFlag+flag) }

func (c *Config) setOrigin(key, from string) {
	if c.Origins == nil {
		c.Origins = map[string]string{}
	}
	c.Origins[key] = from
}

// Origin says where setting key came from: "default", "<file>:<line>", "env VAR" or
// "flag --name".
func (c Config) Origin(key string) string {
	if o, ok := c.Origins[key]; ok {
		return o
	}
	return FromDefault
}
