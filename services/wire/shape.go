package wire

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The rule for every decoder of MAST answers: a field we do not use never fails a
// request; a field we use, in a shape we cannot read, fails with a ShapeError naming the
// service and the field. ShapeError and Val are the shared tools for that.

// JSON kinds as ShapeError names them.
const (
	KindObject  = "an object"
	KindList    = "a list"
	KindString  = "a string"
	KindNumber  = "a number"
	KindBool    = "a bool"
	KindNull    = "null"
	KindMissing = "nothing" // the key is absent
)

// ShapeError is a field we use that arrived in a shape we cannot read.
type ShapeError struct {
	Service string // e.g. "Mast.Caom.Cone", "SANTA resolver", "search hst"
	Field   string // path in the answer, e.g. "paging.pagesFiltered", "data[3]"; "" is the whole answer
	Want    string // e.g. KindNumber, "a non-empty list"
	Got     string // e.g. KindObject, KindMissing, "an empty list"
}

func (e *ShapeError) Error() string {
	svc := e.Service
	if svc == "" {
		svc = "MAST answer"
	}
	if e.Field == "" {
		return fmt.Sprintf("%s: answer: want %s, got %s", svc, e.Want, e.Got)
	}
	return fmt.Sprintf("%s: field %q: want %s, got %s", svc, e.Field, e.Want, e.Got)
}

// ServiceName and FieldPath let tests outside this package recognise a shape error.
func (e *ShapeError) ServiceName() string { return e.Service }
func (e *ShapeError) FieldPath() string   { return e.Field }

// KindOfByte names the kind of the JSON value starting with c (after whitespace).
func KindOfByte(c byte) string {
	switch c {
	case '{':
		return KindObject
	case '[':
		return KindList
	case '"':
		return KindString
	case 't', 'f':
		return KindBool
	case 'n':
		return KindNull
	}
	return KindNumber
}

// KindOf names the kind of a value decoded by encoding/json (UseNumber or not). Other
// types (a caller's ordered object) count as objects.
func KindOf(v any) string {
	switch v.(type) {
	case nil:
		return KindNull
	case string:
		return KindString
	case json.Number, float64, int, int64:
		return KindNumber
	case bool:
		return KindBool
	case []any:
		return KindList
	}
	return KindObject
}

// Val is a value decoded by encoding/json (with UseNumber) together with where it sits
// in an answer, so a decoder can read it and name the field when its shape is wrong.
type Val struct {
	Service string
	Path    string
	V       any
	Present bool // false: the key was absent
}

// Root wraps a whole decoded answer of service.
func Root(service string, v any) Val { return Val{Service: service, V: v, Present: true} }

// Kind is the value's kind, KindMissing when absent.
func (v Val) Kind() string {
	if !v.Present {
		return KindMissing
	}
	return KindOf(v.V)
}

// Absent reports a missing key or null.
func (v Val) Absent() bool { return !v.Present || v.V == nil }

// Fail is the ShapeError for this field: want was expected.
func (v Val) Fail(want string) *ShapeError {
	return &ShapeError{Service: v.Service, Field: v.Path, Want: want, Got: v.Kind()}
}

// Key is member k of an object (absent when v is not an object or lacks k).
func (v Val) Key(k string) Val {
	p := k
	if v.Path != "" {
		p = v.Path + "." + k
	}
	m, _ := v.V.(map[string]any)
	x, ok := m[k]
	return Val{Service: v.Service, Path: p, V: x, Present: ok}
}

// Index is element i of a list.
func (v Val) Index(i int) Val {
	l, _ := v.V.([]any)
	var x any
	if i < len(l) {
		x = l[i]
	}
	return Val{Service: v.Service, Path: v.Path + "[" + strconv.Itoa(i) + "]", V: x, Present: i < len(l)}
}

// Object reads an object; nil without error when absent or null.
func (v Val) Object() (map[string]any, error) {
	if v.Absent() {
		return nil, nil
	}
	m, ok := v.V.(map[string]any)
	if !ok {
		return nil, v.Fail(KindObject)
	}
	return m, nil
}

// List reads a list; nil without error when absent or null.
func (v Val) List() ([]any, error) {
	if v.Absent() {
		return nil, nil
	}
	l, ok := v.V.([]any)
	if !ok {
		return nil, v.Fail(KindList)
	}
	return l, nil
}

// NeedObject and NeedList are Object and List for fields that must be there.
func (v Val) NeedObject() (map[string]any, error) {
	if v.Absent() {
		return nil, v.Fail(KindObject)
	}
	return v.Object()
}

func (v Val) NeedList() ([]any, error) {
	if v.Absent() {
		return nil, v.Fail(KindList)
	}
	return v.List()
}

// Text reads a scalar as text: strings as they are, numbers as their literal, bools as
// true/false, "" when absent or null. Objects and lists fail.
func (v Val) Text() (string, error) {
	switch x := v.V.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	return "", v.Fail(KindString)
}

// Number reads a number, also sent as a numeric string; ok is false when absent or
// null. Anything else fails.
func (v Val) Number() (f float64, ok bool, err error) {
	var t string
	switch x := v.V.(type) {
	case nil:
		return 0, false, nil
	case json.Number:
		t = x.String()
	case float64:
		t = strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		t = strings.TrimSpace(x)
	}
	if f, ok := floatFromText(t); ok && !math.IsNaN(f) && !math.IsInf(f, 0) && isDecimal(t) {
		return f, true, nil
	}
	return 0, false, v.Fail(KindNumber)
}

// WithService names service in a ShapeError that has no service yet; other errors are
// returned unchanged.
func WithService(err error, service string) error {
	if se, ok := err.(*ShapeError); ok && se.Service == "" {
		c := *se
		c.Service = service
		return &c
	}
	return err
}

// isDecimal accepts plain decimal notation only, not the "inf", "nan", hex or
// underscore spellings strconv also takes.
func isDecimal(s string) bool {
	return s != "" && strings.Trim(s, "0123456789.+-eE") == ""
}
