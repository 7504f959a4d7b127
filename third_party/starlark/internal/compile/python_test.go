// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package compile_test

import (
	"bytes"
	"fmt"
	"testing"

	"go.starlark.net/starlark"
)

// TestSerializationKeepsTryAndYield checks that a compiled program written
// and read back keeps its exception tables (the handler still catches) and
// its generator functions (pushbook fork).
func TestSerializationKeepsTryAndYield(t *testing.T) {
	const src = `
def gen():
    yield 1

def safe(d):
    try:
        return d["k"]
    except KeyError:
        return "caught"

y = safe({})
`
	_, prog, err := starlark.SourceProgram("py.star", src, func(string) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	buf := new(bytes.Buffer)
	if err := prog.Write(buf); err != nil {
		t.Fatal(err)
	}
	read, err := starlark.CompiledProgram(buf)
	if err != nil {
		t.Fatal(err)
	}
	globals, err := read.Init(new(starlark.Thread), nil)
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	if got, want := globals["y"], starlark.String("caught"); got != want {
		t.Errorf("y = %v, want %v: the handler did not survive serialization", got, want)
	}
	gen, ok := globals["gen"].(*starlark.Function)
	if !ok || !gen.IsGenerator() {
		t.Errorf("gen = %v: not a generator function after serialization", globals["gen"])
	}
}

// TestSerializationKeepsImports round-trips a program with import
// statements through Program.Write and CompiledProgram, and checks that
// Init's globals hold what a star import bound, including a name the
// program never mentions (Module.extra).
func TestSerializationKeepsImports(t *testing.T) {
	const src = `
import m.n as k
from m import *
y = k.v + a
`
	_, prog, err := starlark.SourceProgram("py.star", src, func(string) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	buf := new(bytes.Buffer)
	if err := prog.Write(buf); err != nil {
		t.Fatal(err)
	}
	read, err := starlark.CompiledProgram(buf)
	if err != nil {
		t.Fatal(err)
	}
	modules := map[string]starlark.StringDict{
		"m":   {"a": starlark.MakeInt(1), "unmentioned": starlark.MakeInt(2)},
		"m.n": {"v": starlark.MakeInt(10)},
	}
	thread := &starlark.Thread{Load: func(_ *starlark.Thread, name string) (starlark.StringDict, error) {
		return modules[name], nil
	}}
	globals, err := read.Init(thread, nil)
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	if got := fmt.Sprint(globals["y"], " ", globals["unmentioned"], " ", globals["k"]); got != "11 2 <module 'm.n'>" {
		t.Errorf("globals y, unmentioned, k = %s, want 11 2 <module 'm.n'>", got)
	}
}
