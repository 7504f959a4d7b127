package tables

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"go.starlark.net/starlark"

	"pushbook/flatten"
	"pushbook/kernel"
	"pushbook/pipeline"
)

// Tables: nested events (Starlark dicts) flattened into typed columnar
// tables by the flatten package. The adapters below let flatten read
// Starlark values without copying them into Go maps (which have no order).

// dictMap adapts a Starlark dict to flatten.Map; keys must be strings.
type dictMap struct{ d *starlark.Dict }

func (m dictMap) Len() int { return m.d.Len() }

func (m dictMap) Range(fn func(key string, v any) error) error {
	for _, kv := range m.d.Items() {
		k, ok := kv[0].(starlark.String)
		if !ok {
			return fmt.Errorf("key %s is %s, not str: event keys must be strings", kv[0], kv[0].Type())
		}
		v, err := toFlatten(kv[1])
		if err != nil {
			return fmt.Errorf("key %q: %w", string(k), err)
		}
		if err := fn(string(k), v); err != nil {
			return err
		}
	}
	return nil
}

// seqList adapts a Starlark list or tuple to flatten.List.
type seqList struct{ s starlark.Indexable }

func (l seqList) Len() int { return l.s.Len() }
func (l seqList) At(i int) any {
	v, err := toFlatten(l.s.Index(i))
	if err != nil {
		return badValue{err}
	}
	return v
}

// badValue carries a conversion error through flatten.List.At, which cannot
// return one; flatten refuses it as an unsupported value, naming the path.
type badValue struct{ err error }

func (b badValue) String() string { return b.err.Error() }

// toFlatten converts a Starlark value to flatten's value model.
func toFlatten(v starlark.Value) (any, error) {
	switch v := v.(type) {
	case starlark.NoneType:
		return nil, nil
	case starlark.Bool:
		return bool(v), nil
	case starlark.Int:
		if i, ok := v.Int64(); ok {
			return i, nil
		}
		return nil, fmt.Errorf("int %s does not fit in 64 bits", v)
	case starlark.Float:
		return float64(v), nil
	case starlark.String:
		return string(v), nil
	case *starlark.Dict:
		return dictMap{v}, nil
	case *starlark.List:
		return seqList{v}, nil
	case starlark.Tuple:
		return seqList{v}, nil
	}
	return nil, fmt.Errorf("a %s cannot go in a table (values are None, bool, int, float, str, lists of numbers and dicts)", v.Type())
}

// listOf converts each element of xs with conv into a new Starlark list.
func listOf[T any](xs []T, conv func(T) starlark.Value) *starlark.List {
	l := make([]starlark.Value, len(xs))
	for i, x := range xs {
		l[i] = conv(x)
	}
	return starlark.NewList(l)
}

// FromFlatten converts a flatten value back to Starlark.
func FromFlatten(v any) starlark.Value {
	switch v := v.(type) {
	case nil:
		return starlark.None
	case bool:
		return starlark.Bool(v)
	case int64:
		return starlark.MakeInt64(v)
	case float64:
		return starlark.Float(v)
	case string:
		return starlark.String(v)
	case []int64:
		return listOf(v, func(x int64) starlark.Value { return starlark.MakeInt64(x) })
	case []float64:
		return listOf(v, func(x float64) starlark.Value { return starlark.Float(x) })
	case []any:
		return listOf(v, FromFlatten)
	case *flatten.Record:
		d := starlark.NewDict(v.Len())
		for k, x := range v.All() {
			_ = d.SetKey(starlark.String(k), FromFlatten(x))
		}
		return d
	case flatten.Map:
		d := starlark.NewDict(v.Len())
		_ = v.Range(func(k string, x any) error { return d.SetKey(starlark.String(k), FromFlatten(x)) })
		return d
	case flatten.List:
		l := make([]starlark.Value, v.Len())
		for i := range l {
			l[i] = FromFlatten(v.At(i))
		}
		return starlark.NewList(l)
	}
	return starlark.String(fmt.Sprint(v))
}

