package wire

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"mastui/model"
	"mastui/services/bigmem"
)

// Decode parses a Portal format=json answer (also extjs answers and columnsconfig dicts,
// which yield no Table). String values alias body, so the caller must not modify body
// afterwards; the returned table keeps it alive.
func Decode(body []byte, opts Options) (*Response, error) {
	return DecodeSegments([][]byte{body}, opts)
}

// DecodeSegments is Decode for a body read in segments: their concatenation, in order,
// is the answer. A big answer is read in blocks, and cutting each block where RowCut
// says lets the table alias the blocks themselves, with no copy of the body into one
// buffer. When a cut was not between two rows of the data array after all (or the
// answer is malformed), the segments are joined and decoded as one body: the result is
// always exactly Decode's of the whole.
func DecodeSegments(segs [][]byte, opts Options) (*Response, error) {
	r, err := decodeSegments(segs, opts, tuning{chunks: runtime.GOMAXPROCS(0), minChunk: 1 << 20, huge: opts.HugePages})
	if err != nil {
		return nil, fmt.Errorf("decode MAST answer: %w", err)
	}
	return r, nil
}

// joinSegments copies segments into one body.
func joinSegments(segs [][]byte, huge bool) []byte {
	n := 0
	for _, s := range segs {
		n += len(s)
	}
	b := bigmem.Make[byte](n, huge)[:0]
	for _, s := range segs {
		b = append(b, s...)
	}
	return b
}

// RowCut says where a block of an answer being read may end so that the next segment
// starts with a row: at the '{' after the last "}," (blanks allowed) of b; -1 when there
// is none. Nothing guarantees the bytes are between two rows (they may sit in a string
// or in a nested value); DecodeSegments checks that.
func RowCut(b []byte) int {
	for j := len(b) - 1; j > 0; j-- {
		j = bytes.LastIndexByte(b[:j+1], '{')
		if j <= 0 {
			return -1
		}
		k := j - 1
		for k >= 0 && isWS(b[k]) {
			k--
		}
		if k < 0 || b[k] != ',' {
			continue
		}
		for k--; k >= 0 && isWS(b[k]); k-- {
		}
		if k >= 0 && b[k] == '}' {
			return j
		}
	}
	return -1
}

// errResegment: the segments cannot be decoded apart; decode them joined.
var errResegment = errors.New("segments not cut between rows")

// tuning sets how data is split between goroutines; tests shrink it to exercise splitting.
type tuning struct {
	chunks   int  // at most this many goroutines (one per CPU)
	minChunk int  // smallest span of data worth a goroutine
	huge     bool // Options.HugePages
}

func decode(b []byte, opts Options, tn tuning) (*Response, error) {
	return decodeSegments([][]byte{b}, opts, tn)
}

func decodeSegments(segs [][]byte, opts Options, tn tuning) (*Response, error) {
	if len(segs) == 0 {
		segs = [][]byte{nil}
	}
	r, err := decodeTop(segs, opts, tn)
	if err != nil && len(segs) > 1 {
		r, err = decodeTop([][]byte{joinSegments(segs, tn.huge)}, opts, tn)
	}
	if se, ok := err.(*ShapeError); ok {
		se.Service = opts.Service
	}
	return r, err
}

// shapeErrs holds the shape errors of the top-level keys; a repeated key replaces its
// earlier value and so its error (like encoding/json, the last one wins).
type shapeErrs struct{ status, paging, fields *ShapeError }

func (s *shapeErrs) first() *ShapeError {
	for _, e := range []*ShapeError{s.status, s.paging} {
		if e != nil {
			return e
		}
	}
	return nil
}

