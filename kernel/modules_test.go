package kernel_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"pushbook/internal/libtest"
	"pushbook/kernel"
)

// The module registry is tested through starlark.Thread.Load, which import
// statements will call, until cells have import statements: load_module(name)
// is a test builtin that loads a module as an import does and returns it as
// a value.

// registry is a session with fake modules and load_module; loaded holds
// the members load_module returned last, as Go values.
type registry struct {
	s      *kernel.Session
	loaded starlark.StringDict
	loads  map[string]int // Load calls, by module
}

const shoutDoc = `shout(s): s in capitals`

func newRegistry(t *testing.T) *registry {
	r := &registry{loads: map[string]int{}}
	flakyFails := true
	fake := kernel.Module{
		Name: "fake",
		Doc:  "a module for tests",
		Load: func(*starlark.Thread) (starlark.StringDict, error) {
			r.loads["fake"]++
			return starlark.StringDict{
				"answer":  starlark.MakeInt(42),
				"_hidden": starlark.True,
				"hides":   starlark.True,
				"shout": kernel.NewBuiltin("shout", shoutDoc, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
					var s string
					if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &s); err != nil {
						return nil, err
					}
					return starlark.String(s + "!"), nil
				}),
				"boom": kernel.NewBuiltin("boom", "boom(): panics", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
					var m map[string]int
					m["x"] = 1
					return starlark.None, nil
				}),
			}, nil
		},
		NoStar: []string{"hides"},
	}
	flaky := kernel.Module{Name: "flaky", Load: func(*starlark.Thread) (starlark.StringDict, error) {
		r.loads["flaky"]++
		if flakyFails {
			flakyFails = false
			return nil, errors.New("not today")
		}
		return starlark.StringDict{"ok": starlark.True}, nil
	}}
	loop := kernel.Module{Name: "loop", Load: func(thread *starlark.Thread) (starlark.StringDict, error) {
		r.loads["loop"]++
		return thread.Load(thread, "loop")
	}}
	python := kernel.PythonModule("pym", "a module in Python", "def inverse(x):\n    \"\"\"inverse(x): 1 // x\"\"\"\n    return 1 // x\nsize = len([1, 2])\n")
	r.s = kernel.NewSession(kernel.Options{Modules: []kernel.Module{fake, flaky, loop, python}})
	r.s.Predeclare("load_module", starlark.NewBuiltin("load_module", func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var name string
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &name); err != nil {
			return nil, err
		}
		members, err := thread.Load(thread, name)
		if err != nil {
			return nil, err
		}
		r.loaded = members
		return &starlarkstruct.Module{Name: name, Members: members}, nil
	}))
	return r
}

func TestModulesLoadOncePerSessionThroughTheThreadsLoader(t *testing.T) {
	r := newRegistry(t)
	got, _ := libtest.Stdout(t, r.s, `print(load_module("fake").answer)`, kernel.StatusOK)
	assert.Equal(t, "42\n", got)
	got, _ = libtest.Stdout(t, r.s, `print(load_module("fake").answer + load_module("fake").answer)`, kernel.StatusOK)
	assert.Equal(t, "84\n", got)
	assert.Equal(t, 1, r.loads["fake"], "made the first time a cell imports it, then kept for the session")

	other := newRegistry(t)
	libtest.Stdout(t, other.s, `load_module("fake")`, kernel.StatusOK)
	assert.Equal(t, 1, other.loads["fake"], "each session makes its own")
}

func TestModuleMembersAreWrappedAndDescribed(t *testing.T) {
	r := newRegistry(t)
	libtest.Stdout(t, r.s, `fake = load_module("fake")`, kernel.StatusOK)
	assert.Equal(t, shoutDoc, kernel.DocOf(r.loaded["shout"]), "a Go builtin's doc stays through the session's panic-recovery wrapper")
	assert.Equal(t, "boom(): panics", kernel.DocOf(r.loaded["boom"]))
	assert.Equal(t, starlark.String("a module for tests"), r.loaded["__doc__"], "__doc__ is the module's Doc")
	assert.Equal(t, `['answer', 'boom', 'shout']`, r.loaded["__all__"].String(), "__all__ leaves out NoStar and _ names")

	got, _ := libtest.Stdout(t, r.s, `print(fake.shout("hi"))`, kernel.StatusOK)
	assert.Equal(t, "hi!\n", got)
	_, outs := libtest.Stdout(t, r.s, `fake.boom()`, kernel.StatusError)
	assert.Equal(t, "InternalError", libtest.Last(t, outs).EName, "a panic in a module's builtin is an error, not the end of the session")
	assert.Contains(t, libtest.Last(t, outs).EValue, "Go panic in boom")
	libtest.Stdout(t, r.s, `print(fake.answer)`, kernel.StatusOK)
}

