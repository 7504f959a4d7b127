package numpy

import (
	"errors"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"pushbook/flatten"
)

// DType is a numpy dtype as a value: a plain element type (int64, float64,
// bool, str) or a structured one, a list of named fields. The scalar
// classes np.int64, np.float64 and np.bool_ are DTypes too, marked class:
// they print as classes, convert when called (np.float64(3) is 3.0) and
// compare equal to the dtype of their kind, as in numpy.
type DType struct {
	elem   flatten.DType   // a plain dtype's element type; Shape > 0 only for a sub-array spec such as "3d"
	fields []flatten.Field // a structured dtype's fields; nil for a plain one
	str    string          // str(dtype): "int64", "<U5", "[('x', '<f8', (3,))]"
	class  bool            // np.int64, np.float64, np.bool_
}

var (
	_ starlark.Comparable = (*DType)(nil)
	_ starlark.HasAttrs   = (*DType)(nil)
	_ starlark.Callable   = (*DType)(nil)
)

// String is str(dtype), what print shows: "int64", or for a class
// "<class 'numpy.float64'>".
func (d *DType) String() string {
	if d.class {
		return "<class 'numpy." + d.Name() + "'>"
	}
	return d.str
}

// Repr is repr(dtype), what a cell shows: "dtype('int64')",
// "dtype([('x', '<f8', (3,)), ('y', '<i8')])".
func (d *DType) Repr() string {
	if d.fields != nil || d.elem.Shape > 0 {
		return "dtype(" + d.str + ")"
	}
	return "dtype('" + d.str + "')"
}

// MIMEBundle shows a dtype as numpy's repr.
func (d *DType) MIMEBundle() map[string]string {
	if d.class {
		return map[string]string{"text/plain": d.String()}
	}
	return map[string]string{"text/plain": d.Repr()}
}

func (d *DType) Type() string {
	if d.class {
		return "type"
	}
	return "numpy.dtype"
}
func (d *DType) Freeze()               {}
func (d *DType) Truth() starlark.Bool  { return true }
func (d *DType) Hash() (uint32, error) { return starlark.String(d.key()).Hash() }

// Name is the class's name (float64) or the dtype's name (int64, str, void).
func (d *DType) Name() string {
	switch {
	case d.fields != nil:
		return "void"
	case d.elem.Kind == flatten.Bool && d.class:
		return "bool_"
	case d.elem.Kind == flatten.String:
		return "str"
	}
	return d.elem.Kind.String()
}

