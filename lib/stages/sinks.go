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

// binaryFast makes add(k), mul(k), greater(k), less(k), multiple_of(n).
func binaryFast(op syntax.Token, flip bool, wrap func(starlark.Value) (starlark.Value, error)) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var k starlark.Value
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &k); err != nil {
			return nil, err
		}
		name := fmt.Sprintf("%s(%s)", b.Name(), k)
		kInt, kIsInt := smallInt(k)
		f := &fastFunc{name: name}
		f.call = func(v value) (value, error) {
			if x, ok := smallInt(v); ok && kIsInt && !flip {
				if r, ok := intOp(op, x, kInt); ok {
					if wrap != nil {
						return wrap(r)
					}
					return r, nil
				}
			}
			x, y := v, k
			if flip {
				x, y = k, v
			}
			var r starlark.Value
			var err error
			if op == syntax.GT || op == syntax.LT {
				var ok bool
				ok, err = starlark.Compare(op, x, y)
				r = starlark.Bool(ok)
			} else {
				r, err = starlark.Binary(op, x, y)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if wrap != nil {
				return wrap(r)
			}
			return r, nil
		}
		if op == syntax.GT || op == syntax.LT || wrap != nil {
			// a predicate: answer small ints in Go without making values
			f.test = func(v value) (bool, error) {
				if x, ok := smallInt(v); ok && kIsInt && !flip {
					switch {
					case op == syntax.GT:
						return x > kInt, nil
					case op == syntax.LT:
						return x < kInt, nil
					case op == syntax.PERCENT && kInt != 0:
						return x%kInt == 0, nil // multiple_of: the sign of the remainder does not matter
					}
				}
				r, err := f.call(v)
				if err != nil {
					return false, err
				}
				return bool(r.Truth()), nil
			}
		}
		return f, nil
	}
}

// smallInt returns v as an int64 when it is a Starlark int that fits in 32
// bits, so that fast functions can skip Starlark's general arithmetic.
func smallInt(v value) (int64, bool) {
	i, ok := v.(starlark.Int)
	if !ok {
		return 0, false
	}
	x, ok := i.Int64()
	return x, ok && x >= -1<<31 && x < 1<<31
}

// intOp applies op to two 32-bit ints in Go (no overflow is possible in 64
// bits); ok is false for ops it does not handle, or % by zero.
func intOp(op syntax.Token, x, y int64) (value, bool) {
	switch op {
	case syntax.PLUS:
		return starlark.MakeInt64(x + y), true
	case syntax.STAR:
		return starlark.MakeInt64(x * y), true
	case syntax.GT:
		return starlark.Bool(x > y), true
	case syntax.LT:
		return starlark.Bool(x < y), true
	case syntax.PERCENT:
		if y == 0 {
			return nil, false
		}
		m := x % y
		if m != 0 && (m < 0) != (y < 0) { // Python's modulo takes the divisor's sign
			m += y
		}
		return starlark.MakeInt64(m), true
	}
	return nil, false
}

func isZero(r starlark.Value) (starlark.Value, error) {
	if x, ok := smallInt(r); ok {
		return starlark.Bool(x == 0), nil
	}
	eq, err := starlark.Equal(r, starlark.MakeInt(0))
	return starlark.Bool(eq), err
}

// negate(pred) is the fast function `not pred(v)`.
func negateBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var f starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &f); err != nil {
		return nil, err
	}
	pred, err := predicate(thread, "negate", f)
	if err != nil {
		return nil, err
	}
	test := func(v value) (bool, error) {
		ok, err := pred(v)
		return !ok, err
	}
	return &fastFunc{name: "negate(" + kernel.ShortRepr(f) + ")", test: test, call: func(v value) (value, error) {
		ok, err := test(v)
		return starlark.Bool(ok), err
	}}, nil
}
