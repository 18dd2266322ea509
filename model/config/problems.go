package config

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Problem is one bad setting: where its value came from ("<file>:<line>", "env VAR",
// "flag --name"), its key ("workers", "keys.queue.pause"; "" for a file that cannot be
// read as JSON) and what is wrong with it.
type Problem struct {
	Origin string
	Key    string
	Err    error
}

func (p Problem) Error() string {
	if p.Key == "" {
		return fmt.Sprintf("%s: %v", p.Origin, p.Err)
	}
	return fmt.Sprintf("%s: %s: %v", p.Origin, p.Key, p.Err)
}

func (p Problem) Unwrap() error { return p.Err }

// Problem is what is wrong with setting key, placed where its value came from (the
// entry of an object-valued setting, "keys.queue.pause", falls back on the setting's
// own origin).
func (c Config) Problem(key string, err error) Problem {
	origin := c.Origin(key)
	if parent, _, nested := strings.Cut(key, "."); nested && origin == FromDefault {
		origin = c.Origin(parent)
	}
	return Problem{Origin: origin, Key: key, Err: err}
}

// Problems is every bad setting at once, one a line, in the order a user meets them:
// the file's in line order, then the environment's, then the flags'.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range slices.SortedStableFunc(slices.Values(ps), comparePlaces) {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// comparePlaces orders problems by where they come from: the file by line, then the
// environment, the flags, the defaults.
func comparePlaces(a, b Problem) int {
	rankA, lineA := place(a.Origin)
	rankB, lineB := place(b.Origin)
	return cmp.Or(cmp.Compare(rankA, rankB), cmp.Compare(lineA, lineB))
}

func place(origin string) (rank, line int) {
	switch {
	case strings.HasPrefix(origin, fromEnv):
		return 1, 0
	case strings.HasPrefix(origin, fromFlag):
		return 2, 0
	case origin == FromDefault:
		return 3, 0
	}
	if i := strings.LastIndexByte(origin, ':'); i >= 0 {
		if n, err := strconv.Atoi(origin[i+1:]); err == nil {
			return 0, n
		}
	}
	return 0, 0 // the file as a whole
}

// fileProblems turns the errors DecodeStrict found in the file at path into problems,
// each at its line.
func fileProblems(path string, err error) Problems {
	var out Problems
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, one := range j.Unwrap() {
				walk(one)
			}
			return
		}
		var le lineError
		if errors.As(err, &le) {
			out = append(out, Problem{Origin: fmt.Sprintf("%s:%d", path, le.line), Key: le.key, Err: le.err})
			return
		}
		out = append(out, Problem{Origin: path, Err: err})
	}
	walk(err)
	return out
}
