// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark

// This file holds the runtime of the everyday Python expressions that the
// pushbook fork adds (FORK.md, issue #13): the power operator ** and pow(),
// identity (is / is not), and the formatting step of f-strings.

import (
	"math"
	"math/big"
	"math/bits"
	"reflect"
	"strings"

	"go.starlark.net/syntax"
)

// power returns x ** y for numbers, or (nil, nil) if Binary should try the
// operands' own Binary methods. An int raised to a non-negative int is an
// exact int; to a negative int it is a float, as in Python.
func power(x, y Value) (Value, error) {
	switch x := x.(type) {
	case Int:
		switch y := y.(type) {
		case Int:
			return intPower(x, y)
		case Float:
			xf, err := x.finiteFloat()
			if err != nil {
				return nil, err
			}
			return floatPower(xf, y)
		}
	case Float:
		switch y := y.(type) {
		case Int:
			yf, err := y.finiteFloat()
			if err != nil {
				return nil, err
			}
			return floatPower(x, yf)
		case Float:
			return floatPower(x, y)
		}
	}
	return nil, nil
}

func intPower(x, y Int) (Value, error) {
	if y.Sign() < 0 {
		xf, err := x.finiteFloat()
		if err != nil {
			return nil, err
		}
		yf, err := y.finiteFloat()
		if err != nil {
			return nil, err
		}
		return floatPower(xf, yf)
	}
	// 0, 1 and -1 stay small whatever the exponent.
	if xs, ok := x.Int64(); ok && xs >= -1 && xs <= 1 {
		switch {
		case xs == 1:
			return x, nil
		case xs == 0:
			if y.Sign() == 0 {
				return MakeInt(1), nil
			}
			return x, nil
		default: // -1
			if y.bigInt().Bit(0) == 0 {
				return MakeInt(1), nil
			}
			return x, nil
		}
	}
	// |x| >= 2: the result has at least (bitlen(x)-1)*y+1 bits. Refuse it
	// before computing if that is beyond AllocLimit, counting one element per
	// bit, so that 10**10**10 is a MemoryError rather than a hang.
	n, ok := y.Int64()
	xbits := int64(x.bigInt().BitLen())
	if !ok || n >= int64(AllocLimit) || (xbits-1)*n+1 >= int64(AllocLimit) {
		least := new(big.Int).Mul(y.bigInt(), big.NewInt(xbits-1))
		return nil, errorf(MemoryError, "int ** result of at least %s bits is too large (at most %d in one operation)", least.Add(least, big.NewInt(1)), AllocLimit)
	}
	if xs, ok := x.Int64(); ok {
		if z, ok := smallPower(xs, uint64(n)); ok {
			return MakeInt64(z), nil
		}
	}
	return MakeBigInt(new(big.Int).Exp(x.bigInt(), big.NewInt(n), nil)), nil
}

// smallPower returns x**n if it fits in an int64.
func smallPower(x int64, n uint64) (int64, bool) {
	neg := x < 0 && n&1 == 1
	base := uint64(x)
	if x < 0 {
		base = uint64(-x)
	}
	var z uint64 = 1
	for {
		if n&1 == 1 {
			hi, lo := bits.Mul64(z, base)
			if hi != 0 || lo > math.MaxInt64 {
				return 0, false
			}
			z = lo
		}
		n >>= 1
		if n == 0 {
			break
		}
		hi, lo := bits.Mul64(base, base)
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false
		}
		base = lo
	}
	if neg {
		return -int64(z), true
	}
	return int64(z), true
}

func floatPower(x, y Float) (Value, error) {
	if x == 0 && y < 0 {
		return nil, errorf(ZeroDivisionError, "0.0 cannot be raised to a negative power")
	}
	if x < 0 && !math.IsInf(float64(x), 0) && !math.IsInf(float64(y), 0) && y != Float(math.Trunc(float64(y))) {
		// Python's result is a complex number, which cells do not have.
		return nil, errorf(ValueError, "negative number cannot be raised to a fractional power")
	}
	z := math.Pow(float64(x), float64(y))
	if math.IsInf(z, 0) && !math.IsInf(float64(x), 0) && !math.IsInf(float64(y), 0) {
		return nil, errorf(OverflowError, "(34, 'Numerical result out of range')")
	}
	return Float(z), nil
}

