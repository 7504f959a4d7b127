package flatten

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// WriteJSONLines writes one JSON object per row, keys in column order.
// Sub-arrays are JSON arrays; null is null. Floats always carry a '.' or an
// exponent, so DecodeJSON reads them back as floats; NaN and ±Inf, which
// JSON cannot hold, are written as null.
func (t *Table) WriteJSONLines(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var buf []byte
	for i := range t.rows {
		buf = append(buf[:0], '{')
		for k, c := range t.cols {
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONString(buf, c.name)
			buf = append(buf, ':')
			buf = appendJSONCell(buf, c, i)
		}
		buf = append(buf, '}', '\n')
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("write JSON Lines row %d: %w", i, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write JSON Lines: %w", err)
	}
	return nil
}

func appendJSONCell(buf []byte, c *Column, i int) []byte {
	if c.IsNull(i) {
		return append(buf, "null"...)
	}
	if c.dtype.Shape == 0 {
		return appendJSONElem(buf, c, i)
	}
	buf = append(buf, '[')
	for j := range c.dtype.Shape {
		if j > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONElem(buf, c, i*c.dtype.Shape+j)
	}
	return append(buf, ']')
}

func appendJSONElem(buf []byte, c *Column, at int) []byte {
	switch c.dtype.Kind {
	case Int64:
		return strconv.AppendInt(buf, c.intAt(at), 10)
	case Float64:
		f := c.floatAt(at)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return append(buf, "null"...)
		}
		return append(buf, pyFloat(f)...)
	case Bool:
		return strconv.AppendBool(buf, c.boolAt(at))
	case String:
		return appendJSONString(buf, c.stringAt(at))
	}
	return append(buf, "null"...)
}

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendJSONString(buf []byte, s string) []byte {
	b, err := json.Marshal(s)
	if err != nil { // cannot happen for a string
		return append(buf, `""`...)
	}
	return append(buf, b...)
}
