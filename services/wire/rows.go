package wire

import (
	"bytes"
	"math"
	"sync"
	"sync/atomic"

	"mastui/model"
	"mastui/services/bigmem"
)

// chunk is the outcome of parsing rows from one start offset.
type chunk struct {
	p       *rowParser
	seg     int  // the segment it parsed
	end     int  // after the array's ']' when next < 0
	next    int  // index of the stop it ended at, -1 at the array end
	notRows bool // met an element that is not an object
	err     error
}

// piece is where one chunk starts: an offset in a segment, and the end (exclusive) of
// the stops it may end at (those of its own segment, the segment's end included).
type piece struct {
	seg, from, stopEnd int
}

// parseData converts the array at segs[0][i] == '[' into a table. notRows reports an
// element that is not an object (then the table is nil). bound, in the last segment, is
// where the array probably ends. The segments are the body in order (see
// DecodeSegments); after the first, each starts with a row. It returns the segment and
// the offset after the array.
//
// Large arrays are parsed in parallel: each segment is cut at guessed row boundaries
// ("}, {"), and workers take the pieces in order from a shared counter, so a descheduled
// core delays one small piece, not half the array. A guess (and a segment start) is only
// trusted once the piece before it lands exactly on it between two rows: a guess inside
// a string or a nested value costs time, never correctness. Every piece writes into its
// own region of one set of column arrays sized from samples of its rows, so the pieces
// are joined by moving rows down in place.
func parseData(segs [][]byte, i int, rs rowSpec, bound int, tn tuning) (*model.Table, bool, int, int, error) {
	specs := rs.specs
	final := make([]*model.Column, len(specs))
	for ci, s := range specs {
		final[ci] = &model.Column{Name: s.name, Kind: s.kind, Meta: model.ColumnMeta{Type: s.typeName}}
	}
	b := segs[0]
	start := skipWS(b, i+1)
	if start < len(b) && b[start] == ']' {
		return model.NewTable(final...), false, 0, start + 1, nil
	}
	if start >= len(b) || !isRowStart(b[start], rs.positional) {
		end, err := skipValue(b, i, 1)
		return nil, true, 0, end, err
	}
	open := b[start] // rows are cut where one closes and the next opens like the first
	index := make(map[string]int, len(specs))
	for ci, s := range specs {
		index[s.name] = ci
	}
	last := len(segs) - 1
	bound = min(bound, len(segs[last]))
	var pieces []piece
	var stops []int // stops[k]: where piece k ends if it lands there, in its segment
	for s, seg := range segs {
		from, to := 0, len(seg)
		if s == 0 {
			from = start
		}
		if s == last {
			to = bound
		}
		first := len(pieces)
		pieces = append(pieces, piece{seg: s, from: from})
		for _, p := range findSplits(seg, from, to, open, tn) {
			stops = append(stops, p)
			pieces = append(pieces, piece{seg: s, from: p})
		}
		if s < last {
			stops = append(stops, len(seg)) // the next segment starts with a row
		}
		for k := first; k < len(pieces); k++ {
			pieces[k].stopEnd = len(stops)
		}
	}
	chunks := make([]chunk, len(pieces))

	// Region k of the column arrays is [bases[k], bases[k+1]).
	bases := make([]int, len(pieces)+1)
	for k, pc := range pieces {
		seg := segs[pc.seg]
		to := len(seg)
		if pc.seg == last {
			to = bound
		}
		if k+1 < len(pieces) && pieces[k+1].seg == pc.seg {
			to = pieces[k+1].from
		}
		est := max(to-pc.from, 0) / sampleRowLen(seg, pc.from)
		bases[k+1] = bases[k] + est + est/8 + 16
	}
	allocColumns(final, bases[len(pieces)], tn.huge)

	var taken atomic.Int64
	work := func() {
		for {
			k := int(taken.Add(1)) - 1
			if k >= len(chunks) {
				return
			}
			pc := pieces[k]
			p := newRowParser(segs[pc.seg], rs, index, final, bases[k], bases[k+1])
			c := p.parse(pc.from, stops[k:pc.stopEnd])
			c.seg = pc.seg
			if c.next >= 0 {
				c.next += k
			}
			chunks[k] = c
		}
	}
	workers := min(tn.chunks, len(chunks))
	parallel(workers, work)

	var parts []*rowParser
	c := chunks[0]
	for {
		if c.err != nil {
			return nil, false, c.seg, c.end, c.err
		}
		if c.notRows {
			end, err := skipValue(b, i, 1)
			return nil, true, 0, end, err
		}
		parts = append(parts, c.p)
		if c.next < 0 {
			break
		}
		c = chunks[c.next+1]
	}
	join(final, parts, workers, tn.huge)
	return model.NewTable(final...), false, c.seg, c.end, nil
}