func TestModuleLoadErrors(t *testing.T) {
	r := newRegistry(t)
	_, outs := libtest.Stdout(t, r.s, `load_module("nope")`, kernel.StatusError)
	assert.Equal(t, "ModuleNotFoundError", libtest.Last(t, outs).EName)
	assert.Equal(t, "No module named 'nope' (pushbook's modules: fake, flaky, loop, pym)", libtest.Last(t, outs).EValue)

	_, outs = libtest.Stdout(t, r.s, `load_module("loop")`, kernel.StatusError)
	assert.Equal(t, "ImportError", libtest.Last(t, outs).EName)
	assert.Contains(t, libtest.Last(t, outs).EValue, "circular import")

	_, outs = libtest.Stdout(t, r.s, `load_module("flaky")`, kernel.StatusError)
	assert.Contains(t, libtest.Last(t, outs).EValue, "import flaky: not today")
	got, _ := libtest.Stdout(t, r.s, `print(load_module("flaky").ok)`, kernel.StatusOK)
	assert.Equal(t, "True\n", got, "a failed load is not kept: a later cell tries again")
	assert.Equal(t, 2, r.loads["flaky"])
}

func TestPythonModuleRunsOnceWithItsFileInTracebacks(t *testing.T) {
	r := newRegistry(t)
	got, _ := libtest.Stdout(t, r.s, `pym = load_module("pym")
print(pym.size, pym.inverse(1))`, kernel.StatusOK)
	assert.Equal(t, "2 1\n", got, "it runs with the session's built-ins (len)")
	assert.Equal(t, "inverse(x): 1 // x", kernel.DocOf(r.loaded["inverse"]), "a function's doc is its docstring")
	_, outs := libtest.Stdout(t, r.s, `pym.inverse(0)`, kernel.StatusError)
	o := libtest.Last(t, outs)
	assert.Equal(t, "ZeroDivisionError", o.EName)
	assert.Contains(t, libtest.PlainTraceback(o), "File pym.py, in inverse", "the module's file is in the traceback")

	_, err := kernel.PythonModule("pym", "", "x = 1").Load(&starlark.Thread{})
	assert.Error(t, err, "a Python module loads only on a cell's thread")
}

// Import statements go through the same registry as Thread.Load.
func TestImportStatementsUseTheRegistry(t *testing.T) {
	r := newRegistry(t)
	got, _ := libtest.Stdout(t, r.s, `import fake
from fake import shout
print(fake.answer, shout("x"))`, kernel.StatusOK)
	assert.Equal(t, "42 x!\n", got)
	libtest.Stdout(t, r.s, "from fake import *", kernel.StatusOK)
	g := r.s.Globals()
	assert.Contains(t, g, "answer")
	assert.Contains(t, g, "boom")
	assert.NotContains(t, g, "hides", "* leaves out NoStar names")
	assert.NotContains(t, g, "_hidden", "* leaves out _ names")
	assert.Equal(t, 1, r.loads["fake"], "one load for every import of the session")
	_, outs := libtest.Stdout(t, r.s, "import nope", kernel.StatusError)
	assert.Equal(t, "ModuleNotFoundError", libtest.Last(t, outs).EName)
}

func TestDocOf(t *testing.T) {
	noop := func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		return starlark.None, nil
	}
	documented := kernel.NewBuiltin("documented", "documented(): does nothing", noop)
	assert.Equal(t, "documented(): does nothing", kernel.DocOf(documented))
	assert.Equal(t, "", kernel.DocOf(starlark.NewBuiltin("plain", noop)), "a builtin not made by NewBuiltin has no doc")
	assert.Equal(t, "", kernel.DocOf(starlark.MakeInt(1)))

	s := kernel.NewSession(kernel.Options{})
	s.Predeclare("documented", documented)
	s.Predeclare("doc_of", starlark.NewBuiltin("doc_of", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		return starlark.String(kernel.DocOf(v)), nil
	}))
	got, _ := libtest.Stdout(t, s, `def f():
    """f(): the docstring"""
print(doc_of(documented))
print(doc_of(f))`, kernel.StatusOK)
	assert.Equal(t, "documented(): does nothing\nf(): the docstring\n", got, "Predeclare's panic-recovery wrapper keeps the doc")
}

func TestSessionValueIsMadeOncePerSession(t *testing.T) {
	type key struct{}
	made := 0
	next := starlark.NewBuiltin("next_number", func(thread *starlark.Thread, _ *starlark.Builtin, _ starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		n := kernel.SessionValue(thread, key{}, func() any { made++; return new(int) }).(*int)
		*n++
		return starlark.MakeInt(*n), nil
	})
	a, b := kernel.NewSession(kernel.Options{}), kernel.NewSession(kernel.Options{})
	a.Predeclare("next_number", next)
	b.Predeclare("next_number", next)
	got, _ := libtest.Stdout(t, a, "print(next_number(), next_number())", kernel.StatusOK)
	assert.Equal(t, "1 2\n", got)
	got, _ = libtest.Stdout(t, a, "print(next_number())", kernel.StatusOK)
	assert.Equal(t, "3\n", got, "kept from one cell to the next")
	got, _ = libtest.Stdout(t, b, "print(next_number())", kernel.StatusOK)
	assert.Equal(t, "1\n", got, "another session has its own")
	assert.Equal(t, 2, made, "made once per session")

	assert.Nil(t, kernel.SessionValue(&starlark.Thread{}, key{}, func() any { made++; return 0 }), "nil outside a cell")
	require.Equal(t, 2, made)
}
