package config

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"mastui/model"
)

// entry is one "key": value of a JSON object, with where it sits in the file.
type entry struct {
	key        string
	line       int // the key's line, 1-based
	value      json.RawMessage
	start, end int // the value's byte span in the file
}

// stripComments blanks `//` comments and trailing commas (before } or ]) outside
// strings, keeping every offset (and so every line number) in place: `mastui config
// init` writes a commented file whose entries a user uncomments one by one.
func stripComments(b []byte) []byte {
	out := bytes.Clone(b)
	outsideStrings(out, func(i int) int {
		if out[i] != '/' || i+1 >= len(out) || out[i+1] != '/' {
			return i
		}
		for ; i < len(out) && out[i] != '\n'; i++ {
			out[i] = ' '
		}
		return i
	})
	outsideStrings(out, func(i int) int {
		if out[i] == ',' {
			next := bytes.TrimLeft(out[i+1:], " \t\r\n")
			if len(next) > 0 && (next[0] == '}' || next[0] == ']') {
				out[i] = ' '
			}
		}
		return i
	})
	return out
}

// outsideStrings calls visit with the index of each byte of b outside JSON strings;
// visit returns the index it has read up to.
func outsideStrings(b []byte, visit func(i int) int) {
	inString, escaped := false, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		default:
			i = visit(i)
		}
	}
}

// lineOf is the 1-based line of byte offset off in b.
func lineOf(b []byte, off int) int {
	off = min(max(off, 0), len(b))
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// objectEntries reads the JSON object at b[base:base+n] (data is the whole file, with
// comments blanked) and lists its entries with their lines.
func objectEntries(data []byte, base, n int, what string) ([]entry, error) {
	dec := json.NewDecoder(bytes.NewReader(data[base : base+n]))
	prefix := what + ": "
	if what == "" {
		prefix = ""
	}
	at := func(off int64) int { return lineOf(data, base+int(off)) }
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			msg := err.Error()
			if strings.Contains(msg, "after object key:value pair") || strings.Contains(msg, "after array element") {
				msg += " (a missing comma on the line before?)"
			}
			return lineError{line: at(se.Offset), err: errors.New(prefix + msg)}
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return lineError{line: lineOf(data, base+n), err: errors.New(prefix + "unexpected end of file (a missing } or \"?)")}
		}
		return errors.New(prefix + err.Error())
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, lineError{line: at(dec.InputOffset()), err: fmt.Errorf("%s must be a JSON object { ... }", cmp.Or(what, "the file"))}
	}
	var out []entry
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		key, _ := tok.(string)
		line := at(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, syntax(err)
		}
		end := base + int(dec.InputOffset())
		out = append(out, entry{key: key, line: line, value: raw, start: end - len(raw), end: end})
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, syntax(err)
	}
	if extra, err := dec.Token(); err != io.EOF {
		if err != nil {
			return nil, syntax(err)
		}
		return nil, lineError{line: at(dec.InputOffset()), err: fmt.Errorf("%sunexpected %v after the closing }", prefix, extra)}
	}
	return out, nil
}

// lineError is a problem at one line of the config file, with the key it concerns
// ("" when the problem is not one key's value).
type lineError struct {
	line int
	key  string
	err  error
}

func (e lineError) Error() string {
	if e.key == "" {
		return fmt.Sprintf("line %d: %v", e.line, e.err)
	}
	return fmt.Sprintf("line %d: %s: %v", e.line, e.key, e.err)
}
func (e lineError) Unwrap() error { return e.err }

