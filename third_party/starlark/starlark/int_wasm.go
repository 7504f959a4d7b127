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
// addresses in it; WebAssembly has no mmap and a 4 GB linear memory, so
// here the reserved region is a static, zero-filled array in the program's
// data (smallintArena): a pointer into it represents a small value, and
// the garbage collector, which ignores pointers into global data, accepts
// it. Values outside the arena's range are a *big.Int, as big values are;
// get reports those that fit in an int32 as small, so arithmetic sees the
// same (small, big) union as on every other platform.

import (
	"math/big"
	"unsafe"
)

// intImpl is a *big.Int or a pointer into smallintArena.
type intImpl unsafe.Pointer

// smallintArena's addresses represent the ints in
// [-len(smallintArena)/2, len(smallintArena)/2): 4 MiB of zero bytes
// (untouched, so never paged in) for the ints within ±2,097,152.
var smallintArena [1 << 22]byte

const smallintOffset = len(smallintArena) / 2

// get returns the (small, big) arms of the union.
func (i Int) get() (int64, *big.Int) {
	base := uintptr(unsafe.Pointer(&smallintArena[0]))
	if ptr := uintptr(i.impl); ptr >= base && ptr < base+uintptr(len(smallintArena)) {
		return int64(ptr-base) - int64(smallintOffset), nil
	}
	if x := (*big.Int)(i.impl); isSmall(x) {
		return x.Int64(), nil
	} else {
		return 0, x
	}
}

// Precondition: math.MinInt32 <= x && x <= math.MaxInt32
func makeSmallInt(x int64) Int {
	if j := x + int64(smallintOffset); 0 <= j && j < int64(len(smallintArena)) {
		return Int{intImpl(unsafe.Pointer(&smallintArena[j]))}
	}
	return Int{intImpl(big.NewInt(x))}
}

// Precondition: x cannot be represented as int32.
func makeBigInt(x *big.Int) Int { return Int{intImpl(x)} }
