package kernel

import (
	"math"
	"math/big"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// Python's built-in functions that a cell sees, as CPython defines them
// (pushbook issue #13): filter and map are lazy iterators, iter and next
// work over any iterable, sum, round, abs, divmod, min and max take
// Python's arguments and raise Python's errors. help and dir are in help.go.
//
// Iterating builtins accept strings (their characters), as Python's do,
// although a cell's for loop does not (the fork keeps Starlark's rule there).

// pythonBuiltins are the names this file and help.go define, each made by
// NewBuiltin with its one-line help.
func pythonBuiltins() starlark.StringDict {
	all := helpBuiltins()
	for name, v := range (starlark.StringDict{
		"filter":     NewBuiltin("filter", "filter(function, iterable): an iterator over the items of iterable for which function(item) is true; with None, the items that are true", pyFilter),
		"map":        NewBuiltin("map", "map(function, iterable, *iterables): an iterator over function(item, ...) for the items of the iterables taken together, stopping at the shortest", pyMap),
		"iter":       NewBuiltin("iter", "iter(iterable) or iter(callable, sentinel): an iterator over iterable; an iterator or generator is its own iterator", pyIter),
		"next":       NewBuiltin("next", "next(iterator[, default]): the iterator's next item; default, or StopIteration, once it has none", pyNext),
		"sum":        NewBuiltin("sum", "sum(iterable, start=0): start plus the items of iterable, added left to right (not strings: use ''.join)", pySum),
		"round":      NewBuiltin("round", "round(number, ndigits=None): number rounded to ndigits decimal places, halves to even; an int when ndigits is omitted", pyRound),
		"abs":        NewBuiltin("abs", "abs(x): the absolute value of the number x", pyAbs),
		"divmod":     NewBuiltin("divmod", "divmod(a, b): the pair (a // b, a % b)", pyDivmod),
		"min":        NewBuiltin("min", "min(iterable, *, key=None, default=...) or min(a, b, *args, key=None): the smallest item", pyMinMax),
		"max":        NewBuiltin("max", "max(iterable, *, key=None, default=...) or max(a, b, *args, key=None): the largest item", pyMinMax),
		"callable":   NewBuiltin("callable", "callable(x): whether x can be called: a function, a built-in, a class", pyCallable),
		"chr":        NewBuiltin("chr", "chr(i): the one-character string of Unicode code point i", pyChr),
		"ord":        NewBuiltin("ord", "ord(c): the Unicode code point of the one-character string c", pyOrd),
		"isinstance": NewBuiltin("isinstance", "isinstance(x, T): whether x is of type T (or one of a tuple of types); bool counts as int", isinstance),
	}) {
		all[name] = v
	}
	return all
}

// pyType is the name Python gives v's type in messages: str for a string.
func pyType(v starlark.Value) string {
	if _, ok := v.(starlark.String); ok {
		return "str"
	}
	return v.Type()
}

// noKwargs is Python's error for keywords given to a builtin that takes none.
func noKwargs(fn *starlark.Builtin, kwargs []starlark.Tuple) error {
	if len(kwargs) > 0 {
		return starlark.Errorf(starlark.TypeError, "%s() takes no keyword arguments", fn.Name())
	}
	return nil
}

// ---- iterators ---------------------------------------------------------

// iterObject is a Python iterator made by iter, map or filter: one cursor
// shared by every loop, list() and next() that reads it, so that what one
// takes the others do not see again, as in Python.
type iterObject struct {
	kind    string   // its type: "list_iterator", "map", "filter", ...
	session *Session // hands an error no caller asked for to the iterating builtin
	parent  *starlark.Thread
	thread  *starlark.Thread // runs the functions of map and filter when no caller gives one
	pull    func(thread *starlark.Thread, p *starlark.Value) (bool, error)
	release func() // ends the Starlark iterators underneath
	done    bool
}

var (
	_ starlark.Iterable = (*iterObject)(nil)
	_ starlark.Value    = (*iterObject)(nil)
)

func (it *iterObject) String() string        { return "<" + it.kind + " object>" }
func (it *iterObject) Type() string          { return it.kind }
func (it *iterObject) Freeze()               {}
func (it *iterObject) Truth() starlark.Bool  { return starlark.True }
func (it *iterObject) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(it)) >> 3), nil }

