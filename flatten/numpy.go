package flatten

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// NumPy layout constants, from numpy's printing defaults.
const (
	npLineWidth = 75   // characters per line before wrapping
	npThreshold = 1000 // more elements than this are summarized with "..."
	npEdgeItems = 3    // items shown at each end of a summarized axis
	npPrecision = 8    // digits after the point, at most
)

// NumPy formats the column as print(column) does in numpy, in the layout of
// the numpy version the seed notebook ran (1.13): a scalar column prints
// like "[2 5]", a sub-array column like "[[ 1.  2.  3.]\n [ 1.  2.  3.]]".
// Floats share one width and precision (integral floats print as "1."),
// long output wraps at 75 characters, more than 1000 elements are
// summarized with "...,", and null elements print as "--".
func (c *Column) NumPy() string { return c.numpyText(" ", "") }

// NumPyRepr formats the column as repr(array) does in numpy 1.11-1.13:
// "array([0, 1, 2])", "array([ 1.,  2.,  3.])", a sub-array column as
// "array([[ 1.,  2.],\n       [ 3.,  4.]])". The dtype follows where numpy
// shows it: "dtype=bool" and, for an empty column, "dtype=float64" on the
// same line; a str column's "dtype='<U5'" on a line of its own, after
// numpy's trailing ", ".
func (c *Column) NumPyRepr() string {
	const prefix = "array("
	lst := "[]"
	switch {
	case c.n > 0:
		lst = c.numpyText(", ", prefix)
	case c.dtype.Shape > 0:
		lst = fmt.Sprintf("[], shape=(0, %d)", c.dtype.Shape)
	}
	switch {
	case c.dtype.Kind == String:
		return prefix + lst + ", \n" + strings.Repeat(" ", len(prefix)) + "dtype='" + c.NumPyTypeCode() + "')"
	case c.dtype.Kind == Bool || c.dtype.Kind == Null || c.n == 0:
		return prefix + lst + ", dtype=" + c.NumPyTypeName() + ")"
	}
	return prefix + lst + ")"
}

// numpyText lays the column out as numpy's array2string does with the
// given separator between elements and prefix (the text that precedes the
// opening bracket on the first line, which continuation lines line up
// under).
func (c *Column) numpyText(sep, prefix string) string {
	next := " " + strings.Repeat(" ", len(prefix))
	rows := axis(c.n, c.n*c.dtype.stride() > npThreshold)
	if c.dtype.Shape == 0 {
		f := newElemFormat(c, rows, []int{0})
		return npRow(f.words(rows, -1), sep, next)
	}
	inner := axis(c.dtype.Shape, c.n*c.dtype.Shape > npThreshold)
	f := newElemFormat(c, rows, inner)
	var b strings.Builder
	b.WriteByte('[')
	for i, r := range rows {
		if i > 0 {
			b.WriteString(next)
		}
		if r < 0 {
			b.WriteString("...,\n")
			continue
		}
		b.WriteString(npRow(f.words(inner, r), sep, " "+next))
		if i < len(rows)-1 {
			b.WriteString(strings.TrimRight(sep, " "))
			b.WriteByte('\n')
		}
	}
	b.WriteByte(']')
	return b.String()
}

// NumPyTypeName is the name numpy gives the column's element type:
// "int64", "float64", "bool", "<U5" for strings of at most 5 characters
// (at least "<U1"), "object" for a column of nulls only.
func (c *Column) NumPyTypeName() string {
	switch c.dtype.Kind {
	case Int64, Float64, Bool:
		return c.dtype.Kind.String()
	case String:
		return c.NumPyTypeCode()
	}
	return "object"
}

// NumPyTypeCode is the element type as a numpy dtype description spells
// it: "<i8", "<f8", "?", "<U5", "|O". The width of a str column is its
// longest string, in characters; finding it reads every string.
func (c *Column) NumPyTypeCode() string {
	switch c.dtype.Kind {
	case Int64:
		return "<i8"
	case Float64:
		return "<f8"
	case Bool:
		return "?"
	case String:
		longest := 1
		for i := range c.n {
			if !c.IsNull(i) {
				longest = max(longest, utf8.RuneCountInString(c.stringAt(i)))
			}
		}
		return "<U" + strconv.Itoa(longest)
	}
	return "|O"
}

