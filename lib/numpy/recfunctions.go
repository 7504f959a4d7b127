package numpy

import (
	"strconv"

	"go.starlark.net/starlark"

	"pushbook/flatten"
	"pushbook/kernel"
)

// append_fields(base, names, data, dtypes=None, fill_value=-1,
// usemask=True, asrecarray=False) is numpy.lib.recfunctions.append_fields:
// base with one new field per name, at the end. names is a str (data is
// then one field's data) or a list of strs (data a list with one entry per
// name). A field's data is a scalar, broadcast to every row (numpy
// refused it), a list, or a plain array; data shorter than base is padded
// with fill_value, longer data is a ValueError (numpy would pad base).
// dtypes converts the data: one type for every field, or one per field.
// The result is a record array if asrecarray, else a structured array:
// usemask=True asks numpy for a masked array, pushbook has none.
func appendFields(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var base, names, data starlark.Value
	var dtypes starlark.Value = starlark.None
	var fill starlark.Value = starlark.MakeInt(-1)
	usemask, asrecarray := true, false
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "base", &base, "names", &names, "data", &data,
		"dtypes?", &dtypes, "fill_value?", &fill, "usemask?", &usemask, "asrecarray?", &asrecarray); err != nil {
		return nil, err
	}
	s, ok := base.(*Structured)
	if !ok {
		return nil, starlark.Errorf(starlark.TypeError, "append_fields: base must be a structured array (np.array(rows, dtype=[...])), not %s", base.Type())
	}
	fieldNames, datas, err := namesAndData(names, data)
	if err != nil {
		return nil, err
	}
	types, err := fieldTypes(dtypes, len(fieldNames))
	if err != nil {
		return nil, err
	}
	fillElem, err := elemOf(fill)
	if err != nil {
		return nil, within("append_fields: fill_value", err)
	}
	t := s.t
	for i, name := range fieldNames {
		col, err := fieldColumn(thread, datas[i], types[i], fillElem, t.NumRows())
		if err != nil {
			return nil, within("append_fields: field "+strconv.Quote(name), err)
		}
		if t, err = t.AppendField(name, col); err != nil {
			return nil, starlark.Errorf(starlark.ValueError, "append_fields: field %q: %w", name, unwrapped(err))
		}
	}
	return &Structured{t: t, rec: asrecarray}, nil
}

// namesAndData pairs the names with their data as numpy does: a str name
// takes data whole; a list of names takes one entry of data each.
func namesAndData(names, data starlark.Value) ([]string, []starlark.Value, error) {
	if name, ok := names.(starlark.String); ok {
		return []string{string(name)}, []starlark.Value{data}, nil
	}
	seq, ok := names.(starlark.Indexable)
	if !ok {
		return nil, nil, starlark.Errorf(starlark.TypeError, "append_fields: names must be a str or a list of strs, not %s", names.Type())
	}
	out := make([]string, seq.Len())
	for i := range out {
		n, ok := seq.Index(i).(starlark.String)
		if !ok {
			return nil, nil, starlark.Errorf(starlark.TypeError, "append_fields: names[%d] must be a str, not %s", i, seq.Index(i).Type())
		}
		out[i] = string(n)
	}
	ds, ok := data.(starlark.Indexable)
	if _, isArray := data.(*Array); isArray || !ok || isScalar(data) || ds.Len() != len(out) {
		return nil, nil, starlark.Errorf(starlark.ValueError, "append_fields: the number of arrays does not match the number of names (%d names): give data as a list with one entry per name", len(out))
	}
	datas := make([]starlark.Value, len(out))
	for i := range datas {
		datas[i] = ds.Index(i)
	}
	return out, datas, nil
}

// fieldTypes reads dtypes: None, one type for every field, or a list of
// one type per field.
func fieldTypes(dtypes starlark.Value, n int) ([]*flatten.DType, error) {
	out := make([]*flatten.DType, n)
	if dtypes == starlark.None {
		return out, nil
	}
	list := []starlark.Value{dtypes}
	if seq, ok := dtypes.(*starlark.List); ok {
		list = list[:0]
		for i := range seq.Len() {
			list = append(list, seq.Index(i))
		}
	}
	if len(list) != n && len(list) != 1 {
		return nil, starlark.Errorf(starlark.ValueError, "append_fields: the dtypes argument must be None, a dtype, or a list with one per name (%d names, %d dtypes)", n, len(list))
	}
	for i := range out {
		t, err := elemType(list[min(i, len(list)-1)])
		if err != nil {
			return nil, within("append_fields: dtypes", err)
		}
		out[i] = &t
	}
	return out, nil
}

// fieldColumn makes the column of one new field of rows rows.
func fieldColumn(thread *starlark.Thread, data starlark.Value, t *flatten.DType, fill elem, rows int) (*flatten.Column, error) {
	if isScalar(data) {
		e, err := elemOf(data)
		if err != nil {
			return nil, err
		}
		f := filler{t: flatten.DType{Kind: e.kind}}
		if t != nil {
			f.t = *t
		}
		for i := range rows {
			if err := kernel.LoopCheckpoint(thread, i); err != nil {
				return nil, err
			}
			for range max(f.t.Shape, 1) {
				if err := f.add(e); err != nil {
					return nil, err
				}
			}
		}
		return f.column("")
	}
	var want *flatten.Kind
	if t != nil {
		want = &t.Kind
	}
	col, err := plainColumn(thread, data, want)
	if err != nil {
		return nil, err
	}
	if t != nil && t.Shape != col.DType().Shape {
		return nil, starlark.Errorf(starlark.ValueError, "the data's rows have %d elements, dtype %s wants %d", col.DType().Shape, t, t.Shape)
	}
	switch n := col.Len(); {
	case n > rows:
		return nil, starlark.Errorf(starlark.ValueError, "data has %d values, base has %d rows", n, rows)
	case n < rows:
		return padded(thread, col, fill, rows)
	}
	return col, nil
}

// padded is col with rows up to rows filled with fill, as numpy pads
// short data with fill_value when usemask is False.
func padded(thread *starlark.Thread, col *flatten.Column, fill elem, rows int) (*flatten.Column, error) {
	f := filler{t: col.DType()}
	n := col.Len()
	for i := range rows {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		if i < n {
			if err := addRow(&f, col, i); err != nil {
				return nil, err
			}
			continue
		}
		for range max(f.t.Shape, 1) {
			if err := f.add(fill); err != nil {
				return nil, within("fill_value", err)
			}
		}
	}
	return f.column("")
}

// addRow adds row i of col to f.
func addRow(f *filler, col *flatten.Column, i int) error {
	switch v := col.Value(i).(type) {
	case []int64:
		for _, x := range v {
			if err := f.add(elem{kind: flatten.Int64, i: x}); err != nil {
				return err
			}
		}
		return nil
	case []float64:
		for _, x := range v {
			if err := f.add(elem{kind: flatten.Float64, f: x}); err != nil {
				return err
			}
		}
		return nil
	default:
		return f.add(elemOfValue(v))
	}
}
