// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark_test

// Tests of the pushbook fork's Python statements (FORK.md): try/except,
// raise, decorators, generators and imports. Generators need a host; pullHost below
// is the smallest one, on iter.Pull, as pushbook's kernel does it.

import (
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"strings"
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
		"testdata/import.star",
	} {
		filename := filepath.Join(testdata, file)
		for _, chunk := range chunkedfile.Read(filename, t) {
			thread := &starlark.Thread{Load: importLoad, Generators: pullHost{}}
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

// importModules are the modules import.star imports, made once so that
// each import of one gets the same StringDict, as from pushbook's kernel.
var importModules = map[string]starlark.StringDict{
	"m": {
		"a": starlark.MakeInt(1), "b": starlark.MakeInt(2), "c": starlark.MakeInt(3), "_p": starlark.MakeInt(4),
		"__all__": starlark.NewList([]starlark.Value{starlark.String("a"), starlark.String("b"), starlark.String("_p")}),
	},
	"free":           {"x": starlark.MakeInt(10), "y": starlark.MakeInt(20), "_z": starlark.MakeInt(30)},
	"pkg":            {"top": starlark.String("pkg top")},
	"pkg.sub":        {"leaf": starlark.MakeInt(42)},
	"pkg.sub.deeper": {"v": starlark.MakeInt(7)},
	"bad":            {"ok": starlark.MakeInt(1), "__all__": starlark.Tuple{starlark.String("ok"), starlark.MakeInt(1)}},
}

// importLoad is the Thread.Load of the fork's scripts: importModules, a
// ModuleNotFoundError for any other bare name, and upstream's test modules
// for load("x.star", ...).
func importLoad(thread *starlark.Thread, module string) (starlark.StringDict, error) {
	if m, ok := importModules[module]; ok {
		return m, nil
	}
	if !strings.HasSuffix(module, ".star") {
		return nil, starlark.Errorf(starlark.ModuleNotFoundError, "No module named '%s'", module)
	}
	return load(thread, module)
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

// TestImportAcrossREPLChunks runs imports as pushbook's kernel runs cells:
// each chunk with ExecREPLChunk against one globals dict. What a star import
// binds is usable in its own chunk and in later ones, including the names
// its chunk never mentions; modules imported twice are equal.
func TestImportAcrossREPLChunks(t *testing.T) {
	opts := &syntax.FileOptions{TopLevelControl: true, GlobalReassign: true, While: true}
	thread := &starlark.Thread{Load: importLoad}
	globals := starlark.StringDict{}
	for _, test := range []struct{ chunk, want, r string }{
		{"from m import *\nr = a + b", "", "3"},
		{"r = (r, _p)", "", "(3, 4)"}, // _p: bound by the star import, unmentioned in its chunk
		{"import m as m1", "", "(3, 4)"},
		{"import m\nr = (m == m1, m.c)", "", "(True, 3)"},
		{"def f():\n    from free import *", "import * only allowed at module level", ""},
		{"c", "undefined: c", ""}, // no star import in this chunk: a compile error
		{"from free import *\nr = x + y + c", "name 'c' is not defined", ""},
		{"r = x", "", "10"}, // bound before the last chunk failed
		{"import pkg.sub.deeper\nr = pkg.sub.deeper.v", "", "7"},
		{"from pkg import sub, nope", "cannot import name 'nope' from 'pkg'", ""},
		{"r = sub.leaf", "", "42"}, // bound before the failure
	} {
		f, err := opts.Parse("cell.star", test.chunk, 0)
		if err != nil {
			t.Fatal(err)
		}
		err = starlark.ExecREPLChunk(f, thread, globals)
		switch {
		case err != nil && test.want == "":
			t.Errorf("%q: %v", test.chunk, err)
		case err == nil && test.want != "":
			t.Errorf("%q: no error, want %q", test.chunk, test.want)
		case err != nil && !strings.Contains(err.Error(), test.want):
			t.Errorf("%q: error %v, want %q", test.chunk, err, test.want)
		}
		if got := fmt.Sprint(globals["r"]); test.r != "" && got != test.r {
			t.Errorf("%q: r = %s, want %s", test.chunk, got, test.r)
		}
	}
	want := map[string]string{"a": "1", "b": "2", "_p": "4", "x": "10", "y": "20", "m": "<module 'm'>", "r": "42"}
	for name, v := range want {
		if got := fmt.Sprint(globals[name]); got != v {
			t.Errorf("globals[%q] = %s, want %s", name, got, v)
		}
	}
	for _, name := range []string{"c", "_z", "nope"} {
		if v, ok := globals[name]; ok {
			t.Errorf("globals[%q] = %v, want none", name, v)
		}
	}
}
