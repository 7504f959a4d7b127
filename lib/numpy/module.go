// Package numpy is the module cells import as numpy: plainly not numpy,
// but the part of it that the seed notebook used, with its neighbours,
// over flatten's typed columns. np.array(rows, dtype=[("x", "3d"), ("y",
// int), ("z", float)]) makes a structured array (a flatten.Table), which
// a.view(np.recarray) turns into a record array whose fields are
// attributes (r.x); np.array([1, 2, 3]) and np.array([[1, 2], [3, 4]])
// make plain arrays of one or two dimensions (one flatten.Column, a
// sub-array column for two). Arrays know their dtype, shape and length,
// index, slice and iterate, and reduce with mean, sum, min, max and std;
// np.arange makes ranges. numpy.lib.recfunctions.append_fields adds
// fields, and broadcasts a scalar to every row, which the seed's numpy
// refused ("len() of unsized object").
//
// print(a) shows an array as numpy's str, and a cell's result shows it as
// numpy's repr, both in the seed's numpy: plain arrays as 1.13 prints them
// ("[[ 1.  2.  3.]\n [ 1.  2.  3.]]", "array([2, 5])"), structured arrays
// as 1.11 did (records as Python tuples, "rec.array([...], \n      dtype=
// [...])"). repr(a) is str(a): the dialect has one text form per value.
//
// Arrays are immutable (no item assignment, no arithmetic yet), have at
// most two dimensions and hold int64, float64, bool or str elements.
package numpy

import (
	"math"

	"go.starlark.net/starlark"

	"pushbook/flatten"
	"pushbook/kernel"
)

// Module is "import numpy" (import numpy as np).
var Module = kernel.Module{
	Name: "numpy",
	Doc:  "a small numpy over typed columns: np.array(rows, dtype=[...]), a.view(np.recarray), np.arange, np.mean",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
}

// LibModule is "import numpy.lib" (from numpy.lib import recfunctions).
var LibModule = kernel.Module{
	Name: "numpy.lib",
	Doc:  "numpy.lib: recfunctions, for structured arrays",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return libMembers, nil },
}

// RecfunctionsModule is "import numpy.lib.recfunctions".
var RecfunctionsModule = kernel.Module{
	Name: "numpy.lib.recfunctions",
	Doc:  "numpy.lib.recfunctions: append_fields, which adds fields to a structured array",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return recfunctionsMembers, nil },
}

var recfunctionsMembers = starlark.StringDict{
	"append_fields": kernel.NewBuiltin("append_fields", `append_fields(base, names, data, dtypes=None, fill_value=-1, usemask=True, asrecarray=False): base with new fields; a scalar fills every row, short data is padded with fill_value (pushbook returns a plain array, never a masked one)`, appendFields),
}

var libMembers = starlark.StringDict{
	"recfunctions": kernel.ModuleValue(RecfunctionsModule.Name, RecfunctionsModule.Doc, recfunctionsMembers),
}

var members = func() starlark.StringDict {
	m := starlark.StringDict{
		"array":    kernel.NewBuiltin("array", `array(object, dtype=None): a plain array from a list (of rows, for 2-D), or a structured one from row tuples and dtype=[("x", "3d"), ("y", int)]`, arrayBuiltin),
		"arange":   kernel.NewBuiltin("arange", `arange([start,] stop[, step], dtype=None): evenly spaced values in [start, stop), ints if every argument is an int`, arangeBuiltin),
		"dtype":    kernel.NewBuiltin("dtype", `dtype(spec): a data type: np.dtype("float64"), np.dtype(int), np.dtype([("x", "3d"), ("y", int)])`, dtypeBuiltin),
		"ndarray":  ndarrayClass,
		"recarray": recarrayClass,
		"int64":    scalarClass(flatten.Int64),
		"float64":  scalarClass(flatten.Float64),
		"bool_":    scalarClass(flatten.Bool),
		"pi":       starlark.Float(math.Pi),
		"e":        starlark.Float(math.E),
		"nan":      starlark.Float(math.NaN()),
		"inf":      starlark.Float(math.Inf(1)),
		"lib":      kernel.ModuleValue(LibModule.Name, LibModule.Doc, libMembers),
	}
	for name := range reductions {
		m[name] = reduceBuiltin(name, false)
	}
	return m
}()

// arrayMethods are the methods of plain and structured arrays.
var arrayMethods = func() map[string]*starlark.Builtin {
	m := map[string]*starlark.Builtin{
		"view":   kernel.NewBuiltin("view", "a.view(cls): the same data as a np.recarray (fields as attributes) or a np.ndarray", view),
		"tolist": kernel.NewBuiltin("tolist", "a.tolist(): the elements as Python values (rows as lists, records as tuples)", tolist),
	}
	for name := range reductions {
		m[name] = reduceBuiltin(name, true)
	}
	return m
}()

// array(object, dtype=None) builds a plain or a structured array.
func arrayBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var object, dtype starlark.Value = nil, starlark.None
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "object", &object, "dtype?", &dtype); err != nil {
		return nil, err
	}
	var d *DType
	if dtype != starlark.None {
		var err error
		if d, err = parseDType(dtype); err != nil {
			return nil, within("array", err)
		}
	}
	if d != nil && d.fields != nil {
		if s, ok := object.(*Structured); ok && structDType(s.t).key() == d.key() {
			return &Structured{t: s.t}, nil
		}
		t, err := structuredTable(thread, object, d.fields)
		if err != nil {
			return nil, within("array", err)
		}
		return &Structured{t: t}, nil
	}
	if s, ok := object.(*Structured); ok && d == nil {
		return &Structured{t: s.t}, nil
	}
	var want *flatten.Kind
	if d != nil {
		if d.elem.Shape > 0 {
			return nil, starlark.Errorf(starlark.ValueError, "array: a sub-array dtype (%s) is for a field of a structured array", d.str)
		}
		want = &d.elem.Kind
	}
	col, err := plainColumn(thread, object, want)
	if err != nil {
		return nil, within("array", err)
	}
	return &Array{col: col}, nil
}

