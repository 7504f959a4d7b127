package flatten

import (
	"fmt"
	"math"
	"strconv"
	"strings"
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
func (c *Column) NumPy() string {
	rows := axis(c.n, c.n*c.dtype.stride() > npThreshold)
	if c.dtype.Shape == 0 {
		f := newElemFormat(c, rows, []int{0})
		return npRow(f.words(rows, -1), " ")
	}
	inner := axis(c.dtype.Shape, c.n*c.dtype.Shape > npThreshold)
	f := newElemFormat(c, rows, inner)
	var b strings.Builder
	b.WriteByte('[')
	for i, r := range rows {
		if i > 0 {
			b.WriteByte(' ')
		}
		if r < 0 {
			b.WriteString("...,\n")
			continue
		}
		b.WriteString(npRow(f.words(inner, r), "  "))
		if i < len(rows)-1 {
			b.WriteByte('\n')
		}
	}
	b.WriteByte(']')
	return b.String()
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

// npRow lays words out as one bracketed numpy row, wrapping lines at
// npLineWidth with continuation lines indented by prefix.
func npRow(words []string, prefix string) string {
	var s strings.Builder
	line := prefix
	for i, w := range words {
		if i < len(words)-1 {
			w += " "
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
