package stages

import (
	"fmt"

	"go.starlark.net/starlark"

	"pushbook/kernel"
	"pushbook/pipeline"
)

type value = starlark.Value

// fn is a one-argument function a built-in stage calls per value: a Go
// function when the cell passed a fast function, else a Starlark call on a
// thread of the stage's own (a stage never runs re-entrantly, so one thread
// is enough; it is adopted by whichever cell sends to the stage).
type fn func(v value) (value, error)

func callable(thread *starlark.Thread, what string, f starlark.Value) (fn, error) {
	switch f := f.(type) {
	case *fastFunc:
		return f.call, nil
	case starlark.Callable:
		t := kernel.NewThread(thread, what)
		if t == nil {
			return nil, kernel.NotInCell(what)
		}
		return func(v value) (value, error) {
			kernel.Adopt(t)
			return starlark.Call(t, f, starlark.Tuple{v}, nil)
		}, nil
	}
	return nil, starlark.Errorf(starlark.TypeError, "%s: want a function, got %s", what, f.Type())
}

func predicate(thread *starlark.Thread, what string, f starlark.Value) (func(value) (bool, error), error) {
	if ff, ok := f.(*fastFunc); ok && ff.test != nil {
		return ff.test, nil
	}
	call, err := callable(thread, what, f)
	if err != nil {
		return nil, err
	}
	return func(v value) (bool, error) {
		r, err := call(v)
		if err != nil {
			return false, err
		}
		return bool(r.Truth()), nil
	}, nil
}

// stageArg unpacks an optional stage argument (None allowed).
type stageArg struct{ s *kernel.Stage }

func (a *stageArg) Unpack(v starlark.Value) error {
	switch v := v.(type) {
	case starlark.NoneType:
		a.s = nil
	case *kernel.Stage:
		a.s = v
	default:
		return fmt.Errorf("want a stage (or None), got %s", v.Type()) // UnpackArgs makes it a TypeError
	}
	return nil
}

func (a stageArg) pipe() *pipeline.Stage[value] {
	if a.s == nil {
		return nil
	}
	return a.s.Pipeline()
}

func requireStage(fnName, param string, a stageArg) error {
	if a.s == nil {
		return starlark.Errorf(starlark.TypeError, "%s: %s must be a stage, not None", fnName, param)
	}
	return nil
}

func nameOr(name, dflt string) string {
	if name != "" {
		return name
	}
	return dflt
}

// process(fn, output, name="process") sends fn(v) on for every v: the seed's co_process.
func processBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var f starlark.Value
	var out stageArg
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "fn", &f, "output", &out, "name?", &name); err != nil {
		return nil, err
	}
	if err := requireStage(b.Name(), "output", out); err != nil {
		return nil, err
	}
	name = nameOr(name, "process("+kernel.ShortRepr(f)+")")
	call, err := callable(thread, name, f)
	if err != nil {
		return nil, err
	}
	return kernel.NewStage(thread, b.Name(), pipeline.Map(name, call, out.pipe()), out.s), nil
}

// filter(pred, output, other=None) sends v to output when pred(v) is true,
// else to other (None drops it): the seed's co_filter.
func filterBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var f starlark.Value
	var out, other stageArg
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "pred", &f, "output", &out, "other?", &other, "name?", &name); err != nil {
		return nil, err
	}
	if err := requireStage(b.Name(), "output", out); err != nil {
		return nil, err
	}
	name = nameOr(name, "filter("+kernel.ShortRepr(f)+")")
	keep, err := predicate(thread, name, f)
	if err != nil {
		return nil, err
	}
	return kernel.NewStage(thread, b.Name(), pipeline.Filter(name, keep, out.pipe(), other.pipe()), out.s, other.s), nil
}

// everyStage makes split and thin, which share a signature.
func everyStage(make func(string, int, *pipeline.Stage[value], *pipeline.Stage[value]) *pipeline.Stage[value], side string, dflt int) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var out, other stageArg
		every := dflt
		var name string
		if err := starlark.UnpackArgs(b.Name(), args, kwargs, "output", &out, side, &other, "every?", &every, "name?", &name); err != nil {
			return nil, err
		}
		if err := requireStage(b.Name(), "output", out); err != nil {
			return nil, err
		}
		if every < 1 {
			return nil, starlark.Errorf(starlark.ValueError, "%s: every must be at least 1, got %d", b.Name(), every)
		}
		name = nameOr(name, fmt.Sprintf("%s(every=%d)", b.Name(), every))
		return kernel.NewStage(thread, b.Name(), make(name, every, out.pipe(), other.pipe()), out.s, other.s), nil
	}
}

