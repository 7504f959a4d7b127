// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build !wasm

package starlark

// Small returns i's value when i is a small int (one that fits in an
// int32 and is represented without a *big.Int), and false otherwise
// (pushbook fork, FORK.md; int_small_wasm.go is the fast one). A false
// result does not mean i is big: callers answer those ints by the general
// path.
func (i Int) Small() (int64, bool) {
	x, b := i.get()
	return x, b == nil
}
