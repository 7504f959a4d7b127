package numpy

import (
	"go.starlark.net/starlark"

	"pushbook/flatten"
	"pushbook/kernel"
	"pushbook/lib/tables"
)

// Array is a plain numpy array: one flatten column, 1-D (a scalar column)
// or 2-D (a sub-array column: rows of one length, as r.x of the seed's
// "3d" field). print shows it as numpy 1.13's str, a cell as its repr.
type Array struct {
	col *flatten.Column
}

var (
	_ starlark.Mapping   = (*Array)(nil)
	_ starlark.Sliceable = (*Array)(nil)
	_ starlark.Iterable  = (*Array)(nil)
	_ starlark.HasAttrs  = (*Array)(nil)
	_ kernel.Displayable = (*Array)(nil)
)

// NewArray wraps a flatten column as a plain array.
func NewArray(col *flatten.Column) *Array { return &Array{col: col} }

// Column returns the column underneath.
func (a *Array) Column() *flatten.Column { return a.col }

// String is str(a), what print shows: "[2 5]", "[[ 1.  2.  3.]\n [ 1.  2.  3.]]".
func (a *Array) String() string { return a.col.NumPy() }

// Repr is repr(a), what a cell shows: "array([2, 5])".
func (a *Array) Repr() string { return a.col.NumPyRepr() }

// MIMEBundle shows the array as numpy's repr.
func (a *Array) MIMEBundle() map[string]string { return map[string]string{"text/plain": a.Repr()} }

func (a *Array) Type() string         { return "numpy.ndarray" }
func (a *Array) Freeze()              {}
func (a *Array) Truth() starlark.Bool { return a.col.Len() > 0 }
func (a *Array) Hash() (uint32, error) {
	return 0, starlark.Errorf(starlark.TypeError, "unhashable type: 'numpy.ndarray'")
}

// Len is the number of rows: the length of the first axis.
func (a *Array) Len() int { return a.col.Len() }

// Index is a[i]: an element of a 1-D array, a row (a 1-D array) of a 2-D one.
func (a *Array) Index(i int) starlark.Value {
	if a.col.DType().Shape == 0 {
		return tables.FromFlatten(a.col.Value(i))
	}
	return rowArray(a.col.Value(i))
}

// row returns the elements of row i of a 2-D array.
func (a *Array) row(i int) []any {
	switch r := a.col.Value(i).(type) {
	case []int64:
		out := make([]any, len(r))
		for k, x := range r {
			out[k] = x
		}
		return out
	case []float64:
		out := make([]any, len(r))
		for k, x := range r {
			out[k] = x
		}
		return out
	}
	return nil
}

// rowArray is a sub-array cell (a []int64 or []float64) as a 1-D array.
func rowArray(v any) starlark.Value {
	var col *flatten.Column
	var err error
	switch r := v.(type) {
	case []int64:
		col, err = flatten.ColumnOf("", flatten.DType{Kind: flatten.Int64}, append([]int64(nil), r...))
	case []float64:
		col, err = flatten.ColumnOf("", flatten.DType{Kind: flatten.Float64}, append([]float64(nil), r...))
	default:
		return tables.FromFlatten(v)
	}
	if err != nil {
		return starlark.None // cannot happen: the data matches the type
	}
	return &Array{col: col}
}

// Get is a[i], a[-1] and, for a 2-D array, a[i, j]; a str index is an
// IndexError, as numpy gives for a plain array.
func (a *Array) Get(k starlark.Value) (starlark.Value, bool, error) {
	switch k := k.(type) {
	case starlark.Int:
		i, err := index(k, a.col.Len(), 0)
		if err != nil {
			return nil, false, err
		}
		return a.Index(i), true, nil
	case starlark.Tuple:
		if len(k) == 2 && a.col.DType().Shape > 0 {
			i, err := index(k[0], a.col.Len(), 0)
			if err != nil {
				return nil, false, err
			}
			j, err := index(k[1], a.col.DType().Shape, 1)
			if err != nil {
				return nil, false, err
			}
			return tables.FromFlatten(a.row(i)[j]), true, nil
		}
		return nil, false, starlark.Errorf(starlark.IndexError, "too many indices for array: a %d-D array takes %d", a.ndim(), a.ndim())
	case starlark.String:
		return nil, false, starlark.Errorf(starlark.IndexError, "a plain array has no fields: only integers and slices are valid indices (not %s)", k)
	}
	return nil, false, starlark.Errorf(starlark.IndexError, "only integers and slices are valid indices, not %s", k.Type())
}

