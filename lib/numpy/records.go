package numpy

import (
	"go.starlark.net/starlark"

	"pushbook/flatten"
	"pushbook/kernel"
	"pushbook/lib/tables"
)

// Structured is a structured array, np.array(rows, dtype=[...]): a
// flatten table whose columns are its fields. As a record array (rec,
// a.view(np.recarray)) its fields are attributes too: r.x.
type Structured struct {
	t   *flatten.Table
	rec bool
}

var (
	_ starlark.Mapping   = (*Structured)(nil)
	_ starlark.Sliceable = (*Structured)(nil)
	_ starlark.Iterable  = (*Structured)(nil)
	_ starlark.HasAttrs  = (*Structured)(nil)
	_ kernel.Displayable = (*Structured)(nil)
)

// NewStructured wraps a flatten table as a structured array, or as a
// record array if rec.
func NewStructured(t *flatten.Table, rec bool) *Structured { return &Structured{t: t, rec: rec} }

// Table returns the table underneath.
func (s *Structured) Table() *flatten.Table { return s.t }

// String is str(a), what print shows: numpy 1.11's
// "[([1.0, 2.0, 3.0], 2, 3.0) ([1.0, 2.0, 3.0], 5, 6.0)]".
func (s *Structured) String() string { return s.t.NumPy() }

// Repr is repr(a), what a cell shows: "array([...], \n      dtype=[...])",
// or "rec.array(...)" for a record array, as numpy 1.11 shows them.
func (s *Structured) Repr() string {
	if s.rec {
		return "rec." + s.t.NumPyRepr()
	}
	return s.t.NumPyRepr()
}

// MIMEBundle shows the array as numpy's repr.
func (s *Structured) MIMEBundle() map[string]string {
	return map[string]string{"text/plain": s.Repr()}
}

func (s *Structured) Type() string {
	if s.rec {
		return "numpy.recarray"
	}
	return "numpy.ndarray"
}
func (s *Structured) Freeze()              {}
func (s *Structured) Truth() starlark.Bool { return s.t.NumRows() > 0 }
func (s *Structured) Hash() (uint32, error) {
	return 0, starlark.Errorf(starlark.TypeError, "unhashable type: '%s'", s.Type())
}
func (s *Structured) Len() int { return s.t.NumRows() }

// Index is a[i], record i.
func (s *Structured) Index(i int) starlark.Value { return &Record{t: s.t, i: i, rec: s.rec} }

// Get is a["x"] (a field, as a plain array), a[["x", "y"]] (those fields,
// as a structured array) or a[i] (a record).
func (s *Structured) Get(k starlark.Value) (starlark.Value, bool, error) {
	switch k := k.(type) {
	case starlark.String:
		col, err := field(s.t, string(k))
		if err != nil {
			return nil, false, err
		}
		return &Array{col: col}, true, nil
	case *starlark.List:
		cols := make([]*flatten.Column, k.Len())
		for i := range cols {
			name, ok := k.Index(i).(starlark.String)
			if !ok {
				return nil, false, starlark.Errorf(starlark.IndexError, "a list of field names holds strs, not %s", k.Index(i).Type())
			}
			col, err := field(s.t, string(name))
			if err != nil {
				return nil, false, err
			}
			cols[i] = col
		}
		t, err := flatten.TableOf(cols...)
		if err != nil {
			return nil, false, starlark.Errorf(starlark.ValueError, "%w", err)
		}
		return &Structured{t: t, rec: s.rec}, true, nil
	}
	i, err := index(k, s.t.NumRows(), 0)
	if err != nil {
		return nil, false, err
	}
	return s.Index(i), true, nil
}

// field is the column of t named name, or numpy's ValueError.
func field(t *flatten.Table, name string) (*flatten.Column, error) {
	col, err := t.Column(name)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "no field of name %s (fields: %s)", name, joinNames(t.Names()))
	}
	return col, nil
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}

// Slice is a[start:end] (a view sharing storage) or, with a step, a copy.
func (s *Structured) Slice(start, end, step int) starlark.Value {
	if step == 1 {
		return &Structured{t: s.t.Slice(start, max(start, end)), rec: s.rec}
	}
	rows := sliceRows(start, end, step)
	cols := s.t.Columns()
	for i, c := range cols {
		cols[i] = take(c, rows)
	}
	t, err := flatten.TableOf(cols...)
	if err != nil {
		panic(err) // the columns are the table's own, with new lengths alike
	}
	return &Structured{t: t, rec: s.rec}
}

// Iterate yields the records.
func (s *Structured) Iterate() starlark.Iterator { return &indexIterator{of: s} }