// broadcast(*outputs) sends every value to each output in order (a tee).
func broadcastBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackArgs(b.Name(), nil, kwargs, "name?", &name); err != nil {
		return nil, err
	}
	outs := make([]*kernel.Stage, len(args))
	for i, a := range args {
		s, ok := a.(*kernel.Stage)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "broadcast: output %d is %s, not a stage", i+1, a.Type())
		}
		outs[i] = s
	}
	return kernel.NewStage(thread, b.Name(), pipeline.Broadcast(nameOr(name, "broadcast"), kernel.PipelineStages(outs)...), outs...), nil
}

// stopif(pred, output) passes values on until pred(v) is true, then stops
// and closes output: the seed's co_stopif.
func stopifBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var f starlark.Value
	var out stageArg
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "pred", &f, "output", &out, "name?", &name); err != nil {
		return nil, err
	}
	if err := requireStage(b.Name(), "output", out); err != nil {
		return nil, err
	}
	name = nameOr(name, "stopif("+kernel.ShortRepr(f)+")")
	stop, err := predicate(thread, name, f)
	if err != nil {
		return nil, err
	}
	return kernel.NewStage(thread, b.Name(), pipeline.StopIf(name, stop, out.pipe()), out.s), nil
}

// take(n, output) passes the first n values on, then stops.
func takeBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var n int
	var out stageArg
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "n", &n, "output", &out, "name?", &name); err != nil {
		return nil, err
	}
	if err := requireStage(b.Name(), "output", out); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, starlark.Errorf(starlark.ValueError, "take: n must be at least 0, got %d", n)
	}
	name = nameOr(name, fmt.Sprintf("take(%d)", n))
	return kernel.NewStage(thread, b.Name(), pipeline.Take(name, n, out.pipe()), out.s), nil
}

// scan(fn, init, output) sends the running fold acc = fn(acc, v) on.
func scanBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var f starlark.Callable
	var init starlark.Value
	var out stageArg
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "fn", &f, "init", &init, "output", &out, "name?", &name); err != nil {
		return nil, err
	}
	if err := requireStage(b.Name(), "output", out); err != nil {
		return nil, err
	}
	name = nameOr(name, "scan("+kernel.ShortRepr(f)+")")
	t := kernel.NewThread(thread, name)
	step := func(acc, v value) (value, error) {
		kernel.Adopt(t)
		return starlark.Call(t, f, starlark.Tuple{acc, v}, nil)
	}
	return kernel.NewStage(thread, b.Name(), pipeline.Scan(name, init, step, out.pipe()), out.s), nil
}

// running_average(output) sends the mean of all values so far after each.
// It is a Map whose function keeps the total: pipeline has no average
// stage of its own, since this, the only one, is mostly the conversion of
// Starlark numbers and its error.
func runningAverageBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var out stageArg
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "output", &out, "name?", &name); err != nil {
		return nil, err
	}
	if err := requireStage(b.Name(), "output", out); err != nil {
		return nil, err
	}
	name = nameOr(name, "running_average")
	var total float64
	var count int
	mean := func(v value) (value, error) {
		x, ok := starlark.AsFloat(v)
		if !ok {
			return nil, starlark.Errorf(starlark.TypeError, "%s: value %d is %s, not a number", name, count+1, v.Type())
		}
		total, count = total+x, count+1
		return starlark.Float(total / float64(count)), nil
	}
	return kernel.NewStage(thread, b.Name(), pipeline.Map(name, mean, out.pipe()), out.s), nil
}

// batch(size, output) sends lists of size values (the last may be shorter).
func batchBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var size int
	var out stageArg
	var name string
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "size", &size, "output", &out, "name?", &name); err != nil {
		return nil, err
	}
	if err := requireStage(b.Name(), "output", out); err != nil {
		return nil, err
	}
	if size < 1 {
		return nil, starlark.Errorf(starlark.ValueError, "batch: size must be at least 1, got %d", size)
	}
	name = nameOr(name, fmt.Sprintf("batch(%d)", size))
	pack := func(batch []value) value { return starlark.NewList(batch) }
	return kernel.NewStage(thread, b.Name(), pipeline.Batch(name, size, pack, out.pipe()), out.s), nil
}
