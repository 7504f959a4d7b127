// Copyright 2017 The Bazel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package resolve_test

import (
	"strings"
	"testing"

	"go.starlark.net/internal/chunkedfile"
	"go.starlark.net/resolve"
	"go.starlark.net/starlarktest"
	"go.starlark.net/syntax"
)

// A test may enable non-standard options by containing (e.g.) "option:recursion".
func getOptions(src string) *syntax.FileOptions {
	return &syntax.FileOptions{
		Set:               option(src, "set"),
		While:             option(src, "while"),
		TopLevelControl:   option(src, "toplevelcontrol"),
		GlobalReassign:    option(src, "globalreassign"),
		LoadBindsGlobally: option(src, "loadbindsglobally"),
		Recursion:         option(src, "recursion"),
	}
}

func option(chunk, name string) bool {
	return strings.Contains(chunk, "option:"+name)
}

func TestResolve(t *testing.T) {
	testResolveFile(t, "testdata/resolve.star")
}

// TestResolvePython tests the Python constructs of the pushbook fork.
func TestResolvePython(t *testing.T) {
	testResolveFile(t, "testdata/python.star")
}

func testResolveFile(t *testing.T, file string) {
	filename := starlarktest.DataFile("resolve", file)
	for _, chunk := range chunkedfile.Read(filename, t) {
		// A chunk may set options by containing e.g. "option:recursion".
		opts := getOptions(chunk.Source)

		f, err := opts.Parse(filename, chunk.Source, 0)
		if err != nil {
			t.Error(err)
			continue
		}

		if err := resolve.File(f, isPredeclared, isUniversal); err != nil {
			for _, err := range err.(resolve.ErrorList) {
				chunk.GotError(int(err.Pos.Line), err.Msg)
			}
		}
		chunk.Done()
	}
}

func TestDefVarargsAndKwargsSet(t *testing.T) {
	source := "def f(*args, **kwargs): pass\n"
	file, err := syntax.Parse("foo.star", source, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := resolve.File(file, isPredeclared, isUniversal); err != nil {
		t.Fatal(err)
	}
	fn := file.Stmts[0].(*syntax.DefStmt).Function.(*resolve.Function)
	if !fn.HasVarargs {
		t.Error("HasVarargs not set")
	}
	if !fn.HasKwargs {
		t.Error("HasKwargs not set")
	}
}

func TestLambdaVarargsAndKwargsSet(t *testing.T) {
	source := "f = lambda *args, **kwargs: 0\n"
	file, err := syntax.Parse("foo.star", source, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := resolve.File(file, isPredeclared, isUniversal); err != nil {
		t.Fatal(err)
	}
	lam := file.Stmts[0].(*syntax.AssignStmt).RHS.(*syntax.LambdaExpr).Function.(*resolve.Function)
	if !lam.HasVarargs {
		t.Error("HasVarargs not set")
	}
	if !lam.HasKwargs {
		t.Error("HasKwargs not set")
	}
}

// TestHasYieldMarksOnlyTheDefWhoseBodyYields checks Function.HasYield
// (pushbook fork): a yield makes a generator of the def whose own body holds
// it, not of an enclosing def, and a yield in a decorator or a default value
// belongs to the enclosing def.
func TestHasYieldMarksOnlyTheDefWhoseBodyYields(t *testing.T) {
	const source = `
def plain():
    return 1

def gen():
    x = yield
    def inner():
        return x
    return inner

def outer():
    def inner():
        yield 1
    return inner

def outer2():
    @(yield)
    def inner(x=(yield)):
        return x
    return [y for y in (yield)]
`
	file, err := syntax.Parse("foo.star", source, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := resolve.File(file, isPredeclared, isUniversal); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"plain": false, "gen": true, "gen.inner": false,
		"outer": false, "outer.inner": true, "outer2": true, "outer2.inner": false,
	}
	got := make(map[string]bool)
	var visit func(prefix string, stmts []syntax.Stmt)
	visit = func(prefix string, stmts []syntax.Stmt) {
		for _, stmt := range stmts {
			if def, ok := stmt.(*syntax.DefStmt); ok {
				got[prefix+def.Name.Name] = def.Function.(*resolve.Function).HasYield
				visit(prefix+def.Name.Name+".", def.Body)
			}
		}
	}
	visit("", file.Stmts)
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: HasYield = %t, want %t", name, got[name], w)
		}
	}
}

func isPredeclared(name string) bool { return name == "M" }

func isUniversal(name string) bool { return name == "U" || name == "float" }