// NumPy formats the table as print(a) shows a numpy structured array in
// the numpy of the seed notebook (1.11): each row a record in Python's
// repr, "[([1.0, 2.0, 3.0], 2, 3.0) ([1.0, 2.0, 3.0], 5, 6.0)]", wrapped
// at 75 characters and summarized beyond 1000 rows.
func (t *Table) NumPy() string { return t.numpyRecords(" ", "") }

// NumPyRepr formats the table as repr(a) shows a numpy structured array in
// numpy 1.11: "array([(1, 2.0), (3, 4.0)], \n      dtype=[('a', '<i8'),
// ('b', '<f8')])", with numpy's trailing ", " before the line break. A
// record array's repr is the same with "rec." in front, as numpy made it.
func (t *Table) NumPyRepr() string {
	const prefix = "array("
	lst := "[]"
	if t.rows > 0 {
		lst = t.numpyRecords(", ", prefix)
	}
	return prefix + lst + ", \n" + strings.Repeat(" ", len(prefix)) + "dtype=" + t.NumPyDType() + ")"
}

func (t *Table) numpyRecords(sep, prefix string) string {
	rows := axis(t.rows, t.rows > npThreshold)
	words := make([]string, len(rows))
	for k, r := range rows {
		if r < 0 {
			words[k] = "...,"
			continue
		}
		words[k] = t.NumPyRecord(r)
	}
	return npRow(words, sep, " "+strings.Repeat(" ", len(prefix)))
}