// Table is a flatten.Table as a Starlark value: t.x or t["x"] is a column,
// t[i] a row (a dict), len(t) the number of rows. Shown as a cell's
// result it renders as text and as an HTML table.
type Table struct {
	t      *flatten.Table
	thread *starlark.Thread // the thread that made it: its session keeps the table for download when shown
}

var (
	_ starlark.HasAttrs  = (*Table)(nil)
	_ starlark.Mapping   = (*Table)(nil)
	_ starlark.Sequence  = (*Table)(nil)
	_ kernel.Displayable = (*Table)(nil)
	_ starlark.HasAttrs  = (*Column)(nil)
	_ starlark.Indexable = (*Column)(nil)
)

// Flatten returns the table underneath.
func (t *Table) Flatten() *flatten.Table { return t.t }

func (t *Table) String() string       { return t.t.String() }
func (t *Table) Type() string         { return "table" }
func (t *Table) Freeze()              {}
func (t *Table) Truth() starlark.Bool { return t.t.NumRows() > 0 }
func (t *Table) Hash() (uint32, error) {
	return 0, starlark.Errorf(starlark.TypeError, "unhashable type: 'table'")
}
func (t *Table) Len() int { return t.t.NumRows() }

// MIMEBundle shows the table as text and as HTML. The HTML is wrapped in
// <div data-pushbook-table="ID">: the page adds buttons there that download
// the whole table (Session.ExportTable) while the session holds it.
func (t *Table) MIMEBundle() map[string]string {
	html := t.t.HTML(flatten.TextOptions{})
	if id := kernel.RegisterExport(t.thread, exportable{t.t}); id != 0 {
		html = fmt.Sprintf(`<div class="pushbook-export" data-pushbook-table="%d">%s</div>`, id, html)
	}
	return map[string]string{
		"text/plain": strings.TrimSuffix(t.t.String(), "\n"),
		"text/html":  html,
	}
}

// derived is a table made from t (a slice, head or tail), in t's session.
func (t *Table) derived(ft *flatten.Table) *Table { return &Table{t: ft, thread: t.thread} }

// NewTable wraps a flatten table made by a builtin running on thread.
func NewTable(thread *starlark.Thread, ft *flatten.Table) *Table {
	return &Table{t: ft, thread: thread}
}

// Iterate yields the rows as dicts.
func (t *Table) Iterate() starlark.Iterator { return &rowIterator{t: t.t} }

type rowIterator struct {
	t *flatten.Table
	i int
}

func (it *rowIterator) Next(p *starlark.Value) bool {
	if it.i >= it.t.NumRows() {
		return false
	}
	*p = FromFlatten(it.t.Row(it.i))
	it.i++
	return true
}
func (it *rowIterator) Done() {}

// Get is t["name"] (a column) or t[i] (row i, negative from the end).
func (t *Table) Get(k starlark.Value) (starlark.Value, bool, error) {
	switch k := k.(type) {
	case starlark.String:
		c, err := t.t.Column(string(k))
		if err != nil {
			return nil, false, kernel.Describe(starlark.NewException(starlark.KeyError, k), "%v", err)
		}
		return &Column{c}, true, nil
	case starlark.Int:
		i, ok := k.Int64()
		n := int64(t.t.NumRows())
		if i < 0 {
			i += n
		}
		if !ok || i < 0 || i >= n {
			return nil, false, starlark.Errorf(starlark.IndexError, "row %s out of range: the table has %d rows", k, n)
		}
		return FromFlatten(t.t.Row(int(i))), true, nil
	}
	return nil, false, starlark.Errorf(starlark.TypeError, "table index must be a column name or a row number, not %s", k.Type())
}

