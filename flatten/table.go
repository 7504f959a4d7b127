package flatten

import (
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Table is an immutable columnar table: named, typed columns of equal
// length, in first-seen order. Slicing shares storage with the original;
// AppendField returns a new table that shares the existing columns.
type Table struct {
	cols  []*Column
	rows  int
	index map[string]int
}

func newTable(cols []*Column, rows int) *Table {
	t := &Table{cols: cols, rows: rows, index: make(map[string]int, len(cols))}
	for i, c := range cols {
		t.index[c.name] = i
	}
	return t
}

// FromEvents flattens every event with opts into one table: the union of
// their columns in first-seen order, with a null wherever an event lacks a
// column. It is NewBuilder(opts) plus Append for each event.
func FromEvents[M Map](events []M, opts Options) (*Table, error) {
	b := NewBuilder(opts)
	for _, e := range events {
		if err := b.Append(e); err != nil {
			return nil, err
		}
	}
	return b.Table(), nil
}

// FromRows builds a table from rows laid out by an explicit dtype list, as
// numpy.array(rows, dtype=[("x", "3d"), ("y", "int")]) does. Each row holds
// one value per field: nil for null, an int for int64, an int or float for
// float64, a bool, a string, or a list of exactly Shape numbers. Errors are
// *Error values naming the row (as Event) and the field (as Path).
func FromRows(fields []Field, rows [][]any) (*Table, error) {
	cols := make([]*Column, len(fields))
	seen := make(map[string]bool, len(fields))
	for i, f := range fields {
		if seen[f.Name] {
			return nil, &Error{Path: f.Name, Err: ErrDuplicateColumn}
		}
		seen[f.Name] = true
		if f.Type.Shape > 0 && !f.Type.Kind.numeric() || f.Type.Shape < 0 {
			return nil, &Error{Path: f.Name, Err: fmt.Errorf("%w: %s", ErrBadDType, f.Type)}
		}
		cols[i] = &Column{name: f.Name}
		cols[i].retype(f.Type)
	}
	for r, row := range rows {
		if len(row) != len(fields) {
			return nil, &Error{Event: r + 1, Err: fmt.Errorf("%w: row has %d values, dtype has %d fields", ErrLength, len(row), len(fields))}
		}
		for i, v := range row {
			if err := appendTyped(cols[i], v); err != nil {
				return nil, &Error{Event: r + 1, Path: fields[i].Name, Err: err}
			}
		}
	}
	for i := range cols {
		cols[i] = cols[i].compact()
	}
	return newTable(cols, len(rows)), nil
}

// ColumnOf returns a column named name of type t holding data, which is
// a []int64, []float64, []bool or []string matching t's kind, row-major
// for a sub-array type (Shape elements per row, so its length is a
// multiple of Shape). The column takes data as its storage: the caller
// must not modify it afterwards. No row is null.
func ColumnOf(name string, t DType, data any) (*Column, error) {
	if t.Shape < 0 || t.Shape > 0 && !t.Kind.numeric() {
		return nil, &Error{Event: -1, Path: name, Err: fmt.Errorf("%w: %s", ErrBadDType, t)}
	}
	c := &Column{name: name, dtype: t}
	var n int
	switch x := data.(type) {
	case []int64:
		c.ints, n = x, len(x)
	case []float64:
		c.flts, n = x, len(x)
	case []bool:
		c.bools, n = x, len(x)
	case []string:
		c.strs, n = x, len(x)
	default:
		return nil, &Error{Event: -1, Path: name, Err: fmt.Errorf("%w: column data %s", ErrUnsupportedValue, describe(data))}
	}
	if kindOfData(data) != t.Kind {
		return nil, &Error{Event: -1, Path: name, Err: fmt.Errorf("%w: column is %s, data is %s", ErrTypeDrift, t, kindOfData(data))}
	}
	if n%t.stride() != 0 {
		return nil, &Error{Event: -1, Path: name, Err: fmt.Errorf("%w: %d elements do not make rows of %d", ErrShapeDrift, n, t.stride())}
	}
	c.n = n / t.stride()
	return c, nil
}

func kindOfData(data any) Kind {
	switch data.(type) {
	case []int64:
		return Int64
	case []float64:
		return Float64
	case []bool:
		return Bool
	case []string:
		return String
	}
	return Null
}

// TableOf returns a table of the given columns, in order, sharing them.
// They must have distinct names (ErrDuplicateColumn) and equal lengths
// (ErrLength); no column makes a table of no rows.
func TableOf(cols ...*Column) (*Table, error) {
	rows := 0
	seen := make(map[string]bool, len(cols))
	for i, c := range cols {
		if seen[c.name] {
			return nil, &Error{Event: -1, Path: c.name, Err: ErrDuplicateColumn}
		}
		seen[c.name] = true
		if i == 0 {
			rows = c.n
		} else if c.n != rows {
			return nil, &Error{Event: -1, Path: c.name, Err: fmt.Errorf("%w: column has %d rows, the first has %d", ErrLength, c.n, rows)}
		}
	}
	return newTable(append([]*Column(nil), cols...), rows), nil
}

// appendTyped appends v to a column whose type is fixed, converting ints
// to floats where the column is float; anything else that does not fit is
// an error.
func appendTyped(c *Column, v any) error {
	s, k, ok, err := scalar(v)
	if err != nil {
		return err
	}
	t := c.dtype
	if ok {
		switch {
		case k == Null:
			c.appendNull()
		case t.Shape > 0:
			return fmt.Errorf("%w: column is %s, value is a scalar %s", ErrShapeDrift, t, k)
		case k == t.Kind, t.Kind == Float64 && k == Int64:
			c.appendScalar(s)
		default:
			return fmt.Errorf("%w: column is %s, value is %s", ErrTypeDrift, t, k)
		}
		return nil
	}
	l, isList := asList(v)
	if !isList {
		return fmt.Errorf("%w: %s", ErrUnsupportedValue, describe(v))
	}
	lk, err := listKind(l)
	switch {
	case err != nil:
		return err
	case t.Shape != l.n:
		return fmt.Errorf("%w: column is %s, value has %d elements", ErrShapeDrift, t, l.n)
	case lk == Float64 && t.Kind == Int64:
		return fmt.Errorf("%w: column is %s, value holds floats", ErrTypeDrift, t)
	}
	c.appendList(l)
	return nil
}

// NumRows returns the number of rows.
func (t *Table) NumRows() int { return t.rows }

// NumColumns returns the number of columns.
func (t *Table) NumColumns() int { return len(t.cols) }

// Names returns the column names in order.
func (t *Table) Names() []string {
	out := make([]string, len(t.cols))
	for i, c := range t.cols {
		out[i] = c.name
	}
	return out
}

// Columns returns the columns in order. The slice is a copy; the columns
// are the table's own and must not be modified.
func (t *Table) Columns() []*Column { return append([]*Column(nil), t.cols...) }

// Column returns the column called name, or an error wrapping ErrNoColumn
// that lists the names there are.
func (t *Table) Column(name string) (*Column, error) {
	if i, ok := t.index[name]; ok {
		return t.cols[i], nil
	}
	return nil, fmt.Errorf("%w %q (columns: %s)", ErrNoColumn, name, strings.Join(t.Names(), ", "))
}

// Row returns row i as an ordered record of column name to Value.
func (t *Table) Row(i int) *Record {
	if i < 0 || i >= t.rows {
		panic(fmt.Sprintf("flatten: row %d out of range [0, %d)", i, t.rows))
	}
	r := NewRecord(len(t.cols))
	for _, c := range t.cols {
		r.Set(c.name, c.Value(i))
	}
	return r
}

// Rows iterates over the rows as records, as Row returns them.
func (t *Table) Rows() iter.Seq2[int, *Record] {
	return func(yield func(int, *Record) bool) {
		for i := range t.rows {
			if !yield(i, t.Row(i)) {
				return
			}
		}
	}
}

// Slice returns rows [i, j), clamped to the table, sharing storage (the
// null masks are copied; so are the rows of a builder's table when they
// span more than one of its 32768-row chunks). Negative indexes count from
// the end, as in Python.
func (t *Table) Slice(i, j int) *Table {
	i, j = clampRange(i, j, t.rows)
	cols := make([]*Column, len(t.cols))
	for k, c := range t.cols {
		cols[k] = c.slice(i, j)
	}
	return newTable(cols, j-i)
}

func clampRange(i, j, n int) (int, int) {
	if i < 0 {
		i += n
	}
	if j < 0 {
		j += n
	}
	i, j = min(max(i, 0), n), min(max(j, 0), n)
	return i, max(i, j)
}

// Head returns the first n rows (fewer if the table is shorter).
func (t *Table) Head(n int) *Table { return t.Slice(0, max(n, 0)) }

// Tail returns the last n rows (fewer if the table is shorter).
func (t *Table) Tail(n int) *Table { return t.Slice(t.rows-min(max(n, 0), t.rows), t.rows) }

// Bytes returns the memory the table's column storage occupies.
func (t *Table) Bytes() int {
	total := 0
	for _, c := range t.cols {
		total += c.Bytes()
	}
	return total
}

// AppendField returns a new table with one more column, as numpy's
// recfunctions.append_fields does, except that a scalar works: data may be
// a scalar (broadcast to every row), a list with one value per row (each a
// scalar or, for a sub-array column, a list of numbers), or a *Column of
// the table's length. Any other length is an error wrapping ErrLength.
func (t *Table) AppendField(name string, data any) (*Table, error) {
	if _, exists := t.index[name]; exists {
		return nil, &Error{Path: name, Err: ErrDuplicateColumn}
	}
	col, err := t.fieldColumn(name, data)
	var located *Error
	if errors.As(err, &located) {
		return nil, err
	}
	if err != nil {
		return nil, &Error{Path: name, Err: err}
	}
	return newTable(append(t.Columns(), col), t.rows), nil
}

func (t *Table) fieldColumn(name string, data any) (*Column, error) {
	if c, ok := data.(*Column); ok {
		if c.n != t.rows {
			return nil, fmt.Errorf("%w: column has %d rows, table has %d", ErrLength, c.n, t.rows)
		}
		out := *c
		out.name = name
		return &out, nil
	}
	if _, _, ok, err := scalar(data); ok || err != nil {
		if err != nil {
			return nil, err
		}
		return broadcast(name, data, t.rows)
	}
	l, ok := asList(data)
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnsupportedValue, describe(data))
	}
	if l.n != t.rows {
		return nil, fmt.Errorf("%w: data has %d values, table has %d rows (give a scalar to fill every row)", ErrLength, l.n, t.rows)
	}
	b := NewBuilder(Options{AllowSeparatorInKeys: true})
	for i := range l.n {
		if err := b.Append(RecordOf(name, l.at(i))); err != nil {
			return nil, err
		}
	}
	if l.n == 0 {
		return &Column{name: name}, nil
	}
	return b.Table().cols[0], nil
}

// broadcast builds a column holding the scalar v in each of rows rows.
func broadcast(name string, v any, rows int) (*Column, error) {
	s, k, _, _ := scalar(v)
	c := &Column{name: name}
	if k == Null {
		c.padNulls(rows)
		return c, nil
	}
	c.retype(DType{Kind: k})
	switch k {
	case Int64:
		c.ints = filled(s.(int64), rows)
	case Float64:
		c.flts = filled(s.(float64), rows)
	case Bool:
		c.bools = filled(s.(bool), rows)
	case String:
		c.strs = filled(s.(string), rows)
	}
	c.n = rows
	return c, nil
}

func filled[T any](v T, n int) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = v
	}
	return out
}
