// Package shapetest fuzzes decoders of MAST answers with shapes rather than bytes: it
// replaces each field of a valid answer by a value of every other JSON kind, removes it,
// and adds unknown fields at every level, then checks the rule every decoder follows: a
// field the decoder does not use never fails it; a field it uses, in a shape it cannot
// read, fails with an error naming the service and that field.
package shapetest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The kinds a mutation puts in place of a value.
const (
	Object  = "object"
	List    = "list"
	String  = "string"
	Number  = "number"
	Bool    = "bool"
	Null    = "null"
	Missing = "missing" // the member is removed
	Extra   = "extra"   // an unknown member is added to the object at Path
)

// Values are the replacement of each kind: plain and small, so that the shape, not the
// content, is what changes.
var Values = map[string]string{
	Object: `{"shape_x": 1}`, List: `[]`, String: `"x"`, Number: `7`, Bool: `true`, Null: `null`,
}

// extraMember is added to every object: unknown, and nested, so that a decoder that
// walks it would notice.
const extraMember = `"zz_shape_extra": {"a": [1, "b", null, {"c": false}], "hist": {"x": []}}`

// Mutation is one changed copy of a document.
type Mutation struct {
	Path string // the field changed: "paging.pagesFiltered", "data[0].obs_id"; "" is the root
	Kind string // what was put there (a kind above)
	Doc  []byte
}

func (m Mutation) String() string { return fmt.Sprintf("%s at %q", m.Kind, m.Path) }

// node is an ordered JSON value; scalars keep their literal text.
type node struct {
	kind string
	lit  string // scalars
	keys []string
	vals []*node
}

// Parse reads a JSON document keeping member order and number literals.
func parse(doc []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	n, err := parseValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, errors.New("trailing data after the document")
	}
	return n, nil
}

