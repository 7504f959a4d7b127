package numpy

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"go.starlark.net/starlark"

	"pushbook/flatten"
	"pushbook/kernel"
)

// within prefixes the message of the exception err with context ("array:
// row 1"), keeping its Python class and wrapping it. Any other error (a
// stopped cell's reason, from a checkpoint) is returned as it is.
func within(context string, err error) error {
	var e *starlark.Exception
	if !errors.As(err, &e) {
		return err
	}
	return starlark.NewWrapping(e.Class, err, starlark.String(context+": "+e.Message()))
}

// elem is one element of an array on its way in: a Python int, float,
// bool or str.
type elem struct {
	kind flatten.Kind
	i    int64
	f    float64
	b    bool
	s    string
}

// elemOf reads a Python scalar as an element. None and anything that is
// not a number, bool or str are TypeErrors.
func elemOf(v starlark.Value) (elem, error) {
	switch v := v.(type) {
	case starlark.Int:
		i, ok := v.Int64()
		if !ok {
			return elem{}, starlark.Errorf(starlark.OverflowError, "int %s does not fit in 64 bits", v)
		}
		return elem{kind: flatten.Int64, i: i}, nil
	case starlark.Float:
		return elem{kind: flatten.Float64, f: float64(v)}, nil
	case starlark.Bool:
		return elem{kind: flatten.Bool, b: bool(v)}, nil
	case starlark.String:
		return elem{kind: flatten.String, s: string(v)}, nil
	case starlark.NoneType:
		return elem{}, starlark.Errorf(starlark.TypeError, "None cannot be an array element here (pushbook's arrays hold numbers, bools and strs)")
	}
	return elem{}, starlark.Errorf(starlark.TypeError, "a %s cannot be an array element (pushbook's arrays hold numbers, bools and strs)", v.Type())
}

// isScalar reports whether v is read by elemOf rather than as a sequence.
func isScalar(v starlark.Value) bool {
	switch v.(type) {
	case starlark.Int, starlark.Float, starlark.Bool, starlark.String, starlark.NoneType, *starlark.Dict:
		return true
	}
	_, iterable := v.(starlark.Iterable)
	return !iterable
}

func (e elem) asInt() (int64, error) {
	switch e.kind {
	case flatten.Bool:
		if e.b {
			return 1, nil
		}
		return 0, nil
	case flatten.Float64:
		if math.IsNaN(e.f) || math.IsInf(e.f, 0) {
			return 0, starlark.Errorf(starlark.ValueError, "cannot convert float %s to integer", starlark.Float(e.f))
		}
		if e.f >= 1<<63 || e.f < -(1<<63) {
			return 0, starlark.Errorf(starlark.OverflowError, "float %s does not fit in int64", starlark.Float(e.f))
		}
		return int64(e.f), nil
	case flatten.String:
		i, err := strconv.ParseInt(strings.TrimSpace(e.s), 10, 64)
		if err != nil {
			return 0, starlark.Errorf(starlark.ValueError, "invalid literal for int() with base 10: %s", starlark.String(e.s))
		}
		return i, nil
	}
	return e.i, nil
}

func (e elem) asFloat() (float64, error) {
	switch e.kind {
	case flatten.Int64:
		return float64(e.i), nil
	case flatten.Bool:
		if e.b {
			return 1, nil
		}
		return 0, nil
	case flatten.String:
		f, err := strconv.ParseFloat(strings.TrimSpace(e.s), 64)
		if err != nil {
			return 0, starlark.Errorf(starlark.ValueError, "could not convert string to float: %s", starlark.String(e.s))
		}
		return f, nil
	}
	return e.f, nil
}

func (e elem) asBool() (bool, error) {
	switch e.kind {
	case flatten.Int64:
		return e.i != 0, nil
	case flatten.Float64:
		return e.f != 0, nil
	case flatten.String:
		return false, starlark.Errorf(starlark.TypeError, "a str (%s) cannot be a bool element", starlark.String(e.s))
	}
	return e.b, nil
}

func (e elem) asString() string {
	switch e.kind {
	case flatten.Int64:
		return strconv.FormatInt(e.i, 10)
	case flatten.Float64:
		return starlark.Float(e.f).String()
	case flatten.Bool:
		return starlark.Bool(e.b).String()
	}
	return e.s
}

// convert returns the element as a Python value of kind k.
func (e elem) convert(k flatten.Kind) (starlark.Value, error) {
	switch k {
	case flatten.Int64:
		i, err := e.asInt()
		return starlark.MakeInt64(i), err
	case flatten.Float64:
		f, err := e.asFloat()
		return starlark.Float(f), err
	case flatten.Bool:
		b, err := e.asBool()
		return starlark.Bool(b), err
	}
	return starlark.String(e.asString()), nil
}

