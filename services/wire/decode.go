package wire

import (
	"bytes"
	"fmt"
	"runtime"

	"mastui/model"
)

// Decode parses a Portal format=json answer (also extjs answers and columnsconfig dicts,
// which yield no Table). String values alias body, so the caller must not modify body
// afterwards; the returned table keeps it alive.
func Decode(body []byte, opts Options) (*Response, error) {
	r, err := decode(body, opts, tuning{chunks: runtime.GOMAXPROCS(0), minChunk: 1 << 20})
	if err != nil {
		return nil, fmt.Errorf("decode MAST answer: %w", err)
	}
	return r, nil
}

// tuning sets how data is split between goroutines; tests shrink it to exercise splitting.
type tuning struct {
	chunks   int // at most this many goroutines (one per CPU)
	minChunk int // smallest span of data worth a goroutine
}

func decode(b []byte, opts Options, tn tuning) (*Response, error) {
	r := &Response{}
	i := skipWS(b, 0)
	if i < len(b) && b[i] == 'n' {
		j, err := literal(b, i, "null")
		if err != nil {
			return nil, err
		}
		return r, trailing(b, j)
	}
	if i >= len(b) || b[i] != '{' {
		if _, err := skipValue(b, i, 0); err != nil {
			return nil, err
		}
		return nil, &SyntaxError{Offset: int64(i), Msg: "answer is not a JSON object"}
	}
	var (
		haveFields  bool
		fieldsAt    = -1 // value offset of the last `fields`
		dataAt      = -1 // value offset of the last `data`, when it is an array
		tbl         *model.Table
		tblFieldsAt = -1 // the `fields` value tbl was built from
		err         error
	)
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return r, trailing(b, i+1)
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
		switch key {
		case "status":
			r.HasStatus = true
			r.Status, i, err = scalarText(b, i, 1)
		case "msg":
			r.Msg, i, err = scalarText(b, i, 1)
		case "percent complete":
			var t string
			if t, i, err = scalarText(b, i, 1); err == nil {
				r.PercentComplete, _ = floatFromText(t)
			}
		case "paging":
			r.Paging, i, err = parsePaging(b, i)
		case "fields":
			fieldsAt = i
			r.Fields, haveFields, i, err = parseFields(b, i)
		case "data":
			dataAt, tbl, tblFieldsAt = -1, nil, -1
			if i >= len(b) || b[i] != '[' {
				i, err = skipValue(b, i, 1)
				break
			}
			dataAt = i
			// MAST sends `fields` after `data`: guess that the last "fields" key is the
			// top-level one and parse data with it now; the guess is checked below.
			useAt, use, have, bound := fieldsAt, r.Fields, haveFields, len(b)
			if k := bytes.LastIndex(b[i:], []byte(`"fields"`)); k >= 0 {
				bound = i + k
				if j, err := colon(b, bound+len(`"fields"`)); err == nil {
					j = skipWS(b, j)
					if f, ok, _, err := parseFields(b, j); err == nil && ok {
						useAt, use, have = j, f, true
					}
				}
			}
			if !have {
				i, err = skipValue(b, i, 1)
				break
			}
			var notRows bool
			tbl, notRows, i, err = parseData(b, i, buildSpecs(use, opts), bound, tn)
			tblFieldsAt = useAt
			if notRows {
				dataAt, tbl = -1, nil
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
	if err := trailing(b, i); err != nil {
		return nil, err
	}
	if dataAt < 0 || !haveFields {
		return r, nil
	}
	if tbl == nil || tblFieldsAt != fieldsAt {
		// The guess was wrong (or fields came first but changed): parse data again.
		tbl, _, _, err = parseData(b, dataAt, buildSpecs(r.Fields, opts), len(b), tn)
		if err != nil {
			return nil, err
		}
	}
	r.Table = tbl
	return r, nil
}

func trailing(b []byte, i int) error {
	if i = skipWS(b, i); i < len(b) {
		return errAt(b, i, "after top-level value")
	}
	return nil
}

// parseFields reads the `fields` list; ok is false when it is not an array.
func parseFields(b []byte, i int) ([]Field, bool, int, error) {
	if i >= len(b) || b[i] != '[' {
		i, err := skipValue(b, i, 1)
		return nil, false, i, err
	}
	fields := []Field{}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == ']' {
		return fields, true, i + 1, nil
	}
	var err error
	for {
		if i < len(b) && b[i] == '{' {
			var f Field
			i, err = parseObject(b, i, func(key string, j int) (int, error) {
				var err error
				switch key {
				case "name":
					f.Name, j, err = scalarText(b, j, 3)
				case "type":
					f.Type, j, err = scalarText(b, j, 3)
				default:
					j, err = skipValue(b, j, 3)
				}
				return j, err
			})
			fields = append(fields, f)
		} else {
			i, err = skipValue(b, i, 2) // not a field description: ignored
		}
		if err != nil {
			return nil, false, i, err
		}
		i = skipWS(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipWS(b, i+1)
			continue
		}
		if i < len(b) && b[i] == ']' {
			return fields, true, i + 1, nil
		}
		return nil, false, i, errAt(b, i, "after array element")
	}
}

// parsePaging reads the `paging` object; nil when it is not an object.
func parsePaging(b []byte, i int) (*Paging, int, error) {
	if i >= len(b) || b[i] != '{' {
		i, err := skipValue(b, i, 1)
		return nil, i, err
	}
	p := &Paging{}
	i, err := parseObject(b, i, func(key string, j int) (int, error) {
		var dst *int64
		switch key {
		case "page":
			dst = &p.Page
		case "pageSize":
			dst = &p.PageSize
		case "pagesFiltered":
			dst = &p.PagesFiltered
		case "rows":
			dst = &p.Rows
		case "rowsFiltered":
			dst = &p.RowsFiltered
		case "rowsTotal":
			dst = &p.RowsTotal
		default:
			return skipValue(b, j, 2)
		}
		t, j, err := scalarText(b, j, 2)
		*dst, _ = intFromText(t)
		return j, err
	})
	if err != nil {
		return nil, i, err
	}
	return p, i, nil
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
