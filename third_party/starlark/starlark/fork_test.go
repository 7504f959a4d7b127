// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark_test

// Tests of the pushbook fork's Python statements (FORK.md): try/except,
// raise, decorators and generators. Generators need a host; pullHost below
// is the smallest one, on iter.Pull, as pushbook's kernel does it.

import (
	"errors"
	"iter"
	"path/filepath"
	"testing"

	"go.starlark.net/internal/chunkedfile"
	"go.starlark.net/starlark"
	"go.starlark.net/starlarktest"
	"go.starlark.net/syntax"
)

func TestForkExecFile(t *testing.T) {
	testdata := starlarktest.DataFile("starlark", ".")
	for _, file := range []string{
		"testdata/try.star",
		"testdata/generator.star",
		"testdata/decorator.star",
	} {
		filename := filepath.Join(testdata, file)
		for _, chunk := range chunkedfile.Read(filename, t) {
			thread := &starlark.Thread{Load: load, Generators: pullHost{}}
			starlarktest.SetReporter(thread, t)
			predeclared := starlark.StringDict{"next": starlark.NewBuiltin("next", nextBuiltin)}
			_, err := starlark.ExecFileOptions(getOptions(chunk.Source), thread, filename, chunk.Source, predeclared)
			var ee *starlark.EvalError
			switch {
			case errors.As(err, &ee):
				found := false
				for i := range ee.CallStack {
					if posn := ee.CallStack.At(i).Pos; posn.Filename() == filename {
						chunk.GotError(int(posn.Line), err.Error())
						found = true
						break
					}
				}
				if !found {
					t.Error(ee.Backtrace())
				}
			case err != nil:
				var serr syntax.Error
				if errors.As(err, &serr) {
					chunk.GotError(int(serr.Pos.Line), serr.Msg)
				} else {
					t.Error(err)
				}
			}
			chunk.Done()
		}
	}
}

// pullHost runs each generator body on its own thread inside iter.Pull.
type pullHost struct{}

type generator struct {
	name    string
	next    func() (starlark.Value, bool)
	stop    func()
	in      starlark.Value // what send passed in
	thrown  error          // what throw or close passed in
	started bool
	err     error // how the body ended: nil, or a *starlark.Exception / error
	result  starlark.Value
	done    bool
	stopped bool // stop was called: the body must end
}

type genKey struct{}

func (pullHost) NewGenerator(thread *starlark.Thread, fn *starlark.Function, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	g := &generator{name: fn.Name()}
	body := fn.GeneratorBody()
	g.next, g.stop = iter.Pull(func(yield func(starlark.Value) bool) {
		t := &starlark.Thread{Name: fn.Name(), Load: thread.Load, Print: thread.Print, Generators: pullHost{}}
		t.SetLocal("gen", g)
		t.SetLocal("yield", yield)
		g.result, g.err = starlark.Call(t, body, args, kwargs)
		g.done = true
	})
	return g, nil
}

func (pullHost) Yield(thread *starlark.Thread, v starlark.Value) (starlark.Value, error) {
	g := thread.Local("gen").(*generator)
	yield := thread.Local("yield").(func(starlark.Value) bool)
	if g.stopped {
		return nil, starlark.Errorf(starlark.RuntimeError, "generator ignored GeneratorExit")
	}
	if !yield(v) {
		g.stopped = true
		return nil, starlark.NewException(starlark.GeneratorExit)
	}
	if err := g.thrown; err != nil {
		g.thrown = nil
		return nil, err
	}
	return g.in, nil
}

