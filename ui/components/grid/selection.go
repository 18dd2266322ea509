package grid

// Selection is the one selection model of a grid: a flag per table row (not per display
// position, so marks survive sorting and filtering) and their count. Flags grow with the
// loaded rows; rows never grown into read as unselected. Views that need more (the bytes
// of the selected products, the selected among the shown) compute it from this model.
type Selection struct {
	on []bool // by table row
	n  int    // rows set in on
}

// Grow gives rows [0, n) a flag; the new ones are unselected. It never shrinks.
func (s *Selection) Grow(n int) {
	if len(s.on) < n {
		s.on = append(s.on, make([]bool, n-len(s.on))...)
	}
}

// Reset forgets every row: the data is new.
func (s *Selection) Reset() { s.on, s.n = nil, 0 }

// Rows is the number of rows with a flag.
func (s *Selection) Rows() int { return len(s.on) }

// Count is the number of selected rows.
func (s *Selection) Count() int { return s.n }

// Has reports whether table row r is selected.
func (s *Selection) Has(r int) bool { return r >= 0 && r < len(s.on) && s.on[r] }

// Set selects or unselects table row r (grown into when beyond the flags).
func (s *Selection) Set(r int, on bool) {
	if r < 0 {
		return
	}
	s.Grow(r + 1)
	if s.on[r] == on {
		return
	}
	s.on[r] = on
	if on {
		s.n++
	} else {
		s.n--
	}
}

// Toggle flips table row r and reports its new state.
func (s *Selection) Toggle(r int) bool {
	s.Set(r, !s.Has(r))
	return s.Has(r)
}

// SetAll selects or unselects every row with a flag.
func (s *Selection) SetAll(on bool) {
	for i := range s.on {
		s.on[i] = on
	}
	s.n = 0
	if on {
		s.n = len(s.on)
	}
}

// SetRows selects or unselects the table rows rows.
func (s *Selection) SetRows(rows []int, on bool) {
	for _, r := range rows {
		s.Set(r, on)
	}
}

// Invert flips every row with a flag.
func (s *Selection) Invert() {
	s.n = 0
	for i, on := range s.on {
		s.on[i] = !on
		if !on {
			s.n++
		}
	}
}

// InvertRows flips the table rows rows only.
func (s *Selection) InvertRows(rows []int) {
	for _, r := range rows {
		s.Toggle(r)
	}
}

// Selected lists the selected table rows in table order (nil when none).
func (s *Selection) Selected() []int {
	if s.n == 0 {
		return nil
	}
	out := make([]int, 0, s.n)
	for r, on := range s.on {
		if on {
			out = append(out, r)
		}
	}
	return out
}

// SelectedOf lists the rows of rows that are selected, in the order of rows (nil when
// none).
func (s *Selection) SelectedOf(rows []int) []int {
	var out []int
	for _, r := range rows {
		if s.Has(r) {
			out = append(out, r)
		}
	}
	return out
}