// callThread returns the thread that calls a map's or filter's function
// while a for loop or list() reads it (a starlark.Iterator is given no
// thread): one of its own, made for the cell that made the iterator and
// adopted by whichever cell reads it later, as a generator body is.
func (it *iterObject) callThread() *starlark.Thread {
	if it.thread == nil {
		it.thread = NewThread(it.parent, it.kind)
		if it.thread == nil { // not a cell's thread: a host's test
			it.thread = it.parent
		}
	}
	Adopt(it.thread)
	return it.thread
}

// next takes the next item: ok false when there is none. An error leaves
// the iterator as it is, except one from the iterable underneath, which is
// then finished (a generator that raised is).
func (it *iterObject) next(thread *starlark.Thread) (v starlark.Value, ok bool, err error) {
	if it.done {
		return nil, false, nil
	}
	if thread == nil {
		thread = it.callThread()
	}
	ok, err = it.pull(thread, &v)
	if !ok && err == nil {
		it.finish()
	}
	return v, ok, err
}

func (it *iterObject) finish() {
	if !it.done {
		it.done = true
		if it.release != nil {
			it.release()
		}
	}
}

// Iterate lets for loops and the universe builtins read the shared cursor.
func (it *iterObject) Iterate() starlark.Iterator { return &iterView{it: it} }

type iterView struct {
	it    *iterObject
	err   error
	taken bool
}

func (v *iterView) Next(p *starlark.Value) bool {
	if v.err != nil {
		return false
	}
	x, ok, err := v.it.next(nil)
	if err != nil {
		v.err = err
		return false
	}
	if ok {
		*p = x
	}
	return ok
}

// Err is the error that ended the loop: a for loop raises it there.
func (v *iterView) Err() error {
	v.taken = true
	return v.err
}

// Done raises an error nobody asked for from the builtin that iterated (see
// iterfailure.go), as stageIterator.Done does.
func (v *iterView) Done() {
	if v.err == nil || v.taken || v.it.session == nil {
		return
	}
	if !v.it.session.iterFailure.hand(v.err) {
		v.it.session.Cancel(&failure{v.err})
	}
}

// source is one iterable read item by item by a builtin: by an
// iterObject's or a generator's own cursor when it is one, so that errors
// come back as errors.
type source struct {
	pull    func(thread *starlark.Thread, p *starlark.Value) (bool, error)
	release func()
}

// iterate returns a source over x, or Python's TypeError when x is not
// iterable. Lists and tuples are read by index (a list may grow while it is
// read, as in Python), strings by character, dicts and sets from a copy of
// their keys made now (Starlark forbids changing a collection that an
// iterator is open on, and a Python iterator may stay open for ever).
func iterate(x starlark.Value) (*source, error) {
	switch x := x.(type) {
	case *iterObject:
		return &source{pull: func(t *starlark.Thread, p *starlark.Value) (bool, error) {
			v, ok, err := x.next(t)
			*p = v
			return ok, err
		}}, nil
	case *Stage:
		if x.kind == "generator" {
			return &source{pull: func(t *starlark.Thread, p *starlark.Value) (bool, error) {
				v, err := x.next(t)
				if err != nil {
					if IsStop(err) {
						return false, nil
					}
					return false, err
				}
				*p = v
				return true, nil
			}}, nil
		}
	case starlark.String:
		s := string(x)
		return &source{pull: func(_ *starlark.Thread, p *starlark.Value) (bool, error) {
			if s == "" {
				return false, nil
			}
			_, n := utf8.DecodeRuneInString(s)
			*p, s = starlark.String(s[:n]), s[n:]
			return true, nil
		}}, nil
	case *starlark.List, starlark.Tuple:
		seq := x.(starlark.Indexable)
		i := 0
		return &source{pull: func(_ *starlark.Thread, p *starlark.Value) (bool, error) {
			if i >= seq.Len() {
				i = math.MaxInt // finished, even if the list grows later
				return false, nil
			}
			*p = seq.Index(i)
			i++
			return true, nil
		}}, nil
	case *starlark.Dict:
		return sliceSource(x.Keys()), nil
	case *starlark.Set:
		keys := make([]starlark.Value, 0, x.Len())
		it := x.Iterate()
		var k starlark.Value
		for it.Next(&k) {
			keys = append(keys, k)
		}
		it.Done()
		return sliceSource(keys), nil
	}
	iter := starlark.Iterate(x)
	if iter == nil {
		return nil, starlark.Errorf(starlark.TypeError, "'%s' object is not iterable", pyType(x))
	}
	return &source{
		pull: func(_ *starlark.Thread, p *starlark.Value) (bool, error) {
			if iter.Next(p) {
				return true, nil
			}
			if e, ok := iter.(interface{ Err() error }); ok {
				return false, e.Err()
			}
			return false, nil
		},
		release: iter.Done,
	}, nil
}