func parseValue(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := &node{kind: Object}
		if t == '[' {
			n.kind = List
		}
		for dec.More() {
			if n.kind == Object {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, kt.(string))
			}
			v, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		b, _ := json.Marshal(t)
		return &node{kind: String, lit: string(b)}, nil
	case json.Number:
		return &node{kind: Number, lit: t.String()}, nil
	case bool:
		return &node{kind: Bool, lit: strconv.FormatBool(t)}, nil
	case nil:
		return &node{kind: Null, lit: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

func (n *node) write(b *bytes.Buffer) {
	switch n.kind {
	case Object:
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteString(": ")
			n.vals[i].write(b)
		}
		b.WriteByte('}')
	case List:
		b.WriteByte('[')
		for i, v := range n.vals {
			if i > 0 {
				b.WriteString(", ")
			}
			v.write(b)
		}
		b.WriteByte(']')
	default:
		b.WriteString(n.lit)
	}
}

// edit renders the document with the value at the path given by steps replaced by
// with ("" removes an object member); addExtra adds the unknown member to the object
// there instead.
func render(root *node, steps []int, with string, addExtra bool) []byte {
	var b bytes.Buffer
	var walk func(n *node, depth int)
	walk = func(n *node, depth int) {
		if depth == len(steps) {
			if !addExtra {
				b.WriteString(with)
				return
			}
			b.WriteByte('{')
			b.WriteString(extraMember)
			for i, k := range n.keys {
				b.WriteString(", ")
				kb, _ := json.Marshal(k)
				b.Write(kb)
				b.WriteString(": ")
				n.vals[i].write(&b)
			}
			b.WriteByte('}')
			return
		}
		open, close := byte('{'), byte('}')
		if n.kind == List {
			open, close = '[', ']'
		}
		b.WriteByte(open)
		first := true
		for i, v := range n.vals {
			if i == steps[depth] && depth == len(steps)-1 && with == "" && !addExtra {
				continue // removed
			}
			if !first {
				b.WriteString(", ")
			}
			first = false
			if n.kind == Object {
				kb, _ := json.Marshal(n.keys[i])
				b.Write(kb)
				b.WriteString(": ")
			}
			if i == steps[depth] {
				walk(v, depth+1)
			} else {
				v.write(&b)
			}
		}
		b.WriteByte(close)
	}
	walk(root, 0)
	return b.Bytes()
}

// walk calls fn for every value of the tree, root first, with its path, the indexes
// leading to it and whether it is an object member; of lists only the first maxItems
// elements are visited (maxItems < 0: all).
func walk(root *node, maxItems int, fn func(n *node, path string, steps []int, member bool)) {
	var visit func(n *node, path string, steps []int, member bool)
	visit = func(n *node, path string, steps []int, member bool) {
		fn(n, path, steps, member)
		for i, v := range n.vals {
			if n.kind == List && maxItems >= 0 && i >= maxItems {
				break
			}
			sub := append(append([]int(nil), steps...), i)
			if n.kind == Object {
				p := n.keys[i]
				if path != "" {
					p = path + "." + p
				}
				visit(v, p, sub, true)
			} else {
				visit(v, path+"["+strconv.Itoa(i)+"]", sub, false)
			}
		}
	}
	visit(root, "", nil, false)
}

// Mutations lists every shape change of doc: each value (of lists, only the first
// maxItems elements) replaced by each other kind, each object member removed, and an
// unknown member added to each object.
func Mutations(doc []byte, maxItems int) ([]Mutation, error) {
	root, err := parse(doc)
	if err != nil {
		return nil, err
	}
	var out []Mutation
	walk(root, maxItems, func(n *node, path string, steps []int, member bool) {
		for _, k := range []string{Object, List, String, Number, Bool, Null} {
			if k != n.kind {
				out = append(out, Mutation{Path: path, Kind: k, Doc: render(root, steps, Values[k], false)})
			}
		}
		if member {
			out = append(out, Mutation{Path: path, Kind: Missing, Doc: render(root, steps, "", false)})
		}
		if n.kind == Object {
			out = append(out, Mutation{Path: path, Kind: Extra, Doc: render(root, steps, "", true)})
		}
	})
	return out, nil
}

// Replace puts value (any JSON text; "" removes the member) at the pick-th path of doc
// (modulo the number of paths); it reports the path and the kind that was there. For
// fuzzing.
func Replace(doc []byte, pick int, value string) (path, was string, out []byte, err error) {
	root, err := parse(doc)
	if err != nil {
		return "", "", nil, err
	}
	type at struct {
		path   string
		steps  []int
		member bool
		kind   string
	}
	var paths []at
	walk(root, -1, func(n *node, path string, steps []int, member bool) {
		paths = append(paths, at{path, steps, member, n.kind})
	})
	p := paths[(pick%len(paths)+len(paths))%len(paths)]
	if value == "" && !p.member {
		value = "null"
	}
	return p.path, p.kind, render(root, p.steps, value, false), nil
}

// KindOf names the kind of a JSON text ("" is Missing).
func KindOf(value string) string {
	v := strings.TrimSpace(value)
	if v == "" {
		return Missing
	}
	switch v[0] {
	case '{':
		return Object
	case '[':
		return List
	case '"':
		return String
	case 't', 'f':
		return Bool
	case 'n':
		return Null
	}
	return Number
}

// Rule says how a field the decoder uses may be shaped. Path writes any list index as
// "[]": "data[].obs_id", "paging.pagesFiltered"; "" is the whole answer.
type Rule struct {
	Path   string
	Accept []string // kinds that must still decode
	Maybe  []string // kinds that may fail elsewhere (the field reads, but the answer then lacks something)
}

// Rules are the used fields of one decoder on one document. Every field that is not a
// rule, nor holds one, is unused: no change there may fail.
type Rules []Rule

var index = regexp.MustCompile(`\[\d+\]`)

// Norm writes a path's list indexes as "[]".
func Norm(path string) string { return index.ReplaceAllString(path, "[]") }

func has(list []string, k string) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

// used reports whether the field at the normalised path p is used: it has a rule, or
// holds a field that has one.
func (rs Rules) used(p string) (Rule, bool) {
	for _, r := range rs {
		if r.Path == p {
			return r, true
		}
	}
	for _, r := range rs {
		if p == "" || strings.HasPrefix(r.Path, p+".") || strings.HasPrefix(r.Path, p+"[") {
			return Rule{Path: p}, true // a container without a rule must keep its kind
		}
	}
	return Rule{}, false
}

// Expect says what a mutation must do: "ok" (decode), "fail" (fail naming the field),
// or "maybe" (either; a failure must still be a named shape error).
func (rs Rules) Expect(m Mutation) string {
	if m.Kind == Extra {
		return "ok"
	}
	r, ok := rs.used(Norm(m.Path))
	switch {
	case !ok, has(r.Accept, m.Kind):
		return "ok"
	case has(r.Maybe, m.Kind):
		return "maybe"
	}
	return "fail"
}

// Named is what a shape error tells (wire.ShapeError implements it).
type Named interface {
	error
	ServiceName() string
	FieldPath() string
}

// Check runs decode on m and checks the outcome against rules.
func Check(t testing.TB, service string, rules Rules, m Mutation, decode func([]byte) error) {
	t.Helper()
	check(t, service, rules.Expect(m), m, decode)
}

// check runs decode on m and checks the outcome against want ("ok", "fail", "maybe").
// A root that is not an object may fail with any error (it is not a field).
func check(t testing.TB, service, want string, m Mutation, decode func([]byte) error) {
	t.Helper()
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("%s: panic: %v\n%s", m, r, m.Doc)
			}
		}()
		err = decode(m.Doc)
	}()
	var named Named
	isNamed := errors.As(err, &named)
	switch {
	case want == "ok" && err != nil:
		t.Errorf("%s: unexpected error %v\n%s", m, err, m.Doc)
	case want == "fail" && err == nil:
		t.Errorf("%s: no error, want one naming the field\n%s", m, m.Doc)
	case err == nil, m.Path == "":
	case want == "fail" && (!isNamed || named.FieldPath() != m.Path || named.ServiceName() != service):
		t.Errorf("%s: error %v does not name service %q and field %q\n%s", m, err, service, m.Path, m.Doc)
	case want == "maybe" && (!isNamed || named.ServiceName() != service):
		t.Errorf("%s: error %v is not a shape error of %q\n%s", m, err, service, m.Doc)
	}
	if err != nil && !strings.Contains(err.Error(), service) {
		t.Errorf("%s: error %q does not name the service %q", m, err, service)
	}
}