// filler collects the elements of one column of type t, converting each
// to t's kind.
type filler struct {
	t     flatten.DType
	ints  []int64
	flts  []float64
	bools []bool
	strs  []string
}

func (f *filler) add(e elem) error {
	switch f.t.Kind {
	case flatten.Int64:
		i, err := e.asInt()
		f.ints = append(f.ints, i)
		return err
	case flatten.Float64:
		x, err := e.asFloat()
		f.flts = append(f.flts, x)
		return err
	case flatten.Bool:
		b, err := e.asBool()
		f.bools = append(f.bools, b)
		return err
	}
	f.strs = append(f.strs, e.asString())
	return nil
}

// addCell adds one row's cell: a scalar, or for a sub-array type a
// sequence of t.Shape scalars (a scalar fills the whole sub-array).
func (f *filler) addCell(v starlark.Value) error {
	if f.t.Shape == 0 {
		if !isScalar(v) {
			return starlark.Errorf(starlark.ValueError, "setting an array element with a sequence (%s)", v.Type())
		}
		e, err := elemOf(v)
		if err != nil {
			return err
		}
		return f.add(e)
	}
	if isScalar(v) {
		e, err := elemOf(v)
		if err != nil {
			return err
		}
		for range f.t.Shape {
			if err := f.add(e); err != nil {
				return err
			}
		}
		return nil
	}
	row, err := elemsOf(v)
	if err != nil {
		return err
	}
	if len(row) != f.t.Shape {
		return starlark.Errorf(starlark.ValueError, "a sub-array of shape (%d,) cannot hold %d elements", f.t.Shape, len(row))
	}
	for _, e := range row {
		if err := f.add(e); err != nil {
			return err
		}
	}
	return nil
}

// column returns the collected column, named name.
func (f *filler) column(name string) (*flatten.Column, error) {
	var data any
	switch f.t.Kind {
	case flatten.Int64:
		data = nonNil(f.ints)
	case flatten.Float64:
		data = nonNil(f.flts)
	case flatten.Bool:
		data = nonNil(f.bools)
	default:
		data = nonNil(f.strs)
	}
	c, err := flatten.ColumnOf(name, f.t, data)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "%w", unwrapped(err))
	}
	return c, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// elemsOf reads a one-dimensional sequence (a list, tuple, range or 1-D