// NumPyRecord formats row i as numpy 1.11 shows one record: a Python
// tuple of the fields' reprs, sub-arrays as lists: "([1.0, 2.0, 3.0], 2, 3.0)".
func (t *Table) NumPyRecord(i int) string {
	parts := make([]string, len(t.cols))
	for k, c := range t.cols {
		parts[k] = pyRepr(c.Value(i))
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// NumPyDType spells the table's columns as numpy's structured dtype:
// "[('x', '<f8', (3,)), ('y', '<i8'), ('z', '<f8')]".
func (t *Table) NumPyDType() string {
	parts := make([]string, len(t.cols))
	for k, c := range t.cols {
		parts[k] = "(" + pyString(c.name) + ", '" + c.NumPyTypeCode() + "'"
		if c.dtype.Shape > 0 {
			parts[k] += ", (" + strconv.Itoa(c.dtype.Shape) + ",)"
		}
		parts[k] += ")"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// axis lists the indexes to show along an axis of length n; -1 marks the
// "..." gap of a summarized axis.
func axis(n int, summarize bool) []int {
	var out []int
	if summarize && n > 2*npEdgeItems {
		for i := range npEdgeItems {
			out = append(out, i)
		}
		out = append(out, -1)
		for i := n - npEdgeItems; i < n; i++ {
			out = append(out, i)
		}
		return out
	}
	for i := range n {
		out = append(out, i)
	}
	return out
}

// npRow lays words out as one bracketed numpy row, sep after each word but
// the last, wrapping lines at npLineWidth with continuation lines indented
// by prefix, as numpy's _formatArray does; a "...," word (a summarized
// gap) is followed by a space whatever sep is.
func npRow(words []string, sep, prefix string) string {
	var s strings.Builder
	line := prefix
	for i, w := range words {
		switch {
		case w == "...,":
			w += " "
		case i < len(words)-1:
			w += sep
		}
		if line != prefix && len(strings.TrimRight(line, " "))+len(strings.TrimRight(w, " ")) >= npLineWidth {
			s.WriteString(strings.TrimRight(line, " "))
			s.WriteByte('\n')
			line = prefix
		}
		line += w
	}
	out := s.String() + line + "]"
	return "[" + out[len(prefix):]
}

// elemFormat formats the elements of one column with a shared width, as
// numpy's IntegerFormat, FloatFormat and BoolFormat do.
type elemFormat struct {
	c     *Column
	width int
	prec  int
	exp   bool
}

func newElemFormat(c *Column, rows, inner []int) *elemFormat {
	f := &elemFormat{c: c}
	var shown []float64
	hasNull := false
	for _, r := range rows {
		for _, j := range inner {
			if r >= 0 && c.IsNull(r) {
				hasNull = true
			}
			if r >= 0 && j >= 0 && !c.IsNull(r) {
				switch c.dtype.Kind {
				case Int64:
					f.width = max(f.width, len(strconv.FormatInt(c.intAt(r*c.dtype.stride()+j), 10)))
				case Float64:
					shown = append(shown, c.floatAt(r*c.dtype.stride()+j))
				case Bool:
					f.width = 5
				}
			}
		}
	}
	if c.dtype.Kind == Float64 {
		f.fitFloats(shown)
	}
	if hasNull {
		f.width = max(f.width, 2) // room for "--"
	}
	return f
}

// fitFloats chooses fixed or exponent notation, precision and width the
// way numpy 1.13's FloatFormat.fillFormat does.
func (f *elemFormat) fitFloats(vals []float64) {
	maxV, minV, special := 0.0, math.Inf(1), false
	for _, v := range vals {
		a := math.Abs(v)
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			special = true
		case a != 0:
			maxV, minV = max(maxV, a), min(minV, a)
		}
	}
	if math.IsInf(minV, 1) {
		minV = 0
	}
	f.exp = maxV >= 1e8 || (minV > 0 && (minV < 1e-4 || maxV/minV > 1e3))
	if f.exp {
		f.prec = npPrecision
		f.width = len(strconv.FormatFloat(maxV, 'e', npPrecision, 64)) + 2
	} else {
		for _, v := range vals {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				f.prec = max(f.prec, fracDigits(v))
			}
		}
		f.width = len(strconv.FormatFloat(math.Trunc(maxV), 'f', 0, 64)) + f.prec + 2
	}
	if special {
		f.width = max(f.width, 4)
	}
}

// fracDigits counts the digits after the point that v needs at numpy's
// precision once trailing zeros are dropped.
func fracDigits(v float64) int {
	s := strconv.FormatFloat(math.Abs(v), 'f', npPrecision, 64)
	return npPrecision - (len(s) - len(strings.TrimRight(s, "0")))
}

// words formats the elements of row r (or, for r == -1, of the scalar
// column at the given row indexes).
func (f *elemFormat) words(idx []int, r int) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		switch {
		case i < 0:
			out[k] = "...,"
		case r < 0:
			out[k] = f.elem(i, 0)
		default:
			out[k] = f.elem(r, i)
		}
	}
	return out
}

func (f *elemFormat) elem(r, j int) string {
	c := f.c
	if c.IsNull(r) {
		return pad("--", f.width)
	}
	at := r*c.dtype.stride() + j
	switch c.dtype.Kind {
	case Int64:
		return pad(strconv.FormatInt(c.intAt(at), 10), f.width)
	case Float64:
		return f.float(c.floatAt(at))
	case Bool:
		if c.boolAt(at) {
			return " True"
		}
		return "False"
	case String:
		return pyString(c.stringAt(at))
	}
	return "--"
}

func (f *elemFormat) float(v float64) string {
	switch {
	case math.IsNaN(v):
		return pad("nan", f.width)
	case math.IsInf(v, 1):
		return pad("inf", f.width)
	case math.IsInf(v, -1):
		return pad("-inf", f.width)
	case f.exp:
		return pad(strconv.FormatFloat(v, 'e', f.prec, 64), f.width)
	}
	s := strconv.FormatFloat(v, 'f', f.prec, 64)
	if f.prec == 0 {
		s += "."
	} else if t := strings.TrimRight(s, "0"); len(t) < len(s) {
		s = t + strings.Repeat(" ", len(s)-len(t))
	}
	return pad(s, f.width)
}

func pad(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat(" ", width-len(s)) + s
}

// String returns the column's name, type and length, for debugging.
func (c *Column) String() string {
	return fmt.Sprintf("Column(%q, %s, %d rows)", c.name, c.dtype, c.n)
}