var tableMethods = map[string]*starlark.Builtin{
	"column":   starlark.NewBuiltin("column", tableColumn),
	"head":     starlark.NewBuiltin("head", tableHeadTail),
	"tail":     starlark.NewBuiltin("tail", tableHeadTail),
	"slice":    starlark.NewBuiltin("slice", tableSlice),
	"rows":     starlark.NewBuiltin("rows", tableRows),
	"to_csv":   starlark.NewBuiltin("to_csv", tableExport),
	"to_jsonl": starlark.NewBuiltin("to_jsonl", tableExport),
}

// Attr gives the table's methods, its facts (names, dtypes, num_rows,
// nbytes) and, for any other name, the column of that name (numpy's r.x).
func (t *Table) Attr(name string) (starlark.Value, error) {
	if m, ok := tableMethods[name]; ok {
		return m.BindReceiver(t), nil
	}
	switch name {
	case "names":
		return stringList(t.t.Names()), nil
	case "dtypes":
		d := starlark.NewDict(t.t.NumColumns())
		for _, c := range t.t.Columns() {
			_ = d.SetKey(starlark.String(c.Name()), starlark.String(c.DType().String()))
		}
		return d, nil
	case "num_rows":
		return starlark.MakeInt(t.t.NumRows()), nil
	case "nbytes":
		return starlark.MakeInt(t.t.Bytes()), nil
	}
	if c, err := t.t.Column(name); err == nil {
		return &Column{c}, nil
	}
	return nil, nil
}

func (t *Table) AttrNames() []string {
	names := []string{"column", "dtypes", "head", "names", "nbytes", "num_rows", "rows", "slice", "tail", "to_csv", "to_jsonl"}
	return append(names, t.t.Names()...)
}

func stringList(ss []string) *starlark.List {
	l := make([]starlark.Value, len(ss))
	for i, s := range ss {
		l[i] = starlark.String(s)
	}
	return starlark.NewList(l)
}

func tableColumn(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &name); err != nil {
		return nil, err
	}
	c, err := b.Receiver().(*Table).t.Column(name)
	if err != nil {
		return nil, kernel.Describe(starlark.NewException(starlark.KeyError, starlark.String(name)), "%v", err)
	}
	return &Column{c}, nil
}

func tableHeadTail(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	n := 5
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0, &n); err != nil {
		return nil, err
	}
	t := b.Receiver().(*Table).t
	if b.Name() == "head" {
		return b.Receiver().(*Table).derived(t.Head(n)), nil
	}
	return b.Receiver().(*Table).derived(t.Tail(n)), nil
}

func tableSlice(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var i, j int
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &i, &j); err != nil {
		return nil, err
	}
	t := b.Receiver().(*Table)
	return t.derived(t.t.Slice(i, j)), nil
}

func tableRows(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	t := b.Receiver().(*Table).t
	rows := make([]starlark.Value, 0, t.NumRows())
	for i, r := range t.Rows() {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		rows = append(rows, FromFlatten(r))
	}
	return starlark.NewList(rows), nil
}

func tableExport(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	t := b.Receiver().(*Table).t
	var sb strings.Builder
	var err error
	if b.Name() == "to_csv" {
		err = t.WriteCSV(&sb)
	} else {
		err = t.WriteJSONLines(&sb)
	}
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "%s: %w", b.Name(), err)
	}
	return starlark.String(sb.String()), nil
}

// Column is one typed column; str() prints it as numpy prints an array.
type Column struct{ c *flatten.Column }

func (c *Column) String() string { return c.c.NumPy() }
func (c *Column) Type() string   { return "column" }

// Name is the column's name in its table.
func (c *Column) Name() string { return c.c.Name() }

func (c *Column) Freeze()               {}
func (c *Column) Truth() starlark.Bool  { return c.c.Len() > 0 }
func (c *Column) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(c.c)) >> 3), nil }
func (c *Column) Len() int              { return c.c.Len() }
func (c *Column) Index(i int) starlark.Value {
	return FromFlatten(c.c.Value(i))
}
func (c *Column) Iterate() starlark.Iterator { return &columnIterator{c: c} }

type columnIterator struct {
	c *Column
	i int
}

