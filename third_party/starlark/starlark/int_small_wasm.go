// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build wasm

package starlark

import "unsafe"

// Small returns i's value when i is one of the small ints that are
// represented without a *big.Int, and false otherwise. It is the fast
// path for Go code that does arithmetic on Starlark ints (pushbook fork,
// FORK.md): on WebAssembly it is one subtraction and one comparison and
// inlines into its caller, where Int64 is three calls. A false result
// does not mean i is big: callers answer those ints by the general path.
func (i Int) Small() (int64, bool) {
	if d := uintptr(i.impl) - uintptr(unsafe.Pointer(&smallintArena[0])); d < uintptr(len(smallintArena)) {
		return int64(d) - int64(smallintOffset), true
	}
	return 0, false
}