func sliceSource(items []starlark.Value) *source {
	return &source{pull: func(_ *starlark.Thread, p *starlark.Value) (bool, error) {
		if len(items) == 0 {
			return false, nil
		}
		*p, items = items[0], items[1:]
		return true, nil
	}}
}

// close ends the source: it has no more items.
func (s *source) close() {
	if s.release != nil {
		s.release()
		s.release = nil
	}
	s.pull = func(*starlark.Thread, *starlark.Value) (bool, error) { return false, nil }
}

// iterKind is the type Python gives the iterator over x.
func iterKind(x starlark.Value) string {
	switch x.(type) {
	case *starlark.List:
		return "list_iterator"
	case starlark.Tuple:
		return "tuple_iterator"
	case starlark.String:
		return "str_iterator"
	case *starlark.Dict:
		return "dict_keyiterator"
	case *starlark.Set:
		return "set_iterator"
	}
	if x.Type() == "range" {
		return "range_iterator"
	}
	return "iterator"
}

// newIterObject makes an iterator object of the given kind that reads
// items with pull.
func newIterObject(thread *starlark.Thread, kind string, pull func(*starlark.Thread, *starlark.Value) (bool, error), release func()) *iterObject {
	return &iterObject{kind: kind, session: sessionOf(thread), parent: thread, pull: pull, release: release}
}

// iter(x) is Python's: x itself when it is an iterator (a generator, or
// what iter, map and filter made); iter(f, sentinel) calls f until it
// returns sentinel.
func pyIter(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := noKwargs(fn, kwargs); err != nil {
		return nil, err
	}
	switch len(args) {
	case 1:
	case 2:
		f, ok := args[0].(starlark.Callable)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "iter(v, w): v must be callable")
		}
		sentinel := args[1]
		var ended bool
		return newIterObject(thread, "callable_iterator", func(t *starlark.Thread, p *starlark.Value) (bool, error) {
			if ended {
				return false, nil
			}
			v, err := starlark.Call(t, f, nil, nil)
			if err != nil {
				return false, err
			}
			if eq, err := starlark.Equal(v, sentinel); err != nil {
				return false, err
			} else if eq {
				ended = true
				return false, nil
			}
			*p = v
			return true, nil
		}, nil), nil
	default:
		if len(args) == 0 {
			return nil, starlark.Errorf(starlark.TypeError, "iter expected at least 1 argument, got 0")
		}
		return nil, starlark.Errorf(starlark.TypeError, "iter expected at most 2 arguments, got %d", len(args))
	}
	x := args[0]
	switch x := x.(type) {
	case *iterObject:
		return x, nil
	case *Stage:
		if x.kind == "generator" {
			return x, nil
		}
	}
	src, err := iterate(x)
	if err != nil {
		return nil, err
	}
	return newIterObject(thread, iterKind(x), src.pull, src.close), nil
}

// next(it[, default]) is Python's: the iterator's next item, or default, or
// StopIteration (with no message) when it has none.
func pyNext(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := noKwargs(fn, kwargs); err != nil {
		return nil, err
	}
	if len(args) == 0 || len(args) > 2 {
		if len(args) == 0 {
			return nil, starlark.Errorf(starlark.TypeError, "next expected at least 1 argument, got 0")
		}
		return nil, starlark.Errorf(starlark.TypeError, "next expected at most 2 arguments, got %d", len(args))
	}
	var dflt starlark.Value
	if len(args) == 2 {
		dflt = args[1]
	}
	switch it := args[0].(type) {
	case *Stage: // a built-in stage's next says what to do instead
		v, err := it.next(thread)
		if err != nil && dflt != nil && IsStop(err) {
			return dflt, nil
		}
		return v, err
	case *iterObject:
		v, ok, err := it.next(thread)
		switch {
		case err != nil:
			return nil, err
		case ok:
			return v, nil
		case dflt != nil:
			return dflt, nil
		}
		return nil, starlark.NewException(starlark.StopIteration)
	}
	return nil, starlark.Errorf(starlark.TypeError, "'%s' object is not an iterator", pyType(args[0]))
}