// pow(base, exp[, mod]): base ** exp, or with mod (ints only) base**exp % mod
// computed without the big power; a negative exp takes the modular inverse.
func pow(thread *Thread, b *Builtin, args Tuple, kwargs []Tuple) (Value, error) {
	var base, exp, mod Value = nil, nil, None
	if err := UnpackArgs("pow", args, kwargs, "base", &base, "exp", &exp, "mod?", &mod); err != nil {
		return nil, err
	}
	if mod == None {
		return Binary(syntax.STARSTAR, base, exp)
	}
	x, ok1 := base.(Int)
	y, ok2 := exp.(Int)
	m, ok3 := mod.(Int)
	if !ok1 || !ok2 || !ok3 {
		return nil, errorf(TypeError, "pow() 3rd argument not allowed unless all arguments are integers")
	}
	if m.Sign() == 0 {
		return nil, errorf(ValueError, "pow() 3rd argument cannot be 0")
	}
	am := new(big.Int).Abs(m.bigInt())
	bx := new(big.Int).Mod(x.bigInt(), am) // in [0, |m|)
	by := y.bigInt()
	if by.Sign() < 0 {
		if bx.ModInverse(bx, am) == nil {
			return nil, errorf(ValueError, "base is not invertible for the given modulus")
		}
		by = new(big.Int).Neg(by)
	}
	z := new(big.Int).Exp(bx, by, am)
	if m.Sign() < 0 && z.Sign() != 0 {
		z.Add(z, m.bigInt()) // Python's result has the sign of mod
	}
	return MakeBigInt(z), nil
}

// Identical reports whether x is y, Python's identity. None, True and False
// are singletons; lists, dicts, sets, functions and other values held by
// pointer are identical if they are the same object. Values that Starlark
// holds by value have no identity of their own, so a copy cannot be told
// from the original: ints up to 64 bits, floats (by their bits, so a NaN is
// itself), strings and bytes are identical if they are equal (CPython says
// so for small ints and for interned strings, and leaves the rest to its
// implementation); a larger int is identical to the same big-number object;
// a tuple is identical to one sharing its elements' storage (t is t; two
// empty tuples, as CPython's () singleton).
func Identical(x, y Value) bool {
	switch x := x.(type) {
	case NoneType:
		return y == None
	case Bool:
		yb, ok := y.(Bool)
		return ok && x == yb
	case Int:
		yi, ok := y.(Int)
		if !ok {
			return false
		}
		xs, xok := x.Int64()
		ys, yok := yi.Int64()
		if xok || yok {
			return xok && yok && xs == ys
		}
		return x.bigInt() == yi.bigInt()
	case Float:
		yf, ok := y.(Float)
		return ok && math.Float64bits(float64(x)) == math.Float64bits(float64(yf))
	case String:
		ys, ok := y.(String)
		return ok && x == ys
	case Bytes:
		yb, ok := y.(Bytes)
		return ok && x == yb
	case Tuple:
		yt, ok := y.(Tuple)
		return ok && len(x) == len(yt) && (len(x) == 0 || &x[0] == &yt[0])
	}
	tx := reflect.TypeOf(x)
	if tx != reflect.TypeOf(y) {
		return false
	}
	if tx.Comparable() {
		return x == y // pointers, and host values compared as Go compares them
	}
	vx, vy := reflect.ValueOf(x), reflect.ValueOf(y)
	if vx.Kind() == reflect.Slice {
		return vx.Len() == vy.Len() && vx.Pointer() == vy.Pointer()
	}
	return false
}

// formatValue is an f-string's replacement field: value converted by conv
// (0: none, 1: !s, 2: !r), then formatted by spec as format(value, spec).
func formatValue(v Value, conv uint32, spec string) (Value, error) {
	switch conv {
	case 1:
		v = String(strOf(v))
	case 2:
		v = String(toString(v))
	}
	if spec == "" {
		if s, ok := v.(String); ok {
			return s, nil
		}
		return String(strOf(v)), nil
	}
	s, err := FormatValue(v, spec)
	if err != nil {
		return nil, err
	}
	return String(s), nil
}

// buildString joins an f-string's parts, each a String.
func buildString(parts []Value) (Value, error) {
	n := 0
	for _, p := range parts {
		n += len(p.(String))
	}
	if err := checkAlloc(n, "string"); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range parts {
		b.WriteString(string(p.(String)))
	}
	return String(b.String()), nil
}