// key identifies the type for equality: str widths do not count.
func (d *DType) key() string {
	if d.fields == nil {
		return d.elem.String()
	}
	parts := make([]string, len(d.fields))
	for i, f := range d.fields {
		parts[i] = strconv.Quote(f.Name) + ":" + f.Type.String()
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func (d *DType) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	eq := d.key() == y.(*DType).key()
	switch op {
	case syntax.EQL:
		return eq, nil
	case syntax.NEQ:
		return !eq, nil
	}
	return false, starlark.Errorf(starlark.TypeError, "dtypes are compared with == and != only")
}

func (d *DType) Attr(name string) (starlark.Value, error) {
	switch name {
	case "names":
		if d.fields == nil {
			return starlark.None, nil
		}
		names := make(starlark.Tuple, len(d.fields))
		for i, f := range d.fields {
			names[i] = starlark.String(f.Name)
		}
		return names, nil
	case "name":
		return starlark.String(d.Name()), nil
	case "kind":
		return starlark.String(d.kindChar()), nil
	case "shape":
		if d.fields == nil && d.elem.Shape > 0 {
			return starlark.Tuple{starlark.MakeInt(d.elem.Shape)}, nil
		}
		return starlark.Tuple{}, nil
	}
	return nil, nil
}

func (d *DType) AttrNames() []string { return []string{"kind", "name", "names", "shape"} }

// kindChar is numpy's dtype.kind: i, f, b, U, or V for a structured dtype.
func (d *DType) kindChar() string {
	if d.fields != nil {
		return "V"
	}
	switch d.elem.Kind {
	case flatten.Int64:
		return "i"
	case flatten.Float64:
		return "f"
	case flatten.Bool:
		return "b"
	case flatten.String:
		return "U"
	}
	return "O"
}

// CallInternal makes np.float64(x), np.int64(x) and np.bool_(x) convert x;
// a dtype that is not a class cannot be called, as in numpy.
func (d *DType) CallInternal(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if !d.class {
		return nil, starlark.Errorf(starlark.TypeError, "'numpy.dtype' object is not callable")
	}
	var x starlark.Value = starlark.MakeInt(0)
	if err := starlark.UnpackPositionalArgs(d.Name(), args, kwargs, 0, &x); err != nil {
		return nil, err
	}
	e, err := elemOf(x)
	if err != nil {
		return nil, within(d.Name(), err)
	}
	return e.convert(d.elem.Kind)
}

// scalarClass is the class np.<name> of the given kind.
func scalarClass(k flatten.Kind) *DType {
	return &DType{elem: flatten.DType{Kind: k}, str: k.String(), class: true}
}

// plainDType is the dtype of a plain array made of col.
func plainDType(col *flatten.Column) *DType {
	return &DType{elem: flatten.DType{Kind: col.DType().Kind}, str: col.NumPyTypeName()}
}

// structDType is the dtype of a structured array made of t.
func structDType(t *flatten.Table) *DType {
	fields := make([]flatten.Field, t.NumColumns())
	for i, c := range t.Columns() {
		fields[i] = flatten.Field{Name: c.Name(), Type: c.DType()}
	}
	return &DType{fields: fields, str: t.NumPyDType()}
}

// specDType is the dtype a spec names, before any data is seen (a str
// dtype's width is then unknown: "<U0", as numpy spells np.dtype(str)).
func specDType(elem flatten.DType, fields []flatten.Field) *DType {
	if fields == nil {
		name := elem.Kind.String()
		if elem.Kind == flatten.String {
			name = "<U0"
		}
		if elem.Shape > 0 {
			name = "('" + typeCode(elem.Kind) + "', (" + strconv.Itoa(elem.Shape) + ",))"
		}
		return &DType{elem: elem, str: name}
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = "(" + starlark.String(f.Name).String() + ", '" + typeCode(f.Type.Kind) + "'"
		if f.Type.Shape > 0 {
			parts[i] += ", (" + strconv.Itoa(f.Type.Shape) + ",)"
		}
		parts[i] += ")"
	}
	return &DType{fields: fields, str: "[" + strings.Join(parts, ", ") + "]"}
}

func typeCode(k flatten.Kind) string {
	switch k {
	case flatten.Int64:
		return "<i8"
	case flatten.Float64:
		return "<f8"
	case flatten.Bool:
		return "?"
	case flatten.String:
		return "<U0"
	}
	return "|O"
}

// elemType reads one element type: a numpy spelling ("int64", "f8", "3d",
// "U10"), one of Python's int, float, bool, str, or a plain dtype or
// scalar class (np.float64, a.dtype).
func elemType(v starlark.Value) (flatten.DType, error) {
	switch v := v.(type) {
	case starlark.String:
		t, err := flatten.ParseDType(string(v))
		if err != nil {
			return flatten.DType{}, starlark.Errorf(starlark.TypeError, "%w", unwrapped(err))
		}
		return t, nil
	case *starlark.Builtin:
		switch v.Name() {
		case "int":
			return flatten.DType{Kind: flatten.Int64}, nil
		case "float":
			return flatten.DType{Kind: flatten.Float64}, nil
		case "bool":
			return flatten.DType{Kind: flatten.Bool}, nil
		case "str":
			return flatten.DType{Kind: flatten.String}, nil
		}
	case *DType:
		if v.fields == nil {
			return v.elem, nil
		}
		return flatten.DType{}, starlark.Errorf(starlark.TypeError, "a structured dtype cannot be a field's type here (fields hold numbers, bools, strs or sub-arrays of numbers)")
	}
	return flatten.DType{}, starlark.Errorf(starlark.TypeError, "data type not understood: %s (use int, float, bool, str, np.int64, np.float64 or a spelling such as 'f8' or '3d')", v.Type())
}

// unwrapped is err without flatten's location, which the caller gives.
func unwrapped(err error) error {
	var fe *flatten.Error
	if errors.As(err, &fe) {
		return fe.Err
	}
	return err
}

// parseDType reads a dtype argument: a list of fields ([("x", "3d"),
// ("y", int)], each (name, type) or (name, type, shape)) for a structured
// dtype, a structured dtype value, or an element type for a plain one.
func parseDType(v starlark.Value) (*DType, error) {
	if d, ok := v.(*DType); ok {
		if d.class {
			return specDType(d.elem, nil), nil
		}
		return d, nil
	}
	list, ok := v.(*starlark.List)
	if !ok {
		t, err := elemType(v)
		if err != nil {
			return nil, err
		}
		return specDType(t, nil), nil
	}
	fields := make([]flatten.Field, list.Len())
	seen := map[string]bool{}
	for i := range fields {
		f, err := parseField(i, list.Index(i))
		if err != nil {
			return nil, err
		}
		if seen[f.Name] {
			return nil, starlark.Errorf(starlark.ValueError, "field %q occurs more than once in the dtype", f.Name)
		}
		seen[f.Name] = true
		fields[i] = f
	}
	return specDType(flatten.DType{}, fields), nil
}

// parseField reads entry i of a dtype list.
func parseField(i int, v starlark.Value) (flatten.Field, error) {
	entry, ok := v.(starlark.Indexable)
	if _, isStr := v.(starlark.String); isStr || !ok || entry.Len() < 2 || entry.Len() > 3 {
		return flatten.Field{}, starlark.Errorf(starlark.TypeError, "dtype entry %d must be a (name, type) or (name, type, shape) tuple, not %s", i, v)
	}
	name, ok := entry.Index(0).(starlark.String)
	if !ok {
		return flatten.Field{}, starlark.Errorf(starlark.TypeError, "dtype entry %d: a field's name must be a str, not %s", i, entry.Index(0).Type())
	}
	t, err := elemType(entry.Index(1))
	if err != nil {
		return flatten.Field{}, within("field "+strconv.Quote(string(name)), err)
	}
	if entry.Len() == 3 {
		n, err := shapeLength(entry.Index(2))
		if err != nil {
			return flatten.Field{}, within("field "+strconv.Quote(string(name)), err)
		}
		if t.Shape > 0 && n > 1 {
			return flatten.Field{}, starlark.Errorf(starlark.ValueError, "field %q: only one-dimensional sub-arrays are supported", string(name))
		}
		if n > 1 || t.Shape == 0 && n == 1 {
			t.Shape = n
		}
	}
	if t.Shape > 0 && t.Kind != flatten.Int64 && t.Kind != flatten.Float64 {
		return flatten.Field{}, starlark.Errorf(starlark.ValueError, "field %q: sub-arrays hold int64 or float64, not %s", string(name), t.Kind)
	}
	return flatten.Field{Name: string(name), Type: t}, nil
}

// shapeLength reads a sub-array shape: 3 or (3,).
func shapeLength(v starlark.Value) (int, error) {
	if t, ok := v.(starlark.Tuple); ok && len(t) == 1 {
		v = t[0]
	}
	var n int
	if err := starlark.AsInt(v, &n); err != nil || n < 1 {
		return 0, starlark.Errorf(starlark.ValueError, "a sub-array shape must be a positive length such as 3 or (3,), not %s", v)
	}
	return n, nil
}