// callFunc calls f, Python's TypeError when f cannot be called.
func callFunc(thread *starlark.Thread, f starlark.Value, args starlark.Tuple) (starlark.Value, error) {
	c, ok := f.(starlark.Callable)
	if !ok {
		return nil, starlark.Errorf(starlark.TypeError, "'%s' object is not callable", pyType(f))
	}
	return starlark.Call(thread, c, args, nil)
}

// filter(f, xs) is Python's lazy filter: the items x of xs for which f(x)
// is true, or which are true when f is None.
func pyFilter(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := noKwargs(fn, kwargs); err != nil {
		return nil, err
	}
	if len(args) != 2 {
		return nil, starlark.Errorf(starlark.TypeError, "filter expected 2 arguments, got %d", len(args))
	}
	f := args[0]
	src, err := iterate(args[1])
	if err != nil {
		return nil, err
	}
	return newIterObject(thread, "filter", func(t *starlark.Thread, p *starlark.Value) (bool, error) {
		for i := 0; ; i++ {
			// a filter that skips forever (over an endless generator) can be stopped
			if err := LoopCheckpoint(t, i); err != nil {
				return false, err
			}
			var x starlark.Value
			if ok, err := src.pull(t, &x); !ok || err != nil {
				if err != nil {
					src.close()
				}
				return false, err
			}
			keep := x
			if f != starlark.None {
				v, err := callFunc(t, f, starlark.Tuple{x})
				if err != nil {
					return false, err
				}
				keep = v
			}
			if keep.Truth() {
				*p = x
				return true, nil
			}
		}
	}, src.close), nil
}

// map(f, xs, ...) is Python's lazy map: f(x, y, ...) for the items of the
// iterables taken together, until the shortest ends.
func pyMap(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := noKwargs(fn, kwargs); err != nil {
		return nil, err
	}
	if len(args) < 2 {
		return nil, starlark.Errorf(starlark.TypeError, "map() must have at least two arguments.")
	}
	f := args[0]
	srcs := make([]*source, len(args)-1)
	closeAll := func() {
		for _, s := range srcs {
			if s != nil {
				s.close()
			}
		}
	}
	for i, x := range args[1:] {
		src, err := iterate(x)
		if err != nil {
			closeAll()
			return nil, err
		}
		srcs[i] = src
	}
	return newIterObject(thread, "map", func(t *starlark.Thread, p *starlark.Value) (bool, error) {
		items := make(starlark.Tuple, len(srcs))
		for i, src := range srcs {
			if ok, err := src.pull(t, &items[i]); !ok || err != nil {
				if err != nil {
					closeAll()
				}
				return false, err
			}
		}
		v, err := callFunc(t, f, items)
		if err != nil {
			return false, err
		}
		*p = v
		return true, nil
	}, closeAll), nil
}

// each calls visit with every item of x, a Python iterable, checking the
// cell's limits as it goes.
func each(thread *starlark.Thread, x starlark.Value, visit func(v starlark.Value) error) error {
	src, err := iterate(x)
	if err != nil {
		return err
	}
	defer src.close()
	for i := 0; ; i++ {
		if err := LoopCheckpoint(thread, i); err != nil {
			return err
		}
		var v starlark.Value
		ok, err := src.pull(thread, &v)
		if err != nil || !ok {
			return err
		}
		if err := visit(v); err != nil {
			return err
		}
	}
}

// ---- numbers -----------------------------------------------------------

// asNumber turns a bool into the int Python says it is.
func asNumber(v starlark.Value) starlark.Value {
	if b, ok := v.(starlark.Bool); ok {
		if b {
			return starlark.MakeInt(1)
		}
		return starlark.MakeInt(0)
	}
	return v
}