// decodeTop decodes the answer. With more than one segment it fails (and the caller
// decodes the joined body) unless data is an array of rows that starts in the first
// segment and ends in the last, every segment cut between two of its rows.
func decodeTop(segs [][]byte, opts Options, tn tuning) (*Response, error) {
	r := &Response{}
	b := segs[0]
	multi := len(segs) > 1 // then data starts in the first segment and ends in the last
	i := skipWS(b, 0)
	if multi && (i >= len(b) || b[i] != '{') {
		return nil, errResegment
	}
	if i < len(b) && b[i] == 'n' {
		j, err := literal(b, i, "null")
		if err != nil {
			return nil, err
		}
		if err := trailing(b, j); err != nil {
			return nil, err
		}
		return r, tableShape(r, opts, KindMissing, KindMissing, nil, false)
	}
	if i >= len(b) || b[i] != '{' {
		j, err := skipValue(b, i, 0)
		if err != nil {
			return nil, err
		}
		if err := trailing(b, j); err != nil {
			return nil, err
		}
		return nil, &ShapeError{Want: KindObject, Got: KindOfByte(b[i])}
	}
	var (
		haveFields  bool
		fieldsAt    = -1 // value offset of the last `fields`
		dataAt      = -1 // value offset of the last `data`, when it is an array
		dataFirst   byte // the first byte after its '['
		afterData   bool // multi: b is the last segment now
		dataKind    = KindMissing
		fieldsKind  = KindMissing
		notRows     bool // the last `data` array holds something other than objects
		tbl         *model.Table
		tblFieldsAt = -1 // the `fields` value tbl was built from
		shape       shapeErrs
		err         error
		fk          = opts.fieldsKey()
		fkQuoted    = []byte(strconv.Quote(fk))
	)
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		if err := trailing(b, i+1); err != nil {
			return nil, err
		}
		return r, tableShape(r, opts, KindMissing, KindMissing, nil, false)
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return nil, errAt(b, i, "looking for beginning of object key string")
		}
		var key string
		if key, i, err = scanString(b, i); err != nil {
			return nil, err
		}
		if i, err = colon(b, i); err != nil {
			return nil, err
		}
		i = skipWS(b, i)
		if key == fk {
			key = "\x00fields" // the column list, whatever its name
		}
		switch key {
		case "status":
			r.HasStatus = true
			r.Status, shape.status, i, err = textField(b, i, 1, "status")
		case "msg": // any shape reads as text: an odd message is still worth showing
			r.Msg, i, err = scalarText(b, i, 1)
		case "percent complete": // informative only
			var t string
			if t, i, err = scalarText(b, i, 1); err == nil {
				r.PercentComplete, _ = floatFromText(t)
			}
		case "paging":
			r.Paging, shape.paging, i, err = parsePaging(b, i)
		case "\x00fields":
			if multi && !afterData {
				return nil, errResegment // offsets would mix segments
			}
			fieldsAt = i
			fieldsKind = kindAt(b, i)
			r.Fields, haveFields, shape.fields, i, err = parseFields(b, i, fk)
		case "data":
			if multi && (afterData || i >= len(b) || b[i] != '[') {
				return nil, errResegment
			}
			dataAt, dataFirst, tbl, tblFieldsAt, notRows = -1, 0, nil, -1, false
			dataKind = kindAt(b, i)
			if i >= len(b) || b[i] != '[' {
				i, err = skipValue(b, i, 1)
				break
			}
			dataAt = i
			if j := skipWS(b, i+1); j < len(b) {
				dataFirst = b[j]
			}
			// MAST sends `fields` after `data`: guess that the last "fields" key is the
			// top-level one and parse data with it now; the guess is checked below.
			// (The catalogs API sends its `info` first: then the guess is that one.)
			tail := segs[len(segs)-1]
			from := 0
			if !multi {
				from = i
			}
			useAt, use, have, bound := fieldsAt, r.Fields, haveFields, len(tail)
			// Searching is only worth it when no column list came yet: a body-long
			// search for one that did would cost more than the rare second parse.
			if k := -1; fieldsAt < 0 {
				k = bytes.LastIndex(tail[from:], fkQuoted)
				if k >= 0 {
					bound = from + k
				}
			}
			if bound < len(tail) {
				if j, err := colon(tail, bound+len(fkQuoted)); err == nil {
					j = skipWS(tail, j)
					if f, ok, _, _, err := parseFields(tail, j, fk); err == nil && ok {
						useAt, use, have = j, f, true
					}
				}
			}
			if multi && useAt < 0 {
				return nil, errResegment
			}
			if !have {
				i, err = skipValue(b, i, 1)
				break
			}
			var seg int
			tbl, notRows, seg, i, err = parseData(segs, i, rowSpecs(use, opts), bound, tn)
			tblFieldsAt = useAt
			if multi {
				if err != nil || notRows || seg != len(segs)-1 {
					return nil, errResegment
				}
				b, afterData = tail, true
			}
		default:
			i, err = skipValue(b, i, 1)
		}
		if err != nil {
			return nil, err
		}
		i = skipWS(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipWS(b, i+1)
			continue
		}
		if i < len(b) && b[i] == '}' {
			i++
			break
		}
		return nil, errAt(b, i, "after object key:value pair")
	}
	if multi && !afterData {
		return nil, errResegment
	}
	if err := trailing(b, i); err != nil {
		return nil, err
	}
	if se := shape.first(); se != nil {
		return nil, se
	}
	if dataAt >= 0 && haveFields && !notRows && (tbl == nil || tblFieldsAt != fieldsAt) {
		if multi {
			return nil, errResegment
		}
		// The guess was wrong (or fields came first but changed): parse data again.
		tbl, notRows, _, _, err = parseData(segs, dataAt, rowSpecs(r.Fields, opts), len(b), tn)
		if err != nil {
			return nil, err
		}
	}
	if dataAt >= 0 && haveFields && !notRows {
		r.Table = tbl
	}
	var badRow *ShapeError
	if notRows {
		badRow = firstNonRow(b, dataAt, opts.PositionalRows)
	}
	noCols := r.Table != nil && len(r.Table.Columns) == 0 && dataFirst != ']'
	if err := tableShape(r, opts, fieldsKind, dataKind, firstShape(shape.fields, badRow), noCols); err != nil {
		return nil, err
	}
	return r, nil
}

