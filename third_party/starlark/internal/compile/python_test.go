// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package compile_test

import (
	"bytes"
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