func isNumber(v starlark.Value) bool {
	switch v.(type) {
	case starlark.Int, starlark.Float, starlark.Bool:
		return true
	}
	return false
}

// sum(xs, start=0) is Python's: start + xs[0] + xs[1] + ..., rejecting a
// str or bytes start as Python does.
func pySum(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return nil, starlark.Errorf(starlark.TypeError, "sum() takes at least 1 positional argument (0 given)")
	}
	var xs starlark.Value
	var start starlark.Value = starlark.MakeInt(0)
	if err := starlark.UnpackArgs(fn.Name(), args, kwargs, "iterable", &xs, "start?", &start); err != nil {
		return nil, err
	}
	switch start.(type) {
	case starlark.String:
		return nil, starlark.Errorf(starlark.TypeError, "sum() can't sum strings [use ''.join(seq) instead]")
	case starlark.Bytes:
		return nil, starlark.Errorf(starlark.TypeError, "sum() can't sum bytes [use b''.join(seq) instead]")
	}
	acc := asNumber(start)
	err := each(thread, xs, func(x starlark.Value) error {
		y, err := starlark.Binary(syntax.PLUS, acc, asNumber(x))
		if err != nil {
			if isNumber(acc) || !isNumber(x) {
				return starlark.Errorf(starlark.TypeError, "unsupported operand type(s) for +: '%s' and '%s'", pyType(acc), pyType(x))
			}
			return err
		}
		acc = y
		return nil
	})
	if err != nil {
		return nil, err
	}
	return acc, nil
}

// abs(x) is Python's, for ints, floats and bools.
func pyAbs(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	switch x := asNumber(x).(type) {
	case starlark.Int:
		if x.Sign() < 0 {
			return starlark.MakeInt(0).Sub(x), nil
		}
		return x, nil
	case starlark.Float:
		return starlark.Float(math.Abs(float64(x))), nil
	}
	return nil, starlark.Errorf(starlark.TypeError, "bad operand type for abs(): '%s'", pyType(x))
}

// divmod(a, b) is Python's (a // b, a % b), floored.
func pyDivmod(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var a, b starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 2, &a, &b); err != nil {
		return nil, err
	}
	a, b = asNumber(a), asNumber(b)
	if !isNumber(a) || !isNumber(b) {
		return nil, starlark.Errorf(starlark.TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'", pyType(a), pyType(b))
	}
	_, af := a.(starlark.Float)
	_, bf := b.(starlark.Float)
	if zero, _ := starlark.Equal(b, starlark.MakeInt(0)); zero {
		if af || bf {
			return nil, starlark.Errorf(starlark.ZeroDivisionError, "float divmod()")
		}
		return nil, starlark.Errorf(starlark.ZeroDivisionError, "integer division or modulo by zero")
	}
	q, err := starlark.Binary(syntax.SLASHSLASH, a, b)
	if err != nil {
		return nil, err
	}
	r, err := starlark.Binary(syntax.PERCENT, a, b)
	if err != nil {
		return nil, err
	}
	return starlark.Tuple{q, r}, nil
}

// round(x, ndigits=None) is Python's: halves go to the even neighbour, of
// the float's exact value; an int when ndigits is None.
func pyRound(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, nd starlark.Value = nil, starlark.None
	if err := starlark.UnpackArgs(fn.Name(), args, kwargs, "number", &x, "ndigits?", &nd); err != nil {
		return nil, err
	}
	x = asNumber(x)
	if !isNumber(x) {
		return nil, starlark.Errorf(starlark.TypeError, "type %s doesn't define __round__ method", pyType(x))
	}
	if nd == starlark.None {
		if f, ok := x.(starlark.Float); ok {
			return starlark.NumberToInt(starlark.Float(math.RoundToEven(float64(f))))
		}
		return x, nil
	}
	n, ok := asNumber(nd).(starlark.Int)
	if !ok {
		return nil, starlark.Errorf(starlark.TypeError, "'%s' object cannot be interpreted as an integer", pyType(nd))
	}
	digits, ok := n.Int64()
	if !ok { // ndigits beyond any precision
		if n.Sign() > 0 {
			return x, nil
		}
		if f, isFloat := x.(starlark.Float); isFloat {
			return starlark.Float(math.Copysign(0, float64(f))), nil
		}
		return starlark.MakeInt(0), nil
	}
	switch x := x.(type) {
	case starlark.Int:
		if digits >= 0 {
			return x, nil
		}
		if digits < -1_000_000 {
			return starlark.MakeInt(0), nil
		}
		unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(-digits), nil)
		return starlark.MakeBigInt(roundHalfEven(new(big.Rat).SetFrac(x.BigInt(), unit), unit)), nil
	case starlark.Float:
		return roundFloat(float64(x), digits)
	}
	panic("unreachable")
}