// array) of scalars.
func elemsOf(v starlark.Value) ([]elem, error) {
	if a, ok := v.(*Array); ok {
		if a.col.DType().Shape > 0 {
			return nil, starlark.Errorf(starlark.ValueError, "pushbook's arrays have at most two dimensions")
		}
		out := make([]elem, a.col.Len())
		for i := range out {
			out[i] = elemOfValue(a.col.Value(i))
		}
		return out, nil
	}
	var out []elem
	it := v.(starlark.Iterable).Iterate()
	defer it.Done()
	var x starlark.Value
	for it.Next(&x) {
		if !isScalar(x) {
			return nil, starlark.Errorf(starlark.ValueError, "pushbook's arrays have at most two dimensions (found a %s inside a row)", x.Type())
		}
		e, err := elemOf(x)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// elemOfValue reads a scalar of a flatten column.
func elemOfValue(v any) elem {
	switch v := v.(type) {
	case int64:
		return elem{kind: flatten.Int64, i: v}
	case float64:
		return elem{kind: flatten.Float64, f: v}
	case bool:
		return elem{kind: flatten.Bool, b: v}
	case string:
		return elem{kind: flatten.String, s: v}
	}
	return elem{kind: flatten.Float64, f: math.NaN()}
}

// plainColumn reads v (a list or tuple of scalars, a list of equal-length
// rows, a range, or an array) as the column of a plain array: 1-D, or 2-D
// stored as a sub-array column. want, if not nil, is the element type;
// otherwise it is inferred as numpy does: str if any element is a str,
// else float if any is a float, else int if any is an int, else bool; an
// empty array is float.
func plainColumn(thread *starlark.Thread, v starlark.Value, want *flatten.Kind) (*flatten.Column, error) {
	if a, ok := v.(*Array); ok && (want == nil || *want == a.col.DType().Kind) {
		return a.col, nil
	}
	if _, ok := v.(*Structured); ok {
		return nil, starlark.Errorf(starlark.TypeError, "a structured array cannot become a plain array (take a field: a['x'])")
	}
	if isScalar(v) {
		return nil, starlark.Errorf(starlark.TypeError, "pushbook's arrays are 1-D or 2-D: give a list, not a %s", v.Type())
	}
	var elems []elem
	shape := 0
	if a, ok := v.(*Array); ok && a.col.DType().Shape > 0 {
		shape = a.col.DType().Shape
		for i := range a.col.Len() {
			for _, x := range a.row(i) {
				elems = append(elems, elemOfValue(x))
			}
		}
	} else {
		var err error
		if elems, shape, err = nestedElems(thread, v); err != nil {
			return nil, err
		}
	}
	f := filler{t: flatten.DType{Kind: inferKind(elems), Shape: shape}}
	if want != nil {
		f.t.Kind = *want
	}
	for i, e := range elems {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		if err := f.add(e); err != nil {
			return nil, within("element "+strconv.Itoa(i), err)
		}
	}
	return f.column("")
}

// nestedElems reads a sequence of scalars (shape 0) or of equal-length
// rows of scalars (shape the row length), row-major.
func nestedElems(thread *starlark.Thread, v starlark.Value) (elems []elem, shape int, err error) {
	it := v.(starlark.Iterable).Iterate()
	defer it.Done()
	var x starlark.Value
	nested := false
	for i := 0; it.Next(&x); i++ {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, 0, err
		}
		if i > 0 && nested == isScalar(x) {
			return nil, 0, starlark.Errorf(starlark.ValueError, "setting an array element with a sequence: element %d is %s, element 0 is %s", i, x.Type(), kindWord(nested))
		}
		nested = !isScalar(x)
		if !nested {
			e, err := elemOf(x)
			if err != nil {
				return nil, 0, within("element "+strconv.Itoa(i), err)
			}
			elems = append(elems, e)
			continue
		}
		row, err := elemsOf(x)
		if err != nil {
			return nil, 0, within("row "+strconv.Itoa(i), err)
		}
		switch {
		case len(row) == 0:
			return nil, 0, starlark.Errorf(starlark.ValueError, "row %d is empty: pushbook's 2-D arrays have at least one column", i)
		case i > 0 && len(row) != shape:
			return nil, 0, starlark.Errorf(starlark.ValueError, "row %d has %d elements, row 0 has %d: rows of a 2-D array have one length", i, len(row), shape)
		}
		shape = len(row)
		elems = append(elems, row...)
	}
	return elems, shape, nil
}

func kindWord(nested bool) string {
	if nested {
		return "a sequence"
	}
	return "a scalar"
}

func inferKind(elems []elem) flatten.Kind {
	seen := map[flatten.Kind]bool{}
	for _, e := range elems {
		seen[e.kind] = true
	}
	switch {
	case seen[flatten.String]:
		return flatten.String
	case seen[flatten.Float64] || len(elems) == 0:
		return flatten.Float64
	case seen[flatten.Int64]:
		return flatten.Int64
	}
	return flatten.Bool
}

// structuredTable reads rows (each a tuple with one value per field) into
// a table with the given fields, as np.array(rows, dtype=[...]) does.
func structuredTable(thread *starlark.Thread, rows starlark.Value, fields []flatten.Field) (*flatten.Table, error) {
	iterable, ok := rows.(starlark.Iterable)
	if !ok || isScalar(rows) {
		return nil, starlark.Errorf(starlark.TypeError, "the rows of a structured array are a list of tuples, not a %s", rows.Type())
	}
	fill := make([]filler, len(fields))
	for k, f := range fields {
		fill[k].t = f.Type
	}
	it := iterable.Iterate()
	defer it.Done()
	var v starlark.Value
	for i := 0; it.Next(&v); i++ {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		row, ok := v.(starlark.Indexable)
		if _, isStr := v.(starlark.String); isStr || !ok {
			return nil, starlark.Errorf(starlark.TypeError, "row %d is a %s, not a tuple with one value per field", i, v.Type())
		}
		if row.Len() != len(fields) {
			return nil, starlark.Errorf(starlark.ValueError, "row %d has %d values, the dtype has %d fields", i, row.Len(), len(fields))
		}
		for k := range fields {
			if err := fill[k].addCell(row.Index(k)); err != nil {
				return nil, within("row "+strconv.Itoa(i)+", field "+strconv.Quote(fields[k].Name), err)
			}
		}
	}
	cols := make([]*flatten.Column, len(fields))
	for k, f := range fields {
		c, err := fill[k].column(f.Name)
		if err != nil {
			return nil, within("field "+strconv.Quote(f.Name), err)
		}
		cols[k] = c
	}
	t, err := flatten.TableOf(cols...)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "%w", err)
	}
	return t, nil
}
