package mast

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"mastui/services/masthttp"
)

// KV is one key of an ordered JSON object. The Portal request must list its keys in
// astroquery's order, which Go maps cannot express.
type KV struct {
	Key   string
	Value any
}

// Object is an ordered JSON object.
type Object []KV

// pyJSON serialises v the way Python's json.dumps does with its defaults: separators
// ", " and ": ", ASCII-only output, floats in repr form. Supported values: nil, bool,
// strings, Go numbers, json.Number, json.RawMessage, Object/[]KV, maps (keys sorted),
// slices; anything else goes through encoding/json first.
func pyJSON(v any) (string, error) {
	var b strings.Builder
	if err := writePy(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writePy(b *strings.Builder, v any) error {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case string:
		writePyString(b, x)
	case float64:
		return writePyFloat(b, x)
	case float32:
		return writePyFloat(b, float64(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int32:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case uint64:
		b.WriteString(strconv.FormatUint(x, 10))
	case json.Number:
		// Keep the literal so big integers and exact decimals pass through untouched.
		if !json.Valid([]byte(x)) {
			return fmt.Errorf("invalid JSON number %q", string(x))
		}
		b.WriteString(string(x))
	case json.RawMessage:
		return writePyRaw(b, x)
	case Object:
		return writePyObject(b, x)
	case []KV:
		return writePyObject(b, Object(x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writePy(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case []string:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writePyString(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		return writePyObject(b, sortedObject(x))
	case map[string]string:
		m := make(map[string]any, len(x))
		for k, v := range x {
			m[k] = v
		}
		return writePyObject(b, sortedObject(m))
	default:
		return writePyReflect(b, v)
	}
	return nil
}

// writePyReflect handles other slices and maps generically and falls back to
// encoding/json (structs, custom marshalers) re-emitted in Python layout.
func writePyReflect(b *strings.Builder, v any) error {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			b.WriteString("null")
			return nil
		}
		if _, ok := v.(json.Marshaler); !ok && rv.Type().Elem().Kind() != reflect.Uint8 {
			items := make([]any, rv.Len())
			for i := range items {
				items[i] = rv.Index(i).Interface()
			}
			return writePy(b, items)
		}
	case reflect.Int, reflect.Int8, reflect.Int16:
		b.WriteString(strconv.FormatInt(rv.Int(), 10))
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		b.WriteString(strconv.FormatUint(rv.Uint(), 10))
		return nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %T: %w", v, err)
	}
	return writePyRaw(b, raw)
}

func sortedObject(m map[string]any) Object {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	o := make(Object, len(keys))
	for i, k := range keys {
		o[i] = KV{k, m[k]}
	}
	return o
}

func writePyObject(b *strings.Builder, o Object) error {
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteString(", ")
		}
		writePyString(b, kv.Key)
		b.WriteString(": ")
		if err := writePy(b, kv.Value); err != nil {
			return fmt.Errorf("key %q: %w", kv.Key, err)
		}
	}
	b.WriteByte('}')
	return nil
}

// writePyRaw re-emits a JSON text in Python layout, keeping key order and number literals.
func writePyRaw(b *strings.Builder, raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := readOrdered(dec)
	if err != nil {
		return fmt.Errorf("re-encode raw JSON: %w", err)
	}
	return writePy(b, v)
}

// readOrdered decodes the next JSON value keeping object key order (as Object).
func readOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			var o Object
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				o = append(o, KV{k, v})
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			if o == nil {
				o = Object{}
			}
			return o, nil
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return arr, nil
		}
		return nil, fmt.Errorf("unexpected delimiter %v", t)
	default:
		return t, nil // string, json.Number, bool or nil
	}
}

// writePyString escapes like json.dumps(ensure_ascii=True): everything outside
// printable ASCII becomes \uXXXX (surrogate pairs above the BMP).
func writePyString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r >= 0x20 && r <= 0x7e {
				b.WriteRune(r)
				continue
			}
			units := []rune{r}
			if r > 0xffff {
				r -= 0x10000
				units = []rune{0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff}
			}
			for _, u := range units {
				b.WriteString(`\u`)
				for shift := 12; shift >= 0; shift -= 4 {
					b.WriteByte(hex[(u>>shift)&0xf])
				}
			}
		}
	}
	b.WriteByte('"')
}

func writePyFloat(b *strings.Builder, f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		// Python would write NaN/Infinity, which no JSON parser on the server accepts.
		return fmt.Errorf("cannot send %v as a JSON number", f)
	}
	b.WriteString(pyFloat(f))
	return nil
}

// pyFloat formats f like Python's repr(float) (masthttp.PyFloat).
func pyFloat(f float64) string { return masthttp.PyFloat(f) }