func firstShape(errs ...*ShapeError) *ShapeError {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// tableShape checks, when the caller wants a table and the answer is neither EXECUTING
// nor ERROR, that fields and data were lists (inner is the first bad element of either)
// and that rows do not come without columns (rowsWithoutColumns). A null answer counts
// as one without keys.
func tableShape(r *Response, opts Options, fieldsKind, dataKind string, inner *ShapeError, rowsWithoutColumns bool) error {
	if !opts.WantTable {
		return nil
	}
	switch strings.ToUpper(r.Status) {
	case "EXECUTING", "ERROR":
		return nil
	}
	switch {
	case fieldsKind != KindList:
		return &ShapeError{Field: opts.fieldsKey(), Want: KindList, Got: fieldsKind}
	case dataKind != KindList:
		return &ShapeError{Field: "data", Want: KindList, Got: dataKind}
	case inner != nil:
		return inner
	case rowsWithoutColumns:
		return &ShapeError{Field: opts.fieldsKey(), Want: "a list naming the columns", Got: "no columns"}
	}
	return nil
}

// firstNonRow names the first element of the array at b[i] that is not a row: an
// object, or also a list with positional rows.
func firstNonRow(b []byte, i int, positional bool) *ShapeError {
	j := skipWS(b, i+1)
	for k := 0; j < len(b) && b[j] != ']'; k++ {
		if !isRowStart(b[j], positional) {
			return &ShapeError{Field: "data[" + strconv.Itoa(k) + "]", Want: rowWant(positional), Got: KindOfByte(b[j])}
		}
		end, err := skipValue(b, j, 2)
		if err != nil {
			break
		}
		j = skipWS(b, end)
		if j < len(b) && b[j] == ',' {
			j = skipWS(b, j+1)
		}
	}
	return nil
}

func kindAt(b []byte, i int) string {
	if i >= len(b) {
		return KindMissing
	}
	return KindOfByte(b[i])
}

// textField reads a value that must be a scalar (read as text); an object or a list
// gives a ShapeError for path.
func textField(b []byte, i, depth int, path string) (string, *ShapeError, int, error) {
	if i < len(b) && (b[i] == '{' || b[i] == '[') {
		j, err := skipValue(b, i, depth)
		return "", &ShapeError{Field: path, Want: KindString, Got: KindOfByte(b[i])}, j, err
	}
	t, j, err := scalarText(b, i, depth)
	return t, nil, j, err
}

// wholeField reads a value that must be a whole number, sent as a number or a numeric
// string; null means absent. Anything else gives a ShapeError for path.
func wholeField(b []byte, i, depth int, path string) (int64, bool, *ShapeError, int, error) {
	if i < len(b) && b[i] == 'n' {
		j, err := literal(b, i, "null")
		return 0, false, nil, j, err
	}
	kind := kindAt(b, i)
	t, j, err := scalarText(b, i, depth)
	if err != nil {
		return 0, false, nil, j, err
	}
	if kind == KindNumber || kind == KindString && isDecimal(t) {
		if v, ok := intFromText(t); ok {
			return v, true, nil, j, nil
		}
	}
	return 0, false, &ShapeError{Field: path, Want: "a whole number", Got: kind}, j, nil
}

func trailing(b []byte, i int) error {
	if i = skipWS(b, i); i < len(b) {
		return errAt(b, i, "after top-level value")
	}
	return nil
}

// parseFields reads the `fields` list (named key in errors); ok is false when it is
// not an array. bad is the first element that is not a {"name", "type"} object of
// scalars.
func parseFields(b []byte, i int, key string) ([]Field, bool, *ShapeError, int, error) {
	if i >= len(b) || b[i] != '[' {
		i, err := skipValue(b, i, 1)
		return nil, false, nil, i, err
	}
	fields := []Field{}
	var bad *ShapeError
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == ']' {
		return fields, true, nil, i + 1, nil
	}
	var err error
	for k := 0; ; k++ {
		path := key + "[" + strconv.Itoa(k) + "]"
		if i < len(b) && b[i] == '{' {
			var f Field
			var nameErr, typeErr *ShapeError
			nameKind := KindMissing
			i, err = parseObject(b, i, func(key string, j int) (int, error) {
				var err error
				switch key {
				case "name":
					nameKind = kindAt(b, j)
					f.Name, nameErr, j, err = textField(b, j, 3, path+".name")
				case "type":
					f.Type, typeErr, j, err = textField(b, j, 3, path+".type")
				default:
					j, err = skipValue(b, j, 3)
				}
				return j, err
			})
			if nameKind == KindMissing || nameKind == KindNull {
				nameErr = &ShapeError{Field: path + ".name", Want: KindString, Got: nameKind}
			}
			if bad == nil {
				bad = firstShape(nameErr, typeErr)
			}
			fields = append(fields, f)
		} else {
			if bad == nil && i < len(b) {
				bad = &ShapeError{Field: path, Want: KindObject, Got: KindOfByte(b[i])}
			}
			i, err = skipValue(b, i, 2) // not a field description: ignored
		}
		if err != nil {
			return nil, false, nil, i, err
		}
		i = skipWS(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipWS(b, i+1)
			continue
		}
		if i < len(b) && b[i] == ']' {
			return fields, true, bad, i + 1, nil
		}
		return nil, false, nil, i, errAt(b, i, "after array element")
	}
}

// pagingKeys are the paging members the client reads, in the order their shape errors
// are reported.
var pagingKeys = []string{"page", "pageSize", "pagesFiltered", "rowsFiltered"}

// parsePaging reads the `paging` object; nil when it is null. Any other non-object
// fails, and so does a read member that is not a whole number.
func parsePaging(b []byte, i int) (*Paging, *ShapeError, int, error) {
	if i < len(b) && b[i] != '{' {
		kind := KindOfByte(b[i])
		j, err := skipValue(b, i, 1)
		if kind == KindNull {
			return nil, nil, j, err
		}
		return nil, &ShapeError{Field: "paging", Want: KindObject, Got: kind}, j, err
	}
	p := &Paging{}
	bad := make([]*ShapeError, len(pagingKeys))
	i, err := parseObject(b, i, func(key string, j int) (int, error) {
		var dst *int64
		var has *bool
		slot := -1
		switch key {
		case "page":
			dst, slot = &p.Page, 0
		case "pageSize":
			dst, slot = &p.PageSize, 1
		case "pagesFiltered":
			dst, has, slot = &p.PagesFiltered, &p.HasPagesFiltered, 2
		case "rowsFiltered":
			dst, has, slot = &p.RowsFiltered, &p.HasRowsFiltered, 3
		case "rows":
			dst = &p.Rows
		case "rowsTotal":
			dst = &p.RowsTotal
		default:
			return skipValue(b, j, 2)
		}
		v, ok, se, j, err := wholeField(b, j, 2, "paging."+key)
		*dst = v
		if has != nil {
			*has = ok
		}
		if slot >= 0 {
			bad[slot] = se
		}
		return j, err
	})
	if err != nil {
		return nil, nil, i, err
	}
	return p, firstShape(bad...), i, nil
}

// parseObject walks the small object at b[i] == '{', handing each value to fn.
func parseObject(b []byte, i int, fn func(key string, j int) (int, error)) (int, error) {
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return i, errAt(b, i, "looking for beginning of object key string")
		}
		key, j, err := scanString(b, i)
		if err != nil {
			return j, err
		}
		if j, err = colon(b, j); err != nil {
			return j, err
		}
		if i, err = fn(key, skipWS(b, j)); err != nil {
			return i, err
		}
		i = skipWS(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipWS(b, i+1)
			continue
		}
		if i < len(b) && b[i] == '}' {
			return i + 1, nil
		}
		return i, errAt(b, i, "after object key:value pair")
	}
}