// parallel runs work on the calling goroutine and workers-1 others, and waits.
func parallel(workers int, work func()) {
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}

// sampleRowLen is the mean byte length of the first rows (at least 32 bytes, so a strange
// start cannot make the column arrays huge; underestimates only cost a regrowth).
func sampleRowLen(b []byte, i int) int {
	start, n := i, 0
	for n < 16 {
		end, err := skipValue(b, i, 2)
		if err != nil {
			break
		}
		n++
		i = skipWS(b, end)
		if i >= len(b) || b[i] != ',' {
			break
		}
		i = skipWS(b, i+1)
	}
	if n == 0 {
		return 64
	}
	return max((i-start)/n, 32)
}

// allocColumns gives every column n zero rows. The columns of a kind share one array
// (with huge, on huge pages: bigmem; a column of its own rarely fills one); each
// column's slice ends where the next one starts, so appending to it reallocates
// instead of overwriting a neighbour.
func allocColumns(cols []*model.Column, n int, huge bool) {
	var count [model.KindBool + 1]int
	for _, c := range cols {
		count[c.Kind]++
	}
	strs := bigmem.Make[string](n*count[model.KindString], huge)
	floats := bigmem.Make[float64](n*count[model.KindFloat], huge)
	ints := bigmem.Make[int64](n*count[model.KindInt], huge)
	bools := bigmem.Make[bool](n*count[model.KindBool], huge)
	for _, c := range cols {
		switch c.Kind {
		case model.KindString:
			c.Str, strs = strs[:n:n], strs[n:]
		case model.KindFloat:
			c.Float, floats = floats[:n:n], floats[n:]
		case model.KindInt:
			c.Int, ints = ints[:n:n], ints[n:]
		case model.KindBool:
			c.Bool, bools = bools[:n:n], bools[n:]
		}
	}
}

// findSplits guesses row boundaries that cut [start, bound) into a few pieces per worker:
// where a row ends and the next begins with open ('{' or '[').
func findSplits(b []byte, start, bound int, open byte, tn tuning) []int {
	closing := byte('}')
	if open == '[' {
		closing = ']'
	}
	n := 0
	if tn.chunks > 1 {
		n = min(4*tn.chunks, 64, (bound-start)/max(tn.minChunk, 1))
	}
	var splits []int
	for k := 1; k < n; k++ {
		p := start + k*(bound-start)/n
		if len(splits) > 0 && p <= splits[len(splits)-1] {
			continue
		}
		for p < bound {
			q := bytes.IndexByte(b[p:bound], closing)
			if q < 0 {
				return splits
			}
			p += q + 1
			j := skipWS(b, p)
			if j < bound && b[j] == ',' {
				if j = skipWS(b, j+1); j < bound && b[j] == open {
					splits = append(splits, j)
					break
				}
			}
		}
	}
	return splits
}

// parse reads rows from b[start] until the array ends or it lands on one of splits
// (ascending, all > start; len(b) is the segment's end) between two rows.
func (p *rowParser) parse(start int, splits []int) chunk {
	b := p.b
	i, next := start, 0
	for {
		if i >= len(b) || !isRowStart(b[i], p.positional) {
			return chunk{notRows: true, end: i}
		}
		var err error
		if i, err = p.row(i); err != nil {
			return chunk{err: err, end: i}
		}
		i = skipWS(b, i)
		if i < len(b) && b[i] == ']' {
			return chunk{p: p, end: i + 1, next: -1}
		}
		if i >= len(b) || b[i] != ',' {
			return chunk{err: errAt(b, i, "after array element"), end: i}
		}
		i = skipWS(b, i+1)
		for next < len(splits) && splits[next] < i {
			next++
		}
		if next < len(splits) && splits[next] == i {
			return chunk{p: p, end: i, next: next}
		}
	}
}

// rowSpec is how rows are read: the column specs and, for rows given as lists
// (positional), the spec of each list position (-1: no column).
type rowSpec struct {
	specs      []colSpec
	at         []int
	positional bool
}