// Attr gives dtype, shape, ndim, size, the methods, and for a record
// array the fields by name (methods and facts first, as numpy looks them up).
func (s *Structured) Attr(name string) (starlark.Value, error) {
	switch name {
	case "dtype":
		return structDType(s.t), nil
	case "shape":
		return starlark.Tuple{starlark.MakeInt(s.t.NumRows())}, nil
	case "ndim":
		return starlark.MakeInt(1), nil
	case "size":
		return starlark.MakeInt(s.t.NumRows()), nil
	}
	if m, ok := arrayMethods[name]; ok {
		return m.BindReceiver(s), nil
	}
	if s.rec {
		if col, err := s.t.Column(name); err == nil {
			return &Array{col: col}, nil
		}
		return nil, starlark.Errorf(starlark.AttributeError, "recarray has no attribute %s (fields: %s)", name, joinNames(s.t.Names()))
	}
	if _, err := s.t.Column(name); err == nil {
		return nil, starlark.Errorf(starlark.AttributeError, "'numpy.ndarray' object has no attribute '%s' (a field: use a['%s'], or a.view(np.recarray) for attributes)", name, name)
	}
	return nil, nil
}

func (s *Structured) AttrNames() []string {
	names := []string{"dtype", "max", "mean", "min", "ndim", "shape", "size", "std", "sum", "tolist", "view"}
	if s.rec {
		names = append(names, s.t.Names()...)
	}
	return names
}

// tolist is a.tolist(): the records as tuples.
func (s *Structured) tolist() starlark.Value {
	out := make([]starlark.Value, s.t.NumRows())
	for i := range out {
		r := &Record{t: s.t, i: i}
		out[i] = r.tuple()
	}
	return starlark.NewList(out)
}

// Record is one record of a structured array: a[0]. It shows as numpy
// 1.11 shows one, a Python tuple; r["x"] and r[0] are its fields, and so
// is r.x for a record of a record array.
type Record struct {
	t   *flatten.Table
	i   int
	rec bool
}

var (
	_ starlark.Mapping   = (*Record)(nil)
	_ starlark.Indexable = (*Record)(nil)
	_ starlark.Iterable  = (*Record)(nil)
	_ starlark.HasAttrs  = (*Record)(nil)
)

func (r *Record) String() string { return r.t.NumPyRecord(r.i) }
func (r *Record) Type() string {
	if r.rec {
		return "numpy.record"
	}
	return "numpy.void"
}
func (r *Record) Freeze()              {}
func (r *Record) Truth() starlark.Bool { return true }
func (r *Record) Hash() (uint32, error) {
	return 0, starlark.Errorf(starlark.TypeError, "unhashable type: '%s'", r.Type())
}
func (r *Record) Len() int { return r.t.NumColumns() }

// Index is field i: a Python scalar, or a 1-D array for a sub-array field.
func (r *Record) Index(i int) starlark.Value { return rowArray(r.t.Columns()[i].Value(r.i)) }

func (r *Record) Iterate() starlark.Iterator { return &indexIterator{of: r} }

// Get is r["x"] or r[i].
func (r *Record) Get(k starlark.Value) (starlark.Value, bool, error) {
	if name, ok := k.(starlark.String); ok {
		col, err := field(r.t, string(name))
		if err != nil {
			return nil, false, err
		}
		return rowArray(col.Value(r.i)), true, nil
	}
	i, err := index(k, r.t.NumColumns(), 0)
	if err != nil {
		return nil, false, err
	}
	return r.Index(i), true, nil
}

func (r *Record) Attr(name string) (starlark.Value, error) {
	if !r.rec {
		return nil, nil
	}
	col, err := r.t.Column(name)
	if err != nil {
		return nil, nil
	}
	return rowArray(col.Value(r.i)), nil
}

func (r *Record) AttrNames() []string {
	if !r.rec {
		return nil
	}
	return r.t.Names()
}

// tuple is the record as a Python tuple, sub-arrays as lists.
func (r *Record) tuple() starlark.Tuple {
	out := make(starlark.Tuple, r.t.NumColumns())
	for k, c := range r.t.Columns() {
		out[k] = tables.FromFlatten(c.Value(r.i))
	}
	return out
}

// arrayClass is np.ndarray or np.recarray: a class that a.view takes.
type arrayClass struct{ name string }

func (c *arrayClass) String() string        { return "<class 'numpy." + c.name + "'>" }
func (c *arrayClass) Type() string          { return "type" }
func (c *arrayClass) Freeze()               {}
func (c *arrayClass) Truth() starlark.Bool  { return true }
func (c *arrayClass) Hash() (uint32, error) { return starlark.String(c.name).Hash() }

var (
	ndarrayClass  = &arrayClass{name: "ndarray"}
	recarrayClass = &arrayClass{name: "recarray"}
)
