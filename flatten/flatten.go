package flatten

import (
	"fmt"
	"strings"
)

// DefaultSep joins nested keys, as in the seed's flatten_dict.
const DefaultSep = "."

// DefaultMaxDepth bounds how deeply dicts may nest when Options.MaxDepth is 0.
const DefaultMaxDepth = 64

// Options control flattening, for Flatten and for a Builder alike. The
// zero value flattens as the seed's flatten_dict(d) does.
type Options struct {
	// Sep joins a parent key and a child key. Empty means DefaultSep; an
	// empty separator cannot be chosen because it makes keys ambiguous.
	Sep string
	// ParentKey prefixes every flat key (joined with Sep), as the seed's
	// parent_key argument does.
	ParentKey string
	// MaxDepth is the deepest dict nesting accepted; the top-level record
	// is depth 1. Zero means DefaultMaxDepth. Deeper input is ErrTooDeep.
	MaxDepth int
	// AllowSeparatorInKeys accepts keys that contain Sep instead of
	// refusing them with ErrSeparatorInKey. The keys are joined unchanged,
	// so two entries that collide are still refused, with ErrDuplicateKey.
	AllowSeparatorInKeys bool
}

func (o Options) sep() string {
	if o.Sep == "" {
		return DefaultSep
	}
	return o.Sep
}

func (o Options) maxDepth() int {
	if o.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return o.MaxDepth
}

func (o Options) join(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + o.sep() + key
}

// checkKey refuses a key that contains the separator unless allowed.
func (o Options) checkKey(key string) error {
	if !o.AllowSeparatorInKeys && strings.Contains(key, o.sep()) {
		return fmt.Errorf("%w %q (choose another separator, such as \"/\")", ErrSeparatorInKey, o.sep())
	}
	return nil
}

// Flatten turns a nested record into a flat one whose keys join the nested
// keys with opts.Sep, in first-seen order:
// {"a": {"b": 1}, "c": [1, 2]} becomes {"a.b": 1, "c": [1, 2]}.
// Values come out normalized: nil, bool, int64, float64, string, or []any
// holding those. Empty dicts vanish, None stays as a nil value, lists of
// scalars stay whole, lists of dicts or lists are refused. Errors are *Error
// values with Event -1 and the offending key path; see the package
// documentation for every rule. Flatten costs one allocation per key.
func Flatten(m Map, opts Options) (*Record, error) {
	f := flattener{opts: opts, out: NewRecord(m.Len())}
	if err := f.walk(m, opts.ParentKey, 1); err != nil {
		return nil, err
	}
	return f.out, nil
}

type flattener struct {
	opts Options
	out  *Record
}

func (f *flattener) walk(m Map, prefix string, depth int) error {
	if depth > f.opts.maxDepth() {
		return &Error{Path: prefix, Err: fmt.Errorf("%w (%d)", ErrTooDeep, f.opts.maxDepth())}
	}
	return m.Range(func(k string, v any) error {
		key := f.opts.join(prefix, k)
		if err := f.opts.checkKey(k); err != nil {
			return &Error{Path: key, Err: err}
		}
		if sub, ok := v.(Map); ok {
			return f.walk(sub, key, depth+1)
		}
		val, err := flatValue(v)
		if err != nil {
			return &Error{Path: key, Err: err}
		}
		if _, dup := f.out.Get(key); dup {
			return &Error{Path: key, Err: ErrDuplicateKey}
		}
		f.out.Set(key, val)
		return nil
	})
}

// flatValue normalizes a leaf: a scalar, or a list of scalars as []any.
func flatValue(v any) (any, error) {
	s, _, ok, err := scalar(v)
	if err != nil || ok {
		return s, err
	}
	l, ok := asList(v)
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnsupportedValue, describe(v))
	}
	out := make([]any, l.n)
	for i := range l.n {
		e := l.at(i)
		s, _, ok, err := scalar(e)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		if !ok {
			return nil, listElementError(i, e)
		}
		out[i] = s
	}
	return out, nil
}

// listElementError explains why element i of a list cannot be a cell.
func listElementError(i int, e any) error {
	if _, ok := e.(Map); ok {
		return fmt.Errorf("%w: element %d is a dict (flatten each element as its own event instead)", ErrListOfMaps, i)
	}
	if _, ok := asList(e); ok {
		return fmt.Errorf("%w: element %d is a list", ErrNestedList, i)
	}
	return fmt.Errorf("%w: element %d: %s", ErrUnsupportedValue, i, describe(e))
}