// rowSpecs builds the rowSpec of fields.
func rowSpecs(fields []Field, opts Options) rowSpec {
	specs, at := buildSpecsAt(fields, opts)
	return rowSpec{specs: specs, at: at, positional: opts.PositionalRows}
}

// isRowStart says whether c opens a row: an object, or a list with positional rows.
func isRowStart(c byte, positional bool) bool {
	return c == '{' || positional && c == '['
}

// rowWant is what a row must be, for shape errors.
func rowWant(positional bool) string {
	if positional {
		return "an object or a list"
	}
	return KindObject
}

// rowParser fills typed columns, indexed by row, from row objects (and lists).
type rowParser struct {
	b          []byte
	specs      []colSpec
	at         []int // positional rows: the column of each value, -1 for none
	positional bool
	index      map[string]int // column by name; shared read-only between goroutines
	cols       []*model.Column
	n          int // rows allocated in every column
	base       int // where its region starts in the shared column arrays
	n0         int // the region's size; n > n0 once the columns outgrew it
	rows       int
	cur        uint32   // stamp of the row being parsed
	stamp      []uint32 // per column: the last row stamp that set it
	// Rows usually repeat the key order, so the k-th key is first compared with the
	// k-th key of the previous row: one string compare instead of a map lookup.
	names []string
	guess []int
	plain []bool // names[k] reads the same raw and decoded (no '"', '\\' or controls)
}

// newRowParser makes a parser writing rows [lo, hi) of the shared columns.
func newRowParser(b []byte, rs rowSpec, index map[string]int, shared []*model.Column, lo, hi int) *rowParser {
	specs := rs.specs
	p := &rowParser{b: b, specs: specs, at: rs.at, positional: rs.positional, index: index, cols: make([]*model.Column, len(specs)),
		stamp: make([]uint32, len(specs)), base: lo, n: hi - lo, n0: hi - lo}
	for ci, sc := range shared {
		c := &model.Column{Name: sc.Name, Kind: sc.Kind}
		// Full slice expressions: outgrowing the region reallocates instead of spilling
		// into the next one.
		switch c.Kind {
		case model.KindString:
			c.Str = sc.Str[lo:hi:hi]
		case model.KindFloat:
			c.Float = sc.Float[lo:hi:hi]
		case model.KindInt:
			c.Int = sc.Int[lo:hi:hi]
		case model.KindBool:
			c.Bool = sc.Bool[lo:hi:hi]
		}
		p.cols[ci] = c
	}
	return p
}

// grow makes every column (and allocated mask) n rows long.
func (p *rowParser) grow(n int) {
	add := n - p.n
	if add <= 0 {
		return
	}
	for _, c := range p.cols {
		switch c.Kind {
		case model.KindString:
			c.Str = append(c.Str, make([]string, add)...)
		case model.KindFloat:
			c.Float = append(c.Float, make([]float64, add)...)
		case model.KindInt:
			c.Int = append(c.Int, make([]int64, add)...)
		case model.KindBool:
			c.Bool = append(c.Bool, make([]bool, add)...)
		}
		if c.Masked != nil {
			c.Masked = append(c.Masked, make([]bool, add)...)
		}
	}
	p.n = n
}

func (p *rowParser) mask(c *model.Column, r int, m bool) {
	if m {
		if c.Masked == nil {
			c.Masked = make([]bool, p.n)
		}
		c.Masked[r] = true
	} else if c.Masked != nil {
		c.Masked[r] = false // a repeated key overwrites an earlier value
	}
}

// row parses the object at b[i] == '{' (or the list at b[i] == '[') into row p.rows.
func (p *rowParser) row(i int) (int, error) {
	b := p.b
	if p.rows == p.n {
		p.grow(2 * p.n)
	}
	p.cur++
	if b[i] == '[' {
		return p.listRow(i)
	}
	set := 0
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		i++
	} else {
		for k := 0; ; k++ {
			if i >= len(b) || b[i] != '"' {
				return i, errAt(b, i, "looking for beginning of object key string")
			}
			ci, j, err := p.key(k, i)
			if err != nil {
				return j, err
			}
			// MAST writes `": "`; the general path handles any other spacing.
			if j+1 < len(b) && b[j] == ':' && b[j+1] == ' ' {
				i = j + 2
			} else if i, err = colon(b, j); err != nil {
				return i, err
			}
			i = skipWS(b, i)
			if ci < 0 {
				i, err = skipValue(b, i, 3) // not a listed field
			} else {
				i, err = p.value(ci, i)
				if p.stamp[ci] != p.cur {
					p.stamp[ci] = p.cur
					set++
				}
			}
			if err != nil {
				return i, err
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
			return i, errAt(b, i, "after object key:value pair")
		}
	}
	p.endRow(set)
	return i, nil
}

