package flatten

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
)

// maxJSONDepth bounds nesting while decoding, before Options.MaxDepth
// applies, so that hostile input cannot exhaust the stack.
const maxJSONDepth = 1000

// JSONDecoder reads ordered records from JSON text: either one JSON array
// of objects, or a stream of objects (JSON Lines, or objects separated by
// any whitespace). Objects keep their key order; integers that fit int64
// decode as int64, other numbers as float64; a key repeated within one
// object is an error, as is any top-level value that is not an object.
type JSONDecoder struct {
	dec     *json.Decoder
	started bool
	inArray bool
	done    bool
	n       int
}

// NewJSONDecoder returns a decoder reading from r.
func NewJSONDecoder(r io.Reader) *JSONDecoder {
	d := json.NewDecoder(r)
	d.UseNumber()
	return &JSONDecoder{dec: d}
}

// DecodeJSON decodes every record in data (JSON text or JSON Lines).
// Errors are *JSONError, with the line and column of the problem.
func DecodeJSON(data []byte) ([]*Record, error) {
	var out []*Record
	for r, err := range NewJSONDecoder(bytes.NewReader(data)).All() {
		if err != nil {
			var je *JSONError
			if errors.As(err, &je) {
				je.Line, je.Column = lineColumn(data, je.Offset)
			}
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// JSONError is a JSON decoding failure: which record, where, and why.
// Line and Column (1-based) are set by DecodeJSON, which has the text;
// a JSONDecoder reading a stream knows only the byte offset.
type JSONError struct {
	Record       int   // 1-based number of the record being decoded
	Offset       int64 // bytes read when the error was found
	Line, Column int   // 0 when unknown
	Err          error
}

func (e *JSONError) Error() string {
	where := fmt.Sprintf("byte %d", e.Offset)
	if e.Line > 0 {
		where = fmt.Sprintf("line %d, column %d", e.Line, e.Column)
	}
	return fmt.Sprintf("%v: record %d (%s): %v", ErrJSON, e.Record, where, e.Err)
}

// Unwrap gives both ErrJSON and the cause, for errors.Is.
func (e *JSONError) Unwrap() []error { return []error{ErrJSON, e.Err} }

// lineColumn turns a byte offset in data into a 1-based line and column
// (the column counts bytes, as encoding/json's offsets do).
func lineColumn(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// All iterates over the remaining records; it yields at most one error, and
// stops after it.
func (d *JSONDecoder) All() iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		for {
			r, err := d.Next()
			if err == io.EOF {
				return
			}
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}

// Next returns the next record, or io.EOF when the input is exhausted.
// Errors are *JSONError (wrapping ErrJSON) naming the record index and byte offset.
func (d *JSONDecoder) Next() (*Record, error) {
	if d.done {
		return nil, io.EOF
	}
	r, err := d.next()
	if err != nil {
		d.done = true
		if err == io.EOF {
			return nil, err
		}
		return nil, &JSONError{Record: d.n + 1, Offset: d.dec.InputOffset(), Err: err}
	}
	d.n++
	return r, nil
}

func (d *JSONDecoder) next() (*Record, error) {
	if d.inArray && !d.dec.More() {
		tok, err := d.dec.Token()
		if err == io.EOF || (err == nil && tok != json.Delim(']')) {
			return nil, io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, err
		}
		if _, err := d.dec.Token(); err != io.EOF {
			return nil, errors.New("unexpected data after the top-level array")
		}
		return nil, io.EOF
	}
	tok, err := d.dec.Token()
	if err != nil {
		if err == io.EOF && d.inArray {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if !d.started {
		d.started = true
		if tok == json.Delim('[') {
			d.inArray = true
			return d.next()
		}
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("want an object, got %s", tokenKind(tok))
	}
	return d.object(1)
}

func (d *JSONDecoder) object(depth int) (*Record, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("nesting deeper than %d", maxJSONDepth)
	}
	r := NewRecord(4)
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("want a key, got %s", tokenKind(tok))
		}
		if _, dup := r.Get(key); dup {
			return nil, fmt.Errorf("key %q repeated in one object", key)
		}
		v, err := d.value(depth)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", key, err)
		}
		r.Set(key, v)
	}
	if _, err := d.dec.Token(); err != nil { // the closing }
		return nil, err
	}
	return r, nil
}

func (d *JSONDecoder) value(depth int) (any, error) {
	tok, err := d.dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return d.object(depth + 1)
		}
		if t == '[' {
			return d.array(depth + 1)
		}
		return nil, fmt.Errorf("unexpected %q", rune(t))
	case json.Number:
		return jsonNumber(t)
	}
	return tok, nil // string, bool or nil
}

func (d *JSONDecoder) array(depth int) ([]any, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("nesting deeper than %d", maxJSONDepth)
	}
	out := []any{}
	for d.dec.More() {
		v, err := d.value(depth)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", len(out), err)
		}
		out = append(out, v)
	}
	if _, err := d.dec.Token(); err != nil { // the closing ]
		return nil, err
	}
	return out, nil
}

// jsonNumber decodes an integer literal that fits as int64, anything else
// as float64; a number beyond float64's range is an error.
func jsonNumber(n json.Number) (any, error) {
	s := string(n)
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i, nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("number %s: %w", s, err)
	}
	return f, nil
}

func tokenKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		return strconv.Quote(string(rune(t)))
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a bool"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", tok)
}