func (it *columnIterator) Next(p *starlark.Value) bool {
	if it.i >= it.c.Len() {
		return false
	}
	*p = it.c.Index(it.i)
	it.i++
	return true
}
func (it *columnIterator) Done() {}

func (c *Column) Attr(name string) (starlark.Value, error) {
	switch name {
	case "name":
		return starlark.String(c.c.Name()), nil
	case "dtype":
		return starlark.String(c.c.DType().String()), nil
	case "null_count":
		return starlark.MakeInt(c.c.NullCount()), nil
	}
	return nil, nil
}

func (c *Column) AttrNames() []string { return []string{"dtype", "name", "null_count"} }

// flatten_dict(d, parent_key="", sep=".") is the seed's flatten_dict in Go:
// nested keys joined in first-seen order; errors name the key path.
func flattenDict(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var d *starlark.Dict
	opts := flatten.Options{Sep: "."}
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "d", &d, "parent_key?", &opts.ParentKey, "sep?", &opts.Sep); err != nil {
		return nil, err
	}
	if opts.Sep == "" {
		return nil, starlark.Errorf(starlark.ValueError, "flatten_dict: sep must not be empty")
	}
	r, err := flatten.Flatten(dictMap{d}, opts)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "flatten_dict: %w", err)
	}
	return FromFlatten(r), nil
}

// BuildTable is flatten.FromEvents with a checkpoint per event, so that
// Stop, a timeout and the step budget reach a long table build.
func BuildTable[M flatten.Map](thread *starlark.Thread, events []M, opts flatten.Options) (*flatten.Table, error) {
	b := flatten.NewBuilder(opts)
	for i, e := range events {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		if err := b.Append(e); err != nil {
			return nil, err
		}
	}
	return b.Table(), nil
}

// events unpacks an iterable of dicts as flatten.Maps.
func events(thread *starlark.Thread, fnName string, it starlark.Iterable) ([]flatten.Map, error) {
	var out []flatten.Map
	var v starlark.Value
	iter := it.Iterate()
	defer iter.Done()
	for i := 0; iter.Next(&v); i++ {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		d, ok := v.(*starlark.Dict)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "%s: event %d is %s, not a dict", fnName, i+1, v.Type())
		}
		out = append(out, dictMap{d})
	}
	return out, nil
}

// table(events, sep=".") flattens a list (or any iterable) of dicts into a
// table: columns in first-seen order, missing values null.
func tableBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var it starlark.Iterable
	opts := flatten.Options{Sep: "."}
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "events", &it, "sep?", &opts.Sep); err != nil {
		return nil, err
	}
	evs, err := events(thread, b.Name(), it)
	if err != nil {
		return nil, err
	}
	t, err := BuildTable(thread, evs, opts)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "table: %w", err)
	}
	return NewTable(thread, t), nil
}

// array(rows, dtype) builds a table from rows (tuples) with numpy's
// dtype list: [("x", "3d"), ("y", int), ("z", float)].
func arrayBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var rows, dtype starlark.Iterable
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "rows", &rows, "dtype", &dtype); err != nil {
		return nil, err
	}
	fields, err := parseFields(dtype)
	if err != nil {
		return nil, err
	}
	var data [][]any
	var v starlark.Value
	it := rows.Iterate()
	defer it.Done()
	for i := 0; it.Next(&v); i++ {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		row, ok := v.(starlark.Indexable)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "array: row %d is %s, not a tuple", i, v.Type())
		}
		cells := make([]any, row.Len())
		for j := range cells {
			if cells[j], err = toFlatten(row.Index(j)); err != nil {
				return nil, starlark.Errorf(starlark.TypeError, "array: row %d, field %d: %w", i, j, err)
			}
		}
		data = append(data, cells)
	}
	t, err := flatten.FromRows(fields, data)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "array: %w", err)
	}
	return NewTable(thread, t), nil
}