// index checks a Python index into an axis of length n, counting negative
// ones from the end.
func index(k starlark.Value, n, axis int) (int, error) {
	var i int
	if err := starlark.AsInt(k, &i); err != nil {
		return 0, starlark.Errorf(starlark.IndexError, "only integers and slices are valid indices, not %s", k.Type())
	}
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return 0, starlark.Errorf(starlark.IndexError, "index %s is out of bounds for axis %d with size %d", k, axis, n)
	}
	return i, nil
}

// Slice is a[start:end:step], a new array (a copy).
func (a *Array) Slice(start, end, step int) starlark.Value {
	return &Array{col: take(a.col, sliceRows(start, end, step))}
}

func sliceRows(start, end, step int) []int {
	var rows []int
	for i := start; step > 0 && i < end || step < 0 && i > end; i += step {
		rows = append(rows, i)
	}
	return rows
}

// take returns the rows of col at rows, in that order, as a new column.
func take(col *flatten.Column, rows []int) *flatten.Column {
	t := col.DType()
	s := max(t.Shape, 1)
	var data any
	switch t.Kind {
	case flatten.Int64:
		data = gather(col.Int64s(), rows, s)
	case flatten.Float64:
		data = gather(col.Float64s(), rows, s)
	case flatten.Bool:
		data = gather(col.Bools(), rows, s)
	case flatten.String:
		data = gather(col.Strings(), rows, s)
	default:
		data, t = make([]float64, len(rows)), flatten.DType{Kind: flatten.Float64}
	}
	out, err := flatten.ColumnOf(col.Name(), t, data)
	if err != nil {
		panic(err) // the data is the column's own type and shape
	}
	return out
}

func gather[T any](from []T, rows []int, stride int) []T {
	out := make([]T, 0, len(rows)*stride)
	for _, r := range rows {
		out = append(out, from[r*stride:(r+1)*stride]...)
	}
	return out
}

// Iterate yields the elements of a 1-D array, the rows of a 2-D one.
func (a *Array) Iterate() starlark.Iterator { return &indexIterator{of: a} }

type indexIterator struct {
	of starlark.Indexable
	i  int
}

func (it *indexIterator) Next(p *starlark.Value) bool {
	if it.i >= it.of.Len() {
		return false
	}
	*p = it.of.Index(it.i)
	it.i++
	return true
}
func (it *indexIterator) Done() {}

func (a *Array) ndim() int {
	if a.col.DType().Shape > 0 {
		return 2
	}
	return 1
}

func (a *Array) shape() starlark.Tuple {
	if s := a.col.DType().Shape; s > 0 {
		return starlark.Tuple{starlark.MakeInt(a.col.Len()), starlark.MakeInt(s)}
	}
	return starlark.Tuple{starlark.MakeInt(a.col.Len())}
}

// Attr gives dtype, shape, ndim, size and the methods (mean, sum, min,
// max, std, tolist, view).
func (a *Array) Attr(name string) (starlark.Value, error) {
	switch name {
	case "dtype":
		return plainDType(a.col), nil
	case "shape":
		return a.shape(), nil
	case "ndim":
		return starlark.MakeInt(a.ndim()), nil
	case "size":
		return starlark.MakeInt(a.col.Len() * max(a.col.DType().Shape, 1)), nil
	}
	if m, ok := arrayMethods[name]; ok {
		return m.BindReceiver(a), nil
	}
	return nil, nil
}

func (a *Array) AttrNames() []string {
	return []string{"dtype", "max", "mean", "min", "ndim", "shape", "size", "std", "sum", "tolist", "view"}
}

// tolist is a.tolist(): the elements as Python values, rows as lists.
func (a *Array) tolist() starlark.Value {
	out := make([]starlark.Value, a.col.Len())
	for i := range out {
		out[i] = tables.FromFlatten(a.col.Value(i))
	}
	return starlark.NewList(out)
}