// listRow parses the list at b[i] == '[', values in the order of the fields, into row
// p.rows: a missing value is null, values beyond the fields are skipped.
func (p *rowParser) listRow(i int) (int, error) {
	b := p.b
	set := 0
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == ']' {
		i++
	} else {
		for k := 0; ; k++ {
			ci := -1
			if k < len(p.at) {
				ci = p.at[k]
			}
			var err error
			if ci < 0 {
				i, err = skipValue(b, i, 3)
			} else {
				i, err = p.value(ci, i)
				if p.stamp[ci] != p.cur {
					p.stamp[ci] = p.cur
					set++
				}
			}
			if err != nil {
				return i, err
			}
			i = skipWS(b, i)
			if i < len(b) && b[i] == ',' {
				i = skipWS(b, i+1)
				continue
			}
			if i < len(b) && b[i] == ']' {
				i++
				break
			}
			return i, errAt(b, i, "after array element")
		}
	}
	p.endRow(set)
	return i, nil
}

// endRow stores nulls in the columns the row did not set (set of them were) and
// counts the row.
func (p *rowParser) endRow(set int) {
	if set < len(p.specs) {
		for ci := range p.specs {
			if p.stamp[ci] != p.cur {
				p.null(ci)
			}
		}
	}
	p.rows++
}

// key resolves the k-th key of a row, at b[i] == '"', to a column (-1: not a field) and
// returns the index after it.
func (p *rowParser) key(k, i int) (int, int, error) {
	b := p.b
	if k < len(p.names) && p.plain[k] {
		// Compare the raw key with the guess: no string scan, no map lookup.
		name := p.names[k]
		if e := i + 1 + len(name); e < len(b) && b[e] == '"' && str(b[i+1:e]) == name {
			return p.guess[k], e + 1, nil
		}
	}
	key, j, err := scanString(b, i)
	if err != nil {
		return -1, j, err
	}
	ci, ok := p.index[key]
	if !ok {
		ci = -1
	}
	plain := isPlain(key)
	if k < len(p.names) {
		p.names[k], p.guess[k], p.plain[k] = key, ci, plain
	} else {
		p.names, p.guess, p.plain = append(p.names, key), append(p.guess, ci), append(p.plain, plain)
	}
	return ci, j, nil
}

func isPlain(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] == '"' || s[k] == '\\' || s[k] < 0x20 {
			return false
		}
	}
	return true
}

// null stores a null (or missing) value: the sentinel, masked (protocol 3.6).
func (p *rowParser) null(ci int) {
	c, s, r := p.cols[ci], &p.specs[ci], p.rows
	switch s.kind {
	case model.KindString:
		c.Str[r] = s.sentStr
		p.mask(c, r, true)
	case model.KindFloat:
		c.Float[r] = s.sentF
		p.mask(c, r, s.hasIgn) // without an ignoreValue, nulls are unmasked NaN
	case model.KindInt:
		c.Int[r] = s.sentI
		p.mask(c, r, true)
	case model.KindBool:
		c.Bool[r] = false
		p.mask(c, r, true)
	}
}