// Run checks every mutation of doc; it returns how many there were.
func Run(t testing.TB, service string, doc []byte, maxItems int, rules Rules, decode func([]byte) error) int {
	t.Helper()
	if err := decode(doc); err != nil {
		t.Fatalf("the unchanged document fails: %v", err)
	}
	ms, err := Mutations(doc, maxItems)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		Check(t, service, rules, m, decode)
	}
	return len(ms)
}

// Fuzz checks one fuzzer-chosen replacement: value (JSON text; "" removes the member;
// invalid JSON is skipped) at the pick-th path of doc. A field that is not used must
// never fail. For a used one the exact expectation holds only for the plain Values (a
// numeric string may pass where "x" fails, a list may hold wrong elements), so other
// values of the same kind may also fail, but only with a named shape error.
func Fuzz(t *testing.T, service string, doc []byte, pick int, value string, rules Rules, decode func([]byte) error) {
	if value != "" && !json.Valid([]byte(value)) {
		return
	}
	path, was, out, err := Replace(doc, pick, value)
	if err != nil {
		t.Fatal(err)
	}
	m := Mutation{Path: path, Kind: KindOf(value), Doc: out}
	if value == "" && (path == "" || strings.HasSuffix(path, "]")) {
		m.Kind = Null // the root and list elements are not removed but nulled
	}
	want := rules.Expect(m)
	_, used := rules.used(Norm(path))
	plain := Values[m.Kind] == strings.TrimSpace(value) || m.Kind == Missing
	if used && (!plain && (want == "ok" || m.Kind == String) || m.Kind == was) {
		want = "maybe" // same kind, other content: its own fields may be wrong
	}
	check(t, service, want, m, decode)
}
