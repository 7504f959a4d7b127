package kernel

import (
	"errors"

	"go.starlark.net/starlark"

	"pushbook/pipeline"
)

// generators is the session's starlark.GeneratorHost: calling a def that
// contains yield makes a generator object that is a pipeline stage (a
// Stage of kind "generator"), whose body runs on its own Starlark thread
// inside iter.Pull (pipeline.RawCoroutine). Its stage arguments are its
// outputs, so a pipeline of cell-written coroutines has a graph, counts,
// and close/stop propagation as the pipeline package defines them.
type generators struct{}

var _ starlark.GeneratorHost = generators{}

// NewGenerator makes the unstarted generator for a call of fn: nothing of
// the body runs until next(g) or g.send(None).
func (generators) NewGenerator(thread *starlark.Thread, fn *starlark.Function, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	session := sessionOf(thread)
	if session == nil {
		return nil, NotInCell(fn.Name())
	}
	outs := StagesIn(args, kwargs)
	name := StageName(fn.Name(), args, kwargs)
	b := &body{outs: outs}
	s := &Stage{session: session, kind: "generator", outs: outs, raw: true, body: b}
	code := fn.GeneratorBody()
	parent := thread
	run := func(co *pipeline.Co[starlark.Value]) error { // refers to b, never to s
		t := NewThread(parent, name)
		if t == nil {
			return NotInCell(name)
		}
		b.co, b.thread = co, t
		stateOf(t).body = b
		Adopt(t)
		result, err := starlark.Call(t, code, args, kwargs)
		switch {
		case err == nil:
			b.returned = result
		case starlark.IsClass(err, starlark.GeneratorExit):
			return nil // the body let GeneratorExit end it: a clean close
		}
		return err
	}
	s.st = pipeline.RawCoroutine(name, run, PipelineStages(outs)...)
	if err := session.trackStage(s.st); err != nil {
		_ = s.st.Close() // never started: ends without running the body
		return nil, err
	}
	session.closeWhenUnreachable(s)
	labelOutputs(s.st, args, kwargs, fn)
	return s, nil
}

// Yield is `yield v` in a body: hand v to the sender and wait for the
// next value sent, or the exception thrown in (GeneratorExit on close).
func (generators) Yield(thread *starlark.Thread, v starlark.Value) (starlark.Value, error) {
	b := bodyOf(thread)
	if b == nil {
		return nil, starlark.Errorf(starlark.RuntimeError, "yield outside a generator body")
	}
	return b.recv(v)
}

// YieldFrom is `yield from x`: x's values pass out and what is sent,
// thrown or closed passes in, until x is exhausted; its value is what x
// returned (PEP 380).
func (generators) YieldFrom(thread *starlark.Thread, x starlark.Value) (starlark.Value, error) {
	b := bodyOf(thread)
	if b == nil {
		return nil, starlark.Errorf(starlark.RuntimeError, "yield from outside a generator body")
	}
	inner, ok := x.(*Stage)
	if !ok || inner.kind != "generator" {
		iter := starlark.Iterate(x)
		if iter == nil {
			return nil, starlark.Errorf(starlark.TypeError, "'%s' object is not iterable", x.Type())
		}
		defer iter.Done()
		var v starlark.Value
		for iter.Next(&v) {
			if err := Checkpoint(thread, 1); err != nil {
				return nil, err
			}
			if _, err := b.recv(v); err != nil {
				return nil, err
			}
		}
		return starlark.None, nil
	}
	var sent starlark.Value = starlark.None
	var thrown error
	for {
		var v starlark.Value
		var err error
		if thrown != nil {
			v, err = inner.throw(thread, thrown)
		} else {
			v, err = inner.send(thread, sent)
		}
		if err != nil {
			if ret, ok := inner.ownStop(err); ok {
				return ret, nil
			}
			return nil, err
		}
		sent, thrown = b.recv(v)
		if thrown != nil && starlark.IsClass(thrown, starlark.GeneratorExit) {
			if cerr := inner.st.Close(); cerr != nil {
				return nil, inner.SendError(cerr)
			}
			return nil, thrown
		}
	}
}

// takeReturned reports whether err is the stop of s itself (not of a stage
// below it) after its body returned a value other than None, and that value,
// once: later sends find s exhausted, with nothing more to return.
func (s *Stage) takeReturned(err error) (starlark.Value, bool) {
	var se *pipeline.StageError
	if s.body == nil || s.body.returned == nil || s.body.returned == starlark.None || !errors.As(err, &se) || se.Stage != s.st.Name() {
		return nil, false
	}
	ret := s.body.returned
	s.body.returned = nil
	return ret, true
}

// ownStop reports whether err, from a send to s, is s's own StopIteration
// (it returned, rather than a stage below it stopping), and its value.
func (s *Stage) ownStop(err error) (starlark.Value, bool) {
	var se *pipeline.StageError
	var exc *starlark.Exception
	if !errors.Is(err, pipeline.ErrStopped) || !errors.As(err, &se) || se.Stage != s.st.Name() || !errors.As(err, &exc) {
		return nil, false
	}
	return exc.Value, true
}

// throw is g.throw(exc): exc is raised at the paused yield; the body may
// catch it and yield again (throw's result) or end.
func (s *Stage) throw(thread *starlark.Thread, exc error) (starlark.Value, error) {
	if s.kind != "generator" {
		return nil, starlark.Errorf(starlark.TypeError, "%s is a built-in stage: only generators can have exceptions thrown in", s.st.Name())
	}
	if s.raw && !s.started || s.st.State() != pipeline.Open {
		// Python: throwing into a generator that has not started (or has
		// ended) raises the exception at once, and the generator is done.
		s.started = true
		_ = s.st.Close()
		return nil, exc
	}
	s.body.thrown = exc
	return s.send(thread, starlark.None)
}