// dtype(spec) is a dtype value.
func dtypeBuiltin(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var spec starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &spec); err != nil {
		return nil, err
	}
	d, err := parseDType(spec)
	if err != nil {
		return nil, within("dtype", err)
	}
	return d, nil
}

// arange([start,] stop[, step], dtype=None): as numpy, int64 when every
// argument is an int, else float64 with start + i*step for element i.
func arangeBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var a0, a1, a2, dtype starlark.Value = nil, starlark.None, starlark.None, starlark.None
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "start", &a0, "stop?", &a1, "step?", &a2, "dtype?", &dtype); err != nil {
		return nil, err
	}
	start, stop, step := starlark.Value(starlark.MakeInt(0)), a0, starlark.Value(starlark.MakeInt(1))
	if a1 != starlark.None {
		start, stop = a0, a1
	}
	if a2 != starlark.None {
		step = a2
	}
	kind := flatten.Int64
	var nums [3]elem
	for i, v := range []starlark.Value{start, stop, step} {
		e, err := elemOf(v)
		if err != nil || e.kind == flatten.String {
			return nil, starlark.Errorf(starlark.TypeError, "arange: start, stop and step are numbers, not %s", v.Type())
		}
		if e.kind == flatten.Float64 {
			kind = flatten.Float64
		}
		nums[i] = e
	}
	if dtype != starlark.None {
		t, err := elemType(dtype)
		if err != nil {
			return nil, within("arange", err)
		}
		if t.Shape > 0 || t.Kind == flatten.String {
			return nil, starlark.Errorf(starlark.TypeError, "arange: dtype %s is not a number type", dtype)
		}
		kind = t.Kind
	}
	f0, _ := nums[0].asFloat()
	f1, _ := nums[1].asFloat()
	f2, _ := nums[2].asFloat()
	if f2 == 0 {
		return nil, starlark.Errorf(starlark.ZeroDivisionError, "arange: step must not be zero")
	}
	n := math.Ceil((f1 - f0) / f2)
	if kind != flatten.Float64 && nums[0].kind != flatten.Float64 && nums[1].kind != flatten.Float64 && nums[2].kind != flatten.Float64 {
		i0, _ := nums[0].asInt()
		i1, _ := nums[1].asInt()
		i2, _ := nums[2].asInt()
		n = float64(ceilDiv(i1-i0, i2))
	}
	if math.IsNaN(n) || n < 0 {
		n = 0
	}
	if n >= float64(starlark.AllocLimit) {
		return nil, starlark.Errorf(starlark.MemoryError, "arange: %.0f elements is too many (at most %d in one operation)", n, starlark.AllocLimit)
	}
	delta := (f0 + f2) - f0 // numpy fills start + i*delta
	f := filler{t: flatten.DType{Kind: kind}}
	for i := range int(n) {
		if err := kernel.LoopCheckpoint(thread, i); err != nil {
			return nil, err
		}
		var e elem
		if nums[0].kind != flatten.Float64 && nums[1].kind != flatten.Float64 && nums[2].kind != flatten.Float64 {
			i0, _ := nums[0].asInt()
			i2, _ := nums[2].asInt()
			e = elem{kind: flatten.Int64, i: i0 + int64(i)*i2}
		} else {
			e = elem{kind: flatten.Float64, f: f0 + float64(i)*delta}
			if i == 1 {
				e.f = f0 + f2
			}
		}
		if err := f.add(e); err != nil {
			return nil, within("arange", err)
		}
	}
	col, err := f.column("")
	if err != nil {
		return nil, within("arange", err)
	}
	return &Array{col: col}, nil
}

// ceilDiv is the number of steps of size d (not 0) from 0 to n, rounded up.
func ceilDiv(n, d int64) int64 {
	q := n / d
	if q*d != n && (n < 0) == (d < 0) {
		q++
	}
	return q
}

// view(cls) is a.view(np.recarray) or a.view(np.ndarray).
func view(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var cls starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &cls); err != nil {
		return nil, err
	}
	if cls != ndarrayClass && cls != recarrayClass {
		return nil, starlark.Errorf(starlark.TypeError, "view: pushbook's view takes np.recarray or np.ndarray, not %s", cls)
	}
	switch a := b.Receiver().(type) {
	case *Structured:
		return &Structured{t: a.t, rec: cls == recarrayClass}, nil
	case *Array:
		if cls == recarrayClass {
			return nil, starlark.Errorf(starlark.TypeError, "view: only a structured array (np.array(rows, dtype=[...])) has fields to view as a recarray")
		}
		return a, nil
	}
	return nil, starlark.Errorf(starlark.TypeError, "view: not an array")
}

// tolist() is a.tolist().
func tolist(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	switch a := b.Receiver().(type) {
	case *Structured:
		return a.tolist(), nil
	case *Array:
		return a.tolist(), nil
	}
	return nil, starlark.Errorf(starlark.TypeError, "tolist: not an array")
}
