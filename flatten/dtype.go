package flatten

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is the element type of a column.
type Kind uint8

// The element kinds. Null is the kind of a column that has only ever held
// None/null: its type is not known yet.
const (
	Null Kind = iota
	Int64
	Float64
	Bool
	String
)

var kindNames = [...]string{Null: "null", Int64: "int64", Float64: "float64", Bool: "bool", String: "str"}

// String returns the kind's name as numpy would print it (str for String).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// numeric reports whether the kind may form a fixed-shape sub-array.
func (k Kind) numeric() bool { return k == Int64 || k == Float64 }

// DType is a column's type: an element kind and, for a fixed-shape
// sub-array column such as numpy's "3d", the number of elements per cell.
// Shape 0 means a scalar cell. Only Int64 and Float64 form sub-arrays.
type DType struct {
	Kind  Kind
	Shape int
}

// String spells the type as "int64", "str", or "float64[3]" for a sub-array.
func (t DType) String() string {
	if t.Shape > 0 {
		return t.Kind.String() + "[" + strconv.Itoa(t.Shape) + "]"
	}
	return t.Kind.String()
}

// stride is the number of stored elements per row.
func (t DType) stride() int {
	if t.Shape > 0 {
		return t.Shape
	}
	return 1
}

// Field names a column and its type, one entry of a dtype list such as
// numpy's [("x", "3d"), ("y", "int"), ("z", "float")].
type Field struct {
	Name string
	Type DType
}

// ParseField is ParseDType for one (name, spec) pair of a dtype list.
func ParseField(name, spec string) (Field, error) {
	t, err := ParseDType(spec)
	if err != nil {
		return Field{}, fmt.Errorf("field %q: %w", name, err)
	}
	return Field{Name: name, Type: t}, nil
}

// scalarSpellings maps numpy's type spellings to kinds. Sizes other than 64
// bits are refused rather than silently widened.
var scalarSpellings = map[string]Kind{
	"int": Int64, "int64": Int64, "i8": Int64, "<i8": Int64, "=i8": Int64, "l": Int64, "q": Int64, "long": Int64,
	"float": Float64, "float64": Float64, "f8": Float64, "<f8": Float64, "=f8": Float64, "d": Float64, "double": Float64,
	"bool": Bool, "?": Bool, "b1": Bool, "bool_": Bool,
	"str": String, "U": String, "<U": String, "S": String, "unicode": String, "string": String, "object": String, "O": String,
}

// ParseDType reads a type in numpy's spelling: "int", "i8", "int64",
// "float", "f8", "d", "bool", "?", "str", "U", "U10" (the length is ignored:
// strings are variable length), and sub-arrays "3d", "5i8", "(3,)f8" or
// "(3)float". Multi-dimensional shapes and other sizes (i4, f4) are errors.
func ParseDType(spec string) (DType, error) {
	s := strings.TrimSpace(spec)
	shape, rest, err := leadingShape(s)
	if err != nil {
		return DType{}, fmt.Errorf("dtype %q: %w", spec, err)
	}
	k, ok := scalarSpellings[rest]
	if !ok {
		k, ok = stringWithLength(rest)
	}
	if !ok {
		return DType{}, fmt.Errorf("%w: %q (want int/i8/int64, float/f8/d, bool/?, str/U, optionally preceded by a shape such as 3d)", ErrBadDType, spec)
	}
	if shape > 0 && !k.numeric() {
		return DType{}, fmt.Errorf("%w: %q: sub-arrays hold int64 or float64, not %s", ErrBadDType, spec, k)
	}
	return DType{Kind: k, Shape: shape}, nil
}

// leadingShape splits "3d" or "(3,)d" into 3 and "d".
func leadingShape(s string) (int, string, error) {
	digits := s
	if strings.HasPrefix(s, "(") {
		end := strings.IndexByte(s, ')')
		if end < 0 {
			return 0, "", fmt.Errorf("%w: unclosed shape", ErrBadDType)
		}
		digits = strings.TrimSuffix(strings.TrimSpace(s[1:end]), ",")
		if strings.Contains(digits, ",") {
			return 0, "", fmt.Errorf("%w: only one-dimensional sub-arrays are supported", ErrBadDType)
		}
		n, err := strconv.Atoi(strings.TrimSpace(digits))
		if err != nil || n < 1 {
			return 0, "", fmt.Errorf("%w: shape %q is not a positive length", ErrBadDType, s[:end+1])
		}
		return n, strings.TrimSpace(s[end+1:]), nil
	}
	i := 0
	for i < len(digits) && digits[i] >= '0' && digits[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, s, nil
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil || n < 1 {
		return 0, "", fmt.Errorf("%w: shape %q is not a positive length", ErrBadDType, s[:i])
	}
	return n, s[i:], nil
}

// stringWithLength accepts U10, <U10, S5 and similar.
func stringWithLength(s string) (Kind, bool) {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "<"), "|")
	if len(s) < 2 || (s[0] != 'U' && s[0] != 'S') {
		return Null, false
	}
	if _, err := strconv.Atoi(s[1:]); err != nil {
		return Null, false
	}
	return String, true
}
