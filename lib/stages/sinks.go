package stages

import (
	"fmt"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"pushbook/kernel"
	"pushbook/pipeline"
)

// printer(name) prints each value as the seed's co_sink does:
// "{name:>10} RECEIVED: {value}".
func printerBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "name", &name); err != nil {
		return nil, err
	}
	s := thread
	show := func(v value) error {
		text := v.String()
		if str, ok := v.(starlark.String); ok {
			text = string(str)
		}
		kernel.PrintCurrent(s, fmt.Sprintf("%10s RECEIVED: %s", name, text))
		return nil
	}
	return kernel.NewStage(thread, b.Name(), pipeline.Sink(name, show)), nil
}

// counter(name) keeps only the count of values it received (.received).
func counterBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "name", &name); err != nil {
		return nil, err
	}
	return kernel.NewStage(thread, b.Name(), pipeline.Discard[value](name)), nil
}

// sink(fn, name="sink") calls fn(v) for every value.
func sinkBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var f starlark.Value
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "fn", &f, "name?", &name); err != nil {
		return nil, err
	}
	name = nameOr(name, "sink("+kernel.ShortRepr(f)+")")
	call, err := callable(thread, name, f)
	if err != nil {
		return nil, err
	}
	return kernel.NewStage(thread, b.Name(), pipeline.Sink(name, func(v value) error { _, err := call(v); return err })), nil
}

// collect(name="collect") keeps every value; its .values attribute is the list.
func collectBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "name?", &name); err != nil {
		return nil, err
	}
	c := &collected{}
	s := kernel.NewStage(thread, b.Name(), pipeline.Collect(nameOr(name, "collect"), &c.values))
	s.SetAttrs(c)
	return s, nil
}

type collected struct{ values []value }

func (c *collected) StageAttr(name string) (starlark.Value, bool) {
	if name == "values" {
		return starlark.NewList(append([]value(nil), c.values...)), true
	}
	return nil, false
}

// push(source, head, block=1) sends every value of source (a range, list,
// generator or any iterable) into head, in Go, and returns how many it
// sent. It stops early, without error, when the pipeline asks to stop. It
// does not close head. With block=N values go N at a time through the
// stages that take blocks (see pipeline.Stage.SendAll): several times
// faster, but each stage hands its first output a whole block before its
// second output gets any, so prints from different branches come grouped
// rather than interleaved as the seed's transcripts show.
func pushBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var source starlark.Iterable
	var head *kernel.Stage
	block := 1
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "source", &source, "head", &head, "block?", &block); err != nil {
		return nil, err
	}
	if block < 1 {
		return nil, starlark.Errorf(starlark.ValueError, "push: block must be at least 1, got %d", block)
	}
	if g, ok := source.(*kernel.Stage); ok && g == head {
		return nil, starlark.Errorf(starlark.ValueError, "push: source and head are the same stage")
	}
	src := &pushSource{thread: thread, it: source.Iterate(), block: block}
	defer src.it.Done()
	var err error
	if block == 1 {
		err = pipeline.Push(src.values, head.Pipeline())
	} else {
		err = pipeline.PushBlocks(src.values, head.Pipeline(), block)
	}
	if err != nil {
		return stoppedOr(head, src.sent, err)
	}
	if src.err == nil && src.unchecked >= checkpointEvery { // the last, partial block
		src.err = kernel.Checkpoint(thread, uint64(src.unchecked))
	}
	if src.err != nil {
		return nil, src.err
	}
	return starlark.MakeInt(src.sent), nil
}

// pushSource is push's source as a sequence for pipeline.Push and
// PushBlocks: it counts the values handed to the pipeline and, every
// checkpointEvery values, at the end of a block, charges the cell a work
// step per value (the budget, the yield hook and Stop reach Go loops too),
// ending the sequence if that stopped the cell.
type pushSource struct {
	thread    *starlark.Thread
	it        starlark.Iterator
	block     int
	sent      int   // values handed to the pipeline
	unchecked int   // of those, how many since the last checkpoint
	err       error // the checkpoint's, if it stopped the cell
}

func (src *pushSource) values(yield func(value) bool) {
	var v value
	sent, unchecked, inBlock := 0, 0, 0 // kept in locals: this loop is push's per-value path
	defer func() { src.sent, src.unchecked = sent, unchecked }()
	for src.it.Next(&v) {
		sent++
		if !yield(v) {
			return
		}
		unchecked++
		// PushBlocks has sent the block when its last value is yielded
		if inBlock++; inBlock == src.block {
			inBlock = 0
			if unchecked >= checkpointEvery {
				if src.err = kernel.Checkpoint(src.thread, uint64(unchecked)); src.err != nil {
					return
				}
				unchecked = 0
			}
		}
	}
}

// checkpointEvery is how many values push sends between two checkpoints.
const checkpointEvery = 256

// stoppedOr returns the count when err is the pipeline asking to stop, and
// the error otherwise.
func stoppedOr(head *kernel.Stage, sent int, err error) (starlark.Value, error) {
	if err := head.SendError(err); kernel.IsStop(err) {
		return starlark.MakeInt(sent), nil
	} else {
		return nil, err
	}
}

// fastFunc is a one-argument function that runs in Go: built-in stages
// call it directly, with no Starlark per value. Cells can call it too.
type fastFunc struct {
	name string
	call fn
	test func(v value) (bool, error) // set for predicates: call's truth, without making a Bool
	not  func(v value) (bool, error) // set for predicates: test negated, which negate uses as it is
}

