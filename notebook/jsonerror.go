package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"
)

// jsonError turns an error from decoding the whole file b into one line
// naming where in b it is, in words rather than Go types.
func jsonError(b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineColumn(b, syn.Offset-1)
		return fmt.Errorf("invalid JSON at line %d, column %d: %w", line, col, err)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Errorf("not a notebook: want a JSON object, got %s", valueWords(typ.Value))
		}
		line, _ := lineColumn(b, typ.Offset)
		return fmt.Errorf("line %d: %s", line, typeErrorText(typ))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("invalid JSON: unexpected end of file")
	}
	return fmt.Errorf("invalid notebook: %w", err)
}

// plainJSONError rewrites an encoding/json type error met while decoding
// part of a notebook (a cell, an output) into words; other errors, already
// worded by this package, pass through.
func plainJSONError(err error) error {
	if typ, ok := err.(*json.UnmarshalTypeError); ok {
		return errors.New(typeErrorText(typ))
	}
	return err
}

// typeErrorText says what a type error means in nbformat's terms, for
// example `field "source": want a string or a list of strings, got a number`.
func typeErrorText(typ *json.UnmarshalTypeError) string {
	text := fmt.Sprintf("want %s, got %s", typeWords(typ.Type), valueWords(typ.Value))
	if typ.Field == "" {
		return text
	}
	return fmt.Sprintf("field %q: %s", typ.Field, text)
}

// typeWords names the JSON a Go type t decodes, as nbformat's docs would.
func typeWords(t reflect.Type) string {
	if t == nil {
		return "a different value"
	}
	if t == reflect.TypeFor[multiline]() {
		return "a string or a list of strings"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return typeWords(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.String {
			return "a list of strings"
		}
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a different value"
}

// valueWords turns encoding/json's name for a JSON value ("string",
// "array", "number 1.5") into words; anything else is already in words.
func valueWords(value string) string {
	switch value {
	case "string":
		return "a string"
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "bool":
		return "a boolean"
	case "number":
		return "a number"
	case "null":
		return "null"
	}
	if n, ok := strings.CutPrefix(value, "number "); ok {
		return "the number " + n
	}
	return value
}

// jsonKind names the JSON value v (as decoded into any) the way
// encoding/json's errors do: "string", "number", "bool", "array",
// "object" or "null".
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "bool"
	case float64, json.Number, int, int64:
		return "number"
	case []any, []string:
		return "array"
	case map[string]any:
		return "object"
	}
	return "a value JSON cannot hold"
}

// checkUTF8 reports the first byte of b that is not UTF-8, with its offset,
// line, column and, when it lies in one, the cell. encoding/json would
// otherwise replace it with U+FFFD and the notebook would change silently.
func checkUTF8(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	off := 0
	for off < len(b) {
		r, size := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	line, col := lineColumn(b, int64(off))
	msg := fmt.Sprintf("invalid UTF-8 at byte offset %d (line %d, column %d)", off, line, col)
	if i := cellAt(b, int64(off)); i > 0 {
		return fmt.Errorf("cell %d: %s", i, msg)
	}
	return errors.New(msg)
}

// cellAt returns the 1-based number of the cell whose JSON text holds byte
// offset off of b, or 0 when off is outside every cell or b is not shaped
// like a notebook. It reads b once, token by token.
func cellAt(b []byte, off int64) int {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return 0
		}
		if key != "cells" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') || off < dec.InputOffset() {
			return 0
		}
		for i := 1; dec.More(); i++ {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0
			}
			if off < dec.InputOffset() {
				return i
			}
		}
		return 0
	}
	return 0
}

func lineColumn(b []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(b)))
	before := b[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}