func (h pullHost) YieldFrom(thread *starlark.Thread, x starlark.Value) (starlark.Value, error) {
	inner, ok := x.(*generator)
	if !ok {
		// a plain iterable: yield each element
		it := starlark.Iterate(x)
		if it == nil {
			return nil, starlark.Errorf(starlark.TypeError, "'%s' object is not iterable", x.Type())
		}
		defer it.Done()
		var v starlark.Value
		for it.Next(&v) {
			if _, err := h.Yield(thread, v); err != nil {
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
			v, err = inner.throw(thrown)
		} else {
			v, err = inner.send(sent)
		}
		if err != nil {
			var e *starlark.Exception
			if errors.As(err, &e) && e.Class == starlark.StopIteration {
				return e.Value, nil
			}
			return nil, err
		}
		g := thread.Local("gen").(*generator)
		yield := thread.Local("yield").(func(starlark.Value) bool)
		if !yield(v) {
			inner.close()
			return nil, starlark.NewException(starlark.GeneratorExit)
		}
		sent, thrown, g.thrown = g.in, g.thrown, nil
	}
}

// resume runs the body to its next yield with in or thrown delivered there.
func (g *generator) resume(in starlark.Value, thrown error) (starlark.Value, error) {
	if g.done {
		return nil, starlark.NewException(starlark.StopIteration)
	}
	if !g.started && in != starlark.None && thrown == nil {
		return nil, starlark.Errorf(starlark.TypeError, "can't send non-None value to a just-started generator")
	}
	g.started = true
	g.in, g.thrown = in, thrown
	v, ok := g.next()
	if !ok {
		if g.err != nil {
			return nil, g.err
		}
		e := starlark.NewException(starlark.StopIteration)
		if g.result != nil {
			e.Value = g.result
		}
		return nil, e
	}
	return v, nil
}

func (g *generator) send(v starlark.Value) (starlark.Value, error) { return g.resume(v, nil) }
func (g *generator) throw(err error) (starlark.Value, error)       { return g.resume(starlark.None, err) }

func (g *generator) close() error {
	if g.done || !g.started {
		g.done = true
		g.stop()
		return nil
	}
	_, err := g.throw(starlark.NewException(starlark.GeneratorExit))
	if err == nil {
		g.stop()
		return starlark.Errorf(starlark.RuntimeError, "generator ignored GeneratorExit")
	}
	if c := starlark.ClassOf(err); c == starlark.GeneratorExit || c == starlark.StopIteration {
		return nil
	}
	return err
}

func (g *generator) String() string        { return "<generator object " + g.name + ">" }
func (g *generator) Type() string          { return "generator" }
func (g *generator) Freeze()               {}
func (g *generator) Truth() starlark.Bool  { return true }
func (g *generator) Hash() (uint32, error) { return 0, errors.New("unhashable") }
func (g *generator) AttrNames() []string   { return []string{"close", "send", "throw"} }

func (g *generator) Attr(name string) (starlark.Value, error) {
	switch name {
	case "send":
		return starlark.NewBuiltin("send", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var v starlark.Value
			if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
				return nil, err
			}
			return g.send(v)
		}), nil
	case "throw":
		return starlark.NewBuiltin("throw", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var v starlark.Value
			if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
				return nil, err
			}
			switch x := v.(type) {
			case *starlark.Exception:
				return g.throw(x)
			case *starlark.ExceptionClass:
				return g.throw(starlark.NewException(x))
			}
			return nil, starlark.Errorf(starlark.TypeError, "exceptions must derive from BaseException")
		}), nil
	case "close":
		return starlark.NewBuiltin("close", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
			return starlark.None, g.close()
		}), nil
	}
	return nil, nil
}

func (g *generator) Iterate() starlark.Iterator { return &genIterator{g: g} }

type genIterator struct {
	g   *generator
	err error
}

func (it *genIterator) Next(p *starlark.Value) bool {
	v, err := it.g.send(starlark.None)
	if err != nil {
		if starlark.ClassOf(err) != starlark.StopIteration {
			it.err = err
		}
		return false
	}
	*p = v
	return true
}
func (it *genIterator) Done()      {}
func (it *genIterator) Err() error { return it.err }

func nextBuiltin(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var g *generator
	var dflt starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &g, &dflt); err != nil {
		return nil, err
	}
	v, err := g.send(starlark.None)
	if err != nil && dflt != nil && starlark.ClassOf(err) == starlark.StopIteration {
		return dflt, nil
	}
	return v, err
}
