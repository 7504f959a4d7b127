// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark_test

// Tests of Builtin.BorrowArgs (pushbook fork, FORK.md).

import (
	"testing"

	"go.starlark.net/starlark"
)

// TestBorrowArgsSavesTheArgumentCopy calls a built-in 1,000 times from a
// loop, plain and marked by BorrowArgs (also through BindReceiver): the
// values it sees are the same, and the marked one costs about one
// allocation fewer per call, the Tuple CALL no longer makes.
func TestBorrowArgsSavesTheArgumentCopy(t *testing.T) {
	const calls = 1000
	var sum int
	add := func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		for _, a := range args {
			x, _ := starlark.AsInt32(a)
			sum += x
		}
		return starlark.None, nil
	}
	run := func(b *starlark.Builtin) (int, float64) {
		thread := &starlark.Thread{}
		globals, err := starlark.ExecFile(thread, "borrow.star", "def f():\n    for i in range(1000):\n        b(i, 1)\n", starlark.StringDict{"b": b})
		if err != nil {
			t.Fatal(err)
		}
		f := globals["f"]
		sum = 0
		if _, err := starlark.Call(thread, f, nil, nil); err != nil {
			t.Fatal(err)
		}
		got := sum
		allocs := testing.AllocsPerRun(5, func() {
			if _, err := starlark.Call(thread, f, nil, nil); err != nil {
				t.Fatal(err)
			}
		})
		return got, allocs
	}
	wantSum := calls*(calls-1)/2 + calls
	plainSum, plain := run(starlark.NewBuiltin("b", add))
	borrowSum, borrowed := run(starlark.NewBuiltin("b", add).BorrowArgs())
	boundSum, bound := run(starlark.NewBuiltin("b", add).BorrowArgs().BindReceiver(starlark.None))
	for _, got := range []int{plainSum, borrowSum, boundSum} {
		if got != wantSum {
			t.Errorf("sum of the arguments seen = %d, want %d", got, wantSum)
		}
	}
	if saved := plain - borrowed; saved < calls*0.9 {
		t.Errorf("BorrowArgs saved %.0f allocations in %d calls (%.0f -> %.0f), want about one per call", saved, calls, plain, borrowed)
	}
	if bound != borrowed {
		t.Errorf("a bound copy of a borrowing built-in made %.0f allocations, the built-in %.0f: BindReceiver lost the mark", bound, borrowed)
	}
}
