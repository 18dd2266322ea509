package keymap

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
)

// Action is one binding of a KeyMap with its stable name, "<view>.<action>" in
// snake case from the Go field names ("queue.pause", "results.up",
// "cutouts.table.down"): the config file's "keys" overrides name them.
type Action struct {
	Name    string
	Binding *key.Binding
}

// Actions lists every binding of k with its name, in declaration order. Embedded
// structs (Table in Results, FormNav in Form) add no name segment.
func Actions(k *KeyMap) []Action {
	var out []Action
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		for i := range v.NumField() {
			f, fv := v.Type().Field(i), v.Field(i)
			switch {
			case f.Type == reflect.TypeFor[key.Binding]():
				out = append(out, Action{prefix + snake(f.Name), fv.Addr().Interface().(*key.Binding)})
			case f.Type.Kind() == reflect.Struct && f.Anonymous:
				walk(prefix, fv)
			case f.Type.Kind() == reflect.Struct:
				walk(prefix+snake(f.Name)+".", fv)
			}
		}
	}
	walk("", reflect.ValueOf(k).Elem())
	return out
}

// ActionNames lists every action name, in declaration order.
func ActionNames() []string {
	var out []string
	for _, a := range Actions(Default()) {
		out = append(out, a.Name)
	}
	return out
}

// snake writes a Go name in snake case: RetryFailed → retry_failed, TextInput →
// text_input; an initialism is one word: CopyObsID → copy_obs_id, URLPath → url_path.
func snake(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// ActionError is a problem with the override of one action.
type ActionError struct {
	Action string
	Err    error
}

func (e *ActionError) Error() string { return fmt.Sprintf("keys: %s: %v", e.Action, e.Err) }
func (e *ActionError) Unwrap() error { return e.Err }

// Override rebinds actions by name ("queue.pause": ["space"]; no keys unbinds it),
// the help showing the new keys, then checks that no two actions of one view (with the
// global ones) share a key. Every problem is reported, each an *ActionError.
func (k *KeyMap) Override(overrides map[string][]string) error {
	byName := map[string]*key.Binding{}
	var names []string
	for _, a := range Actions(k) {
		byName[a.Name] = a.Binding
		names = append(names, a.Name)
	}
	var errs []error
	for _, name := range sortedKeys(overrides) {
		b, ok := byName[name]
		if !ok {
			hint := ""
			if best := model.Closest(name, names); best != "" {
				hint = fmt.Sprintf(": did you mean %q?", best)
			}
			errs = append(errs, &ActionError{name, fmt.Errorf("unknown action%s (the README's key table lists them)", hint)})
			continue
		}
		keys, err := keyNames(overrides[name])
		if err != nil {
			errs = append(errs, &ActionError{name, err})
			continue
		}
		b.SetKeys(keys...)
		b.SetHelp(helpKey(keys), b.Help().Desc)
	}
	return errors.Join(append(errs, k.conflicts(overrides)...)...)
}

// keyNames checks keys as a user writes them and returns them as Bubble Tea names them
// ("space" is " ").
func keyNames(keys []string) ([]string, error) {
	known := teaKeyNames()
	out := make([]string, 0, len(keys))
	for _, kk := range keys {
		name := kk
		if name == "space" {
			name = " "
		}
		base := strings.TrimPrefix(name, "alt+")
		if !known[base] && !(utf8.RuneCountInString(base) == 1 && unicode.IsPrint([]rune(base)[0])) {
			return nil, fmt.Errorf("unknown key %q (keys are written like \"p\", \"P\", \"ctrl+p\", \"alt+p\", \"space\", \"enter\", \"f2\")", kk)
		}
		out = append(out, name)
	}
	return out, nil
}

// teaKeyNames is the set of names Bubble Tea gives non-rune keys ("enter", "ctrl+a", "f2").
func teaKeyNames() map[string]bool {
	out := map[string]bool{}
	for t := tea.KeyType(-200); t < 200; t++ {
		if s := t.String(); s != "" {
			out[s] = true
		}
	}
	return out
}

// helpKey is how the help shows keys: "space/p".
func helpKey(keys []string) string {
	shown := make([]string, len(keys))
	for i, kk := range keys {
		if kk == " " {
			kk = "space"
		}
		shown[i] = kk
	}
	return strings.Join(shown, "/")
}

// Conflicts lists each key bound to two actions in one view (the global actions apply
// in every view), naming both actions.
func (k *KeyMap) Conflicts() []error { return k.conflicts(nil) }

// conflicts is Conflicts naming first the action of a pair that was overridden.
func (k *KeyMap) conflicts(overridden map[string][]string) []error {
	name := namer(k)
	global := Flatten(k.Global.FullHelp())
	var errs []error
	reported := map[string]bool{}
	for _, v := range views(k) {
		bindings := Flatten(v.groups)
		if v.typing {
			for _, b := range bindings {
				n := name(b)
				if _, ok := overridden[n]; !ok || reported[n+" typed"] {
					continue
				}
				for _, kk := range b.Keys() {
					if utf8.RuneCountInString(kk) == 1 && kk != " " {
						reported[n+" typed"] = true
						errs = append(errs, &ActionError{n, fmt.Errorf("key %q would be typed into the %s's text, not run; use a ctrl+ or alt+ key, or a function key", kk, v.name)})
						break
					}
				}
			}
		}
		if v.name != globalView {
			bindings = append(bindings, global...)
		}
		owner := map[string]string{}
		for _, b := range bindings {
			if len(b.Keys()) == 0 {
				continue
			}
			n := name(b)
			for _, kk := range b.Keys() {
				other, taken := owner[kk]
				if taken && other != n && !reported[other+" "+n+" "+kk] {
					reported[other+" "+n+" "+kk] = true
					first, second := n, other
					if _, ok := overridden[other]; ok {
						first, second = other, n
					}
					errs = append(errs, &ActionError{first, fmt.Errorf("key %q is also %s (in the %s); give one of them another key", helpKey([]string{kk}), second, v.name)})
				}
				if !taken {
					owner[kk] = n
				}
			}
		}
	}
	return errs
}

// namer names the bindings of k's help lists. Those are copies; a copy shares its keys
// slice with the binding it was copied from, which names it. A binding without keys
// has no name.
func namer(k *KeyMap) func(key.Binding) string {
	byKeys := map[*string]string{}
	for _, a := range Actions(k) {
		if keys := a.Binding.Keys(); len(keys) > 0 {
			byKeys[&keys[0]] = a.Name
		}
	}
	return func(b key.Binding) string {
		if len(b.Keys()) == 0 {
			return ""
		}
		return byKeys[&b.Keys()[0]]
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