// parseFields reads a dtype list; a type may be a numpy spec string or one
// of the builtins int, float, bool, str.
func parseFields(dtype starlark.Iterable) ([]flatten.Field, error) {
	var fields []flatten.Field
	var v starlark.Value
	it := dtype.Iterate()
	defer it.Done()
	for i := 0; it.Next(&v); i++ {
		pair, ok := v.(starlark.Tuple)
		if !ok || len(pair) != 2 {
			return nil, starlark.Errorf(starlark.TypeError, "array: dtype entry %d must be a (name, type) pair, got %s", i, v)
		}
		name, ok := pair[0].(starlark.String)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "array: dtype entry %d: name must be a str, got %s", i, pair[0].Type())
		}
		var spec string
		switch t := pair[1].(type) {
		case starlark.String:
			spec = string(t)
		case *starlark.Builtin:
			spec = t.Name()
		default:
			return nil, starlark.Errorf(starlark.TypeError, "array: dtype of %q must be a str like \"3d\" or one of int, float, bool, str; got %s", string(name), pair[1].Type())
		}
		f, err := flatten.ParseField(string(name), spec)
		if err != nil {
			return nil, starlark.Errorf(starlark.ValueError, "array: %w", err)
		}
		fields = append(fields, f)
	}
	return fields, nil
}

// append_fields(base, names, data) is numpy.lib.recfunctions.append_fields
// for one field: a new table with the column added; data is a list as long
// as the table, a column, or a scalar broadcast to every row.
func appendFields(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var base *Table
	var name string
	var data starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "base", &base, "names", &name, "data", &data); err != nil {
		return nil, err
	}
	var d any
	if c, ok := data.(*Column); ok {
		d = c.c
	} else {
		var err error
		if d, err = toFlatten(data); err != nil {
			return nil, starlark.Errorf(starlark.TypeError, "append_fields: %w", err)
		}
	}
	t, err := base.t.AppendField(name, d)
	if err != nil {
		return nil, starlark.Errorf(starlark.ValueError, "append_fields: %w", err)
	}
	return NewTable(thread, t), nil
}

// table_sink(name="table", sep=".") is a pipeline sink that flattens each
// event it receives into a growing table; its .table attribute is the
// table so far.
func tableSinkBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	name := "table"
	opts := flatten.Options{Sep: "."}
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "name?", &name, "sep?", &opts.Sep); err != nil {
		return nil, err
	}
	tb := &tableBuilder{b: flatten.NewBuilder(opts), thread: thread}
	add := func(v starlark.Value) error {
		d, ok := v.(*starlark.Dict)
		if !ok {
			return starlark.Errorf(starlark.TypeError, "the event is %s, not a dict", v.Type()) // the stage names the event
		}
		if err := tb.b.Append(dictMap{d}); err != nil {
			// the stage names the event (pipeline.StageError); flatten's number would repeat it
			var fe *flatten.Error
			if errors.As(err, &fe) && fe.Path != "" {
				return starlark.Errorf(starlark.ValueError, "key %q: %w", fe.Path, fe.Err)
			}
			return starlark.Errorf(starlark.ValueError, "%w", err)
		}
		return nil
	}
	s := kernel.NewStage(thread, b.Name(), pipeline.Sink(name, add))
	s.SetAttrs(tb)
	return s, nil
}

type tableBuilder struct {
	b      *flatten.Builder
	thread *starlark.Thread
}

func (tb *tableBuilder) StageAttr(name string) (starlark.Value, bool) {
	if name == "table" {
		return &Table{t: tb.b.Table(), thread: tb.thread}, true
	}
	return nil, false
}

// exportable is a shown table as the page downloads it.
type exportable struct{ t *flatten.Table }

// Export writes the whole table as "csv" (RFC 4180) or "jsonl" (JSON Lines).
func (e exportable) Export(format string) (string, error) {
	var b strings.Builder
	var err error
	switch format {
	case "csv":
		err = e.t.WriteCSV(&b)
	case "jsonl":
		err = e.t.WriteJSONLines(&b)
	default:
		return "", fmt.Errorf("export format %q: want csv or jsonl", format)
	}
	return b.String(), err
}