func (f *fastFunc) String() string        { return "<fast function " + f.name + ">" }
func (f *fastFunc) Type() string          { return "builtin_function_or_method" }
func (f *fastFunc) Freeze()               {}
func (f *fastFunc) Truth() starlark.Bool  { return starlark.True }
func (f *fastFunc) Hash() (uint32, error) { return starlark.String(f.name).Hash() }
func (f *fastFunc) Name() string          { return f.name }
func (f *fastFunc) CallInternal(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(f.name, args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	return f.call(v)
}

// binaryFast makes add(k), mul(k), greater(k), less(k), and, for op
// PERCENT, multiple_of(k), the test v % k == 0. Any v goes through
// Starlark's Binary and Compare; when k is a small int, closures of the op's
// own answer a small int v with one comparison and one operation, which is
// the built-in stages' per-value path.
func binaryFast(op syntax.Token) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var k starlark.Value
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &k); err != nil {
			return nil, err
		}
		name := fmt.Sprintf("%s(%s)", b.Name(), k)
		general := func(v value) (value, error) {
			var r starlark.Value
			var err error
			switch op {
			case syntax.GT, syntax.LT:
				var ok bool
				ok, err = starlark.Compare(op, v, k)
				r = starlark.Bool(ok)
			case syntax.PERCENT:
				if r, err = starlark.Binary(op, v, k); err == nil {
					var zero bool
					zero, err = starlark.Equal(r, starlark.MakeInt(0))
					r = starlark.Bool(zero)
				}
			default:
				r, err = starlark.Binary(op, v, k)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			return r, nil
		}
		f := &fastFunc{name: name, call: general}
		if op == syntax.GT || op == syntax.LT || op == syntax.PERCENT {
			f.test = func(v value) (bool, error) {
				r, err := general(v)
				return err == nil && bool(r.Truth()), err
			}
			f.not = func(v value) (bool, error) {
				r, err := general(v)
				return err == nil && !bool(r.Truth()), err
			}
		}
		if kInt, ok := small(k); ok {
			specialize(f, op, kInt)
		}
		return f, nil
	}
}

// specialize gives f (made by binaryFast for op and the small int k)
// closures that answer small ints in Go and hand other values to the ones
// f has.
func specialize(f *fastFunc, op syntax.Token, k int64) {
	general, test, not := f.call, f.test, f.not
	// x and k are small (at most 32 bits), so x+k and x*k cannot overflow
	switch op {
	case syntax.PLUS:
		f.call = func(v value) (value, error) {
			if x, ok := small(v); ok {
				return starlark.MakeInt64(x + k), nil
			}
			return general(v)
		}
	case syntax.STAR:
		f.call = func(v value) (value, error) {
			if x, ok := small(v); ok {
				return starlark.MakeInt64(x * k), nil
			}
			return general(v)
		}
	case syntax.GT:
		f.test = func(v value) (bool, error) {
			if x, ok := small(v); ok {
				return x > k, nil
			}
			return test(v)
		}
		f.not = func(v value) (bool, error) {
			if x, ok := small(v); ok {
				return x <= k, nil
			}
			return not(v)
		}
	case syntax.LT:
		f.test = func(v value) (bool, error) {
			if x, ok := small(v); ok {
				return x < k, nil
			}
			return test(v)
		}
		f.not = func(v value) (bool, error) {
			if x, ok := small(v); ok {
				return x >= k, nil
			}
			return not(v)
		}
	case syntax.PERCENT:
		if k == 0 {
			return // the general path's ZeroDivisionError
		}
		// whether x % k is 0 does not depend on the remainder's sign
		f.test = func(v value) (bool, error) {
			if x, ok := small(v); ok {
				return x%k == 0, nil
			}
			return test(v)
		}
		f.not = func(v value) (bool, error) {
			if x, ok := small(v); ok {
				return x%k != 0, nil
			}
			return not(v)
		}
	}
	if f.test != nil {
		f.call = boolCall(f.test)
	}
}

// small returns v as an int64 when it is a small Starlark int (one the
// fork's Int.Small answers at once; at most 32 bits), so that fast
// functions can skip Starlark's general arithmetic. It inlines.
func small(v value) (int64, bool) {
	if i, ok := v.(starlark.Int); ok {
		return i.Small()
	}
	return 0, false
}

// boolCall is a predicate as a function returning a Bool.
func boolCall(test func(v value) (bool, error)) fn {
	return func(v value) (value, error) {
		ok, err := test(v)
		if err != nil {
			return nil, err
		}
		return starlark.Bool(ok), nil
	}
}

// negate(pred) is the fast function `not pred(v)`. Negating a fast
// predicate swaps its test and its negation, so no call is added per value.
func negateBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var f starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &f); err != nil {
		return nil, err
	}
	name := "negate(" + kernel.ShortRepr(f) + ")"
	if ff, ok := f.(*fastFunc); ok && ff.not != nil {
		return &fastFunc{name: name, test: ff.not, not: ff.test, call: boolCall(ff.not)}, nil
	}
	pred, err := predicate(thread, "negate", f)
	if err != nil {
		return nil, err
	}
	test := func(v value) (bool, error) {
		ok, err := pred(v)
		return !ok, err
	}
	return &fastFunc{name: name, test: test, not: pred, call: boolCall(test)}, nil
}
