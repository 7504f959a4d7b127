// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build wasm

package starlark

// This file (pushbook fork, FORK.md) is the Int representation for
// WebAssembly. int_generic.go's two-word union makes every Int-to-Value
// conversion allocate 16 bytes, which a V8 profile of pushbook's kernel put
// at a fifth to a third of its time. int_posix64.go avoids that by
// reserving 4 GB of address space and representing int32 values as
// addresses in it. WebAssembly has no mmap, but its Go pointers are 64
// bits wide while its linear memory ends below 4 GB, so no object lives at
// or above address 1<<62: here a pointer at or above it is not a pointer
// but an immediate value, the value with its top bit flipped, for every
// int in [-1<<62, 1<<62). The garbage collector ignores pointers outside
// its heap (it finds no span for them), as it ignores int_posix64.go's.
// Larger values are a *big.Int. So a product of two int32s, such as i * i
// in a loop, allocates nothing, where a *big.Int took two allocations.
//
// get still reports only the values that fit in an int32 as small, so that
// the arithmetic that relies on it, and upstream's tests of it, see the
// same (small, big) union as on every other platform; it makes a *big.Int
// for an immediate beyond int32. The hot operations of int.go ask
// smallValue first, which reports every immediate.

import (
	"math/big"
	"unsafe"
)

// intImpl is a *big.Int or an immediate value at or above 1<<62.
type intImpl unsafe.Pointer

const (
	immediateTag = 1 << 63 // flipped in a value's two's complement to make its pointer

	// Ints in [smallIntMin, smallIntMax] are immediates (smallValue reports
	// them); smallIntBits is the bit length of smallIntMin's magnitude.
	smallIntBits = 63
	smallIntMin  = -1 << 62
	smallIntMax  = 1<<62 - 1
)

// smallValue returns the value of an immediate.
func (i Int) smallValue() (int64, bool) {
	p := uintptr(i.impl)
	return int64(p ^ immediateTag), p >= 1<<62
}

// get returns the (small, big) arms of the union: small if the value fits
// in an int32.
func (i Int) get() (int64, *big.Int) {
	if v, ok := i.smallValue(); ok {
		if v == int64(int32(v)) {
			return v, nil
		}
		return 0, big.NewInt(v)
	}
	return 0, (*big.Int)(i.impl)
}

// Precondition: smallIntMin <= x && x <= smallIntMax
func makeSmallInt(x int64) Int {
	return Int{intImpl(unsafe.Add(unsafe.Pointer(nil), uintptr(x)^immediateTag))}
}

// Precondition: x cannot be represented as an immediate.
func makeBigInt(x *big.Int) Int { return Int{intImpl(x)} }
