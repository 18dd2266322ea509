package catalogs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// checkParams reads the advanced view's params: one JSON object (blank is {}). What is
// wrong says where, by line and column (1-based), as the editor shows them.
func checkParams(text string) (json.RawMessage, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return json.RawMessage("{}"), nil
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var obj map[string]json.RawMessage
	err := dec.Decode(&obj)
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return nil, at(text, syn.Offset-1, syn.Error())
	case errors.As(err, &typ):
		return nil, at(text, firstNonSpace(text), "params must be one JSON object, not a JSON "+typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, at(text, int64(len(strings.TrimRight(text, " \t\r\n"))), "the JSON ends before the object is closed")
	case err != nil:
		return nil, err
	case obj == nil:
		return nil, at(text, firstNonSpace(text), "params must be one JSON object, not null")
	}
	if off := dec.InputOffset(); strings.TrimSpace(text[off:]) != "" {
		return nil, at(text, off+firstNonSpace(text[off:]), "text after the object: params are one JSON object")
	}
	return json.RawMessage(bytes.TrimSpace([]byte(text))), nil
}

// at locates msg at byte offset off of text: "line 3, column 12: msg".
func at(text string, off int64, msg string) error {
	off = max(0, min(off, int64(len(text))))
	before := text[:off]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	return fmt.Errorf("line %d, column %d: %s", line, col, msg)
}

func firstNonSpace(s string) int64 { return int64(len(s) - len(strings.TrimLeft(s, " \t\r\n"))) }