// DecodeStrict sets the struct *target from a JSON object (comments and trailing
// commas allowed; keys are the fields' json tags), strictly: every unknown key (with the
// nearest known one), value of the wrong type and repeated key is reported with its
// line, all of them at once. It returns the line of each key set ("<key>.<entry>" for
// the entries of an object-valued setting).
func DecodeStrict(data []byte, target any) (map[string]int, error) {
	lines := map[string]int{}
	data = stripComments(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return lines, nil // an empty (or comments-only) file changes nothing
	}
	entries, err := objectEntries(data, 0, len(data), "")
	if err != nil {
		return lines, err
	}
	dst := reflect.ValueOf(target).Elem()
	fields := jsonFields(dst.Type())
	names := slices.Sorted(maps.Keys(fields))
	var errs []error
	seen := map[string]int{}
	for _, e := range entries {
		if first, dup := seen[e.key]; dup {
			errs = append(errs, givenTwice(e, first, e.key))
			continue
		}
		seen[e.key] = e.line
		f, ok := fields[e.key]
		if !ok {
			errs = append(errs, lineError{line: e.line, err: fmt.Errorf("unknown key %q%s", e.key, didYouMean(e.key, names))})
			continue
		}
		field := dst.FieldByIndex(f.Index)
		if f.Type.Kind() == reflect.Map && isObject(e.value) {
			errs = append(errs, setMap(field, data, e, lines)...)
			continue
		}
		if err := setField(field, e.value); err != nil {
			errs = append(errs, lineError{line: e.line, key: e.key, err: err})
			continue
		}
		lines[e.key] = e.line
	}
	return lines, errors.Join(errs...)
}

// givenTwice is the problem of entry e, whose key was set before on line first; key
// names it in full ("keys.queue.pause" for an entry of "keys").
func givenTwice(e entry, first int, key string) error {
	return lineError{line: e.line, key: key, err: fmt.Errorf("given twice (first on line %d)", first)}
}

// isObject says whether raw is a JSON object.
func isObject(raw json.RawMessage) bool {
	s := bytes.TrimSpace(raw)
	return len(s) > 0 && s[0] == '{'
}

// setMap sets the map-valued setting of entry e one entry at a time, so each bad or
// repeated entry is reported at its own line under its full name ("keys.results.up");
// the good ones are kept. It records the line of the setting and of each entry.
func setMap(field reflect.Value, data []byte, e entry, lines map[string]int) []error {
	sub, err := objectEntries(data, e.start, e.end-e.start, e.key)
	if err != nil {
		return []error{err}
	}
	var errs []error
	m := reflect.MakeMapWithSize(field.Type(), len(sub))
	seen := map[string]int{}
	for _, s := range sub {
		name := e.key + "." + s.key
		if first, dup := seen[s.key]; dup {
			errs = append(errs, givenTwice(s, first, name))
			continue
		}
		seen[s.key] = s.line
		v := reflect.New(field.Type().Elem()).Elem()
		if err := setField(v, s.value); err != nil {
			errs = append(errs, lineError{line: s.line, key: name, err: err})
			continue
		}
		m.SetMapIndex(reflect.ValueOf(s.key), v)
		lines[name] = s.line
	}
	field.Set(m)
	lines[e.key] = e.line
	return errs
}

// setField decodes raw into v, naming the type wanted when it is wrong.
func setField(v reflect.Value, raw json.RawMessage) error {
	fresh := reflect.New(v.Type()) // a failed decode leaves the setting as it was
	if err := json.Unmarshal(raw, fresh.Interface()); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("want %s, got %s", typeWords(te.Type), jsonKind(raw))
		}
		return err
	}
	v.Set(fresh.Elem())
	return nil
}

// typeWords says in words what a setting of type t holds.
func typeWords(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[Duration]():
		return `a duration like "30s"`
	case reflect.TypeFor[ByteSize]():
		return `a size like "512MiB"`
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(typeWords(t.Elem()), "a ") + "s"
	case reflect.Map:
		return "an object"
	}
	return t.String()
}

// jsonKind names the kind of a JSON value as a user typed it.
func jsonKind(raw json.RawMessage) string {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 {
		return "nothing"
	}
	switch s[0] {
	case '"':
		return "the string " + string(s)
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return string(s)
	case 'n':
		return "null"
	}
	return "the number " + string(s)
}

func didYouMean(s string, names []string) string {
	if best := model.Closest(s, names); best != "" {
		return fmt.Sprintf(": did you mean %q?", best)
	}
	return ""
}