// value converts the value at b[i] into row p.rows of column ci.
func (p *rowParser) value(ci, i int) (int, error) {
	b := p.b
	if i >= len(b) {
		return i, errAt(b, i, "looking for beginning of value")
	}
	c, s, r := p.cols[ci], &p.specs[ci], p.rows
	ch := b[i]
	isNum := ch == '-' || ch-'0' < 10
	var err error
	switch s.kind {
	case model.KindString:
		var v string
		switch {
		case ch == '"':
			v, i, err = scanString(b, i)
		case isNum: // ids declared "string" but sent as numbers keep their exact digits
			var n number
			j := i
			i, err = scanNumber(b, i, &n)
			v = str(b[j:i])
		case ch == 'n':
			i, err = literal(b, i, "null")
			v = s.sentStr
		default: // booleans and nested values: their JSON text
			j := i
			i, err = skipValue(b, i, 3)
			v = str(b[j:i])
		}
		c.Str[r] = v
		p.mask(c, r, v == s.sentStr)
	case model.KindFloat:
		v, m := s.sentF, false
		switch {
		case isNum:
			var n number
			j := i
			i, err = scanNumber(b, i, &n)
			v = n.float(b[j:i])
		case ch == '"':
			var t string
			t, i, err = scanString(b, i)
			var ok bool
			if v, ok = floatFromText(t); !ok {
				v, m = math.NaN(), true
			}
		case ch == 'n':
			i, err = literal(b, i, "null")
			m = s.hasIgn
		case ch == 't':
			i, err = literal(b, i, "true")
			v = 1
		case ch == 'f':
			i, err = literal(b, i, "false")
			v = 0
		default:
			i, err = skipValue(b, i, 3)
			v, m = math.NaN(), true
		}
		if s.hasIgn && v == s.sentF {
			m = true
		}
		c.Float[r] = v
		p.mask(c, r, m)
	case model.KindInt:
		v, ok := s.sentI, true
		switch {
		case isNum:
			var n number
			j := i
			i, err = scanNumber(b, i, &n)
			v, ok = n.int(b[j:i])
		case ch == '"':
			var t string
			t, i, err = scanString(b, i)
			v, ok = intFromText(t)
		case ch == 'n':
			i, err = literal(b, i, "null")
		case ch == 't':
			i, err = literal(b, i, "true")
			v = 1
		case ch == 'f':
			i, err = literal(b, i, "false")
			v = 0
		default:
			i, err = skipValue(b, i, 3)
			ok = false
		}
		if !ok {
			v = s.sentI
		}
		c.Int[r] = v
		p.mask(c, r, v == s.sentI)
	case model.KindBool:
		v, ok := false, true
		switch {
		case ch == 't':
			i, err = literal(b, i, "true")
			v = true
		case ch == 'f':
			i, err = literal(b, i, "false")
		case isNum:
			var n number
			j := i
			i, err = scanNumber(b, i, &n)
			v = n.float(b[j:i]) != 0
		case ch == '"':
			var t string
			t, i, err = scanString(b, i)
			v, ok = boolFromText(t)
		default: // null, nested values
			i, err = skipValue(b, i, 3)
			ok = false
		}
		if !ok {
			v = false
		}
		c.Bool[r] = v
		p.mask(c, r, !ok)
	}
	return i, err
}

// join gathers the rows of parts, in order, at the start of the final columns.
func join(final []*model.Column, parts []*rowParser, workers int, huge bool) {
	size := math.MaxInt // every column has the same length
	if len(final) > 0 {
		size = final[0].Len()
	}
	// In place, in order, each part's rows move to [off, off+rows); that is safe as long
	// as they land before the rows of the next part still in the shared arrays (a part
	// that outgrew its region holds its rows elsewhere).
	total, inPlace := 0, true
	for k, q := range parts {
		limit := size
		for _, r := range parts[k+1:] {
			if r.n == r.n0 {
				limit = r.base
				break
			}
		}
		total += q.rows
		if total > limit {
			inPlace = false
		}
	}
	if !inPlace { // estimates were too low: fresh arrays (the parts still hold the rows)
		allocColumns(final, total, huge)
	}
	var taken atomic.Int64
	parallel(min(workers, len(final)), func() {
		for {
			ci := int(taken.Add(1)) - 1
			if ci >= len(final) {
				return
			}
			c := final[ci]
			masked := false
			for _, q := range parts {
				masked = masked || q.cols[ci].Masked != nil
			}
			if masked {
				c.Masked = make([]bool, total)
			}
			// In order: each part moves down into space already vacated.
			off := 0
			for _, q := range parts {
				qc := q.cols[ci]
				switch c.Kind {
				case model.KindString:
					copy(c.Str[off:], qc.Str[:q.rows])
				case model.KindFloat:
					copy(c.Float[off:], qc.Float[:q.rows])
				case model.KindInt:
					copy(c.Int[off:], qc.Int[:q.rows])
				case model.KindBool:
					copy(c.Bool[off:], qc.Bool[:q.rows])
				}
				if qc.Masked != nil {
					copy(c.Masked[off:], qc.Masked[:q.rows])
				}
				off += q.rows
			}
			switch c.Kind {
			case model.KindString:
				c.Str = c.Str[:total]
			case model.KindFloat:
				c.Float = c.Float[:total]
			case model.KindInt:
				c.Int = c.Int[:total]
			case model.KindBool:
				c.Bool = c.Bool[:total]
			}
		}
	})
}
