// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark

// This file (pushbook fork, FORK.md) holds the interpreter's fast paths for
// operators whose operands are both small ints (int32s natively, every
// WebAssembly immediate; see smallValue). One call does what Binary or
// Compare does for them through several: Binary, Int.Mul, MakeInt64, or
// Compare, CompareDepth, two interface assertions and Int.Cmp. In
// WebAssembly, where each Go call costs a check and locals live in linear
// memory, that is most of an arithmetic instruction's time. The results
// are exactly Binary's and Compare's; anything else (a big int, a zero
// divisor, another type) reports false and takes the general path.

import "go.starlark.net/syntax"

// smallIntBinary returns x op y if x and y are small ints and op is an
// arithmetic or bitwise operator that Binary applies to them without error.
func smallIntBinary(op syntax.Token, x, y Value) (Value, bool) {
	xi, ok := x.(Int)
	if !ok {
		return nil, false
	}
	yi, ok := y.(Int)
	if !ok {
		return nil, false
	}
	xs, xok := xi.smallValue()
	ys, yok := yi.smallValue()
	if !xok || !yok {
		return nil, false
	}
	switch op {
	case syntax.PLUS:
		return MakeInt64(xs + ys), true
	case syntax.MINUS:
		return MakeInt64(xs - ys), true
	case syntax.STAR:
		if z, ok := mulSmall(xs, ys); ok {
			return MakeInt64(z), true
		}
	case syntax.SLASHSLASH:
		if ys != 0 {
			return floorDivSmall(xs, ys), true
		}
	case syntax.PERCENT:
		if ys != 0 {
			return floorModSmall(xs, ys), true
		}
	case syntax.AMP:
		return makeSmallInt(xs & ys), true
	case syntax.PIPE:
		return makeSmallInt(xs | ys), true
	case syntax.CIRCUMFLEX:
		return makeSmallInt(xs ^ ys), true
	}
	return nil, false
}

// smallIntCompare returns x op y, for op one of EQL, NEQ, LT, LE, GT, GE,
// if x and y are small ints.
func smallIntCompare(op syntax.Token, x, y Value) (Bool, bool) {
	xi, ok := x.(Int)
	if !ok {
		return false, false
	}
	yi, ok := y.(Int)
	if !ok {
		return false, false
	}
	xs, xok := xi.smallValue()
	ys, yok := yi.smallValue()
	if !xok || !yok {
		return false, false
	}
	return Bool(threeway(op, signum64(xs-ys))), true // safe: operands within ±1<<62
}

// borrowsArgs reports whether the callee fn keeps no reference to the
// slice of its positional arguments, so that CALL may pass them in its own
// operand stack: a Starlark function (upstream's rule) or a built-in marked
// by BorrowArgs (pushbook fork).
func borrowsArgs(fn Value) bool {
	switch fn := fn.(type) {
	case *Function:
		return true
	case *Builtin:
		return fn.borrows
	}
	return false
}
