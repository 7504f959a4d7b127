// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark_test

// Tests of the pushbook fork's int fast paths (FORK.md, "Ints in
// WebAssembly" and "Small-int fast paths"): on every platform, and under
// GOOS=js GOARCH=wasm for the immediates of int_wasm.go, each operator gives
// math/big's answer for operands at the edges of the small ranges (int32,
// ±1<<62, int64), both through the interpreter (its fast paths) and through
// Binary and Compare (the general path).

import (
	"fmt"
	"math"
	"math/big"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// intEdges are values at and around the edges of each small range.
func intEdges() []*big.Int {
	var edges []*big.Int
	for _, e := range []int64{0, 1, 7, 1 << 31, 1 << 62, math.MaxInt64} {
		for _, d := range []int64{-1, 0, 1} {
			v := new(big.Int).Add(big.NewInt(e), big.NewInt(d))
			edges = append(edges, v, new(big.Int).Neg(v))
		}
	}
	return append(edges, new(big.Int).Lsh(big.NewInt(1), 64), new(big.Int).Lsh(big.NewInt(-1), 64))
}

// bigBinary is Python's answer for x op y, ok false for a zero divisor.
func bigBinary(op string, x, y *big.Int) (z *big.Int, ok bool) {
	z = new(big.Int)
	switch op {
	case "+":
		return z.Add(x, y), true
	case "-":
		return z.Sub(x, y), true
	case "*":
		return z.Mul(x, y), true
	case "&":
		return z.And(x, y), true
	case "|":
		return z.Or(x, y), true
	case "^":
		return z.Xor(x, y), true
	}
	if y.Sign() == 0 {
		return nil, false
	}
	m := new(big.Int)
	z.DivMod(x, y, m) // Euclidean: 0 <= m < |y|
	if m.Sign() != 0 && y.Sign() < 0 {
		z.Sub(z, big.NewInt(1)) // to Python's floor and the sign of y
		m.Add(m, y)
	}
	if op == "//" {
		return z, true
	}
	return m, true
}

func TestIntOperatorsAtSmallRangeEdgesMatchBigInts(t *testing.T) {
	edges := intEdges()
	ops := map[string]syntax.Token{"+": syntax.PLUS, "-": syntax.MINUS, "*": syntax.STAR, "//": syntax.SLASHSLASH,
		"%": syntax.PERCENT, "&": syntax.AMP, "|": syntax.PIPE, "^": syntax.CIRCUMFLEX}
	thread := new(starlark.Thread)
	for _, x := range edges {
		for _, y := range edges {
			env := starlark.StringDict{"x": starlark.MakeBigInt(x), "y": starlark.MakeBigInt(y)}
			for op, tok := range ops {
				want, ok := bigBinary(op, x, y)
				got, err := starlark.Eval(thread, "int.star", "x "+op+" y", env)
				general, gerr := starlark.Binary(tok, env["x"], env["y"])
				if !ok {
					if err == nil || gerr == nil {
						t.Errorf("%v %s %v: got %v and %v, want a ZeroDivisionError", x, op, y, got, general)
					}
					continue
				}
				if err != nil || gerr != nil || got.String() != want.String() || general.String() != want.String() {
					t.Errorf("%v %s %v: the interpreter gives %v (%v), Binary %v (%v), want %v", x, op, y, got, err, general, gerr, want)
				}
			}
			for _, op := range []string{"==", "!=", "<", "<=", ">", ">="} {
				c := x.Cmp(y)
				want := map[string]bool{"==": c == 0, "!=": c != 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0}[op]
				got, err := starlark.Eval(thread, "int.star", "x "+op+" y", env)
				if err != nil || got != starlark.Bool(want) {
					t.Errorf("%v %s %v: got %v (%v), want %v", x, op, y, got, err, want)
				}
			}
			if x.Cmp(y) == 0 {
				xh, _ := env["x"].Hash()
				yh, _ := env["y"].Hash()
				if xh != yh {
					t.Errorf("equal ints %v have hashes %d and %d", x, xh, yh)
				}
			}
		}
	}
}

// TestIntHashIsUpstreams checks that an int beyond int32, which int_wasm.go
// makes an immediate, hashes as upstream hashes its big.Int: by the low word
// of its magnitude.
func TestIntHashIsUpstreams(t *testing.T) {
	for _, v := range []int64{-1 << 40, 1 << 40, math.MinInt32 - 1, math.MaxInt32 + 1, -5, 5} {
		lo := big.Word(v)
		if v != int64(int32(v)) {
			lo = new(big.Int).Abs(big.NewInt(v)).Bits()[0]
		}
		want := 12582917 * uint32(lo+3)
		if got, _ := starlark.MakeInt64(v).Hash(); got != want {
			t.Errorf("hash of %d is %d, want %d", v, got, want)
		}
	}
}

func TestIntConversionsOfImmediatesMatchBigInts(t *testing.T) {
	for _, x := range intEdges() {
		i := starlark.MakeBigInt(x)
		if got, want := i.String(), x.String(); got != want {
			t.Errorf("String of %v is %s", x, got)
		}
		if got, ok := i.Int64(); ok != x.IsInt64() || ok && got != x.Int64() {
			t.Errorf("Int64 of %v is %d, %v", x, got, ok)
		}
		if got, want := fmt.Sprintf("%x", i), fmt.Sprintf("%x", x); got != want {
			t.Errorf("%%x of %v is %s, want %s", x, got, want)
		}
		f, _ := new(big.Float).SetInt(x).Float64()
		if got := float64(i.Float()); got != f {
			t.Errorf("Float of %v is %v, want %v", x, got, f)
		}
		if got, want := i.Sign(), x.Sign(); got != want {
			t.Errorf("Sign of %v is %d, want %d", x, got, want)
		}
		if got, want := i.Not().String(), new(big.Int).Not(x).String(); got != want {
			t.Errorf("~%v is %s, want %s", x, got, want)
		}
		if got := i.BigInt(); got.Cmp(x) != 0 {
			t.Errorf("BigInt of %v is %v", x, got)
		}
	}
}