// roundHalfEven rounds r to the nearest integer, halves to even, and
// multiplies by unit.
func roundHalfEven(r *big.Rat, unit *big.Int) *big.Int {
	q, m := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int)) // floor, 0 <= m < denom
	twice := new(big.Int).Lsh(m, 1)
	if c := twice.Cmp(r.Denom()); c > 0 || (c == 0 && q.Bit(0) == 1) {
		q.Add(q, big.NewInt(1))
	}
	return q.Mul(q, unit)
}

// roundFloat rounds f to digits decimal places exactly (f*10**digits
// rounded half to even, divided back, to the nearest float), which is
// what CPython's correctly rounded round(f, n) gives.
func roundFloat(f float64, digits int64) (starlark.Value, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) || f == 0 || digits > 330 {
		return starlark.Float(f), nil
	}
	if digits < -330 {
		return starlark.Float(math.Copysign(0, f)), nil
	}
	r := new(big.Rat).SetFloat64(f)
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(abs64(digits)), nil)
	powRat := new(big.Rat).SetInt(pow)
	if digits >= 0 {
		r.Mul(r, powRat)
		q := roundHalfEven(r, big.NewInt(1))
		r.SetFrac(q, pow)
	} else {
		r.Quo(r, powRat)
		r.SetInt(roundHalfEven(r, pow))
	}
	y, _ := r.Float64()
	if math.IsInf(y, 0) {
		return nil, starlark.Errorf(starlark.OverflowError, "rounded value too large to represent")
	}
	return starlark.Float(math.Copysign(y, f)), nil // round(-0.4) is -0.0
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// min and max are Python's: over one iterable or over their arguments,
// with key=, and default= for an empty iterable.
func pyMinMax(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	name := fn.Name()
	var key, dflt starlark.Value
	for _, kv := range kwargs {
		switch k := string(kv[0].(starlark.String)); k {
		case "key":
			key = kv[1]
		case "default":
			dflt = kv[1]
		default:
			return nil, starlark.Errorf(starlark.TypeError, "'%s' is an invalid keyword argument for %s()", k, name)
		}
	}
	if key == starlark.None {
		key = nil
	}
	var xs starlark.Value
	switch len(args) {
	case 0:
		return nil, starlark.Errorf(starlark.TypeError, "%s expected at least 1 argument, got 0", name)
	case 1:
		xs = args[0]
	default:
		if dflt != nil {
			return nil, starlark.Errorf(starlark.TypeError, "Cannot specify a default for %s() with multiple positional arguments", name)
		}
		xs = args
	}
	op := syntax.LT
	if name == "max" {
		op = syntax.GT
	}
	var best, bestKey starlark.Value
	err := each(thread, xs, func(x starlark.Value) error {
		k := x
		if key != nil {
			v, err := callFunc(thread, key, starlark.Tuple{x})
			if err != nil {
				return err
			}
			k = v
		}
		if best == nil {
			best, bestKey = x, k
			return nil
		}
		better, err := compare(op, k, bestKey)
		if err != nil {
			return err
		}
		if better {
			best, bestKey = x, k
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, err
	case best != nil:
		return best, nil
	case dflt != nil:
		return dflt, nil
	}
	return nil, starlark.Errorf(starlark.ValueError, "%s() arg is an empty sequence", name)
}

// compare is starlark.Compare with bools as ints and Python's message
// for values of types that have no order between them.
func compare(op syntax.Token, x, y starlark.Value) (bool, error) {
	if isNumber(x) && isNumber(y) {
		x, y = asNumber(x), asNumber(y)
	}
	ok, err := starlark.Compare(op, x, y)
	if err != nil && pyType(x) != pyType(y) && starlark.IsClass(err, starlark.TypeError) {
		return false, starlark.Errorf(starlark.TypeError, "'%s' not supported between instances of '%s' and '%s'", op, pyType(x), pyType(y))
	}
	return ok, err
}

// callable(x) is Python's: whether x can be called.
func pyCallable(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := noKwargs(fn, kwargs); err != nil {
		return nil, err
	}
	if len(args) != 1 {
		return nil, starlark.Errorf(starlark.TypeError, "callable() takes exactly one argument (%d given)", len(args))
	}
	_, ok := args[0].(starlark.Callable)
	return starlark.Bool(ok), nil
}

// chr(i) is Python's, with Python's messages.
func pyChr(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := noKwargs(fn, kwargs); err != nil {
		return nil, err
	}
	if len(args) != 1 {
		return nil, starlark.Errorf(starlark.TypeError, "chr() takes exactly one argument (%d given)", len(args))
	}
	i, ok := asNumber(args[0]).(starlark.Int)
	if !ok {
		return nil, starlark.Errorf(starlark.TypeError, "'%s' object cannot be interpreted as an integer", pyType(args[0]))
	}
	n, ok := i.Int64()
	if !ok {
		return nil, starlark.Errorf(starlark.OverflowError, "Python int too large to convert to C int")
	}
	if n < 0 || n > unicode.MaxRune {
		return nil, starlark.Errorf(starlark.ValueError, "chr() arg not in range(0x110000)")
	}
	if n >= 0xD800 && n <= 0xDFFF { // a surrogate: Go strings cannot hold one
		return nil, starlark.Errorf(starlark.ValueError, "chr(%#x) is a surrogate, which a cell's strings cannot hold", n)
	}
	return starlark.String(string(rune(n))), nil
}

// ord(c) is Python's: the code point of a one-character string (or the
// byte of a one-byte bytes).
func pyOrd(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := noKwargs(fn, kwargs); err != nil {
		return nil, err
	}
	if len(args) != 1 {
		return nil, starlark.Errorf(starlark.TypeError, "ord() takes exactly one argument (%d given)", len(args))
	}
	switch c := args[0].(type) {
	case starlark.String:
		if n := utf8.RuneCountInString(string(c)); n != 1 {
			return nil, starlark.Errorf(starlark.TypeError, "ord() expected a character, but string of length %d found", n)
		}
		r, _ := utf8.DecodeRuneInString(string(c))
		return starlark.MakeInt(int(r)), nil
	case starlark.Bytes:
		if len(c) != 1 {
			return nil, starlark.Errorf(starlark.TypeError, "ord() expected a character, but string of length %d found", len(c))
		}
		return starlark.MakeInt(int(c[0])), nil
	}
	return nil, starlark.Errorf(starlark.TypeError, "ord() expected string of length 1, but %s found", pyType(args[0]))
}

// InstanceChecker is a class that a module defines for isinstance, such as
// collections.MutableMapping: isinstance(x, c) is c.IsInstance(x).
type InstanceChecker interface {
	starlark.Value
	IsInstance(x starlark.Value) bool
}

// isinstance(x, T) is Python's for T a builtin type constructor (int,
// float, str, bool, list, tuple, dict, set, bytes, map, filter) or any
// builtin whose name is a type name, an exception class, or a tuple of
// such. bool is a subclass of int, as in Python.
func isinstance(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, types starlark.Value
	if err := starlark.UnpackPositionalArgs(fn.Name(), args, kwargs, 2, &x, &types); err != nil {
		return nil, err
	}
	candidates := starlark.Tuple{types}
	if t, ok := types.(starlark.Tuple); ok {
		candidates = t
	}
	for _, t := range candidates {
		switch t := t.(type) {
		case *starlark.ExceptionClass:
			if e, ok := x.(*starlark.Exception); ok && e.Class.IsSubclassOf(t) {
				return starlark.True, nil
			}
		case *starlark.Builtin:
			if t.Name() == pyType(x) || t.Name() == "int" && x.Type() == "bool" {
				return starlark.True, nil
			}
		case InstanceChecker:
			if t.IsInstance(x) {
				return starlark.True, nil
			}
		default:
			return nil, starlark.Errorf(starlark.TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union")
		}
	}
	return starlark.False, nil
}
