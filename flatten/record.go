package flatten

import (
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"reflect"
)

// Map is an ordered mapping from string keys to values: a nested event, a
// Starlark dict or a decoded JSON object. Range calls fn for every entry in
// insertion order and stops at the first error fn returns, returning it.
//
// Values are scalars (nil, bool, int64, float64, string; other Go integer and
// float types are accepted and widened), a nested Map, or a list (a List,
// []any, []int64 or []float64). A Go map is refused: it has no order.
type Map interface {
	Len() int
	Range(fn func(key string, v any) error) error
}

// List is an ordered sequence of values, as a Starlark list or tuple
// adapter would provide it. At must be valid for 0 <= i < Len().
type List interface {
	Len() int
	At(i int) any
}

// Record is an ordered record: the concrete Map that Flatten, DecodeJSON and
// Table.Row return. Keys are unique; Set on an existing key replaces its
// value in place. The zero Record is empty and ready to use.
type Record struct {
	keys   []string
	values []any
	index  map[string]int // built lazily once the record grows past indexAfter keys
}

// indexAfter is the size from which Record keeps a key index; below it a
// linear scan is faster than hashing.
const indexAfter = 16

// NewRecord returns an empty record with room for n keys.
func NewRecord(n int) *Record {
	return &Record{keys: make([]string, 0, n), values: make([]any, 0, n)}
}

// RecordOf builds a record from alternating keys and values, which is
// convenient in tests and examples: RecordOf("x", 1, "y", 2.5). It panics if
// a key is not a string or the arguments are odd in number.
func RecordOf(kv ...any) *Record {
	if len(kv)%2 != 0 {
		panic("flatten.RecordOf: odd number of arguments")
	}
	r := NewRecord(len(kv) / 2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			panic(fmt.Sprintf("flatten.RecordOf: key %d is %T, not string", i/2, kv[i]))
		}
		r.Set(k, kv[i+1])
	}
	return r
}

// Len returns the number of keys.
func (r *Record) Len() int { return len(r.keys) }

// Range calls fn for every key and value in insertion order.
func (r *Record) Range(fn func(key string, v any) error) error {
	for i, k := range r.keys {
		if err := fn(k, r.values[i]); err != nil {
			return err
		}
	}
	return nil
}

// All iterates over the keys and values in insertion order.
func (r *Record) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		for i, k := range r.keys {
			if !yield(k, r.values[i]) {
				return
			}
		}
	}
}

// Keys returns the keys in insertion order. The slice is the record's own;
// do not modify it.
func (r *Record) Keys() []string { return r.keys }

// Values returns the values in insertion order. The slice is the record's
// own; do not modify it.
func (r *Record) Values() []any { return r.values }

// Get returns the value stored under key and whether it was present.
func (r *Record) Get(key string) (any, bool) {
	i := r.find(key)
	if i < 0 {
		return nil, false
	}
	return r.values[i], true
}

// Set stores v under key, appending the key if it is new.
func (r *Record) Set(key string, v any) {
	if i := r.find(key); i >= 0 {
		r.values[i] = v
		return
	}
	r.keys = append(r.keys, key)
	r.values = append(r.values, v)
	if r.index != nil {
		r.index[key] = len(r.keys) - 1
	} else if len(r.keys) > indexAfter {
		r.index = make(map[string]int, len(r.keys)*2)
		for i, k := range r.keys {
			r.index[k] = i
		}
	}
}

func (r *Record) find(key string) int {
	if r.index != nil {
		if i, ok := r.index[key]; ok {
			return i
		}
		return -1
	}
	for i, k := range r.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// String formats the record like a Python dict, for debugging and tests.
func (r *Record) String() string {
	b := []byte{'{'}
	for i, k := range r.keys {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, pyRepr(k)...)
		b = append(b, ": "...)
		b = append(b, pyRepr(r.values[i])...)
	}
	return string(append(b, '}'))
}

// listView gives uniform, allocation-free access to the list shapes a value
// may take. ok is false when v is not a list.
type listView struct {
	any   []any
	ints  []int64
	flts  []float64
	other List
	n     int
}

func asList(v any) (listView, bool) {
	switch x := v.(type) {
	case []any:
		return listView{any: x, n: len(x)}, true
	case []int64:
		return listView{ints: x, n: len(x)}, true
	case []float64:
		return listView{flts: x, n: len(x)}, true
	case List:
		return listView{other: x, n: x.Len()}, true
	}
	return listView{}, false
}

func (l listView) at(i int) any {
	switch {
	case l.any != nil:
		return l.any[i]
	case l.ints != nil:
		return l.ints[i]
	case l.flts != nil:
		return l.flts[i]
	case l.other != nil:
		return l.other.At(i)
	}
	return nil
}

// scalar normalizes a Go scalar to one of nil, bool, int64, float64 or
// string and reports its Kind. ok is false for anything else (maps, lists,
// structs). An unsigned integer above MaxInt64 is an error.
func scalar(v any) (out any, k Kind, ok bool, err error) {
	switch x := v.(type) { // canonical types return v itself: re-boxing would allocate
	case nil:
		return nil, Null, true, nil
	case int64:
		return v, Int64, true, nil
	case float64:
		return v, Float64, true, nil
	case string:
		return v, String, true, nil
	case bool:
		return v, Bool, true, nil
	case int:
		return int64(x), Int64, true, nil
	case int32:
		return int64(x), Int64, true, nil
	case int16:
		return int64(x), Int64, true, nil
	case int8:
		return int64(x), Int64, true, nil
	case uint8:
		return int64(x), Int64, true, nil
	case uint16:
		return int64(x), Int64, true, nil
	case uint32:
		return int64(x), Int64, true, nil
	case uint:
		return uintScalar(uint64(x))
	case uint64:
		return uintScalar(x)
	case float32:
		return float64(x), Float64, true, nil
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, Int64, true, nil
		}
		f, err := x.Float64()
		if err != nil {
			return nil, Null, true, fmt.Errorf("%w: number %q: %w", ErrUnsupportedValue, string(x), err)
		}
		return f, Float64, true, nil
	}
	return nil, Null, false, nil
}

func uintScalar(u uint64) (any, Kind, bool, error) {
	if u > math.MaxInt64 {
		return nil, Null, true, fmt.Errorf("%w: unsigned integer %d overflows int64", ErrUnsupportedValue, u)
	}
	return int64(u), Int64, true, nil
}

// describe names the type of an unsupported value for error messages.
func describe(v any) string {
	if v == nil {
		return "None"
	}
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Map {
		return "Go map " + t.String() + " (unordered; use an ordered Map such as *Record)"
	}
	return t.String()
}
